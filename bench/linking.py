"""Pairwise precision/recall of cross-article incident linking, on invented and on real reports.

    python bench/linking.py [DIR]      # default: tests/data/incidents

1. The invented set (DIR): articles written for the test, one happening per article; every pair of
   articles is scored after ingesting them into a fresh store. False and missed links are listed.
2. Real reports (`annotations/linking/pairs.tsv`): pairs of events in different articles of the shared
   corpora, annotated as one happening or not (hard negatives: same place another day, a nearby town
   the same day, ...). The linking rules are scored on the annotated events themselves (the rules
   alone) and on the events the extractor finds (end to end, where extraction errors carry over).
"""

from __future__ import annotations

import sys
from pathlib import Path

from lagebild.evaluate.linking import PAIRS, evaluate_dir, load_labels, load_pairs, score_pairs

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "incidents"


def invented(directory: Path) -> None:
    labels = load_labels(directory / "gold.tsv")
    res = evaluate_dir(directory)
    gold_pairs = res.tp + res.fn
    print(f"invented set: articles {len(labels)}  incidents {len(set(labels.values()))}  gold pairs {gold_pairs}")
    print(f"  pairwise precision {res.precision:.3f}  recall {res.recall:.3f}  F1 {res.f1:.3f}")
    for a, b in res.false_links:
        print(f"  false link: {a} ~ {b}  ({labels[a]} / {labels[b]})")
    for a, b in res.missed_links:
        print(f"  missed link: {a} ~ {b}  ({labels[a]})")
    for a in res.no_event:
        print(f"  no event extracted: {a}")


def real() -> None:
    from lagebild.evaluate import annotations
    from lagebild.evaluate.sets import DEV, available, load_set
    from lagebild.pipeline import get_pipeline

    if not PAIRS.exists() or not available("train"):
        print("real reports: annotations/linking/pairs.tsv or ../shared not available")
        return
    pairs = load_pairs()
    ids = {p.a[0] for p in pairs} | {p.b[0] for p in pairs}
    gold = {a.article_id: a.events for a in annotations.load_all() if a.article_id in ids}
    if DEV.is_dir():
        gold.update({k: v for k, v in load_set("dev").gold.items() if k in ids})
    arts = {a.id: a for name in ("train", "check", "dev") if available(name) for a in load_set(name).articles}
    pipe = get_pipeline()
    extracted = {aid: pipe.extract(arts[aid]) for aid in sorted(ids) if aid in arts}
    n_same = sum(p.same for p in pairs)
    print(f"real reports: {len(pairs)} annotated pairs ({n_same} same incident, {len(pairs) - n_same} hard negatives)"
          f" over {len(ids)} articles")
    for name, events, via in (
        ("annotated events (rules alone)", gold, None),
        ("extracted events (end to end)", extracted, gold),
    ):
        res = score_pairs(pairs, events, via)
        print(f"  {name}: pairwise precision {res.precision:.3f}  recall {res.recall:.3f}  "
              f"(tp {res.tp}, fp {res.fp}, fn {res.fn}; {res.unfound} pairs with a report not found)")


def main() -> int:
    invented(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT)
    real()
    return 0


if __name__ == "__main__":
    sys.exit(main())
