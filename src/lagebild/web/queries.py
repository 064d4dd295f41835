"""Read queries the web app needs beyond `Store`: counts for pagination, full-text filters, aggregates.

They reuse the store's filter conditions so the page, the API and the CLI agree on what a filter
means. Aggregates (timeline, places, facets) are computed in SQL over the indexed columns, so the
page stays fast on a corpus of 100,000 events; only small grouped results reach Python.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Table, and_, func, select

from lagebild.countries import country_name
from lagebild.store import Store
from lagebild.store.db import EventFilter, conditions, fts_article_ids
from lagebild.store.incidents import incident_dicts
from lagebild.store.schema import articles, events, incidents


@dataclass
class Selection:
    """One API request's filters: the store's EventFilter plus a full-text query over the articles."""

    filter: EventFilter
    q: str | None = None
    newest_first: bool = False

    def order(self, table: Table) -> tuple[Any, Any]:
        """Date order with the id as tie-breaker, oldest or newest first."""
        key = table.c.event_id if table is events else table.c.incident_id
        cols = (table.c.date, key)
        return tuple(c.desc() for c in cols) if self.newest_first else cols


# Above this many full-text matches, walking the date index and testing each row beats sorting all
# matches (a common word in 20% of 100,000 events: 60 ms against 150 ms); below it, the reverse.
BROAD_MATCH = 2000


def where(store: Store, table: Table, sel: Selection, *, broad: bool = False) -> list[ColumnElement[bool]]:
    """All conditions of a query on the events or the incidents table.

    `broad` (events only) hides the article_id index from the full-text condition (`article_id || ''`),
    so the planner walks the ordering index instead of collecting and sorting every match.
    """
    conds = conditions(table, sel.filter, store.engine.dialect.name)
    if sel.q:
        ids = fts_article_ids(store.engine.dialect.name, sel.q)
        if table is events:
            conds.append((events.c.article_id + "" if broad else events.c.article_id).in_(ids))
        else:
            conds.append(incidents.c.incident_id.in_(select(events.c.incident_id).where(events.c.article_id.in_(ids))))
    return conds


def count(store: Store, table: Table, sel: Selection) -> int:
    """How many rows match, for the X-Total-Count header."""
    conds = where(store, table, sel)
    stmt = select(func.count()).select_from(table)
    if conds:
        stmt = stmt.where(and_(*conds))
    with store.engine.connect() as conn:
        return conn.execute(stmt).scalar_one()


def event_records(store: Store, sel: Selection, total: int) -> list[dict[str, Any]]:
    """EVENTS.md records in date order, one page of them; `total` is the number of matches.

    The page's ids are chosen first from the (date, event_id) index alone, and only those rows'
    records are read: a deep offset then skips index entries, not JSON records.
    """
    f = sel.filter
    order = sel.order(events)
    ids = select(events.c.event_id).order_by(*order).limit(f.limit).offset(f.offset)
    if conds := where(store, events, sel, broad=bool(sel.q) and total > BROAD_MATCH):
        ids = ids.where(and_(*conds))
    stmt = select(events.c.record, events.c.incident_id).where(events.c.event_id.in_(ids)).order_by(*order)
    with store.engine.connect() as conn:
        return [json.loads(r) | {"incident_id": i} for r, i in conn.execute(stmt)]


def incident_page(store: Store, sel: Selection) -> list[dict[str, Any]]:
    """Incidents with claims and contradictions, in date order, one page of them."""
    f = sel.filter
    stmt = select(incidents).order_by(*sel.order(incidents))
    if conds := where(store, incidents, sel):
        stmt = stmt.where(and_(*conds))
    stmt = stmt.limit(f.limit).offset(f.offset)
    with store.engine.connect() as conn:
        return incident_dicts(conn, conn.execute(stmt).all())


POINT_COLUMNS = ("incident_id", "date", "event_type", "sub_event_type", "location", "country", "lat", "lon")


def points(store: Store, sel: Selection) -> list[dict[str, Any]]:
    """The map's compact view of incidents: position, type, date, fatalities; no claims."""
    c = incidents.c
    cols = [c[k] for k in POINT_COLUMNS] + [c.fatalities, c.n_reports]
    # Newest first: when the map cannot show every match, it shows the latest.
    stmt = select(*cols).where(c.lat.is_not(None), c.lon.is_not(None)).order_by(c.date.desc(), c.incident_id.desc())
    if conds := where(store, incidents, sel):
        stmt = stmt.where(and_(*conds))
    stmt = stmt.limit(sel.filter.limit).offset(sel.filter.offset)
    with store.engine.connect() as conn:
        return [dict(r) for r in conn.execute(stmt).mappings()]


