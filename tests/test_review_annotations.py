"""Reviews become annotations: a desk that reviews like the gold exports the gold, in the project's
annotation format, which `lagebild eval` scores and `lagebild train --reviews` learns from."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.evaluate.scoring import score
from lagebild.evaluate.sets import load_set
from lagebild.review.annotations import EVENT_KEYS, export, file_stem, load_folder
from lagebild.review.simulate import review_like_gold
from lagebild.store import Store
from lagebild.store.reviews import ReviewDesk
from tests.conftest import BACKENDS, backend_url


@pytest.fixture(scope="module", params=BACKENDS)
def own_reviewed(request, tmp_path_factory, pipe):
    """The own gold reviewed like its gold says, once per backend, and exported."""
    with backend_url(request, tmp_path_factory) as url:
        store = Store(url)
        own = load_set("own")
        done = review_like_gold(store, pipe, [(a, own.gold[a.id]) for a in own.articles], reviewer="ana")
        out = tmp_path_factory.mktemp("reviews") / "desk"
        ids = export(store, out)
        store.close()
        yield own, done, out, ids


def test_a_desk_that_reviews_like_the_gold_exports_the_gold(own_reviewed):
    own, done, out, ids = own_reviewed
    required = {aid: [e for e in g if not e.get("optional")] for aid, g in own.gold.items()}
    assert done["confirm"] + done["correct"] > 0 and sum(done.values()) >= sum(len(g) for g in required.values())
    assert {aid for aid, g in required.items() if g} <= set(ids)  # every article with events was reviewed whole
    annotated, articles = load_folder(out)
    exported = {a.article_id: a.events for a in annotated}
    result = score(exported, {aid: required[aid] for aid in exported})
    assert (result.fp, result.fn) == (0, 0) and result.tp == sum(len(e) for e in exported.values())
    for name in ("sub_event_type", "date", "location", "actor1", "actor2", "fatalities"):
        assert result.accuracy(name) in (None, 1.0), name
    # the texts the offsets count into are the stored articles, dates included
    assert [a.id for a in articles] == [a.article_id for a in annotated]
    by_id = {a.id: a for a in own.articles}
    assert all(a.text == by_id[a.id].text and a.date == by_id[a.id].date for a in articles)


def test_the_files_are_in_the_annotation_format_without_text(own_reviewed):
    _, _, out, ids = own_reviewed
    for aid in ids:
        doc = json.loads((out / "events" / f"{file_stem(aid)}.json").read_text(encoding="utf-8"))
        assert set(doc) == {"article_id", "corpus", "date", "annotator", "events"} and doc["annotator"] == "ana"
        for ev in doc["events"]:
            assert list(ev) == list(EVENT_KEYS)
            assert all(set(span) == {"start", "end"} for span in ev["evidence"])  # offsets only


def test_unfinished_and_rejected_are_left_out(store, pipe, tmp_path):
    own = load_set("own")
    article = next(a for a in own.articles if len(own.gold[a.id]) >= 1)
    store.save(pipe(article))
    desk = ReviewDesk(store)
    evs = list(store.events())
    assert export(store, tmp_path / "none") == []  # nothing reviewed yet
    for e in evs[:-1]:
        desk.review(e["event_id"], "confirm", "ana")
    if len(evs) > 1:
        assert export(store, tmp_path / "partly") == []  # one event still waits
    desk.review(evs[-1]["event_id"], "reject", "ben", reason="not_event")
    assert export(store, tmp_path / "done") == [article.id]
    annotated, _ = load_folder(tmp_path / "done")
    assert len(annotated[0].events) == len(evs) - 1
    assert export(store, tmp_path / "ben", reviewer="ben") == [article.id]
    assert export(store, tmp_path / "cem", reviewer="cem") == []


def test_file_names_for_any_article_id():
    assert file_stem("gnad-test-0164") == "gnad-test-0164"
    odd = {file_stem(x) for x in ("a/bericht", "a_bericht", "../x", ".hidden")}
    assert len(odd) == 4 and all("/" not in s and not s.startswith(".") for s in odd)


def test_eval_scores_a_review_folder(own_reviewed):
    _, _, out, ids = own_reviewed
    res = CliRunner().invoke(main, ["eval", str(out), "--json"])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.output)
    assert scores[out.name]["articles"] == len(ids) and 0 < scores[out.name]["f1"] <= 1


def test_train_learns_from_review_folders_in_place_of_annotations(own_reviewed, monkeypatch, tmp_path):
    """The wiring of `train --reviews` (the real fit is measured in bench/review_learning.py)."""
    import lagebild.evaluate.sets as sets
    import lagebild.learn.train as learn

    own, _, out, ids = own_reviewed
    seen = {}

    def fake_train(pipe, gold, docs, select_on=None):
        seen["gold"], seen["ids"], seen["select_on"] = gold, [d.article.id for d in docs], select_on
        return {"weights": {}, "intercept": 0.0, "threshold": 0.5, "meta": {"candidates": 0, "true": 0, "articles": 0,
                "C": 1.0, "cv_event_f1": {"0.5": 0.0}, "cv_event_precision": 0.0, "cv_event_recall": 0.0}}  # fmt: skip

    monkeypatch.setattr(learn, "train", fake_train)
    monkeypatch.setattr(learn, "prepare", lambda pipe, articles: [type("D", (), {"article": a})() for a in articles])
    monkeypatch.setattr(sets, "off_topic_articles", lambda split=None, annotated=True: [])
    if not sets.available("train"):
        pytest.skip("the train split needs ../shared")
    res = CliRunner().invoke(main, ["train", "--reviews", str(out), "-o", str(tmp_path / "m.json")])
    assert res.exit_code == 0, res.output
    assert len(seen["ids"]) == len(set(seen["ids"]))  # a reviewed article of the own gold once, not twice
    assert set(ids) <= set(seen["ids"]) and set(sets.load_set("train").gold) <= set(seen["ids"])
    exported, _ = load_folder(out)
    for a in exported:
        assert seen["gold"][a.article_id] == a.events  # the review, not the annotation, is the gold
    assert set(ids) <= seen["select_on"]  # the desk's news chooses the threshold with the train split


def test_train_refuses_check_articles_in_a_review_folder(tmp_path):
    from lagebild.evaluate.annotations import annotation_files, split_of

    check = next((p.stem for p in annotation_files() if split_of(p.stem) == "check"), None)
    if check is None:
        pytest.skip("no annotations")
    folder = tmp_path / "desk"
    (folder / "events").mkdir(parents=True)
    (folder / "articles.jsonl").write_text(json.dumps({"id": check, "date": "2016", "text": "Text."}) + "\n")
    doc = {"article_id": check, "corpus": "reviews", "date": "2016", "annotator": "x", "events": []}
    (folder / "events" / f"{check}.json").write_text(json.dumps(doc))
    res = CliRunner().invoke(main, ["train", "--reviews", str(folder)])
    assert res.exit_code != 0
    assert "check" in res.output
