"""The project's annotations: their format, the fixed train/check split, the annotator's tool, agreement."""

import json
import subprocess
import sys

import pytest

from lagebild.evaluate import annotations as A
from lagebild.evaluate.annotate import check_event, save
from lagebild.evaluate.scoring import score
from tests.conftest import ROOT, SHARED

HAVE_CORPORA = (SHARED / "corpora" / "german-news" / "articles.jsonl").exists()
needs_corpora = pytest.mark.skipif(not HAVE_CORPORA, reason="../shared/corpora not available")


def test_the_split_is_fixed_by_the_id_and_holds_a_third_for_check():
    ids = [f"article-{n}" for n in range(3000)]
    first = [A.split_of(i) for i in ids]
    assert first == [A.split_of(i) for i in ids]
    assert 0.30 < first.count("check") / len(ids) < 0.37
    assert A.split_of("gnad-test-0164") in ("train", "check")


def test_annotation_files_hold_no_article_text():
    """Our writing only: ids, offsets, fields. Evidence carries offsets, never the article's sentences."""
    files = A.annotation_files() + A.annotation_files(A.ANNOTATIONS / "agreement")
    assert len(files) >= 200
    for path in files:
        doc = json.loads(path.read_text(encoding="utf-8"))
        for ev in doc["events"]:
            assert all(set(span) == {"start", "end"} for span in ev["evidence"]), path


@needs_corpora
def test_every_annotation_loads_with_valid_fields_and_offsets():
    arts = A.load_all()
    assert len(arts) >= 200
    problems = [e for a in arts for k, ev in enumerate(a.events) for e in check_event(ev, f"{a.article_id}#{k}")]
    assert problems == []
    required = sum(1 for a in arts for e in a.events if not e.get("optional"))
    assert required >= 300
    splits = {a.split for a in arts}
    assert splits == {"train", "check"}


@needs_corpora
def test_a_gold_dir_written_from_annotations_scores_perfectly_with_the_shared_referee(tmp_path):
    arts = [a for a in A.load_all(split="train") if a.events][:5]
    A.write_gold_dir(arts, tmp_path)
    pred = tmp_path / "pred.jsonl"
    pred.write_text("".join(json.dumps(e, ensure_ascii=False) + "\n" for a in arts for e in a.events), "utf-8")
    out = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), str(tmp_path), str(pred)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "event_f1 1.000" in out
    # the text file holds the article as EVENTS.md's input format has it; offsets count into its text
    a = arts[0]
    ev = a.events[0]["evidence"][0]
    assert a.text[ev["start"] : ev["end"]] == ev["text"]


@needs_corpora
def test_save_turns_quotes_into_offsets_and_refuses_bad_fields(tmp_path):
    aid = "gnad-test-0164"
    text = A.article_text(A.corpus_index()[aid][1])
    quote = text[58:150]
    event = {
        "date": "2016",
        "time_precision": 3,
        "event_type": "Explosions/Remote violence",
        "sub_event_type": "Air/drone strike",
        "actor1": None,
        "actor2": {"name": "Islamic State", "kind": "rebel", "country": None, "group": "IS"},
        "location": {"name": "Raqqa", "lat": 35.95, "lon": 39.01, "country": "SYR", "geo_precision": 2},
        "fatalities": 1,
        "sources": [],
        "evidence": [{"quote": quote}],
    }
    draft = tmp_path / "draft.json"
    draft.write_text(json.dumps({"article_id": aid, "date": "2016", "events": [event]}), encoding="utf-8")
    path = save(draft, tmp_path / "out")
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved["events"][0]["evidence"] == [{"start": 58, "end": 150}]
    event["sub_event_type"] = "Airstrike"
    event["evidence"] = [{"quote": "Diesen Satz gibt es nicht."}]
    draft.write_text(json.dumps({"article_id": aid, "date": "2016", "events": [event]}), encoding="utf-8")
    with pytest.raises(SystemExit) as err:
        save(draft, tmp_path / "out")
    assert "unknown sub_event_type 'Airstrike'" in str(err.value) and "quote not found" in str(err.value)


@needs_corpora
@pytest.mark.parametrize(
    ("annotator", "articles", "f1", "shown"),
    [("z", 20, 0.9455, "0.946"), ("p", 12, 0.8235, "0.824")],  # score.py prints them rounded
)
def test_the_second_annotation_agrees_with_the_first_as_reported(annotator, articles, f1, shown):
    """annotations/agreement.md reports event F1 between two independent annotators: 0.95 on 20 articles of
    rounds 1-2 (annotator z), 0.82 on 12 of round 3 (annotator p)."""
    second = [a for a in A.load_all(A.ANNOTATIONS / "agreement") if a.annotator == annotator]
    first = [A.load(A.ANNOTATIONS / "events" / f"{a.article_id}.json") for a in second]
    assert len(second) == articles
    required = {a.article_id: [e for e in a.events if not e.get("optional")] for a in first}
    res = score({a.article_id: a.events for a in second}, required)
    assert abs(res.f1 - f1) < 0.0005
    assert (ROOT / "annotations" / "agreement.md").read_text(encoding="utf-8").count(shown) >= 1
