"""The review desk's API: same-origin writes, the session's reviewer, decisions and what the exports make of them."""

from __future__ import annotations

import csv
import io
import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from lagebild.doc import Article, ArticleDate
from lagebild.store import Store
from lagebild.web.app import create_app
from tests.test_reviews import DATE, TEXT

LOCAL = "http://127.0.0.1"  # the app answers only to the names it is served under
ORIGIN = {"Origin": LOCAL}


@pytest.fixture
def web(db_url, pipe):
    store = Store(db_url)
    store.save(pipe(Article("r1", TEXT, DATE)))
    store.save(pipe(Article("b", "Russische Raketen trafen am Dienstag die Stadt Charkiw.", ArticleDate(2024, 5, 10))))
    store.close()
    client = TestClient(create_app(db_url, upload_processes=0), base_url=LOCAL)
    return client


def named(client: TestClient, name: str = "ana") -> TestClient:
    assert client.post("/api/review/session", json={"name": name}, headers=ORIGIN).status_code == 200
    return client


def events_by_place(client, **params) -> dict[str, dict]:
    return {(e["location"] or {}).get("name"): e for e in client.get("/api/events", params=params).json()}


def decide(client, event_id, **body):
    return client.post(f"/api/review/events/{quote(event_id, safe='')}", json=body, headers=ORIGIN)


def test_writes_need_this_page_and_a_reviewer(web):
    eid = events_by_place(web)["Idlib"]["event_id"]
    if web.get("/api/review/session").json()["db_user"] is None:  # SQLite: no login to stand in
        assert decide(web, eid, action="confirm").status_code == 422
    evil = web.post(
        f"/api/review/events/{quote(eid, safe='')}", json={"action": "confirm"}, headers={"Origin": "http://evil.example"}
    )
    assert evil.status_code == 403 and "evil.example" in evil.json()["detail"]
    cross = web.post("/api/review/session", json={"name": "x"}, headers={"Sec-Fetch-Site": "cross-site"})
    assert cross.status_code == 403
    named(web)
    assert web.get("/api/review/session").json()["reviewer"] == "ana"
    ok = decide(web, eid, action="confirm")
    assert ok.status_code == 200 and ok.json()["reviewed_by"] == "ana"
    assert web.post("/api/review/session", json={"name": "lagebild"}, headers=ORIGIN).status_code == 422


def test_decisions_change_what_the_api_and_exports_give(web):
    named(web)
    ev = events_by_place(web)
    rejected = decide(web, ev["Mosul"]["event_id"], action="reject", reason="not_event")
    assert rejected.json()["review_status"] == "rejected"
    fixed = decide(web, ev["Aleppo"]["event_id"], action="correct", changes={"fatalities": 11, "sub_event_type": "arm"})
    assert fixed.status_code == 200, fixed.text
    assert (fixed.json()["fatalities"], fixed.json()["sub_event_type"]) == (11, "Armed clash")
    decide(web, ev["Idlib"]["event_id"], action="confirm")

    assert "Mosul" not in events_by_place(web)
    assert set(events_by_place(web, review="rejected")) == {"Mosul"}
    assert set(events_by_place(web, review="reviewed")) == {"Idlib", "Aleppo"}
    jsonl = web.get("/api/export", params={"format": "jsonl", "level": "report"}).text.splitlines()
    exported = [json.loads(line) for line in jsonl]
    assert all(e["location"]["name"] != "Mosul" for e in exported)
    assert {e["review_status"] for e in exported} == {"confirmed", "corrected", "unreviewed"}
    everything = web.get("/api/export", params={"format": "jsonl", "level": "report", "review": "all"})
    assert len(everything.text.splitlines()) == 5
    acled = web.get(
        "/api/export", params={"format": "acled", "level": "report", "review": "reviewed", "review_state": "true"}
    )
    rows = list(csv.DictReader(io.StringIO(acled.text)))
    assert {r["review_status"] for r in rows} == {"confirmed", "corrected"}
    assert {r["reviewed_by"] for r in rows} == {"ana"}
    incidents = web.get("/api/export", params={"format": "jsonl", "level": "incident"}).text.splitlines()
    states = {json.loads(line)["location"]["name"]: json.loads(line)["review_status"] for line in incidents}
    assert states["Idlib"] == "confirmed" and states["Aleppo"] == "corrected" and "Mosul" not in states
    assert web.get("/api/events", params={"review": "maybe"}).status_code == 422
    # the article view shows rejected events too, with their state
    art = web.get("/api/articles/r1").json()
    assert {e["review_status"] for e in art["events"]} == {"confirmed", "corrected", "rejected", "unreviewed"}


