"""How reviews become an event's state: derived from the extractor's record and the append-only log,
re-attached when an article is stored again, and enforced on the incidents after any linking.

An event's reviews are tied together by a `subject` key, not by the event id: an article stored again
gets new events (`article#1` may now be another event), and `reapply` finds, for each subject, the new
event that reads the same sentence (preferring the same type), re-attaches its reviews there and
applies them again. A subject that finds no event is listed as orphaned, never dropped. A rejected
report leaves its incident; a merge or split pins reports to an incident (`incident_pin`), which
`enforce` restores after any automatic linking. `store/reviews.py` takes the decisions.
"""

from __future__ import annotations

import datetime as dt
import json
import secrets
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from lagebild.incidents.link import summarise
from lagebild.store import incidents as linking
from lagebild.store.db import _event_row, _storable
from lagebild.store.schema import articles, events, incidents, reviews

FIELDS = (
    *("date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2"),
    *("assoc_actor_2", "location", "fatalities", "sources", "notes"),
)
SYSTEM = "lagebild"  # the reviewer of the rows lagebild itself writes (re-attachment, orphans)


def now() -> str:
    """UTC time to the microsecond: it also tells which state a reviewer saw (`expect`)."""
    return dt.datetime.now(dt.UTC).isoformat(timespec="microseconds")


def _new_subject() -> str:
    return "s" + secrets.token_hex(8)


def _dump(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, sort_keys=True)


def _load(value: str | None) -> Any:
    return None if value is None else json.loads(value)


def anchor_of(record: dict[str, Any]) -> dict[str, Any]:
    """What re-attachment recognises an event by: its type, date and evidence (with the text)."""
    return {
        "event_type": record.get("event_type"),
        "sub_event_type": record.get("sub_event_type"),
        "date": record.get("date"),
        "evidence": [{k: ev.get(k) for k in ("start", "end", "text")} for ev in record.get("evidence") or []],
    }


# --- deriving the state ----------------------------------------------------------------------------


@dataclass
class State:
    record: dict[str, Any] | None
    status: str
    pin: str | None


def status_of(rows: list[dict[str, Any]]) -> tuple[str, str | None, str | None, str | None]:
    """Status, last reviewer, last review time and incident pin that an event's reviews (in order) give.

    Rejected while the last reject is followed by no restore or confirm (the later decision wins);
    else corrected once any field was corrected (or the event was added); else confirmed once
    confirmed; else unreviewed. The reviewer and time are those of the last decision on the event
    itself (merges and splits decide about incidents; re-attachment rows are lagebild's own).
    """
    rejected = corrected = confirmed = False
    pin = by = at = None
    for r in rows:
        action = r["action"]
        if action in ("add", "correct"):
            corrected = True
        elif action == "confirm":
            confirmed, rejected = True, False
        elif action == "reject":
            rejected = True
        elif action == "restore":
            rejected = False
        elif action in ("merge", "split"):
            pin = (r["after"] or {}).get("incident_pin")
        if r["reviewer"] != SYSTEM and action in ("add", "correct", "confirm", "reject", "restore"):
            by, at = r["reviewer"], r["reviewed_at"]
    status = "rejected" if rejected else "corrected" if corrected else "confirmed" if confirmed else "unreviewed"
    return status, by, at, pin


