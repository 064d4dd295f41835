"""Full ingest (extract, store) of a JSONL corpus into a fresh SQLite database: time and peak memory.

    python bench/ingest.py [CORPUS.jsonl] [--workers N] [--synthetic N] [--recycle N] [--start-method M]

Default corpus: ../shared/corpora/german-news/articles.jsonl, 2 workers. Memory is sampled in a
thread over the whole process tree (this process and its workers): the peak of the summed PSS (shared
pages counted once, split between the processes sharing them) and the largest single RSS.
`--synthetic N` streams N articles (the corpus repeated under new ids, from a generator) and prints
memory at 10 %, 50 % and 100 % to show that it stays flat.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from lagebild.doc import Article
from lagebild.ingest import extract_stream
from lagebild.pipeline import get_pipeline
from lagebild.reader import ReadError, read_paths
from lagebild.store import Store

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tree_memory import TreeMemory  # noqa: E402 - the benchmarks' one sampler

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "german-news" / "articles.jsonl"
MB = 2**20


def synthetic(corpus: list[Article], n: int) -> Iterator[Article]:
    """n articles: the corpus over and over, each round under new ids (nothing is held but the corpus)."""
    for i in range(n):
        a = corpus[i % len(corpus)]
        yield replace(a, id=f"{a.id}~{i // len(corpus)}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--synthetic", type=int, metavar="N", help="stream N articles made from the corpus")
    ap.add_argument("--recycle", type=int, default=None, help="articles per worker before it is replaced (0: never)")
    ap.add_argument("--start-method", default="fork", choices=["fork", "spawn", "forkserver"])
    args = ap.parse_args()
    if not Path(args.corpus).exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    kw: dict = {"start_method": args.start_method}
    if args.recycle is not None:
        kw["recycle_after"] = args.recycle or None
    with tempfile.TemporaryDirectory() as tmp, TreeMemory(interval=0.25) as mem:
        t0 = time.perf_counter()
        store = Store(f"sqlite:///{tmp}/bench.db")
        get_pipeline("de")
        load = time.perf_counter() - t0
        if args.synthetic:
            corpus = [a for a in read_paths([args.corpus]) if not isinstance(a, ReadError)]
            total: int | None = args.synthetic
            articles: Iterator[Article] = synthetic(corpus, args.synthetic)
        else:
            total = None
            articles = (a for a in read_paths([args.corpus]) if not isinstance(a, ReadError))
        marks = {max(1, round(total * f)): f for f in (0.1, 0.5, 1.0)} if total else {}
        n = n_events = failed = 0
        for res in extract_stream(articles, workers=args.workers, **kw):
            if isinstance(res, ReadError):
                failed += 1
            else:
                store.save(res)
                n_events += len(res.events)
            n += 1
            if n in marks:
                pss, rss = mem.sample()
                print(
                    f"  {marks[n]:>4.0%} {n:>7} articles  {time.perf_counter() - t0:7.1f} s  "
                    f"PSS sum {pss / MB:5.0f} MB  max RSS {rss / MB:5.0f} MB",
                    flush=True,
                )
        wall = time.perf_counter() - t0
    cpu = sum(os.times()[:4])  # this process and its reaped workers: comparable when other jobs share the cores
    print(f"workers {args.workers} ({args.start_method})  articles {n}  failed {failed}  events {n_events}")
    print(f"wall {wall:.1f} s (of which loading {load:.1f} s)  articles/s {n / wall:.1f}  CPU {cpu:.1f} s")
    print(f"peak memory: PSS sum {mem.peak_pss / MB:.0f} MB  max RSS {mem.peak_rss / MB:.0f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
