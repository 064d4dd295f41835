"""Incident linking measured on real reports: annotated pairs of events in different corpus articles."""

import pytest

from lagebild.evaluate import annotations
from lagebild.evaluate.linking import PAIRS, load_pairs, score_pairs
from lagebild.evaluate.sets import available, load_set


def test_the_pairs_hold_30_same_incidents_and_30_hard_negatives():
    pairs = load_pairs()
    assert sum(p.same for p in pairs) >= 30 and sum(not p.same for p in pairs) >= 30
    assert all(p.a[0] != p.b[0] and p.a[1] < p.a[2] and p.b[1] < p.b[2] for p in pairs)
    assert {p.kind for p in pairs if not p.same} >= {"same-place-other-day", "nearby-place-same-day"}


@pytest.mark.skipif(not (PAIRS.exists() and available("train") and available("dev")), reason="needs ../shared")
def test_the_linking_rules_on_annotated_reports():
    """bench/linking.py reports P 0.83 / R 0.83 for the rules on the annotated events of the pairs; the
    errors left are mostly where two annotators coded one happening differently (type, date, region)."""
    pairs = load_pairs()
    gold = {a.article_id: a.events for a in annotations.load_all()}
    gold.update(load_set("dev").gold)
    res = score_pairs(pairs, gold)
    assert res.unfound == 0
    assert res.precision >= 0.8 and res.recall >= 0.8, res
