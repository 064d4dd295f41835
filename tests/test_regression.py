"""Quality must not fall: dev-set F1 (shared referee rules) and our own gold set."""

import pytest

from lagebild.evaluate import load_gold, score
from lagebild.reader import read_paths
from tests.conftest import DEV_GOLD, OWN_GOLD, needs_shared

# Raise these as extraction improves.
DEV_F1_FLOOR = 0.86
OWN_F1_FLOOR = 0.84
DEV_SOURCES_FLOOR = 0.9  # share of matched events whose sources name a gold source keyword
OWN_SOURCES_FLOOR = 0.92


def _score(pipe, gold_dir):
    gold = load_gold(gold_dir)
    pred = {a.id: pipe.extract(a) for a in read_paths([str(gold_dir / f"{k}.txt") for k in gold])}
    return score(gold, pred)


@needs_shared(DEV_GOLD)
def test_dev_f1_floor(pipe):
    res = _score(pipe, DEV_GOLD)
    assert res.f1 >= DEV_F1_FLOOR, res.summary()
    assert res.accuracy("sources") >= DEV_SOURCES_FLOOR, res.summary()


@pytest.mark.skipif(not OWN_GOLD.exists(), reason="own gold set missing")
def test_own_gold_f1_floor(pipe):
    res = _score(pipe, OWN_GOLD)
    assert res.f1 >= OWN_F1_FLOOR, res.summary()
    assert res.accuracy("sources") >= OWN_SOURCES_FLOOR, res.summary()
