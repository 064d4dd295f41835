"""Where the extractor spends its time: a pyinstrument call tree over a JSONL corpus.

    python bench/hotspots.py [CORPUS.jsonl] [--limit N]

The language resources are loaded before profiling starts. pyinstrument samples (it does not trace
every call as cProfile does), so cheap, often-called functions are not inflated.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pyinstrument import Profiler

from lagebild.pipeline import get_pipeline
from lagebild.reader import ReadError, read_paths

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "german-news" / "articles.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--limit", type=int, default=600)
    args = ap.parse_args()
    if not Path(args.corpus).exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    pipe = get_pipeline("de")
    articles = [a for a in read_paths([args.corpus]) if not isinstance(a, ReadError)][: args.limit]
    profiler = Profiler(interval=0.0005)
    with profiler:
        for article in articles:
            pipe(article)
    print(profiler.output_text(unicode=True, color=sys.stdout.isatty()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
