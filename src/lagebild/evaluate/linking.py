"""Pairwise scoring of cross-article incident linking against a labelled article set.

Linking is judged on article pairs, not on events, because that is what a reader sees: two reports
of the same happening should end up in one incident, two reports of different happenings never
should. A pair of articles counts as *linked* when at least one event of each carries the same
incident id. Gold pairs are the pairs whose articles share a label in `gold.tsv`. Precision and
recall are taken over those two sets of pairs; the hard negatives (`hard_negatives.tsv`: incident
pairs that look alike but differ) are reported separately, because a merge there is the error an
analyst notices first.

The set itself lives in `tests/data/incidents/` (see its README).
"""

from __future__ import annotations

import csv
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path
from typing import Any

Pair = frozenset[str]


@dataclass
class IncidentSet:
    """The labelled set: article → incident label, incident descriptions, look-alike incident pairs."""

    labels: dict[str, str]
    incidents: dict[str, dict[str, str]] = field(default_factory=dict)
    hard_negatives: list[tuple[str, str]] = field(default_factory=list)

    def gold_pairs(self) -> set[Pair]:
        """Article pairs that report the same happening."""
        return _pairs_of_groups(_invert(self.labels))

    def hard_negative_pairs(self) -> set[Pair]:
        """Article pairs drawn from two look-alike but different incidents."""
        groups = _invert(self.labels)
        return {frozenset((a, b)) for x, y in self.hard_negatives for a in groups[x] for b in groups[y]}


@dataclass
class LinkScores:
    """Pairwise precision/recall of a linking, plus the merged hard-negative pairs by name."""

    tp: int
    fp: int
    fn: int
    hard_negative_pairs: int
    hard_negative_merged: list[tuple[str, str]]

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def summary(self) -> str:
        return (
            f"pairwise P {self.precision:.3f}  R {self.recall:.3f}  F1 {self.f1:.3f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn}; "
            f"hard negatives merged {len(self.hard_negative_merged)}/{self.hard_negative_pairs})"
        )


def _read_tsv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def load_incident_set(directory: Path | str) -> IncidentSet:
    """Read gold.tsv and, when present, incidents.tsv and hard_negatives.tsv from a set directory."""
    d = Path(directory)
    labels = {r["article_id"]: r["incident"] for r in _read_tsv(d / "gold.tsv")}
    incidents = {r["incident"]: r for r in _read_tsv(d / "incidents.tsv")} if (d / "incidents.tsv").exists() else {}
    negs = (
        [(r["incident_a"], r["incident_b"]) for r in _read_tsv(d / "hard_negatives.tsv")]
        if (d / "hard_negatives.tsv").exists()
        else []
    )
    return IncidentSet(labels, incidents, negs)


def _invert(mapping: Mapping[str, str]) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = defaultdict(list)
    for key, value in mapping.items():
        groups[value].append(key)
    return groups


def _pairs_of_groups(groups: Mapping[Any, Iterable[str]]) -> set[Pair]:
    return {frozenset(p) for members in groups.values() for p in combinations(sorted(set(members)), 2)}


def linked_pairs(events: Iterable[Mapping[str, Any]], key: str = "incident_id") -> set[Pair]:
    """Article pairs with at least one event each in a common incident (events without `key` are alone)."""
    by_incident: dict[Any, set[str]] = defaultdict(set)
    for ev in events:
        inc = ev.get(key)
        if inc is not None:
            by_incident[inc].add(ev["article_id"])
    return _pairs_of_groups(by_incident)


def score_linking(gold: IncidentSet, predicted: set[Pair]) -> LinkScores:
    """Compare predicted linked article pairs with the gold pairs; pairs outside the set are ignored."""
    articles = set(gold.labels)
    predicted = {p for p in predicted if p <= articles}
    truth = gold.gold_pairs()
    hard = gold.hard_negative_pairs()
    merged = sorted((a, b) for a, b in (sorted(p) for p in predicted & hard))
    return LinkScores(
        tp=len(predicted & truth),
        fp=len(predicted - truth),
        fn=len(truth - predicted),
        hard_negative_pairs=len(hard),
        hard_negative_merged=merged,
    )
