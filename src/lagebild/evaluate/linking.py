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

from lagebild.incidents.link import compatible, family_of
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


# --- linking measured on real reports: annotated pairs of events in different articles -----------------

PAIRS = Path(__file__).resolve().parents[3] / "annotations" / "linking" / "pairs.tsv"


@dataclass(frozen=True)
class Pair:
    """Two event reports in two articles, by the offsets of their evidence, and whether they are one happening."""

    a: tuple[str, int, int]
    b: tuple[str, int, int]
    same: bool
    kind: str


def load_pairs(path: Path = PAIRS) -> list[Pair]:
    with path.open(encoding="utf-8", newline="") as fh:
        return [
            Pair(
                (r["article_a"], int(r["start_a"]), int(r["end_a"])),
                (r["article_b"], int(r["start_b"]), int(r["end_b"])),
                r["same"] == "1",
                r["kind"],
            )
            for r in csv.DictReader(fh, delimiter="\t")
        ]


@dataclass
class PairScore:
    """Pairwise precision and recall of the linking rules on annotated pairs; pairs whose report was not
    found on one side count as not linked (a same-incident pair so is missed)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    unfound: int = 0  # pairs with a side whose report is missing

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


def _report_at(events: list[dict], start: int, end: int, other: dict | None = None) -> dict | None:
    """The event whose evidence reads the span; of several, one of the other side's family first."""
    found = [e for e in events if any(ev["start"] < end and start < ev["end"] for ev in e.get("evidence", []))]
    if other is not None:
        found.sort(key=lambda e: family_of(e["sub_event_type"]) != family_of(other["sub_event_type"]))
    return found[0] if found else None


def _matched(gold: list[dict], pred: list[dict], g: dict | None) -> dict | None:
    """The extracted event the referee's matching pairs with gold event `g` (None when it is missed)."""
    if g is None:
        return None
    from lagebild.evaluate.scoring import match

    gi = next(k for k, x in enumerate(gold) if x is g)
    return next((pred[pi] for k, pi in match(gold, pred) if k == gi), None)


def score_pairs(
    pairs: list[Pair], events_of: dict[str, list[dict]], gold_of: dict[str, list[dict]] | None = None
) -> PairScore:
    """Score `compatible()` on each pair. The reports are the events of `events_of` that read the pair's
    spans; with `gold_of`, the extracted events the referee matches with the gold events there."""
    from lagebild.store.incidents import report_of

    res = PairScore()
    for p in pairs:
        if gold_of is None:
            first = _report_at(events_of.get(p.a[0], []), p.a[1], p.a[2])
            second = _report_at(events_of.get(p.b[0], []), p.b[1], p.b[2], first)
        else:
            ga = _report_at(gold_of.get(p.a[0], []), p.a[1], p.a[2])
            gb = _report_at(gold_of.get(p.b[0], []), p.b[1], p.b[2], ga)
            first = _matched(gold_of.get(p.a[0], []), events_of.get(p.a[0], []), ga)
            second = _matched(gold_of.get(p.b[0], []), events_of.get(p.b[0], []), gb)
        linked = first is not None and second is not None and compatible(report_of(first), report_of(second))
        res.unfound += first is None or second is None
        if p.same and linked:
            res.tp += 1
        elif p.same:
            res.fn += 1
        elif linked:
            res.fp += 1
        else:
            res.tn += 1
    return res
