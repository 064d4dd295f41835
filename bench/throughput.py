"""Throughput of the extractor: articles/s, words/s and peak memory over a JSONL corpus.

    python bench/throughput.py [CORPUS.jsonl] [--limit N]

Default corpus: ../shared/corpora/german-news/articles.jsonl. The language resources are loaded
before timing starts (their load time is printed separately).
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

from lagebild.pipeline import get_pipeline
from lagebild.places.gazetteer import gazetteer_for
from lagebild.reader import ReadError, read_paths

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "german-news" / "articles.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    if not Path(args.corpus).exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    pipe = get_pipeline("de")
    gazetteer_for(pipe.lang)  # load before timing
    load = time.perf_counter() - t0
    articles = [a for a in read_paths([args.corpus]) if not isinstance(a, ReadError)][: args.limit]
    words = sum(len(a.text.split()) for a in articles)
    t1, c1 = time.perf_counter(), time.process_time()
    n_events = sum(len(pipe.extract(a)) for a in articles)
    dt, cpu = time.perf_counter() - t1, time.process_time() - c1
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"resources loaded in {load:.2f} s")
    print(f"articles {len(articles)}  words {words}  events {n_events}  time {dt:.2f} s (one core)")
    print(f"articles/s {len(articles) / dt:.1f}  words/s {words / dt:.0f}  peak memory {peak_mb:.0f} MB")
    # CPU time is what the process itself spent: steadier than wall time on a shared, busy machine
    print(f"articles per CPU-second {len(articles) / cpu:.1f}  (CPU {cpu:.2f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
