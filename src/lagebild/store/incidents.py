"""Keeping incidents in the database: incremental linking of new reports, and reading incidents back.

Linking is incremental and order-independent: the incidents are a function of the stored events
(see `cluster`), and storing an article recomputes only the incidents of the events connected to its
old and new events, found through an indexed range query on their day intervals. Adding a few
articles to a large corpus touches a few incidents; ingesting a corpus in any order, or changing an
article and changing it back, gives the same incidents with the same ids.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Select, and_, bindparam, delete, func, insert, or_, select, update

from lagebild.incidents.link import (
    SLACK_DAYS,
    Report,
    best_incident,
    compatible,
    day_interval,
    new_incident_id,
    shift_days,
    summarise,
)
from lagebild.store.schema import claims, events, incidents

# Reports the linker places: a rejected report belongs to no incident, and a report an analyst merged
# or split (`incident_pin`) to the incident pinned (both kept so by store/review_apply.py).
LINKABLE = and_(events.c.review_status != "rejected", events.c.incident_pin.is_(None))


@functools.cache
def group_roots(lang: str = "de") -> dict[str, str]:
    """Branch → parent group keys (`parent` in actors.yaml): one outlet says IS where another says ISKP."""
    from lagebild.lang import load_language

    groups = load_language(lang)["actors"]["groups"]
    return {g["key"]: g["parent"] for g in groups if g.get("key") and g.get("parent")}


def report_of(record: dict[str, Any]) -> Report:
    """The linking view of one EVENTS.md record (a group branch counts as its parent group)."""
    loc = record.get("location") or {}
    roots = group_roots()

    def side(a: dict | None) -> tuple | None:
        if not a:
            return None
        group = a.get("group")
        return (a["name"], a.get("kind"), a.get("country"), roots.get(group, group) if group else None)

    return Report(
        event_id=record["event_id"],
        article_id=record["article_id"],
        event_type=record["event_type"],
        sub_event_type=record["sub_event_type"],
        date=record.get("date"),
        time_precision=record.get("time_precision"),
        lat=loc.get("lat"),
        lon=loc.get("lon"),
        geo_precision=loc.get("geo_precision"),
        admin1=loc.get("admin1"),
        country=loc.get("country"),
        location=loc.get("name"),
        actor1=side(record.get("actor1")),
        actor2=side(record.get("actor2")),
        fatalities=record.get("fatalities"),
        sources=tuple(s["name"] for s in record.get("sources", []) if s.get("name")),
    )


# --- linking: incidents as a function of the stored events ----------------------------------------
#
# An event's incident depends only on the events it is connected to through `compatible` (its
# component): no rule lets an event outside the component change a choice inside it. Within a
# component, reports are linked greedily in one canonical order (`canonical`), so the incidents of a
# set of events are the same whatever order the articles came in. When an article is stored, the
# events whose incident could change are the components its old and its new events belong to: those
# are found through an index on each event's day interval and linked again; nothing else is touched.

WEEK = 7  # events whose interval is at most this many days are found by a narrow index range
LONGEST = 366  # the longest interval a date has (a year): the widest range to search


def canonical(report: Report) -> tuple:
    """The order reports are linked in: by article id, then by the event's place in its article.

    It is the order of storing the articles sorted by id, which the Spark job (`lagebild.spark.linking`)
    links each group in too, so both give the same incidents.
    """
    return (report.article_id, _position(report.event_id), report.event_id)


def _position(event_id: str) -> int:
    """n of an event id `article#n` (-1 for an id of another shape, which then sorts by the id)."""
    tail = event_id.rpartition("#")[2]
    return int(tail) if tail.isdigit() and len(tail) < 10 else -1


def incident_id_of(members: Iterable[Report]) -> str:
    """An incident's id: named after its first report in canonical order (`new_incident_id`), so it
    does not depend on the order of ingest and survives every edit that keeps that report first in
    the incident (a corrected date, other reports, a changed toll)."""
    return new_incident_id(min(members, key=canonical))


def day_columns(record: dict[str, Any]) -> dict[str, Any]:
    """The event's day interval for the index that finds linkable events (None when undated)."""
    iv = day_interval(record.get("date"), record.get("time_precision"))
    if iv is None:
        return {"day_start": None, "day_end": None, "span_long": 0}
    return {"day_start": iv[0].isoformat(), "day_end": iv[1].isoformat(), "span_long": int((iv[1] - iv[0]).days > WEEK)}


