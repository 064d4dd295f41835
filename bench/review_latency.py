"""Latency of each review action on a large database: p50/p95 per kind of request, in milliseconds.

    python bench/review_latency.py [--events 100000] [--requests 40] [--url SQLALCHEMY_URL]

Fills a database with synthetic events as bench/api_latency.py does (100,000 by default; a temporary
SQLite file, or the empty database `--url` names), then sends each kind of review request through
the app in process (FastAPI's TestClient, as the page sends them: same origin, a reviewer's session)
and prints a table (the counts per status the review tab shows are listed apart: no action waits
for them): confirm, reject, restore, correct a field, correct the place, add an event from a
selection, merge two incidents, split one, the next unreviewed event, and the
look-ups of the correction form (places by name, places near a map click, actors).
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sqlalchemy import select  # noqa: E402

from api_latency import PLACES, fill  # noqa: E402 - the same synthetic corpus
from lagebild.store import Store  # noqa: E402
from lagebild.store.schema import events  # noqa: E402

LOCAL = "http://127.0.0.1"  # the app answers only to the names it is served under
ORIGIN = {"Origin": LOCAL}
ACTOR_WORDS = ["hisb", "islam", "forces of", "hamas"]


def requests(client, rng: random.Random, pool: list[tuple[str, str]]) -> dict[str, Callable[[], object]]:
    """Each kind of review request, each on events (id, incident id) of `pool` no earlier request touched."""
    rng.shuffle(pool)

    def fresh() -> tuple[str, str]:
        return pool.pop()

    def post(path: str, body: dict) -> object:
        r = client.post(path, json=body, headers=ORIGIN)
        if r.status_code != 200:
            raise RuntimeError(f"{path}: HTTP {r.status_code} {r.text[:200]}")
        return r.json()

    def event(eid: str, body: dict) -> object:
        return post(f"/api/review/events/{quote(eid, safe='')}", body)

    rejected: list[str] = []

    def reject() -> object:
        eid = fresh()[0]
        rejected.append(eid)
        return event(eid, {"action": "reject", "reason": "duplicate"})

    merged: list[tuple[str, str]] = []

    def merge() -> object:
        (a, ia), (_, ib) = fresh(), fresh()
        out = post("/api/review/merge", {"incident_ids": [ia, ib]})
        merged.append((out["incident_id"], a))
        return out

    def split() -> object:
        incident_id, eid = merged.pop()
        return post(f"/api/review/split/{incident_id}", {"event_ids": [eid]})

    place = rng.choice(PLACES)
    location = {"name": place[0], "lat": place[3], "lon": place[4], "admin1": place[1], "country": place[2]}
    toll = {"fatalities": 3, "date": "2023-05-02"}
    added = {"start": 0, "end": 40, "fields": {"sub_event_type": "Attack"}}
    near = {"lat": 35.5, "lon": 38.5}
    return {
        "confirm": lambda: event(fresh()[0], {"action": "confirm", "expect": None}),
        "reject": reject,
        "restore": lambda: event(rejected.pop(), {"action": "restore"}),
        "correct toll and date": lambda: event(fresh()[0], {"action": "correct", "changes": toll}),
        "correct place (map pick)": lambda: event(fresh()[0], {"action": "correct", "changes": {"location": location}}),
        "add from a selection": lambda: post(f"/api/review/articles/{fresh()[0].split('#')[0]}", added),
        "merge two incidents": merge,
        "split one off": split,
        "next unreviewed": lambda: client.get("/api/review/next").json(),
        "next unreviewed (country)": lambda: client.get("/api/review/next", params={"country": place[2]}).json(),
        "counts (review tab)": lambda: client.get("/api/review/counts").json(),
        "counts (review tab, country)": lambda: client.get("/api/review/counts", params={"country": place[2]}).json(),
        "places by name": lambda: client.get("/api/review/places", params={"q": rng.choice(PLACES)[0]}).json(),
        "places near a click": lambda: client.get("/api/review/near", params=near).json(),
        "actors": lambda: client.get("/api/review/actors", params={"q": rng.choice(ACTOR_WORDS)}).json(),
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=100_000)
    ap.add_argument("--requests", type=int, default=40, help="requests per kind")
    ap.add_argument("--url", help="an empty database to fill instead, e.g. postgresql+psycopg://…")
    args = ap.parse_args()

    from fastapi.testclient import TestClient

    from lagebild.web.app import create_app

    tmp = tempfile.TemporaryDirectory()
    url = args.url or f"sqlite:///{Path(tmp.name) / 'bench.db'}"
    t0 = time.perf_counter()
    store = Store(url)
    fill(store, args.events)
    counts = store.counts()
    print(f"filled {store.location}: {counts['events']} events in {time.perf_counter() - t0:.1f} s", file=sys.stderr)
    client = TestClient(create_app(url, upload_processes=0), base_url=LOCAL)
    client.post("/api/review/session", json={"name": "bench"}, headers=ORIGIN)
    client.get("/api/review/places", params={"q": "Aleppo"})  # warm up: the gazetteer and the actors load once
    client.get("/api/review/near", params={"lat": 36.2, "lon": 37.1})
    client.get("/api/review/actors", params={"q": "hamas"})
    rng = random.Random(3)
    with store.engine.connect() as conn:
        q = select(events.c.event_id, events.c.incident_id).where(events.c.event_id.like("%#1"))
        pool = [tuple(r) for r in conn.execute(q)]
    rows = []
    for name, call in requests(client, rng, pool).items():
        times = []
        for _ in range(args.requests):
            t = time.perf_counter()
            call()
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        p95 = times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        rows.append((name, len(times), statistics.median(times), p95, times[-1]))
    print(f"\n{'review request':28} {'n':>4} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, n, p50, p95, mx in rows:
        print(f"{name:28} {n:4d} {p50:8.1f} {p95:8.1f} {mx:8.1f}")
    worst = max(r[3] for r in rows)
    where = f"{store.engine.dialect.name}, one process, TestClient"
    print(f"\nworst p95 {worst:.1f} ms over {counts['events']} events ({where})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
