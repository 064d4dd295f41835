"""Latency of the web API on a large database: p50/p95 per typical call, in milliseconds.

    python bench/api_latency.py [--events 100000] [--requests 25] [--db PATH | --url SQLALCHEMY_URL]

Fills a temporary SQLite database (migrated by the Store, so the real schema and indexes) with
synthetic but contract-shaped data: articles with German text (in the full-text index), EVENTS.md
records, incidents grouping one to three reports, and toll claims. Then it sends each kind of
request `--requests` times with varied parameters through the ASGI app in process (FastAPI's
TestClient: routing, validation, queries and JSON, without network noise) and prints a table.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from sqlalchemy import insert, text

from lagebild.store import Store
from lagebild.store.schema import articles, claims, events, incidents
from lagebild.taxonomy import TAXONOMY

PLACES = [
    ("Idlib", "Idlib", "SYR", 35.93, 36.63),
    ("Aleppo", "Aleppo", "SYR", 36.20, 37.16),
    ("Deir ez-Zor", "Deir ez-Zor", "SYR", 35.34, 40.14),
    ("Mosul", "Nineveh", "IRQ", 36.34, 43.13),
    ("Kirkuk", "Kirkuk", "IRQ", 35.47, 44.39),
    ("Kharkiv", "Kharkiv", "UKR", 49.99, 36.23),
    ("Bakhmut", "Donetsk", "UKR", 48.59, 38.00),
    ("Zaporizhzhia", "Zaporizhzhia", "UKR", 47.84, 35.14),
    ("Odesa", "Odesa", "UKR", 46.48, 30.72),
    ("Khan Yunis", "Gaza Strip", "PSE", 31.34, 34.31),
    ("Jenin", "West Bank", "PSE", 32.46, 35.30),
    ("Nabatieh", "Nabatieh", "LBN", 33.38, 35.48),
    ("Gao", "Gao", "MLI", 16.27, -0.04),
    ("Maiduguri", "Borno", "NGA", 11.85, 13.16),
    ("El Fasher", "North Darfur", "SDN", 13.63, 25.35),
    ("Goma", "North Kivu", "COD", -1.67, 29.23),
    ("Mogadishu", "Banaadir", "SOM", 2.04, 45.34),
]
ACTORS = [
    ("Military Forces of Syria", "state", "SYR", None),
    ("Islamic State", "rebel", None, "IS"),
    ("Military Forces of Russia", "external", "RUS", None),
    ("Military Forces of Ukraine", "state", "UKR", None),
    ("Military Forces of Israel", "state", "ISR", None),
    ("Hamas", "rebel", None, "HAMAS"),
    ("Hezbollah", "rebel", None, "HEZBOLLAH"),
    ("Rapid Support Forces", "rebel", "SDN", None),
    ("M23", "rebel", None, None),
    ("al-Shabaab", "rebel", None, "SHABAAB"),
    ("Civilians", "civilians", None, None),
]
SOURCES = ["Syrische Beobachtungsstelle", "Generalstab in Kiew", "Gesundheitsministerium", "Augenzeugen", "Polizei"]
WORDS = [
    "Luftangriff",
    "Granaten",
    "Gefechte",
    "Drohne",
    "Rakete",
    "Markt",
    "Kaserne",
    "Konvoi",
    "Protest",
    "Festnahmen",
]
SUBTYPES = [(t, s) for t, subs in TAXONOMY.items() for s in subs]
START = dt.date(2022, 1, 1)


def actor(rng: random.Random) -> dict | None:
    if rng.random() < 0.2:
        return None
    name, kind, country, group = rng.choice(ACTORS)
    return {"name": name, "kind": kind, "country": country, "group": group}


def fill(store: Store, n_events: int, seed: int = 7) -> None:
    """Bulk-insert about n_events events (2-3 per article) with their articles, incidents and claims."""
    rng = random.Random(seed)
    now = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    arts, evs, incs, cls, fts = [], [], [], [], []
    n = a = 0
    while n < n_events:
        a += 1
        aid = f"art-{a:06d}"
        name, admin1, country, lat, lon = rng.choice(PLACES)
        day = START + dt.timedelta(days=rng.randrange(3 * 365))
        words = rng.sample(WORDS, 3)
        title = f"{words[0]} bei {name}"
        body = f"{title}\n\nBei {words[0]} und {words[1]} nahe {name} wurden am Montag Menschen getötet. " * 3
        arts.append(
            {"id": aid, "date": day.isoformat(), "title": title, "text": body, "content_hash": aid, "ingested_at": now}
        )
        fts.append({"id": aid, "title": title, "text": body})
        for k in range(rng.choice((2, 3))):
            n += 1
            etype, sub = rng.choice(SUBTYPES)
            dead = rng.choice((None, None, 0, 1, 3, 7, 12, 40))
            src = rng.sample(SOURCES, rng.choice((0, 1, 2)))
            a1, a2 = actor(rng), actor(rng)
            record = {
                "event_id": f"{aid}#{k + 1}",
                "article_id": aid,
                "date": day.isoformat(),
                "time_precision": 1,
                "event_type": etype,
                "sub_event_type": sub,
                "actor1": a1,
                "assoc_actor_1": [],
                "actor2": a2,
                "assoc_actor_2": [],
                "location": {
                    "name": name,
                    "geonames_id": None,
                    "lat": lat,
                    "lon": lon,
                    "admin1": admin1,
                    "country": country,
                    "geo_precision": 1,
                },
                "fatalities": dead,
                "sources": [{"name": s, "kind": "other", "country": None} for s in src],
                "evidence": [{"article_id": aid, "start": 0, "end": 60, "text": body[:60]}],
                "notes": title,
            }
            iid = f"inc-{n:07d}"
            evs.append(
                {
                    "event_id": record["event_id"],
                    "article_id": aid,
                    "date": record["date"],
                    "time_precision": 1,
                    "event_type": etype,
                    "sub_event_type": sub,
                    "country": country,
                    "location": name,
                    "admin1": admin1,
                    "lat": lat,
                    "lon": lon,
                    "actor1": a1 and a1["name"],
                    "actor2": a2 and a2["name"],
                    "fatalities": dead,
                    "sources": " | ".join(src),
                    "record": json.dumps(record, ensure_ascii=False),
                    "incident_id": iid,
                }
            )
            incs.append(
                {
                    "incident_id": iid,
                    "event_type": etype,
                    "sub_event_type": sub,
                    "date": record["date"],
                    "time_precision": 1,
                    "date_start": record["date"],
                    "date_end": record["date"],
                    "country": country,
                    "location": name,
                    "admin1": admin1,
                    "lat": lat,
                    "lon": lon,
                    "geo_precision": 1,
                    "actor1": a1 and a1["name"],
                    "actor2": a2 and a2["name"],
                    "fatalities": dead,
                    "fatalities_max": dead,
                    "n_reports": 1,
                    "sources": " | ".join(src),
                    "updated_at": now,
                }
            )
            if dead is not None:
                cls.append(
                    {"article_id": aid, "event_id": record["event_id"], "kind": "fatalities", "value": dead}
                    | {"text": f"{dead} Tote", "source": src[0] if src else None, "start": 0, "end": 60}
                )
    with store.engine.begin() as conn:
        conn.execute(insert(articles), arts)
        conn.execute(insert(incidents), incs)
        conn.execute(insert(events), evs)
        conn.execute(insert(claims), cls)
        if store.engine.dialect.name == "sqlite":
            conn.execute(text("INSERT INTO articles_fts (article_id, title, text) VALUES (:id, :title, :text)"), fts)
        if store.engine.dialect.name == "sqlite":
            conn.execute(text("ANALYZE"))
    if store.engine.dialect.name == "postgresql":
        # What autovacuum does after a bulk load: statistics, and the visibility map index-only scans need.
        with store.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
            conn.execute(text("VACUUM ANALYZE"))


def calls(rng: random.Random, n_incidents: int) -> dict[str, Callable[[], str]]:
    """Each kind of request the page or an API user makes, with varied parameters."""

    def window() -> str:
        d = START + dt.timedelta(days=rng.randrange(3 * 365 - 60))
        return f"since={d}&until={d + dt.timedelta(days=rng.choice((7, 30, 60)))}"

    country = lambda: rng.choice(PLACES)[2]  # noqa: E731
    etype = lambda: rng.choice(list(TAXONOMY)).replace("/", "%2F").replace(" ", "%20")  # noqa: E731
    return {
        "events (page, no filter)": lambda: f"/api/events?limit=100&offset={rng.randrange(0, 90000, 100)}",
        "events (country+type+dates)": lambda: f"/api/events?country={country()}&event_type={etype()}&{window()}",
        "events (full text q)": lambda: f"/api/events?q={rng.choice(WORDS)}&limit=100",
        "incidents (country, page)": lambda: f"/api/incidents?country={country()}&limit=50",
        "incident by id": lambda: f"/api/incidents/inc-{rng.randrange(1, n_incidents):07d}",
        "timeline (week, all)": lambda: "/api/timeline?by=week",
        "timeline (day, country)": lambda: f"/api/timeline?by=day&country={country()}",
        "points (map, dates)": lambda: f"/api/points?max=5000&{window()}",
        "search (articles)": lambda: f"/api/search?q={rng.choice(WORDS)}&limit=20",
        "places": lambda: f"/api/places?limit=100&country={country()}",
        "facets": lambda: "/api/facets",
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=25, help="requests per kind of call")
    ap.add_argument("--db", help="SQLite file to fill (default: a temporary one)")
    ap.add_argument("--url", help="an empty database to fill instead, e.g. postgresql+psycopg://…")
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from lagebild.web.app import create_app

    tmp = tempfile.TemporaryDirectory()
    path = Path(args.db or Path(tmp.name) / "bench.db")
    url = args.url or f"sqlite:///{path}"
    t0 = time.perf_counter()
    store = Store(url)
    fill(store, args.events)
    counts = store.counts()
    print(
        f"filled {store.location}: {counts['events']} events, {counts['incidents']} incidents, "
        f"{counts['articles']} articles, {counts['claims']} claims in {time.perf_counter() - t0:.1f} s",
        file=sys.stderr,
    )

    client = TestClient(create_app(url), base_url="http://127.0.0.1")  # a name the app is served under
    rng = random.Random(1)
    client.get("/api/events")  # warm up: first connection, imports
    rows = []
    for name, make in calls(rng, counts["incidents"]).items():
        times = []
        for _ in range(args.requests):
            t = time.perf_counter()
            r = client.get(make())
            times.append((time.perf_counter() - t) * 1000)
            if r.status_code != 200:
                print(f"{name}: HTTP {r.status_code} {r.text[:200]}", file=sys.stderr)
                return 1
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        rows.append((name, len(times), statistics.median(times), p95, times[-1]))
    total = sum(r[1] for r in rows)
    print(f"\n{'call':32} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, n, p50, p95, mx in rows:
        print(f"{name:32} {n:4d} {p50:8.1f} {p95:8.1f} {mx:8.1f}")
    print(f"\n{total} requests over {counts['events']} events ({store.engine.dialect.name}, one process, TestClient)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
