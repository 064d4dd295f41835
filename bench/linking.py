"""Pairwise precision/recall/F1 of cross-article incident linking on a labelled article set.

    python bench/linking.py [DIR]      # default: tests/data/incidents

Prints the scores, then every false and missed link so the rules can be improved by reading mistakes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from lagebild.evaluate.linking import evaluate_dir, load_labels

DEFAULT = Path(__file__).resolve().parents[1] / "tests" / "data" / "incidents"


def main() -> int:
    directory = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    labels = load_labels(directory / "gold.tsv")
    res = evaluate_dir(directory)
    gold_pairs = res.tp + res.fn
    print(f"articles {len(labels)}  incidents {len(set(labels.values()))}  gold pairs {gold_pairs}")
    print(f"pairwise precision {res.precision:.3f}  recall {res.recall:.3f}  F1 {res.f1:.3f}")
    for a, b in res.false_links:
        print(f"  false link: {a} ~ {b}  ({labels[a]} / {labels[b]})")
    for a, b in res.missed_links:
        print(f"  missed link: {a} ~ {b}  ({labels[a]})")
    for a in res.no_event:
        print(f"  no event extracted: {a}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
