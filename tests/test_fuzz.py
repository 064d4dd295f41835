"""Fuzzing, time-bounded for the suite: random and mutated input through the reader, the whole
pipeline and the store. `python bench/fuzz.py` runs the same checks over 10,000+ cases."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings

from lagebild.store import Store
from tests.fuzz_strategies import articles, check_extract, check_read, raw_inputs

QUICK = settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), database=None)
PIPELINE = settings(max_examples=120, deadline=None, suppress_health_check=list(HealthCheck), database=None)


@QUICK
@given(raw_inputs())
def test_reading_any_bytes_gives_sound_articles_or_errors(case):
    data, name = case
    check_read(data, name)


@pytest.fixture(scope="module")
def fuzz_store(tmp_path_factory):
    store = Store(f"sqlite:///{tmp_path_factory.mktemp('fuzz') / 'fuzz.db'}")
    yield store
    store.close()


@PIPELINE
@given(articles)
def test_the_pipeline_and_the_store_take_any_article(pipe, fuzz_store, article):
    res = check_extract(article)
    assert fuzz_store.put(res).status in ("added", "replaced", "unchanged")  # ids repeat: replacing is linking too
