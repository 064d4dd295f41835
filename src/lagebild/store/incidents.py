"""Keeping incidents in the database: incremental linking of new reports, and reading incidents back.

Linking is incremental by construction: a new event is compared only with the incidents whose day
interval comes near its own (an indexed range query), so adding a few articles to a large corpus
touches a few incidents and recomputes nothing else. When an article changes, its old events leave
their incidents (which are re-summarised, or deleted when empty) before the new ones are linked.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, and_, delete, insert, or_, select, update

from lagebild.incidents.link import SLACK_DAYS, Report, choose_incident, summarise
from lagebild.store.schema import claims, events, incidents


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


def _members(conn: Connection, incident_ids: Iterable[str]) -> dict[str, list[Report]]:
    ids = list(incident_ids)
    out: dict[str, list[Report]] = defaultdict(list)
    for chunk in (ids[i : i + 500] for i in range(0, len(ids), 500)):
        rows = conn.execute(select(events.c.incident_id, events.c.record).where(events.c.incident_id.in_(chunk)))
        for incident_id, record in rows:
            out[incident_id].append(report_of(json.loads(record)))
    return out


def _candidates(conn: Connection, report: Report) -> list[str]:
    """Incidents whose day interval comes within the slack of this report's, in its country."""
    iv = report.interval()
    if iv is None:
        return []
    lo = (iv[0] - dt.timedelta(days=SLACK_DAYS)).isoformat()
    hi = (iv[1] + dt.timedelta(days=SLACK_DAYS)).isoformat()
    q = select(incidents.c.incident_id).where(and_(incidents.c.date_start <= hi, incidents.c.date_end >= lo))
    if report.country:
        q = q.where(or_(incidents.c.country == report.country, incidents.c.country.is_(None)))
    return [r for (r,) in conn.execute(q)]


def _write_summary(conn: Connection, incident_id: str, members: list[Report], *, new: bool) -> None:
    values = summarise(members) | {"updated_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    if new:
        conn.execute(insert(incidents).values(incident_id=incident_id, **values))
    else:
        conn.execute(update(incidents).where(incidents.c.incident_id == incident_id).values(**values))


def link(conn: Connection, records: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Attach each new event to the best compatible incident, or open a new one: {event_id: incident_id}."""
    out: dict[str, str] = {}
    for record in records:
        report = report_of(record)
        candidates = _members(conn, _candidates(conn, report))
        incident_id, new = choose_incident(report, candidates)
        if new:
            _write_summary(conn, incident_id, [report], new=True)
        else:
            _write_summary(conn, incident_id, [*candidates[incident_id], report], new=False)
        conn.execute(update(events).where(events.c.event_id == report.event_id).values(incident_id=incident_id))
        out[report.event_id] = incident_id
    return out


def detach_article(conn: Connection, article_id: str) -> None:
    """Take an article's events out of their incidents before they are deleted (the article changed)."""
    touched = {
        i
        for (i,) in conn.execute(select(events.c.incident_id).where(events.c.article_id == article_id))
        if i is not None
    }
    conn.execute(update(events).where(events.c.article_id == article_id).values(incident_id=None))
    members = _members(conn, touched)
    for incident_id in touched:
        if members.get(incident_id):
            _write_summary(conn, incident_id, members[incident_id], new=False)
        else:
            conn.execute(delete(incidents).where(incidents.c.incident_id == incident_id))


def link_pending(conn: Connection) -> int:
    """Link every stored event that has no incident yet (a database made before incidents existed)."""
    waiting = and_(events.c.incident_id.is_(None), events.c.review_status != "rejected")  # rejected: in none
    rows = conn.execute(select(events.c.record).where(waiting).order_by(events.c.article_id, events.c.event_id)).all()
    return len(link(conn, (json.loads(r) for (r,) in rows)))


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
