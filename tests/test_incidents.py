"""Incidents: reports of one happening from different articles are linked, different happenings never."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from lagebild.cli import main
from lagebild.doc import Article, ArticleDate
from lagebild.evaluate.linking import evaluate_dir
from lagebild.incidents.link import Report, compatible, day_interval, summarise
from lagebild.store import Store
from lagebild.store.db import EventFilter

INCIDENT_SET = Path(__file__).parent / "data" / "incidents"
RUS = ("Military Forces of Russia", "external", "RUS", None)
UKR_CIV = ("Civilians (Ukraine)", "civilians", "UKR", None)


def _report(**kw) -> Report:
    base = dict(
        event_id="a#1",
        article_id="a",
        event_type="Explosions/Remote violence",
        sub_event_type="Air/drone strike",
        date="2024-05-12",
        time_precision=1,
        lat=49.99,
        lon=36.23,
        geo_precision=1,
        admin1="Kharkiv",
        country="UKR",
        location="Kharkiv",
        actor1=RUS,
        actor2=UKR_CIV,
        fatalities=7,
    )
    return Report(**(base | kw))


def test_same_strike_from_two_outlets_is_compatible():
    b = _report(event_id="b#1", article_id="b", sub_event_type="Shelling/artillery/missile attack", lat=50.0)
    assert compatible(_report(), b)  # a missile instead of an air strike, both by Russia: one strike
    assert not compatible(_report(actor1=None), b)  # with the attacker unnamed they may be two
    assert not compatible(_report(), _report(event_id="b#1", article_id="b", date="2024-05-13"))  # next day


def test_different_days_places_kinds_and_sides_are_not_compatible():
    a = _report()
    assert not compatible(a, _report(event_id="b#1", article_id="b", date="2024-05-16"))
    assert not compatible(a, _report(event_id="b#1", article_id="b", lat=50.4, lon=36.9))  # ~60 km away
    assert not compatible(
        a, _report(event_id="b#1", article_id="b", event_type="Protests", sub_event_type="Peaceful protest")
    )
    is_ = ("Islamic State", "rebel", None, "IS")
    hts = ("Hayat Tahrir al-Sham", "rebel", None, "HTS")
    assert not compatible(_report(actor1=is_), _report(event_id="b#1", article_id="b", actor1=hts))
    ukr = ("Military Forces of Ukraine", "state", "UKR", None)
    assert compatible(a, _report(event_id="b#1", article_id="b", actor1=ukr))  # outlets disagree on states
    battle = dict(event_type="Battles", sub_event_type="Armed clash")
    assert compatible(
        _report(actor1=is_, actor2=hts, **battle),
        _report(event_id="b#1", article_id="b", actor1=hts, actor2=is_, **battle),
    )
    assert not compatible(a, _report(event_id="a#2"))  # one article's events are different happenings


def test_month_precision_interval_and_province_reports():
    assert day_interval("2024-05", 3)[1].isoformat() == "2024-05-31"
    province = _report(event_id="b#1", article_id="b", geo_precision=3, lat=49.5, lon=36.5)
    assert compatible(_report(), province)  # same day, same province
    assert not compatible(_report(time_precision=3, date="2024-05"), province)


def test_summary_keeps_the_lowest_toll_and_the_spread():
    s = summarise([_report(), _report(event_id="b#1", article_id="b", fatalities=12, date="2024-05", time_precision=3)])
    assert (s["fatalities"], s["fatalities_max"], s["n_reports"]) == (7, 12, 2)
    assert s["date"] == "2024-05-12" and s["time_precision"] == 1


STRIKE_1 = (
    "Bei einem russischen Luftangriff auf die ostukrainische Stadt Charkiw sind am Sonntag sieben Menschen "
    "getötet worden. Das teilte der Gouverneur der Region mit."
)
STRIKE_2 = (
    "Bei dem russischen Luftangriff auf Charkow am Sonntag sind nach Angaben der ukrainischen Staatsanwaltschaft "
    "zwölf Menschen ums Leben gekommen. Russische Flugzeuge warfen Gleitbomben auf ein Wohnviertel."
)
OTHER_DAY = "Bei einem russischen Luftangriff auf Charkiw sind am Donnerstag drei Menschen getötet worden."
PROTEST = "In Charkiw haben am Sonntag Hunderte Menschen gegen die Regierung demonstriert."


def _save(store: Store, pipe, aid: str, text: str, date: ArticleDate) -> None:
    store.save(pipe(Article(aid, text, date)))


def test_store_links_reports_and_keeps_others_apart(store, pipe):
    _save(store, pipe, "s1", STRIKE_1, ArticleDate(2024, 5, 12))
    _save(store, pipe, "s2", STRIKE_2, ArticleDate(2024, 5, 13))
    _save(store, pipe, "s3", OTHER_DAY, ArticleDate(2024, 5, 16))
    _save(store, pipe, "p1", PROTEST, ArticleDate(2024, 5, 12))
    found = store.incidents()
    linked = [i for i in found if i["n_reports"] == 2]
    assert len(linked) == 1 and linked[0]["article_ids"] == ["s1", "s2"]
    inc = linked[0]
    assert (inc["fatalities"], inc["fatalities_max"]) == (7, 12)
    assert inc["contradictions"] and inc["contradictions"][0]["kind"] == "fatalities"
    assert {c["source"] for c in inc["claims"] if c["kind"] == "fatalities"} >= {"Gouverneur der Region"}
    assert len(found) == 3  # the strike, Thursday's strike, the protest
    full = store.incident(inc["incident_id"])
    assert all(e["evidence"] for e in full["events"])


def test_changed_article_leaves_its_incident(store, pipe):
    _save(store, pipe, "s1", STRIKE_1, ArticleDate(2024, 5, 12))
    _save(store, pipe, "s2", STRIKE_2, ArticleDate(2024, 5, 13))
    _save(store, pipe, "s2", PROTEST, ArticleDate(2024, 5, 12))  # the article was replaced by another story
    found = store.incidents()
    assert sorted(i["sub_event_type"] for i in found) == ["Air/drone strike", "Peaceful protest"]
    strike = next(i for i in found if i["sub_event_type"] == "Air/drone strike")
    assert strike["article_ids"] == ["s1"] and strike["fatalities_max"] == 7
    _save(store, pipe, "s2", PROTEST, ArticleDate(2024, 5, 12))  # unchanged: nothing moves
    assert len(store.incidents()) == 2


def test_incidents_timeline_and_control_cli(db_url, store, pipe):
    db = db_url
    _save(store, pipe, "s1", STRIKE_1, ArticleDate(2024, 5, 12))
    _save(store, pipe, "s2", STRIKE_2, ArticleDate(2024, 5, 13))
    taken = (
        "Die russische Armee hat nach eigenen Angaben das Dorf Borowa eingenommen. "
        "Die ukrainische Armee kontrolliert noch etwa 30 Prozent der Region Charkiw."
    )
    _save(store, pipe, "t1", taken, ArticleDate(2024, 5, 14))
    runner = CliRunner()
    res = runner.invoke(main, ["incidents", "--db", db, "--format", "jsonl"])
    assert res.exit_code == 0, res.output
    lines = [json.loads(x) for x in res.output.splitlines()]
    keys = {
        "incident_id",
        "article_ids",
        "event_ids",
        "event_type",
        "sub_event_type",
        "date",
        "location",
        "fatalities",
        "claims",
    }
    assert all(keys <= set(x) for x in lines)
    res = runner.invoke(main, ["timeline", "--place", "Khark", "--db", db])
    assert res.exit_code == 0 and "2024-05-12" in res.output and "2 reports" in res.output
    res = runner.invoke(main, ["timeline", "--db", db])
    assert res.exit_code != 0 and "--place" in res.output
    res = runner.invoke(main, ["control", "--db", db, "--format", "json"])
    per_place = json.loads(res.output)
    borova = next(v for k, v in per_place.items() if k.startswith("Borov"))
    assert borova[0]["what"] == "taken" and borova[0]["holder"] == "Military Forces of Russia"
    region = [it for k, v in per_place.items() if "Kharkiv" in k for it in v if it["what"] == "holds"]
    assert region and region[0]["share"] == 30 and region[0]["holder"] == "Military Forces of Ukraine"


def test_linking_quality_on_the_incident_set(db_url):
    """Pairwise precision and recall on articles written for this (bench/linking.py prints the errors)."""
    res = evaluate_dir(INCIDENT_SET, db_url)
    assert res.precision >= 0.95 and res.recall >= 0.9, (res.false_links, res.missed_links)


def test_pending_events_are_linked_when_an_old_database_opens(db_url, store, pipe):
    _save(store, pipe, "s1", STRIKE_1, ArticleDate(2024, 5, 12))
    with store.engine.begin() as conn:
        conn.exec_driver_sql("UPDATE events SET incident_id = NULL")
        conn.exec_driver_sql("DELETE FROM incidents")
    reopened = Store(db_url)
    assert len(reopened.incidents(EventFilter(place="Khark"))) == 1
    reopened.close()


def test_a_branch_and_its_parent_group_can_be_one_attacker():
    from lagebild.store.incidents import report_of

    def record(aid: str, group: str, name: str) -> dict:
        return {
            "event_id": f"{aid}#1",
            "article_id": aid,
            "event_type": "Explosions/Remote violence",
            "sub_event_type": "Suicide bomb",
            "date": "2024-04-25",
            "time_precision": 1,
            "location": {"name": "Kabul", "lat": 34.53, "lon": 69.17, "geo_precision": 1, "country": "AFG"},
            "actor1": {"name": name, "kind": "rebel", "country": None, "group": group},
        }

    iskp = report_of(record("a", "ISKP", "Islamic State Khorasan Province"))
    assert compatible(iskp, report_of(record("b", "IS", "Islamic State")))
    assert not compatible(iskp, report_of(record("b", "TALIBAN", "Taliban")))
