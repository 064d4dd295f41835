"""Quality must not fall. The floors pin the check split of the project's annotations: articles the
extractor was never tuned or trained on, of which only these aggregate scores are ever looked at. The
dev gold and the project's own gold are in the event model's training data, so they pin nothing."""

import pytest

from lagebild.evaluate.scoring import score
from lagebild.evaluate.sets import available, load_set

# Raise these as extraction improves (measured 2026-12-08: event F1 0.515, precision 0.561, recall 0.476,
# sources 0.80, noise 0.27 per 100 on check's half of the off-topic sections). Check grew that day from 71
# to 102 articles (126 events) with round 3's ordinary news, where precision is lowest, so the floors
# were set anew; a retrained model moves its scores by a point or two either way, so they sit a little below.
CHECK_F1_FLOOR = 0.48
CHECK_PRECISION_FLOOR = 0.52
CHECK_SOURCES_FLOOR = 0.75  # share of matched events whose sources name a gold source keyword
OFF_TOPIC_NOISE_CEILING = 1.0  # events per 100 off-topic articles of check's half


@pytest.mark.skipif(not available("check"), reason="the check split needs ../shared and annotations/")
def test_check_split_floors(pipe):
    check = load_set("check")
    # only numbers leave this test: a failing assertion on the Result itself would print check's events
    summary = score(check.gold, {a.id: pipe.extract(a) for a in check.articles}).summary()
    f1, precision, sources = summary["f1"], summary["precision"], summary["field_accuracy"]["sources"]
    assert f1 >= CHECK_F1_FLOOR, summary
    assert precision >= CHECK_PRECISION_FLOOR, summary
    assert sources >= CHECK_SOURCES_FLOOR, summary


@pytest.mark.skipif(not available("check"), reason="the off-topic sections need ../shared")
def test_ordinary_news_yields_almost_no_events(pipe):
    from lagebild.evaluate.sets import off_topic_articles

    articles = off_topic_articles("check")
    events = sum(len(pipe.extract(a)) for a in articles)
    assert len(articles) > 300
    assert 100 * events / len(articles) <= OFF_TOPIC_NOISE_CEILING, events