def apply(record: dict[str, Any] | None, rows: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The record with the fields of the reviews' corrections (and additions) set, in order."""
    out = dict(record) if record is not None else None
    for r in rows:
        after = r["after"] or {}
        if r["action"] == "add":
            fields = {k: v for k, v in after.items() if k not in ("event_id", "article_id")}
            ids = {"event_id": after["event_id"], "article_id": after["article_id"]}
            out = fields | ids if out is None else out | fields
        elif r["action"] == "correct":
            out = (out or {}) | {k: v for k, v in after.items() if k in FIELDS}
    return out


def derive(base: dict[str, Any] | None, rows: list[dict[str, Any]]) -> State:
    """The state an event's reviews (in order) give the extractor's record (`base`; None: an analyst's own)."""
    status, by, at, pin = status_of(rows)
    record = apply(base, rows)
    if record is not None:
        record = record | {"review_status": status, "reviewed_by": by, "reviewed_at": at}
    return State(record, status, pin)


def _row(r: Any) -> dict[str, Any]:
    return {
        "id": r.id,
        "subject": r.subject,
        "event_id": r.event_id,
        "article_id": r.article_id,
        "incident_id": r.incident_id,
        "action": r.action,
        "reason": r.reason,
        "before": _load(r.before),
        "after": _load(r.after),
        "anchor": _load(r.anchor),
        "reviewer": r.reviewer,
        "db_user": r.db_user,
        "reviewed_at": r.reviewed_at,
    }


def _rows_where(conn: Connection, cond: Any) -> list[dict[str, Any]]:
    return [_row(r) for r in conn.execute(select(reviews).where(cond).order_by(reviews.c.id))]


def _left_incident(rows: list[dict[str, Any]]) -> str | None:
    """The incident a rejection took the event out of, unless its article was stored again since
    (incident ids may then name other happenings)."""
    for r in reversed(rows):
        if r["action"] == "reattach":
            return None
        if r["action"] == "reject":
            return r["incident_id"]
    return None


def _incident_of(conn: Connection, event_id: str) -> str | None:
    return conn.execute(select(events.c.incident_id).where(events.c.event_id == event_id)).scalar()


# --- writing helpers (inside a transaction) ------------------------------------------------------------


def _append(conn: Connection, **values: Any) -> None:
    for key in ("before", "after", "anchor"):
        values[key] = _dump(values.get(key))
    values.setdefault("reviewed_at", now())
    conn.execute(insert(reviews).values(**_storable(values)))


def _write_event(conn: Connection, record: dict[str, Any], status: str, subject: str | None, pin: str | None) -> None:
    row = _storable(_event_row(record)) | {"review_status": status, "review_key": subject, "incident_pin": pin}
    row.pop("event_id")
    conn.execute(update(events).where(events.c.event_id == record["event_id"]).values(**row))


def resummarise(conn: Connection, incident_ids: set[str | None]) -> None:
    """Recompute the incidents' summaries from their reports; an incident left with none is deleted."""
    for incident_id in sorted(i for i in incident_ids if i):
        found = conn.execute(select(events.c.record).where(events.c.incident_id == incident_id))
        recs = [json.loads(r) for (r,) in found]
        if not recs:
            conn.execute(delete(incidents).where(incidents.c.incident_id == incident_id))
            continue
        values = summarise([linking.report_of(r) for r in recs])
        values["updated_at"] = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
        exists = conn.execute(select(incidents.c.incident_id).where(incidents.c.incident_id == incident_id)).first()
        if exists:
            conn.execute(update(incidents).where(incidents.c.incident_id == incident_id).values(**values))
        else:
            conn.execute(insert(incidents).values(incident_id=incident_id, **values))


def link_new(conn: Connection, records: list[dict[str, Any]]) -> None:
    """Link reports that have no incident yet, as ingest links them (the linker is store/incidents.py)."""
    if records:
        linking.link(conn, records)


def enforce(conn: Connection) -> None:
    """Make the incidents say what the reviews say, after any automatic linking.

    A pinned report (an analyst's merge or split) is in its pinned incident; a rejected one is in
    none. Both look-ups use indexes and find nothing in a database nobody reviewed.
    """
    touched: set[str | None] = set()
    moved = conn.execute(
        select(events.c.event_id, events.c.incident_id, events.c.incident_pin).where(
            and_(
                events.c.incident_pin.is_not(None),
                or_(events.c.incident_id.is_(None), events.c.incident_id != events.c.incident_pin),
            )
        )
    ).all()
    for event_id, incident_id, pin in moved:
        conn.execute(update(events).where(events.c.event_id == event_id).values(incident_id=pin))
        touched |= {incident_id, pin}
    dropped = conn.execute(
        select(events.c.event_id, events.c.incident_id).where(
            and_(events.c.review_status == "rejected", events.c.incident_id.is_not(None))
        )
    ).all()
    for event_id, incident_id in dropped:
        conn.execute(update(events).where(events.c.event_id == event_id).values(incident_id=None))
        touched.add(incident_id)
    resummarise(conn, touched)


# --- re-attachment after an article is stored again ------------------------------------------------------


def _locate(anchor: dict[str, Any] | None, text: str) -> list[tuple[int, int]]:
    """The anchor's evidence spans in the article's (new) text: where they were, or where their words are now."""
    out = []
    for ev in (anchor or {}).get("evidence") or []:
        start, end, words = ev.get("start"), ev.get("end"), ev.get("text")
        if words and text[start:end] == words:
            out.append((start, end))
        elif words:
            found = [i for i in _find_all(text, words)]
            if found:
                at = min(found, key=lambda i: abs(i - (start or 0)))
                out.append((at, at + len(words)))
        elif start is not None and end is not None and 0 <= start < end <= len(text):
            out.append((start, end))
    return out


def _find_all(text: str, words: str) -> Iterator[int]:
    i = text.find(words)
    while i >= 0:
        yield i
        i = text.find(words, i + 1)


def _overlap(spans: list[tuple[int, int]], record: dict[str, Any]) -> float:
    """How much of the anchor's evidence the record's evidence covers (0 to 1)."""
    theirs = [(ev["start"], ev["end"]) for ev in record.get("evidence") or []]
    total = sum(e - s for s, e in spans) or 1
    covered = sum(max(0, min(e, te) - max(s, ts)) for s, e in spans for ts, te in theirs)
    return min(1.0, covered / total)


def _match(subjects: dict[str, dict], records: list[dict[str, Any]], text: str) -> dict[str, str]:
    """Subject → event id: each subject to the new event reading its sentence, best first, one to one."""
    scored = []
    for subject, info in subjects.items():
        spans = _locate(info["anchor"], text)
        types = {info["anchor"].get("event_type"), (info["state"] or {}).get("event_type")} - {None}
        subs = {info["anchor"].get("sub_event_type"), (info["state"] or {}).get("sub_event_type")} - {None}
        for rec in records:
            share = _overlap(spans, rec)
            if share <= 0:
                continue
            scored.append((rec["event_type"] in types, rec["sub_event_type"] in subs, share, subject, rec["event_id"]))
    scored.sort(key=lambda x: (not x[0], not x[1], -x[2], x[3], x[4]))
    out: dict[str, str] = {}
    taken: set[str] = set()
    for *_, subject, event_id in scored:
        if subject not in out and event_id not in taken:
            out[subject] = event_id
            taken.add(event_id)
    return out


def reapply(conn: Connection, article_id: str, extracted: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """After an article's new events are stored: re-attach its reviews, apply them, recreate the events
    analysts added, and list the rest as orphaned. Returns the records to link into incidents (the
    reviewed state; rejected and pinned reports are left to `enforce`)."""
    rows = _rows_where(conn, reviews.c.article_id == article_id)
    if not rows:
        return extracted
    by_subject: dict[str, list[dict]] = defaultdict(list)
    for r in rows:
        by_subject[r["subject"]].append(r)
    subjects = {}
    for subject, rs in by_subject.items():
        if rs[-1]["action"] == "dismiss":
            continue
        anchor = next((r["anchor"] for r in reversed(rs) if r["anchor"]), None)
        if anchor is None:
            continue
        subjects[subject] = {"rows": rs, "anchor": anchor, "state": derive(None, rs).record}
    text = conn.execute(select(articles.c.text).where(articles.c.id == article_id)).scalar() or ""
    matched = _match(subjects, extracted, text)
    subject_of = {event_id: subject for subject, event_id in matched.items()}
    to_link = []
    for rec in extracted:
        subject = subject_of.get(rec["event_id"])
        if subject is None:
            to_link.append(rec)
            continue
        rs = subjects[subject]["rows"]
        state = derive(rec, [r for r in rs if r["action"] not in ("reattach", "orphan")])
        _write_event(conn, state.record, state.status, subject, state.pin)
        _append(
            conn, subject=subject, event_id=rec["event_id"], article_id=article_id, action="reattach",
            before={"event_id": rs[-1]["event_id"]}, after={"event_id": rec["event_id"]},
            anchor=anchor_of(rec), reviewer=SYSTEM,
        )  # fmt: skip
        if state.status != "rejected" and state.pin is None:
            to_link.append(state.record)
    for subject, info in subjects.items():
        if subject in matched:
            continue
        rs = info["rows"]
        added = next((r for r in rs if r["action"] == "add"), None)
        spans = _locate(info["anchor"], text)
        own_id = (added or {}).get("event_id")
        exists = conn.execute(select(events.c.event_id).where(events.c.event_id == own_id)).first()
        if added is not None and spans and not exists:
            state = derive(None, [r for r in rs if r["action"] not in ("reattach", "orphan")])
            record = state.record | {"evidence": _evidence(article_id, text, spans)}
            conn.execute(insert(events).values(**_storable(_event_row(record))))
            _write_event(conn, record, state.status, subject, state.pin)
            if state.status != "rejected" and state.pin is None:
                to_link.append(record)
        elif rs[-1]["action"] != "orphan":
            _append(
                conn, subject=subject, event_id=rs[-1]["event_id"], article_id=article_id, action="orphan",
                reason="no event of the article stored again reads its sentence", reviewer=SYSTEM,
            )  # fmt: skip
    return to_link


def _evidence(article_id: str, text: str, spans: list[tuple[int, int]]) -> list[dict[str, Any]]:
    return [{"article_id": article_id, "start": s, "end": e, "text": text[s:e]} for s, e in spans]
