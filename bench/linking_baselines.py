"""Naive linking rules on tests/data/incidents: the numbers a real linker must beat.

    .venv/bin/python bench/linking_baselines.py

`bench/linking.py` scores the real linker (through the store). This script extracts the set once and
scores simple pair rules (same place name; same type within a distance and a few days ...) with the
same pairwise measure, and counts how many hard-negative pairs (`hard_negatives.tsv`: look-alike but
different happenings) each rule merges. A rule that does well here shows which trap the set lacks.
"""

from __future__ import annotations

import csv
import math
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from lagebild.evaluate.linking import load_labels, score_links
from lagebild.pipeline import get_pipeline
from lagebild.reader import read_paths

SET_DIR = Path(__file__).resolve().parents[1] / "tests" / "data" / "incidents"
Event = dict[str, Any]


def _km(a: Event, b: Event) -> float:
    la, lb = a.get("location") or {}, b.get("location") or {}
    if la.get("lat") is None or lb.get("lat") is None:
        return math.inf
    p1, l1, p2, l2 = map(math.radians, (la["lat"], la["lon"], lb["lat"], lb["lon"]))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin((l2 - l1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def _days(a: Event, b: Event) -> float:
    try:
        return abs((date.fromisoformat(a["date"]) - date.fromisoformat(b["date"])).days)
    except (TypeError, ValueError):
        return math.inf


def _actors_fit(a: Event, b: Event) -> bool:
    n1, n2 = ((e.get("actor1") or {}).get("name") for e in (a, b))
    return n1 is None or n2 is None or n1 == n2


def _place(e: Event) -> str | None:
    return (e.get("location") or {}).get("name")


BASELINES: dict[str, Callable[[Event, Event], bool]] = {
    "same place name": lambda a, b: _place(a) is not None and _place(a) == _place(b),
    "same sub-type + place name": lambda a, b: a["sub_event_type"] == b["sub_event_type"] and _place(a) == _place(b),
    "same event type, <=50 km, +-3 days": lambda a, b: (
        a["event_type"] == b["event_type"] and _km(a, b) <= 50 and _days(a, b) <= 3
    ),
    "same event type, <=10 km, +-1 day": lambda a, b: (
        a["event_type"] == b["event_type"] and _km(a, b) <= 10 and _days(a, b) <= 1
    ),
    "same event type, <=10 km, same day": lambda a, b: (
        a["event_type"] == b["event_type"] and _km(a, b) <= 10 and _days(a, b) == 0
    ),
    "... and actor1 equal or unknown": lambda a, b: (
        a["event_type"] == b["event_type"] and _km(a, b) <= 10 and _days(a, b) == 0 and _actors_fit(a, b)
    ),
}


def cluster(events: list[Event], same: Callable[[Event, Event], bool]) -> list[Event]:
    """Give events incident ids: connected components of the pair rule across different articles."""
    parent = list(range(len(events)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for i, a in enumerate(events):
        for j in range(i + 1, len(events)):
            b = events[j]
            if a["article_id"] != b["article_id"] and same(a, b):
                parent[find(i)] = find(j)
    return [{**e, "incident_id": find(i)} for i, e in enumerate(events)]


def hard_negative_pairs(labels: dict[str, str]) -> set[frozenset[str]]:
    """Article pairs drawn from two look-alike incidents of hard_negatives.tsv."""
    with (SET_DIR / "hard_negatives.tsv").open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    members: dict[str, list[str]] = {}
    for aid, lab in labels.items():
        members.setdefault(lab, []).append(aid)
    return {frozenset((a, b)) for r in rows for a in members[r["incident_a"]] for b in members[r["incident_b"]]}


def main() -> None:
    labels = load_labels(SET_DIR / "gold.tsv")
    hard = hard_negative_pairs(labels)
    pipe = get_pipeline("de")
    events = [ev for art in read_paths([str(SET_DIR / f"{a}.txt") for a in sorted(labels)]) for ev in pipe.extract(art)]
    print(f"{len(labels)} articles, {len(set(labels.values()))} incidents, {len(hard)} hard-negative pairs")
    print(f"{len(events)} events extracted")
    for name, rule in BASELINES.items():
        incidents_of: dict[str, set[str]] = {}
        for ev in cluster(events, rule):
            incidents_of.setdefault(ev["article_id"], set()).add(str(ev["incident_id"]))
        res = score_links(labels, incidents_of)
        merged = sum(frozenset(p) in hard for p in res.false_links)
        print(
            f"{name:<36} P {res.precision:.3f}  R {res.recall:.3f}  F1 {res.f1:.3f}  "
            f"(tp {res.tp}, fp {res.fp}, fn {res.fn}; hard negatives merged {merged}/{len(hard)})"
        )


if __name__ == "__main__":
    main()
