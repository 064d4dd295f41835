"""Store throughput on SQLite and PostgreSQL: saving extracted articles (with incident linking) and querying.

    python bench/store.py [N]      # default: every article of the shared German news corpus (about 2,000)

Extraction runs once, outside the timings; then the same documents are saved into a fresh SQLite file
and, when LAGEBILD_TEST_PG names a server, into a fresh PostgreSQL database there (dropped at the end).
Prints articles/s for saving, re-saving unchanged articles, and milliseconds per query.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy import create_engine, make_url

from lagebild.doc import Article
from lagebild.pipeline import get_pipeline
from lagebild.reader import read_paths
from lagebild.store import Store
from lagebild.store.db import EventFilter, normalise_url

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "german-news" / "articles.jsonl"
QUERIES = {
    "all events": EventFilter(),
    "country=SYR": EventFilter(country="SYR"),
    "place~aleppo": EventFilter(place="aleppo"),
    "actor~islamic": EventFilter(actor="islamic"),
    "since 2015": EventFilter(since="2015"),
    "first page": EventFilter(limit=100),
}


def bench(name: str, url: str, docs: list) -> tuple[list, list]:
    """Time saving and querying; returns every event and incident, to compare the backends."""
    store = Store(url)
    t = time.perf_counter()
    for doc in docs:
        store.save(doc)
    saved = time.perf_counter() - t
    t = time.perf_counter()
    for doc in docs:
        store.save(doc)
    resaved = time.perf_counter() - t
    counts = store.counts()
    rates = f"save {len(docs) / saved:7.1f} articles/s   unchanged {len(docs) / resaved:7.1f} articles/s"
    print(f"{name:10s} {rates}   {counts}")
    for label, f in QUERIES.items():
        t = time.perf_counter()
        n = len(list(store.events(f)))
        print(f"{'':10s} {label:14s} {1000 * (time.perf_counter() - t):7.1f} ms  ({n} events)")
    t = time.perf_counter()
    n = len(store.incidents(EventFilter(country="SYR")))
    print(f"{'':10s} {'incidents SYR':14s} {1000 * (time.perf_counter() - t):7.1f} ms  ({n} incidents)")
    results = list(store.events()), store.incidents()
    store.close()
    return results


def main() -> int:
    if not CORPUS.exists():
        print(f"{CORPUS} not available", file=sys.stderr)
        return 1
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 10**9
    pipe = get_pipeline("de")
    articles = (a for a in read_paths([str(CORPUS)]) if isinstance(a, Article))
    docs = [pipe(a) for _, a in zip(range(n), articles, strict=False)]
    print(f"{len(docs)} articles, {sum(len(d.events) for d in docs)} events extracted")
    with tempfile.TemporaryDirectory() as tmp:
        on_sqlite = bench("sqlite", f"sqlite:///{tmp}/bench.db", docs)
    if server := os.environ.get("LAGEBILD_TEST_PG"):
        admin = create_engine(normalise_url(server), isolation_level="AUTOCOMMIT")
        name = f"lagebild_bench_{secrets.token_hex(3)}"
        with admin.connect() as conn:
            conn.exec_driver_sql(f'CREATE DATABASE "{name}"')
        try:
            url = make_url(normalise_url(server)).set(database=name).render_as_string(hide_password=False)
            on_postgres = bench("postgresql", url, docs)
            print(f"same events and incidents, in the same order, on both: {on_sqlite == on_postgres}")
        finally:
            with admin.connect() as conn:
                conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    else:
        print("postgresql: set LAGEBILD_TEST_PG to compare")
    return 0


if __name__ == "__main__":
    sys.exit(main())
