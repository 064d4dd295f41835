"""The review desk in the store: analysts' decisions as an append-only log, and the state they give.

Every decision is one row of `reviews` (who, when, the fields before and after, the reason), and rows
are never changed or deleted. The state of an event is derived (`review_apply.derive`): the
extractor's record with its reviews applied in order. It is materialised in the events table (the
record, its filter columns and `review_status`), so reading, filtering and exporting cost what they
cost before; `review_apply` also keeps reviews over re-ingest and incidents in line with them.

Every write takes the store's writer lock (BEGIN IMMEDIATE on SQLite, the advisory lock on
PostgreSQL), so concurrent reviewers are serialised and no decision is lost; a reviewer who names the
state they saw (`expect`) gets a Conflict instead of overwriting a newer decision unseen.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, and_, func, insert, select, update

from lagebild.store.db import EventFilter, Store, _event_row, _storable, conditions
from lagebild.store.review_apply import (
    FIELDS,
    SYSTEM,
    _append,
    _evidence,
    _incident_of,
    _left_incident,
    _new_subject,
    _row,
    _rows_where,
    _write_event,
    anchor_of,
    apply,
    derive,
    enforce,
    link_new,
    now,
    resummarise,
    status_of,
)
from lagebild.store.review_state import STATUSES, with_defaults
from lagebild.store.schema import articles, events, incidents, reviews, sentences

REASONS = ("not_event", "background", "duplicate", "wrong_article")
EVENT_ACTIONS = ("confirm", "reject", "restore", "correct")
UNSET = object()
__all__ = ["FIELDS", "REASONS", "SYSTEM", "Conflict", "NotFound", "ReviewDesk", "ReviewError", "derive"]


class ReviewError(ValueError):
    """A decision that cannot be taken as asked (the message says why)."""


class NotFound(ReviewError):
    """No such event, incident or article."""


class Conflict(ReviewError):
    """The event changed since the reviewer loaded it; `current` is its state now."""

    def __init__(self, message: str, current: dict[str, Any]) -> None:
        super().__init__(message)
        self.current = current


# --- the desk ------------------------------------------------------------------------------------------


class ReviewDesk:
    """Review actions on one store: each one transaction under the writer lock, each one review row."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @contextmanager
    def _tx(self) -> Iterator[Connection]:
        with self.store.engine.begin() as conn:
            self.store._write_lock(conn)
            yield conn

    def _rows(self, conn: Connection, subject: str | None) -> list[dict[str, Any]]:
        if subject is None:
            return []
        return _rows_where(conn, reviews.c.subject == subject)

    def _event(self, conn: Connection, event_id: str) -> Any:
        row = conn.execute(
            select(
                events.c.record, events.c.article_id, events.c.incident_id, events.c.review_key,
                events.c.review_status, events.c.incident_pin,
            ).where(events.c.event_id == event_id)
        ).first()  # fmt: skip
        if row is None:
            raise NotFound(f"no event {event_id!r}")
        return row

    # --- one event -------------------------------------------------------------------------------------
    def review(
        self,
        event_id: str,
        action: str,
        reviewer: str,
        *,
        reason: str | None = None,
        changes: dict[str, Any] | None = None,
        expect: Any = UNSET,
    ) -> dict[str, Any]:
        """Confirm, reject (with a reason of REASONS), restore (undo a rejection) or correct (`changes`:
        field → value, already checked by `lagebild.review.fields`) one event; returns its new state.

        `expect`: the `reviewed_at` the reviewer saw (None: unreviewed); a newer state raises Conflict.
        """
        if action not in EVENT_ACTIONS:
            raise ReviewError(f"unknown action {action!r}: use {', '.join(EVENT_ACTIONS)}")
        reviewer = _reviewer(reviewer)
        if action == "reject" and reason not in REASONS:
            raise ReviewError(f"a rejection needs a reason: one of {', '.join(REASONS)}")
        if action == "correct":
            unknown = sorted(set(changes or {}) - set(FIELDS))
            if not changes or unknown:
                extra = f", not {', '.join(unknown)}" if unknown else ""
                raise ReviewError(f"a correction changes some of {', '.join(FIELDS)}{extra}")
        with self._tx() as conn:
            row = self._event(conn, event_id)
            record = with_defaults(json.loads(row.record))
            if expect is not UNSET and record.get("reviewed_at") != expect:
                who = record.get("reviewed_by") or "someone"
                raise Conflict(
                    f"event {event_id} was reviewed by {who} at {record.get('reviewed_at')} since you loaded it",
                    record | {"incident_id": row.incident_id},
                )
            if action == "restore" and row.review_status != "rejected":
                raise ReviewError(f"event {event_id} is not rejected")
            subject = row.review_key or _new_subject()
            if action == "correct":
                before = {k: record.get(k) for k in changes}
                after = dict(changes)
            else:
                before, after = {"review_status": row.review_status}, {}
            at = now()
            entry = {"action": action, "after": after, "reviewer": reviewer, "reviewed_at": at}
            _append(
                conn, subject=subject, event_id=event_id, article_id=row.article_id, incident_id=row.incident_id,
                action=action, reason=reason, before=before, after=after or None,
                anchor=None if row.review_key else anchor_of(record), reviewer=reviewer, reviewed_at=at,
            )  # fmt: skip
            earlier = self._rows(conn, row.review_key)
            status, by, at, pin = status_of([*earlier, entry])
            new = apply(record, [entry]) | {"review_status": status, "reviewed_by": by, "reviewed_at": at}
            _write_event(conn, new, status, subject, row.incident_pin)
            incident_id = row.incident_id
            if status == "rejected" and incident_id:
                conn.execute(update(events).where(events.c.event_id == event_id).values(incident_id=None))
                resummarise(conn, {incident_id})
                incident_id = None
            elif row.review_status == "rejected" and status != "rejected":  # back in: it needs an incident
                left = _left_incident(earlier)
                if row.incident_pin:
                    enforce(conn)
                elif left:  # back into the incident it left (made again if it had no other report)
                    conn.execute(update(events).where(events.c.event_id == event_id).values(incident_id=left))
                    resummarise(conn, {left})
                else:
                    link_new(conn, [new])
                incident_id = _incident_of(conn, event_id)
            elif action == "correct" and incident_id:
                resummarise(conn, {incident_id})
        return new | {"incident_id": incident_id}

    def add(
        self,
        article_id: str,
        fields: dict[str, Any],
        selection: tuple[int, int],
        reviewer: str,
    ) -> dict[str, Any]:
        """An event the extractor missed, read from the sentence(s) the analyst selected in the article.

        The evidence is the stored sentences the selection touches (the selection itself when the
        article has none stored); `fields` are checked by `lagebild.review.fields`.
        """
        reviewer = _reviewer(reviewer)
        if not fields.get("event_type") or not fields.get("sub_event_type"):
            raise ReviewError("an added event needs its event_type and sub_event_type")
        with self._tx() as conn:
            art = conn.execute(select(articles.c.text, articles.c.date).where(articles.c.id == article_id)).first()
            if art is None:
                raise NotFound(f"no article {article_id!r}")
            start, end = selection
            if not (0 <= start < end <= len(art.text)):
                raise ReviewError(f"selection {start}-{end} is outside the article ({len(art.text)} characters)")
            spans = _sentence_spans(conn, article_id, start, end)
            subject = _new_subject()
            record = {
                "event_id": f"{article_id}#a{subject[1:9]}",
                "article_id": article_id,
                "date": fields.get("date"),
                "time_precision": fields.get("time_precision"),
                "event_type": fields["event_type"],
                "sub_event_type": fields["sub_event_type"],
                "actor1": fields.get("actor1"),
                "assoc_actor_1": fields.get("assoc_actor_1") or [],
                "actor2": fields.get("actor2"),
                "assoc_actor_2": fields.get("assoc_actor_2") or [],
                "location": fields.get("location"),
                "fatalities": fields.get("fatalities"),
                "sources": fields.get("sources") or [],
                "evidence": _evidence(article_id, art.text, spans),
                "notes": fields.get("notes") or _note(art.text, spans),
                "trigger": None,
            }
            at = now()
            after = {k: v for k, v in record.items() if k != "evidence"}
            _append(
                conn, subject=subject, event_id=record["event_id"], article_id=article_id, action="add",
                after=after, anchor=anchor_of(record), reviewer=reviewer, reviewed_at=at,
            )  # fmt: skip
            state = derive(None, [{"action": "add", "after": after, "reviewer": reviewer, "reviewed_at": at}])
            new = state.record | {"evidence": record["evidence"]}
            conn.execute(insert(events).values(**_storable(_event_row(new))))
            _write_event(conn, new, state.status, subject, None)
            link_new(conn, [new])
            incident_id = _incident_of(conn, new["event_id"])
        return new | {"incident_id": incident_id}

    # --- incidents --------------------------------------------------------------------------------------
    def _pin(self, conn: Connection, rows: list[Any], action: str, target: str, reviewer: str, at: str) -> None:
        for r in rows:
            record = json.loads(r.record)
            subject = r.review_key or _new_subject()
            _append(
                conn, subject=subject, event_id=r.event_id, article_id=r.article_id, incident_id=r.incident_id,
                action=action, before={"incident_id": r.incident_id}, after={"incident_pin": target},
                anchor=None if r.review_key else anchor_of(record), reviewer=reviewer, reviewed_at=at,
            )  # fmt: skip
            conn.execute(
                update(events)
                .where(events.c.event_id == r.event_id)
                .values(review_key=subject, incident_pin=target, incident_id=target)
            )

    def _members(self, conn: Connection, incident_ids: list[str]) -> list[Any]:
        cols = (events.c.event_id, events.c.article_id, events.c.incident_id, events.c.record, events.c.review_key)
        q = select(*cols).where(events.c.incident_id.in_(incident_ids)).order_by(events.c.event_id)
        return conn.execute(q).all()

    def merge(self, incident_ids: list[str], reviewer: str) -> str:
        """The incidents are one happening: all their reports go into one new incident, pinned there.

        Pinned incidents get ids of their own (`inc-m…`, `inc-s…`): automatic linking names an
        incident after its first report, and a re-ingested article may number its events anew.
        """
        reviewer = _reviewer(reviewer)
        ids = list(dict.fromkeys(incident_ids))
        if len(ids) < 2:
            raise ReviewError("a merge needs two incidents or more")
        with self._tx() as conn:
            q = select(incidents.c.incident_id).where(incidents.c.incident_id.in_(ids))
            found = {i for (i,) in conn.execute(q)}
            if missing := [i for i in ids if i not in found]:
                raise NotFound(f"no incident {missing[0]!r}")
            members = self._members(conn, ids)
            at = now()
            target = _pinned_id("m", [m.event_id for m in members], at)
            self._pin(conn, members, "merge", target, reviewer, at)
            resummarise(conn, {*ids, target})
        return target

    def split(self, incident_id: str, event_ids: list[str], reviewer: str) -> dict[str, str]:
        """These reports are another happening: they leave the incident for a new one, and the reports
        that stay are pinned to one as well (so automatic linking does not join the two again).
        Returns both ids: {"split": the reports named, "rest": the others}."""
        reviewer = _reviewer(reviewer)
        with self._tx() as conn:
            members = self._members(conn, [incident_id])
            if not members:
                raise NotFound(f"no incident {incident_id!r}")
            ids = {m.event_id for m in members}
            chosen = set(event_ids)
            if stray := sorted(chosen - ids):
                raise ReviewError(f"event {stray[0]!r} is not a report of incident {incident_id}")
            if not chosen or chosen == ids:
                raise ReviewError("a split moves some of the incident's reports, not none or all")
            at = now()
            out = {"split": _pinned_id("s", sorted(chosen), at), "rest": _pinned_id("s", sorted(ids - chosen), at)}
            self._pin(conn, [m for m in members if m.event_id in chosen], "split", out["split"], reviewer, at)
            self._pin(conn, [m for m in members if m.event_id not in chosen], "split", out["rest"], reviewer, at)
            resummarise(conn, {incident_id, *out.values()})
        return out

    # --- orphans ----------------------------------------------------------------------------------------
    def attach(self, subject: str, event_id: str, reviewer: str) -> dict[str, Any]:
        """Re-attach an orphaned subject's reviews to an event of the same article by hand."""
        reviewer = _reviewer(reviewer)
        with self._tx() as conn:
            rows = _rows_where(conn, reviews.c.subject == subject)
            if not rows:
                raise NotFound(f"no reviews with subject {subject!r}")
            row = self._event(conn, event_id)
            if row.article_id != rows[0]["article_id"]:
                raise ReviewError(f"event {event_id} is not of article {rows[0]['article_id']}")
            if row.review_key:
                raise ReviewError(f"event {event_id} has reviews of its own; review it directly")
            record = json.loads(row.record)
            _append(
                conn, subject=subject, event_id=event_id, article_id=row.article_id, incident_id=row.incident_id,
                action="reattach", before={"event_id": rows[-1]["event_id"]}, after={"event_id": event_id},
                anchor=anchor_of(record), reviewer=reviewer,
            )  # fmt: skip
            state = derive(record, [r for r in rows if r["action"] not in ("reattach", "orphan", "dismiss")])
            _write_event(conn, state.record, state.status, subject, state.pin)
            enforce(conn)
            if row.incident_id and state.status != "rejected":
                resummarise(conn, {row.incident_id})
            incident_id = _incident_of(conn, event_id)
        return state.record | {"incident_id": incident_id}

    def dismiss(self, subject: str, reviewer: str) -> None:
        """An orphan looked at and let go: it leaves the orphan list (its reviews stay in the log)."""
        reviewer = _reviewer(reviewer)
        with self._tx() as conn:
            last = conn.execute(
                select(reviews).where(reviews.c.subject == subject).order_by(reviews.c.id.desc()).limit(1)
            ).first()
            if last is None:
                raise NotFound(f"no reviews with subject {subject!r}")
            _append(
                conn, subject=subject, event_id=last.event_id, article_id=last.article_id, action="dismiss",
                reviewer=reviewer,
            )  # fmt: skip

    def orphans(self) -> list[dict[str, Any]]:
        """Reviewed events that no stored event carries any more, with their reviews, for a second look."""
        with self.store.engine.connect() as conn:
            attached = select(events.c.review_key).where(events.c.review_key.is_not(None))
            rows = [
                _row(r)
                for r in conn.execute(
                    select(reviews).where(reviews.c.subject.not_in(attached)).order_by(reviews.c.subject, reviews.c.id)
                )
            ]
        out: dict[str, list[dict]] = defaultdict(list)
        for r in rows:
            out[r["subject"]].append(r)
        return [
            {
                "subject": s,
                "article_id": rs[0]["article_id"],
                "event_id": rs[-1]["event_id"],
                "state": derive(None, [r for r in rs if r["action"] in ("add",)]).record,
                "anchor": next((r["anchor"] for r in reversed(rs) if r["anchor"]), None),
                "reviews": rs,
            }
            for s, rs in out.items()
            if rs[-1]["action"] != "dismiss"
        ]

    # --- reading ----------------------------------------------------------------------------------------
    def history(self, event_id: str) -> list[dict[str, Any]]:
        """Every review row of an event (of its subject, across re-ingests), oldest first."""
        with self.store.engine.connect() as conn:
            key = conn.execute(select(events.c.review_key).where(events.c.event_id == event_id)).scalar()
            cond = reviews.c.subject == key if key else reviews.c.event_id == event_id
            return _rows_where(conn, cond)

    def log(self, *, article_id: str | None = None, reviewer: str | None = None, limit: int | None = None) -> list:
        """Review rows, newest first."""
        q = select(reviews).order_by(reviews.c.id.desc())
        if article_id:
            q = q.where(reviews.c.article_id == article_id)
        if reviewer:
            q = q.where(reviews.c.reviewer == reviewer)
        if limit:
            q = q.limit(limit)
        with self.store.engine.connect() as conn:
            return [_row(r) for r in conn.execute(q)]

    def next_unreviewed(self, f: EventFilter | None = None, skip: list[str] | None = None) -> dict[str, Any] | None:
        """The first unreviewed event (undated first, then by date and id) that the filter selects,
        leaving out `skip`. Undated and dated events are asked for apart, so both backends walk the
        (review_status, date, event_id) index in its own order instead of sorting every match."""
        f = EventFilter(**{**(f or EventFilter()).__dict__, "review": ("unreviewed",), "limit": None, "offset": 0})
        conds = conditions(events, f, self.store.engine.dialect.name)
        if skip:
            conds.append(events.c.event_id.not_in(skip))
        q = select(events.c.record, events.c.incident_id).order_by(events.c.date, events.c.event_id).limit(1)
        with self.store.engine.connect() as conn:
            for dated in (events.c.date.is_(None), events.c.date.is_not(None)):
                row = conn.execute(q.where(and_(*conds, dated))).first()
                if row is not None:
                    return json.loads(row[0]) | {"incident_id": row[1]}
        return None

    def counts(self, f: EventFilter | None = None) -> dict[str, int]:
        """Reports per review status (rejected included) among those the filter selects."""
        f = EventFilter(**{**(f or EventFilter()).__dict__, "review": STATUSES, "limit": None, "offset": 0})
        conds = conditions(events, f, self.store.engine.dialect.name)
        # with filters, grouped by an expression: the planner then takes the index that serves the filters,
        # not the status index for the grouping (a country's count: 5 ms instead of 180 on 100,000 events)
        status = func.lower(events.c.review_status) if conds else events.c.review_status
        q = select(status, func.count()).group_by(status)
        if conds:
            q = q.where(and_(*conds))
        with self.store.engine.connect() as conn:
            found = dict(conn.execute(q).all())
        return {s: found.get(s, 0) for s in STATUSES}


