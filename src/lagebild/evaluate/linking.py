"""Pairwise precision and recall of incident linking against a labelled set of articles.

The gold file (`gold.tsv`: article_id, incident, note) gives each article the label of the happening
it reports. Two articles are a gold pair when their labels are equal, and a predicted pair when some
event of one and some event of the other ended up in one incident. Precision is the share of
predicted pairs that are gold pairs, recall the share of gold pairs that were predicted.
"""

from __future__ import annotations

import csv
import itertools
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lagebild.pipeline import get_pipeline
from lagebild.reader import ReadError, read_paths
from lagebild.store import Store


@dataclass
class LinkScore:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    false_links: list[tuple[str, str]] = field(default_factory=list)
    missed_links: list[tuple[str, str]] = field(default_factory=list)
    no_event: list[str] = field(default_factory=list)

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


def load_labels(gold_tsv: Path) -> dict[str, str]:
    with gold_tsv.open(encoding="utf-8", newline="") as fh:
        return {row["article_id"]: row["incident"] for row in csv.DictReader(fh, delimiter="\t")}


def score_links(labels: dict[str, str], incidents_of: dict[str, set[str]]) -> LinkScore:
    """Compare gold pairs with predicted pairs over every pair of labelled articles."""
    res = LinkScore(no_event=sorted(a for a in labels if not incidents_of.get(a)))
    for a, b in itertools.combinations(sorted(labels), 2):
        gold = labels[a] == labels[b]
        pred = bool(incidents_of.get(a, set()) & incidents_of.get(b, set()))
        if gold and pred:
            res.tp += 1
        elif pred:
            res.fp += 1
            res.false_links.append((a, b))
        elif gold:
            res.fn += 1
            res.missed_links.append((a, b))
    return res


def evaluate_dir(directory: Path, db_url: str | None = None) -> LinkScore:
    """Ingest a labelled directory into a fresh store (in input order) and score the links made."""
    labels = load_labels(directory / "gold.tsv")
    pipe = get_pipeline()
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(db_url or f"sqlite:///{tmp}/links.db")
        paths = [str(directory / f"{aid}.txt") for aid in sorted(labels)]
        for article in read_paths(paths):
            if isinstance(article, ReadError):
                raise ValueError(str(article))
            store.save(pipe(article))
        incidents_of: dict[str, set[str]] = {}
        for inc in store.incidents():
            for aid in inc["article_ids"]:
                incidents_of.setdefault(aid, set()).add(inc["incident_id"])
        store.engine.dispose()
    return score_links(labels, incidents_of)
