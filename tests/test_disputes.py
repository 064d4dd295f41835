"""Disputed figures: flagged between the reports of one happening, never between the figures of one report."""

from __future__ import annotations

from lagebild.reader import read_paths
from lagebild.store.incidents import contradictions
from tests.conftest import ROOT

KHARKIV = sorted((ROOT / "tests" / "data" / "incidents").glob("inc-00[123]-*.txt"))


def _member(event_id, fatalities, sources=()):
    return {
        "event_id": event_id,
        "article_id": event_id.split("#")[0],
        "fatalities": fatalities,
        "sources": [{"name": s} for s in sources],
    }


def test_one_report_with_several_figures_is_no_dispute():
    # "mindestens sieben Soldaten" (the article) and "mehr als 40 Terroristen" (a ministry), one report
    claims = [
        {"event_id": "a#1", "kind": "fatalities", "value": 7.0, "source": None},
        {"event_id": "a#1", "kind": "fatalities", "value": 40.0, "source": "Informationsministerium"},
        {"event_id": "a#1", "kind": "injured", "value": 3.0, "source": None},
        {"event_id": "a#1", "kind": "injured", "value": 12.0, "source": None},
    ]
    assert contradictions(claims, [_member("a#1", 7)]) == []


def test_reports_giving_different_tolls_are_a_dispute_with_who_says_what():
    members = [_member("a#1", 6, ["Gouverneur"]), _member("b#1", 9, ["Staatsanwaltschaft"]), _member("c#1", 6)]
    claims = [
        {"event_id": "a#1", "kind": "injured", "value": 40.0, "source": "Gouverneur"},
        {"event_id": "b#1", "kind": "injured", "value": 40.0, "source": None},
        {"event_id": "c#1", "kind": "injured", "value": 25.0, "source": None},
        {"event_id": "c#1", "kind": "injured", "value": 50.0, "source": None},  # c's own second figure
    ]
    (dead, hurt) = sorted(contradictions(claims, members), key=lambda c: c["kind"])
    assert dead["kind"] == "fatalities" and dead["spread"] == [6, 9]
    assert dead["values"] == [
        {"value": 6, "sources": ["Gouverneur", None], "article_ids": ["a", "c"]},
        {"value": 9, "sources": ["Staatsanwaltschaft"], "article_ids": ["b"]},
    ]
    assert hurt["kind"] == "injured" and [v["value"] for v in hurt["values"]] == [25.0, 40.0]  # c counts its lowest


def test_stored_incidents_flag_only_disputes_between_reports(store, pipe):
    for article in read_paths([str(ROOT / "examples" / "somalia-al-shabaab.txt"), *map(str, KHARKIV)]):
        store.save(pipe(article))
    found = {i["location"]["name"]: i for i in store.incidents() if i["location"]["name"] in ("Jowhar", "Kharkiv")}
    jowhar = next(i for i in store.incidents() if i["location"]["name"] == "Jowhar" and i["fatalities"] == 7)
    assert len({c["value"] for c in jowhar["claims"] if c["kind"] == "fatalities"}) > 1
    assert jowhar["contradictions"] == []
    (dispute,) = found["Kharkiv"]["contradictions"]
    kharkiv = found["Kharkiv"]["incident_id"]
    tolls = {e["article_id"]: e["fatalities"] for e in store.events() if e["incident_id"] == kharkiv}
    assert {v["value"] for v in dispute["values"]} == {t for t in tolls.values() if t is not None}
    assert {a for v in dispute["values"] for a in v["article_ids"]} == {a for a, t in tolls.items() if t is not None}
