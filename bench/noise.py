"""Noise on ordinary news: events emitted per 100 articles of the corpus's off-topic sections.

    python bench/noise.py [--show N]

The sections sport, culture, business, web, science and media (`Sport`, `Kultur`, `Wirtschaft`, `Web`,
`Wissenschaft`, `Etat`) of `../shared/corpora/german-news`, less the articles marked as conflict
candidates, report no armed conflict: every event found there is noise, except, in the few the project
annotated, the events their gold holds (a business report on savers demonstrating):
`lagebild.evaluate.sets.off_topic_articles` and `noise_events`. The goal is at most 1 event per
100 articles. Figures are printed for all of them and for each half of the fixed train/check split by
article id (the relevance model may learn from train's half only).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter

from lagebild.evaluate.annotations import SHARED, split_of
from lagebild.evaluate.sets import noise_events, off_topic_articles
from lagebild.pipeline import get_pipeline

CORPUS = SHARED / "corpora" / "german-news" / "articles.jsonl"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--show", type=int, default=0, help="print up to N noise events of train's half")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"corpus not found: {CORPUS}", file=sys.stderr)
        return 2
    pipe = get_pipeline("de")
    arts = off_topic_articles()
    t0 = time.perf_counter()
    per_split: Counter[str] = Counter()
    n_split = Counter(split_of(a.id) for a in arts)
    shown = 0
    for a in arts:
        events = noise_events(a, pipe.extract(a))
        per_split[split_of(a.id)] += len(events)
        if split_of(a.id) == "train":
            for e in events[: max(0, args.show - shown)]:
                shown += 1
                print(f"  {a.id}: {e['sub_event_type']} @ {(e.get('location') or {}).get('name')}: "
                      f"{e['evidence'][0]['text'][:160]!r}")
    total = sum(per_split.values())
    print(f"off-topic articles {len(arts)}  events {total}  per 100 articles {100 * total / max(1, len(arts)):.2f}"
          f"  ({time.perf_counter() - t0:.1f} s)")
    for split in ("train", "check"):
        print(f"  {split:<6} articles {n_split[split]:4d}  events {per_split[split]:3d}  "
              f"per 100 {100 * per_split[split] / max(1, n_split[split]):.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
