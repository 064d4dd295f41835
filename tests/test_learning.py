"""The event model: features of candidates, the shipped weights, and `lagebild train` reproducing them."""

import json
import math

import pytest

from lagebild.doc import Article, ArticleDate
from lagebild.evaluate.sets import DEV, available, load_set
from lagebild.events.model import MODEL_FILE, EventModel
from lagebild.lang import load_language
from lagebild.learn.train import THRESHOLDS, label, prepare, train
from lagebild.pipeline import Pipeline


def test_the_model_is_a_logistic_regression_over_named_cues():
    model = EventModel({"route=sentence": 2.0, "cue=plan": -3.0}, intercept=-1.0, threshold=0.5)
    assert model.probability({"route=sentence": 1.0}) == pytest.approx(1 / (1 + math.exp(-1.0)))
    assert model.probability({"route=sentence": 1.0, "cue=plan": 1.0}) == pytest.approx(1 / (1 + math.exp(2.0)))
    assert model.probability({"unknown feature": 5.0}) == pytest.approx(1 / (1 + math.exp(1.0)))


def test_the_shipped_model_was_trained_on_the_annotations():
    doc = json.loads((load_language("de").path / MODEL_FILE).read_text(encoding="utf-8"))
    meta = doc["meta"]
    assert meta["articles"] >= 150 and meta["true"] >= 200 and doc["threshold"] in THRESHOLDS
    prefixes = ("type", "sub=", "route=", "a1", "a2", "cue=", "place", "geo_precision=", "time_precision=",
                "source", "trigger", "toll", "art_", "heading", "lead", "konjunktiv", "quoted", "date_in",
                "background", "sentence_position", "Battles*", "Explosions", "Violence", "Protests*", "Riots*",
                "Strategic")  # fmt: skip
    assert all(name.startswith(prefixes) for name in doc["weights"])


def test_every_candidate_is_recorded_with_its_features_and_the_decision(run):
    doc = run(
        "Israel greift Hisbollah an\n\n"
        "Die israelische Luftwaffe bombardierte am Montag Ziele in Tyros. "
        "Die Hisbollah drohte mit Raketenangriffen auf Haifa.",
        "2024-07-30",
    )
    by_text = {doc.text[c["start"] : c["end"]].split()[1]: c for c in doc.candidates}
    strike = by_text["israelische"]
    assert strike["kept"] and strike["confidence"] > 0.5 and strike["features"]["route=sentence"] == 1.0
    assert strike["features"]["date_in_sentence"] == 1.0 and "heading" not in strike["features"]
    threat = by_text["Hisbollah"]
    assert threat["vetoed"] and not threat["kept"] and threat["features"]["cue=threat"] == 1.0
    assert [e["sub_event_type"] for e in doc.events] == ["Air/drone strike"]


def test_a_candidate_is_true_when_a_gold_event_of_its_type_reads_its_sentence_at_its_place_and_day():
    gold = [{"event_type": "Battles", "date": "2024-05-16", "location": {"lat": 31.0, "lon": 34.0},
             "evidence": [{"start": 100, "end": 180}]}]  # fmt: skip
    cand = {"event_type": "Battles", "start": 150, "end": 200, "date": "2024-05-17"}
    cand["location"] = {"lat": 31.1, "lon": 34.0}
    assert label(cand, gold) == 1
    assert label(dict(cand, event_type="Protests"), gold) == 0
    assert label(dict(cand, start=0, end=90), gold) == 0
    assert label(dict(cand, location={"lat": 33.0, "lon": 36.0}), gold) == 0
    assert label(dict(cand, date="2024-06-30"), gold) == 0


@pytest.mark.skipif(not available("dev"), reason="needs ../shared/gold/dev")
def test_training_is_reproducible_and_gives_a_usable_model():
    dev = load_set("dev")
    pipe = Pipeline(load_language("de"), warm=False)
    noise = [
        Article("sport", "Der Stürmer schoss am Samstag in Dortmund zwei Tore; der Angriff lief.", ArticleDate(2024)),
        Article("kultur", "Das Konzert in Wien am Freitag war ein Angriff auf die Ohren.", ArticleDate(2024)),
    ]
    docs = prepare(pipe, dev.articles + noise)
    first = train(pipe, dev.gold, docs)
    second = train(pipe, dev.gold, docs)
    first["meta"].pop("trained"), second["meta"].pop("trained")
    assert first == second
    assert first["threshold"] in THRESHOLDS and first["meta"]["true"] > 20
    model = EventModel(first["weights"], first["intercept"], first["threshold"])
    pipe.get("events").model = model
    assert pipe.extract(noise[0]) == [] and len(pipe.extract(dev.articles[0])) >= 1


def test_dev_gold_is_where_the_tests_expect_it():
    assert DEV.name == "dev" and DEV.parent.name == "gold"