def _reports(rows: Iterable[tuple[str]]) -> dict[str, Report]:
    out = {}
    for (record,) in rows:
        r = report_of(json.loads(record))
        out[r.event_id] = r
    return out


def _day(value: dt.date, days: int) -> str:
    return shift_days(value, days).isoformat()


def _neighbour_query(by_country: bool) -> Select:
    """Events whose day interval meets [lo, hi], of the given sub-event types.

    Built once with bound parameters: the statement is compiled once and only the values change
    (building it per look-up took most of the time of linking).
    """
    c = events.c
    near = and_(c.span_long == 0, c.day_start >= bindparam("near_from"))
    far = and_(c.span_long == 1, c.day_start >= bindparam("far_from"))
    q = select(c.event_id, c.record).where(
        or_(near, far),
        c.day_start <= bindparam("hi"),
        c.day_end >= bindparam("lo"),
        c.sub_event_type.in_(bindparam("family", expanding=True)),
        LINKABLE,
    )
    if by_country:
        q = q.where(or_(c.country == bindparam("country"), c.country.is_(None)))
    return q


NEIGHBOURS = {True: _neighbour_query(True), False: _neighbour_query(False)}


class _Search:
    """Looking up linkable events within one transaction: each record is parsed once, and reports
    that ask the same question (one day, one country, one kind of event: a ticker's many events)
    share its answer."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.known: dict[str, Report] = {}
        self.answers: dict[tuple, list[Report]] = {}

    def near(self, report: Report) -> list[Report]:
        """Stored events of the report's family whose day interval meets its own, in its country."""
        iv = report.interval()
        if iv is None:
            return []
        key = (iv, report.family, report.country)
        found = self.answers.get(key)
        if found is None:
            params = {
                "lo": _day(iv[0], -SLACK_DAYS),
                "hi": _day(iv[1], SLACK_DAYS),
                "near_from": _day(iv[0], -SLACK_DAYS - WEEK),
                "far_from": _day(iv[0], -SLACK_DAYS - LONGEST),
                "family": sorted(report.family),
            }
            if report.country:
                params["country"] = report.country
            found = []
            for event_id, record in self.conn.execute(NEIGHBOURS[bool(report.country)], params):
                other = self.known.get(event_id)
                if other is None:
                    other = self.known[event_id] = report_of(json.loads(record))
                found.append(other)
            self.answers[key] = found
        return found


def component(conn: Connection, seeds: Iterable[Report], search: _Search | None = None) -> dict[str, Report]:
    """The seeds and every stored event connected to them by compatibility."""
    search = search or _Search(conn)
    out = {r.event_id: r for r in seeds}
    todo = list(out.values())
    while todo:
        report = todo.pop()
        for other in search.near(report):
            # an event already in the component needs no test: it is reached either way
            if other.event_id not in out and compatible(report, other):
                out[other.event_id] = other
                todo.append(other)
    return out


def cluster(reports: Iterable[Report], fixed: Iterable[list[Report]] = ()) -> list[list[Report]]:
    """The incidents of a set of reports: each report, in canonical order, joins the best incident
    all of whose reports it is compatible with (`best_incident`), or starts one.

    `fixed` are incidents already made of reports that all come before `reports` in canonical order
    (greedy linking never moves a report once placed, so they are what linking them all would give
    so far). Candidates are looked up by (country, month) of their first report and by the days every
    report of an incident allows. With no slack days, a report compatible with all of an incident's
    reports overlaps each of their intervals, so (intervals on a line that overlap pairwise share a
    day) it overlaps their common days: the look-up drops no candidate `best_incident` would take.
    Ties between candidates go to the lower incident id (`best_incident`), as in `link_reports`:
    linking a component in canonical order gives exactly what `link_reports` gives.
    """
    todo = sorted(reports, key=canonical)
    groups = [sorted(g, key=canonical) for g in fixed]
    ids = [new_incident_id(g[0]) for g in groups]  # an incident is named after its first report
    spans: list[tuple[dt.date, dt.date] | None] = []  # the days every report of a group allows
    buckets: dict[tuple[str | None, int], list[int]] = defaultdict(list)
    by_month: dict[int, list[int]] = defaultdict(list)  # every group, for reports without a country

    def register(g: int) -> None:
        founder = groups[g][0]
        span = founder.interval()
        for member in groups[g][1:]:
            span = _common(span, member.interval())
        spans.append(span)
        if (iv := founder.interval()) is not None:
            for m in range(_month(iv[0]), _month(iv[1]) + 1):
                buckets[(founder.country, m)].append(g)
                by_month[m].append(g)

    for g in range(len(groups)):
        register(g)
    for report in todo:
        iv = report.interval()
        found = None
        if iv is not None:
            lo, hi = _widen(iv)
            seen: set[int] = set()
            for m in range(_month(lo), _month(hi) + 1):
                pool = by_month[m] if report.country is None else buckets[(report.country, m)] + buckets[(None, m)]
                seen.update(g for g in pool if (span := spans[g]) and span[0] <= hi and lo <= span[1])
            # keyed by their ids, as `link_incidents` offers them: ties go to the same incident
            offered = {ids[g]: groups[g] for g in sorted(seen)}
            found = best_incident(report, offered)
        if found is not None:
            g = next(g for g in seen if ids[g] == found)
            groups[g].append(report)
            spans[g] = _common(spans[g], iv)
            continue
        groups.append([report])
        ids.append(new_incident_id(report))
        register(len(groups) - 1)
    return groups