def _day(date: str) -> dt.date | None:
    """The first day a date prefix (YYYY, YYYY-MM, YYYY-MM-DD) covers."""
    parts = date.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except (ValueError, IndexError):
        return None


def timeline(store: Store, table: Table, sel: Selection, by: str) -> list[dict[str, Any]]:
    """Counts per day or ISO week (Monday) by event type; month- or year-dated rows count on their first day."""
    c = table.c
    stmt = select(c.date, c.event_type, func.count()).where(c.date.is_not(None)).group_by(c.date, c.event_type)
    if conds := where(store, table, sel):
        stmt = stmt.where(and_(*conds))
    buckets: dict[dt.date, Counter[str]] = defaultdict(Counter)
    with store.engine.connect() as conn:
        for date, event_type, n in conn.execute(stmt):
            day = _day(date)
            if day is None:
                continue
            if by == "week":
                day -= dt.timedelta(days=day.weekday())
            buckets[day][event_type] += n
    return [
        {"start": d.isoformat(), "total": sum(cnt.values()), "counts": dict(cnt)} for d, cnt in sorted(buckets.items())
    ]


def places(store: Store, sel: Selection, limit: int, offset: int) -> list[dict[str, Any]]:
    """Places with their number of incidents and fatalities, most incidents first."""
    c = incidents.c
    n = func.count().label("incidents")
    stmt = (
        select(
            c.location,
            c.admin1,
            c.country,
            func.min(c.lat).label("lat"),
            func.min(c.lon).label("lon"),
            n,
            func.sum(c.fatalities).label("fatalities"),
        )
        .where(c.location.is_not(None))
        .group_by(c.location, c.admin1, c.country)
        .order_by(n.desc(), c.location)
        .limit(limit)
        .offset(offset)
    )
    if conds := where(store, incidents, sel):
        stmt = stmt.where(and_(*conds))
    with store.engine.connect() as conn:
        return [
            {
                "name": r.location,
                "admin1": r.admin1,
                "country": r.country,
                "lat": r.lat,
                "lon": r.lon,
                "incidents": r.incidents,
                "fatalities": r.fatalities or 0,
            }
            for r in conn.execute(stmt)
        ]


def facets(store: Store, top: int = 60) -> dict[str, list[dict[str, Any]]]:
    """The values the page's filters offer: countries, types, and the most frequent actors and sources."""
    c = incidents.c
    out: dict[str, list[dict[str, Any]]] = {}
    with store.engine.connect() as conn:
        for key, col in (("countries", c.country), ("event_types", c.event_type)):
            rows = conn.execute(select(col, func.count()).where(col.is_not(None)).group_by(col).order_by(col))
            out[key] = [{"value": v, "n": n} for v, n in rows]
        for row in out["countries"]:  # names for the page's country filter, in both of its languages
            row["name_de"], row["name_en"] = country_name(row["value"], "de"), country_name(row["value"], "en")
        actors: Counter[str] = Counter()
        for col in (c.actor1, c.actor2):
            for v, n in conn.execute(select(col, func.count()).where(col.is_not(None)).group_by(col)):
                actors[v] += n
        sources: Counter[str] = Counter()
        for v, n in conn.execute(select(c.sources, func.count()).where(c.sources.is_not(None)).group_by(c.sources)):
            for name in filter(None, (s.strip() for s in v.split(" | "))):
                sources[name] += n
    out["actors"] = [{"value": v, "n": n} for v, n in actors.most_common(top)]
    out["sources"] = [{"value": v, "n": n} for v, n in sources.most_common(top)]
    return out


class FacetCache:
    """Facets scan the whole incidents table, so they are kept while the corpus is unchanged.

    "Unchanged" is judged by the row counts of articles, events and incidents (cheap, and sent
    along as `counts`) and, for changes that keep the counts, by age: after `ttl` seconds the
    facets are computed again.
    """

    TABLES = (("articles", articles), ("events", events), ("incidents", incidents))

    def __init__(self, store: Store, ttl: float = 60.0) -> None:
        self.store = store
        self.ttl = ttl
        self._key: tuple[int, ...] | None = None
        self._at = 0.0
        self._value: dict[str, list[dict[str, Any]]] = {}

    def get(self) -> dict[str, Any]:
        """The facets and the corpus counts."""
        with self.store.engine.connect() as conn:
            key = tuple(conn.execute(select(func.count()).select_from(t)).scalar_one() for _, t in self.TABLES)
        if key != self._key or time.monotonic() - self._at > self.ttl:
            self._value = facets(self.store)
            self._key, self._at = key, time.monotonic()
        return self._value | {"counts": {name: n for (name, _), n in zip(self.TABLES, key, strict=True)}}