def test_bad_corrections_name_the_field(web):
    named(web)
    eid = events_by_place(web)["Idlib"]["event_id"]
    for changes, field in (
        ({"date": "31.02.2024"}, "date"),
        ({"fatalities": -3}, "fatalities"),
        ({"sub_event_type": "Battles"}, "sub_event_type"),
        ({"location": "Nirgendwo-am-See"}, "location"),
        ({"location": {"name": "X", "lat": 99, "lon": 0, "country": "SYR"}}, "location.lat"),
        ({"evidence": []}, "evidence"),
    ):
        res = decide(web, eid, action="correct", changes=changes)
        assert res.status_code == 422, changes
        assert res.json()["detail"][0]["loc"][-1] == field
    assert decide(web, eid, action="reject").status_code == 422  # no reason
    assert decide(web, "nope#1", action="confirm").status_code == 404


def test_a_place_picked_on_the_map_moves_the_event_and_its_incident(web):
    named(web)
    ev = events_by_place(web)["Aleppo"]
    near = web.get("/api/review/near", params={"lat": 36.35, "lon": 43.15}).json()  # a click near Mosul
    assert near and near[0]["km"] < 15 and near[0]["location"]["country"] == "IRQ"
    assert web.get("/api/review/near", params={"lat": 95, "lon": 0}).status_code == 422
    res = decide(web, ev["event_id"], action="correct", changes={"location": near[0]["location"]})
    assert res.json()["location"]["country"] == "IRQ"
    inc = web.get(f"/api/incidents/{res.json()['incident_id']}").json()
    assert inc["location"]["country"] == "IRQ"
    moved = events_by_place(web, country="IRQ", event_type="Battles")
    assert moved[near[0]["location"]["name"]]["event_id"] == ev["event_id"]


def test_lookups_for_the_correction_form(web):
    actors = web.get("/api/review/actors", params={"q": "hisbollah"}).json()
    assert actors[0]["name"] == "Hezbollah" and actors[0]["group"] == "HEZBOLLAH"
    forces = web.get("/api/review/actors", params={"q": "forces of syr"}).json()
    assert any(a["name"] == "Military Forces of Syria" for a in forces)
    places = web.get("/api/review/places", params={"q": "Saporischschja"}).json()
    assert places and places[0]["location"]["country"] == "UKR"


def test_stale_reviews_conflict(web):
    named(web)
    eid = events_by_place(web)["Idlib"]["event_id"]
    assert decide(web, eid, action="confirm", expect=None).status_code == 200
    stale = decide(web, eid, action="correct", changes={"fatalities": 9}, expect=None)
    assert stale.status_code == 409 and stale.json()["detail"]["current"]["review_status"] == "confirmed"


def test_next_add_merge_and_split_through_the_api(web):
    named(web)
    first = web.get("/api/review/next", params={"country": "Syrien"}).json()
    assert first["event"]["location"]["name"] == "Idlib"
    assert web.get("/api/review/counts", params={"country": "Syrien"}).json()["unreviewed"] == 2
    skip = web.get("/api/review/next", params={"country": "SYR", "skip": first["event"]["event_id"]}).json()
    assert skip["event"]["location"]["name"] == "Aleppo"

    text = web.get("/api/articles/r1").json()["text"]
    at = text.index("Mossul")
    added = web.post(
        "/api/review/articles/r1",
        json={"start": at, "end": at + 6, "fields": {"sub_event_type": "Attack", "date": "09.05.2024"}},
        headers=ORIGIN,
    )
    assert added.status_code == 200, added.text
    assert added.json()["event_type"] == "Violence against civilians" and added.json()["date"] == "2024-05-09"
    empty = web.post("/api/review/articles/r1", json={"start": 0, "end": 5, "fields": {}}, headers=ORIGIN)
    assert empty.status_code == 422

    ev = events_by_place(web)
    kharkiv = web.get("/api/events", params={"country": "UKR"}).json()
    ids = sorted({e["incident_id"] for e in kharkiv})
    if len(ids) == 2:  # two reports of one strike the linker kept apart: the analyst merges them
        merged = web.post("/api/review/merge", json={"incident_ids": ids}, headers=ORIGIN).json()["incident_id"]
        inc = web.get(f"/api/incidents/{merged}").json()
        assert inc["n_reports"] == 2
        parts = web.post(f"/api/review/split/{merged}", json={"event_ids": [kharkiv[0]["event_id"]]}, headers=ORIGIN)
        assert parts.status_code == 200 and web.get(f"/api/incidents/{merged}").status_code == 404
    else:
        parts = web.post(f"/api/review/split/{ids[0]}", json={"event_ids": [kharkiv[0]["event_id"]]}, headers=ORIGIN)
        assert parts.status_code == 200
    bad = web.post("/api/review/merge", json={"incident_ids": [ev["Idlib"]["incident_id"], "inc-nope"]}, headers=ORIGIN)
    assert bad.status_code == 404
    log = web.get("/api/review/log").json()
    assert {r["action"] for r in log} >= {"add", "split"} and all(r["reviewer"] == "ana" for r in log)