def _widen(iv: tuple[dt.date, dt.date]) -> tuple[dt.date, dt.date]:
    return shift_days(iv[0], -SLACK_DAYS), shift_days(iv[1], SLACK_DAYS)


def _common(span: tuple[dt.date, dt.date] | None, iv: tuple[dt.date, dt.date] | None) -> tuple | None:
    """The days a group allows once a report joins it (all of the founder's, with slack days)."""
    if span is None or iv is None:
        return span
    if SLACK_DAYS:  # reports may then be days apart: keep the founder's days, which stay registered
        return span
    return max(span[0], iv[0]), min(span[1], iv[1])


def _month(day: dt.date) -> int:
    return day.year * 12 + day.month


def _write(conn: Connection, groups: list[list[Report]]) -> None:
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    for members in groups:
        incident_id = incident_id_of(members)
        conn.execute(insert(incidents).values(incident_id=incident_id, **summarise(members), updated_at=now))
        ids = [r.event_id for r in members]
        for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
            conn.execute(update(events).where(events.c.event_id.in_(chunk)).values(incident_id=incident_id))


def _current(conn: Connection, event_ids: list[str]) -> dict[str, str | None]:
    """The incident each event belongs to now (None: not linked yet)."""
    out: dict[str, str | None] = {}
    for chunk in (event_ids[i : i + 500] for i in range(0, len(event_ids), 500)):
        q = select(events.c.event_id, events.c.incident_id).where(events.c.event_id.in_(chunk))
        out.update(dict(conn.execute(q).all()))
    return out


def _incidents_of(conn: Connection, event_ids: list[str]) -> set[str]:
    out: set[str] = set()
    for chunk in (event_ids[i : i + 500] for i in range(0, len(event_ids), 500)):
        q = select(events.c.incident_id).where(events.c.event_id.in_(chunk), events.c.incident_id.is_not(None))
        out.update(i for (i,) in conn.execute(q))
    return out


def article_reports(conn: Connection, article_id: str) -> list[Report]:
    """The linking view of an article's stored events."""
    q = select(events.c.record).where(events.c.article_id == article_id)
    return list(_reports(conn.execute(q)).values())


@dataclass
class Removal:
    """What deleting an article's events does to linking, found before they are deleted."""

    removed: list[Report]  # the article's events
    others: dict[str, Report]  # every other event connected to them: their incidents may change
    lost: set[str]  # the incidents that lose a report


def affected_by_removal(conn: Connection, article_id: str) -> Removal:
    """Call before an article's events are deleted (the article changed), and hand the result to `relink`."""
    own = article_reports(conn, article_id)
    others = {k: r for k, r in component(conn, own).items() if r.article_id != article_id}
    return Removal(own, others, _incidents_of(conn, [r.event_id for r in own]))


