"""A long fuzzing run over the reader, the whole pipeline and the store (the suite runs a short one).

    python bench/fuzz.py [--cases N] [--seed S]     # default: 12,000 cases, two thirds through the reader

Random bytes, random text, JSON Lines with fields of every type, and real articles mutated (cut,
spliced with huge numbers, dates before year 1, lone surrogates, a 50 KB word, ...) go through
`read_source`, then `extract_one` and `Store.put` into a fresh SQLite file. A case fails when anything
raises or a check in tests/fuzz_strategies.py does not hold. Prints the cases tried, the failures by
kind with one example each, and the slowest case; the exit status is 1 when anything failed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, Phase, given, seed, settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests.fuzz_strategies

from tests.fuzz_strategies import articles, check_extract, check_read, raw_inputs  # noqa: E402

from lagebild.pipeline import get_pipeline  # noqa: E402
from lagebild.store import Store  # noqa: E402


class Tally:
    """Cases tried and failures by kind, without stopping at the first one (Hypothesis would)."""

    def __init__(self) -> None:
        self.cases = 0
        self.failures: Counter[str] = Counter()
        self.examples: dict[str, str] = {}
        self.slowest = (0.0, "")

    def run(self, name: str, fn, *args) -> None:
        self.cases += 1
        t = time.perf_counter()
        try:
            fn(*args)
        except Exception as e:  # noqa: BLE001 - counted and shown, the run goes on
            kind = f"{name}: {type(e).__name__}: {str(e)[:120]}"
            self.failures[kind] += 1
            self.examples.setdefault(kind, repr(args)[:300] + "\n" + traceback.format_exc(limit=-3))
        took = time.perf_counter() - t
        if took > self.slowest[0]:
            self.slowest = (took, f"{name} {repr(args)[:120]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--cases", type=int, default=12_000)
    ap.add_argument("--seed", type=int, default=13)
    args = ap.parse_args()
    tally = Tally()
    opts = {
        "deadline": None,
        "database": None,
        "suppress_health_check": list(HealthCheck),
        "phases": [Phase.generate],
    }
    get_pipeline("de")
    t0 = time.perf_counter()
    n_read = args.cases * 2 // 3

    @seed(args.seed)
    @settings(max_examples=n_read, **opts)
    @given(raw_inputs())
    def reading(case):
        tally.run("read", check_read, *case)

    reading()
    read_done = tally.cases
    print(f"reader: {read_done} cases in {time.perf_counter() - t0:.0f} s", flush=True)

    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/fuzz.db")

        def extract_and_store(article):
            store.put(check_extract(article))

        @seed(args.seed)
        @settings(max_examples=args.cases - n_read, **opts)
        @given(articles)
        def pipeline(article):
            tally.run("pipeline+store", extract_and_store, article)

        pipeline()
        counts = store.counts()
        store.close()
    print(f"pipeline and store: {tally.cases - read_done} cases ({counts['articles']} articles stored)")
    print(f"cases tried {tally.cases}  failures {sum(tally.failures.values())}  in {time.perf_counter() - t0:.0f} s")
    print(f"slowest case {tally.slowest[0]:.2f} s: {tally.slowest[1]}")
    for kind, n in tally.failures.most_common():
        print(f"\n{n} x {kind}\n{tally.examples[kind]}")
    return 1 if tally.failures else 0


if __name__ == "__main__":
    sys.exit(main())
