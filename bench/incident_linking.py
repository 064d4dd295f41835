"""Pairwise precision/recall of incident linking on tests/data/incidents.

    .venv/bin/python bench/incident_linking.py                      # naive baselines, to show what the set tests
    .venv/bin/python bench/incident_linking.py --events linked.jsonl [--key incident_id]

With `--events`, scores a linker's output: events JSONL (as `lagebild extract` writes) where each
event carries an incident id under `--key`. Without it, extracts the set and scores a few naive
pair rules, so a real linker has numbers to beat and the hard negatives show which rule they catch.
"""

from __future__ import annotations

import argparse
import json
import math
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from lagebild.evaluate.linking import linked_pairs, load_incident_set, score_linking
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


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--events", type=Path, help="linker output: events JSONL with an incident id per event")
    ap.add_argument("--key", default="incident_id", help="field holding the incident id")
    args = ap.parse_args()
    gold = load_incident_set(SET_DIR)
    print(
        f"{len(gold.labels)} articles, {len(gold.incidents)} incidents, {len(gold.gold_pairs())} same-incident pairs, "
        f"{len(gold.hard_negative_pairs())} hard-negative pairs"
    )
    if args.events:
        events = [json.loads(line) for line in args.events.read_text(encoding="utf-8").splitlines() if line.strip()]
        res = score_linking(gold, linked_pairs(events, args.key))
        print(res.summary())
        for a, b in res.hard_negative_merged:
            print(f"  merged hard negative: {a} + {b}")
        return
    pipe = get_pipeline("de")
    events = [ev for art in read_paths([str(p) for p in sorted(SET_DIR.glob("inc-*.txt"))]) for ev in pipe.extract(art)]
    print(f"{len(events)} events extracted")
    for name, rule in BASELINES.items():
        res = score_linking(gold, linked_pairs(cluster(events, rule)))
        print(f"{name:<36} {res.summary()}")


if __name__ == "__main__":
    main()