def relink(conn: Connection, added: list[dict[str, Any]], removal: Removal | None = None) -> None:
    """Bring the incidents up to date after an article's events were added (and an earlier version's
    removed): the result is what linking every stored event in canonical order gives.

    Only the components of the added and removed events can change, and in them only from the first
    changed report on, in canonical order: the reports before it keep the incidents they have (they
    were placed before any changed report was looked at). Incidents whose reports stay the same are
    not written again.
    """
    new = [report_of(r) for r in added]
    changed = new + (removal.removed if removal else [])
    if not changed:
        return
    redo = dict(removal.others) if removal else {}
    redo.update(component(conn, new))
    current = _current(conn, list(redo))
    pivot = min(canonical(r) for r in changed)
    fixed: dict[str, list[Report]] = defaultdict(list)
    rest: list[Report] = []
    for r in redo.values():
        incident_id = current.get(r.event_id)
        if incident_id is not None and canonical(r) < pivot:
            fixed[incident_id].append(r)
        else:
            rest.append(r)
    groups = cluster(rest, fixed.values())
    before: dict[str, set[str]] = defaultdict(set)
    for event_id, incident_id in current.items():
        if incident_id is not None:
            before[incident_id].add(event_id)
    lost = removal.lost if removal else set()
    kept = set()
    write = []
    for members in groups:
        incident_id = incident_id_of(members)
        if incident_id not in lost and before.get(incident_id) == {r.event_id for r in members}:
            kept.add(incident_id)
        else:
            write.append(members)
    gone = sorted((set(before) | lost) - kept)
    for chunk in (gone[i : i + 500] for i in range(0, len(gone), 500)):
        conn.execute(delete(incidents).where(incidents.c.incident_id.in_(chunk)))
    _write(conn, write)