def _reviewer(name: str | None) -> str:
    name = (name or "").strip()
    if not name:
        raise ReviewError("who reviews? give a reviewer name")
    if len(name) > 100:
        raise ReviewError("a reviewer name has at most 100 characters")
    if name == SYSTEM:
        raise ReviewError(f"{SYSTEM!r} is the name lagebild signs its own rows with: choose another")
    return name


def _pinned_id(kind: str, event_ids: list[str], at: str) -> str:
    return f"inc-{kind}" + hashlib.sha1((" ".join(event_ids) + " " + at).encode("utf-8")).hexdigest()[:11]


def _sentence_spans(conn: Connection, article_id: str, start: int, end: int) -> list[tuple[int, int]]:
    """The stored sentences a selection touches, merged into one span; the selection when none is stored."""
    rows = conn.execute(
        select(sentences.c.start, sentences.c.end).where(
            and_(sentences.c.article_id == article_id, sentences.c.start < end, sentences.c.end > start)
        )
    ).all()
    if not rows:
        return [(start, end)]
    return [(min(s for s, _ in rows), max(e for _, e in rows))]


def _note(text: str, spans: list[tuple[int, int]]) -> str:
    first = text[spans[0][0] : spans[0][1]].strip()
    return first if len(first) <= 240 else first[:237].rsplit(" ", 1)[0] + " …"
