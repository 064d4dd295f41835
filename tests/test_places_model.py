"""The place model (places/recognise.py): it loads, decides known cases from their features, is rebuilt
reproducibly by `lagebild train-places`, and keeps its GermEval 2014 figures (when the corpus is here)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.doc import Article
from lagebild.lang import load_language
from lagebild.places.germeval import CORPUS, SPLITS, read_split
from lagebild.places.recognise import MODEL_FILE, PlaceModel, without_model

SHIPPED = load_language("de").path / MODEL_FILE
needs_germeval = pytest.mark.skipif(
    not all((CORPUS / f).exists() for f in SPLITS.values()), reason=f"GermEval 2014 not in {CORPUS}"
)


def decisions(pipe, text: str) -> dict[str, tuple[str, float, bool]]:
    """Each name the model was asked about: its bar, its probability and the model's decision."""
    finder = pipe.get("places")
    finder.trace = []
    try:
        doc = pipe(Article(id="t", text=text, date=None))
    finally:
        trace, finder.trace = finder.trace, None
    out = {}
    for _, start, end, bar, feats in trace:
        surface = doc.text[doc.tokens[start].start : doc.tokens[end - 1].end]
        out[surface] = (bar, finder.model.probability(feats), finder.model.is_place(feats, bar))
    return out


def place_texts(pipe, text: str) -> tuple[list[str], list[str]]:
    doc = pipe(Article(id="t", text=text, date=None))
    return [s.text for s in doc.spans.get("place", [])], [s.text for s in doc.spans.get("place_name", [])]


def test_the_shipped_model_loads_with_its_bars_and_credit():
    model = PlaceModel.read(SHIPPED)
    assert model is not None and len(model.weights) > 100
    assert 0.0 <= model.vouched <= model.veto <= 1.0 and 0.0 < model.threshold < 1.0
    assert "GermEval 2014" in json.loads(SHIPPED.read_text(encoding="utf-8"))["about"]


def test_a_surname_after_a_first_name_is_no_place(pipe):
    # Richardson is a town in Texas; after a first name it is the man's surname
    bar, p, place = decisions(pipe, "Frank Richardson sagte, er komme morgen.")["Richardson"]
    assert bar == "turned_down" and p < 0.1 and not place
    assert "Richardson" not in place_texts(pipe, "Frank Richardson sagte, er komme morgen.")[0]


def test_a_town_after_in_is_a_place(pipe):
    bar, p, place = decisions(pipe, "In Torgau trafen sich die Truppen.")["Torgau"]
    assert bar == "taken" and p > 0.9 and place


def test_a_street_the_gazetteer_lacks_is_a_place_name(pipe):
    bar, p, place = decisions(pipe, "Die Familie wohnt in der Schwanitzstraße.")["Schwanitzstraße"]
    assert bar == "turned_down" and place
    located, names = place_texts(pipe, "Die Familie wohnt in der Schwanitzstraße.")
    assert located == [] and names == ["Schwanitzstraße"]  # recognised, not located: events do not read it


def test_without_a_model_the_rules_decide_alone():
    from lagebild.pipeline import Pipeline
    from lagebild.places.germeval import PLACES_PIPELINE

    with without_model():
        bare = Pipeline(load_language("de"), names=PLACES_PIPELINE, warm=False)
    assert bare.get("places").model is None
    text = "Die Familie wohnt in der Schwanitzstraße. In Torgau trafen sich die Truppen."
    doc = bare(Article(id="t", text=text, date=None))
    assert [s.text for s in doc.spans.get("place", [])] == ["Torgau"] and not doc.spans.get("place_name")


def test_a_broken_model_file_is_named_in_the_error(tmp_path: Path):
    bad = tmp_path / "places.json"
    bad.write_text('{"weights": {}}', encoding="utf-8")
    with pytest.raises(ValueError, match=r"places\.json: not a place model"):
        PlaceModel.read(bad)


@needs_germeval
def test_train_places_rebuilds_the_shipped_file(tmp_path: Path):
    out = tmp_path / "places.json"
    result = CliRunner().invoke(main, ["train-places", "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert out.read_bytes() == SHIPPED.read_bytes()


def test_train_places_names_a_missing_corpus(tmp_path: Path):
    result = CliRunner().invoke(main, ["train-places", "--corpus", str(tmp_path), "-o", str(tmp_path / "m.json")])
    assert result.exit_code == 2 and "NER-de-dev.tsv" in result.output
    assert not (tmp_path / "m.json").exists()


@needs_germeval
def test_germeval_test_figures_hold():
    """The held-out figures the README reports (overlap matching): precision >= 0.85, recall >= 0.57."""
    from lagebild.pipeline import Pipeline
    from lagebild.places.germeval import PLACES_PIPELINE, predicted, run, score

    places = Pipeline(load_language("de"), names=PLACES_PIPELINE, warm=False)
    sents = read_split(CORPUS / SPLITS["test"])
    res = score(sents, [predicted(run(places, s, n), s) for n, s in enumerate(sents)])["overlap"]
    assert res["precision"] >= 0.85 and res["recall"] >= 0.57, res