def link(conn: Connection, records: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Link newly stored events (and every event connected to them): {event_id: incident_id} of theirs."""
    recs = list(records)
    relink(conn, recs)
    return {k: v for k, v in _current(conn, [r["event_id"] for r in recs]).items() if v is not None}


def relink_all(conn: Connection) -> int:
    """Link every stored event from scratch (a database made before incidents were order-independent)."""
    conn.execute(update(events).where(LINKABLE).values(incident_id=None))
    pinned = select(events.c.incident_pin).where(events.c.incident_pin.is_not(None))
    conn.execute(delete(incidents).where(incidents.c.incident_id.not_in(pinned)))
    groups = cluster(_reports(conn.execute(select(events.c.record).where(LINKABLE))).values())
    _write(conn, groups)
    return len(groups)


def link_pending(conn: Connection) -> int:
    """Link every stored event that has no incident yet (a database made before incidents existed,
    or one whose incidents migration 0005 dropped to link them again without regard to order).
    Rejected and pinned reports are not the linker's (store/review_apply.py places them)."""
    pending = conn.execute(select(events.c.record).where(events.c.incident_id.is_(None), LINKABLE)).all()
    if not pending:
        return 0
    if len(pending) == conn.execute(select(func.count()).select_from(events).where(LINKABLE)).scalar_one():
        relink_all(conn)  # all of them: one pass, without looking for neighbours
    else:
        link(conn, (json.loads(r) for (r,) in pending))
    return len(pending)


# --- reading -----------------------------------------------------------------------------------------


def contradictions(claim_rows: list[dict[str, Any]], members: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The figures on which the reports of one happening disagree, with who gives which value.

    A dispute is between reports (each article's event), never inside one: an article that gives
    "mindestens sieben Soldaten" and "mehr als 40 Terroristen" names two figures of different people,
    and its event already keeps the lowest toll. So each report contributes one value per kind: its
    own death toll for `fatalities`, and the lowest figure it gives for any other kind (injured,
    displaced, ...). Background events are no figures.
    """
    per_report: dict[str, dict[str, tuple[float, str]]] = defaultdict(dict)  # kind → event_id → (value, source)
    for m in members:
        if m.get("fatalities") is not None:
            names = "; ".join(s["name"] for s in m.get("sources", []) if s.get("name")) or None
            per_report["fatalities"][m["event_id"]] = (m["fatalities"], names)
    for c in claim_rows:
        kind, value = c["kind"], c["value"]
        if value is None or kind in ("fatalities", "background_event") or not c.get("event_id"):
            continue
        held = per_report[kind].get(c["event_id"])
        if held is None or value < held[0]:
            per_report[kind][c["event_id"]] = (value, c["source"])
    article_of = {m["event_id"]: m["article_id"] for m in members}
    out = []
    for kind, reports in per_report.items():
        by_value: dict[float, list[tuple[str, str | None]]] = defaultdict(list)
        for event_id, (value, source) in reports.items():
            by_value[value].append((article_of.get(event_id, event_id.split("#")[0]), source))
        if len(by_value) > 1:
            out.append(
                {
                    "kind": kind,
                    "values": [
                        {
                            "value": v,
                            "sources": sorted({s for _, s in given}, key=lambda s: (s is None, s or "")),
                            "article_ids": sorted({a for a, _ in given}),
                        }
                        for v, given in sorted(by_value.items())
                    ],
                    "spread": [min(by_value), max(by_value)],
                }
            )
    return out


def incident_dicts(conn: Connection, rows: list[Any], *, with_events: bool = False) -> list[dict[str, Any]]:
    """Incident rows as API/CLI dicts with their reports, claims and contradictions."""
    ids = [r.incident_id for r in rows]
    recs: dict[str, list[dict]] = defaultdict(list)
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        q = select(events.c.incident_id, events.c.record).where(events.c.incident_id.in_(chunk))
        for incident_id, record in conn.execute(q.order_by(events.c.article_id, events.c.event_id)):
            recs[incident_id].append(json.loads(record))
    claim_rows: dict[str, list[dict]] = defaultdict(list)
    event_to_incident = {r["event_id"]: i for i, rs in recs.items() for r in rs}
    keys = list(event_to_incident)
    for chunk in (keys[i : i + 500] for i in range(0, len(keys), 500)):
        for c in conn.execute(select(claims).where(claims.c.event_id.in_(chunk))).mappings():
            claim_rows[event_to_incident[c["event_id"]]].append(_claim_dict(c))
    out = []
    for r in rows:
        members = recs.get(r.incident_id, [])
        cl = claim_rows.get(r.incident_id, [])
        item = {
            "incident_id": r.incident_id,
            "article_ids": sorted({m["article_id"] for m in members}),
            "event_ids": [m["event_id"] for m in members],
            "event_type": r.event_type,
            "sub_event_type": r.sub_event_type,
            "date": r.date,
            "time_precision": r.time_precision,
            "location": {
                "name": r.location,
                "lat": r.lat,
                "lon": r.lon,
                "country": r.country,
                "admin1": r.admin1,
                "geo_precision": r.geo_precision,
            },
            "actor1": r.actor1,
            "actor2": r.actor2,
            "fatalities": r.fatalities,
            "fatalities_max": r.fatalities_max,
            "n_reports": r.n_reports,
            "sources": [s for s in (r.sources or "").split(" | ") if s],
            "claims": cl,
            "contradictions": contradictions(cl, members),
            "updated_at": r.updated_at,
        }
        if with_events:
            item["events"] = members
        out.append(item)
    return out


def _claim_dict(c: Any) -> dict[str, Any]:
    keys = ("article_id", "event_id", "kind", "value", "text", "source", "start", "end", "date", "place", "actor")
    return {k: c[k] for k in keys}


TERRITORY = {"Government regains territory", "Non-state actor overtakes territory", "Non-violent transfer of territory"}


def control_timeline(incident_list: list[dict[str, Any]], claim_list: list[dict[str, Any]]) -> dict[str, list[dict]]:
    """Per place, who took it from whom and who was said to hold it, in date order, with sources.

    Changes come from incidents (one per happening, however many outlets reported it); statements
    of control ("kontrolliert noch 40 Prozent") come from claims.
    """
    out: dict[str, list[dict]] = defaultdict(list)
    for inc in incident_list:
        if inc["sub_event_type"] not in TERRITORY or not inc["location"]["name"]:
            continue
        out[inc["location"]["name"]].append(
            {
                "date": inc["date"],
                "what": "taken",
                "holder": inc["actor1"],
                "from": inc["actor2"],
                "share": None,
                "sources": inc["sources"],
                "incident_id": inc["incident_id"],
                "article_ids": inc["article_ids"],
            }
        )
    for c in claim_list:
        if c["kind"] not in ("control", "control_lost") or not c["place"]:
            continue
        out[c["place"]].append(
            {
                "date": c["date"] or c.get("article_date"),
                "what": "holds" if c["kind"] == "control" else "lost",
                "holder": c["actor"],
                "from": None,
                "share": c["value"],
                "sources": [c["source"]] if c["source"] else [],
                "text": c["text"],
                "article_ids": [c["article_id"]],
            }
        )
    return {place: sorted(items, key=lambda x: x["date"] or "") for place, items in sorted(out.items())}
