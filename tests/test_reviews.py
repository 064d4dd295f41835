"""The review desk in the store: decisions as an append-only log, the state derived from them, and no
review lost over re-ingest, migration or concurrent reviewers. Every test runs on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import threading

import pytest
from sqlalchemy import func, select

from lagebild.doc import Article, ArticleDate
from lagebild.store import Store
from lagebild.store.db import EventFilter
from lagebild.store.reviews import Conflict, NotFound, ReviewDesk, ReviewError, derive
from lagebild.store.schema import events, reviews

TEXT = (
    "Bei einem Luftangriff auf Idlib wurden am Montag fünf Menschen getötet. "
    "In Aleppo lieferten sich Rebellen und Regierungstruppen am Dienstag heftige Gefechte mit zehn Toten. "
    "Russische Raketen trafen am Mittwoch die Stadt Charkiw. "
    "In Mossul nahm die Polizei am Donnerstag drei Verdächtige fest."
)
GAZA = "Bei einem israelischen Luftangriff auf Chan Junis im Gazastreifen wurden am Sonntag zwei Menschen getötet. "
DATE = ArticleDate(2024, 5, 10)
KHARKIV = {"name": "Charkiw", "geonames_id": 706483, "lat": 49.98, "lon": 36.25, "admin1": "Kharkiv",
           "country": "UKR", "geo_precision": 1}  # fmt: skip


def by_place(store: Store, **kw) -> dict[str, dict]:
    return {(e["location"] or {}).get("name"): e for e in store.events(EventFilter(**kw))}


def n_reviews(store: Store) -> int:
    with store.engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(reviews)).scalar_one()


@pytest.fixture
def stored(store, pipe):
    doc = pipe(Article("r1", TEXT, DATE))
    store.save(doc)
    return store, ReviewDesk(store), {e["location"]["name"]: e for e in doc.events}


def test_confirm_reject_correct_and_the_state_they_give(stored):
    store, desk, extracted = stored
    ev = by_place(store)
    assert {e["review_status"] for e in ev.values()} == {"unreviewed"}
    assert len(ev) == 4
    confirmed = desk.review(ev["Idlib"]["event_id"], "confirm", "ana")
    assert (confirmed["review_status"], confirmed["reviewed_by"]) == ("confirmed", "ana")
    desk.review(ev["Mosul"]["event_id"], "reject", "ben", reason="not_event")
    fixed = desk.review(ev["Aleppo"]["event_id"], "correct", "ana", changes={"fatalities": 12, "date": "2024-05-04"})
    assert (fixed["review_status"], fixed["fatalities"], fixed["date"]) == ("corrected", 12, "2024-05-04")
    assert fixed["evidence"] == extracted["Aleppo"]["evidence"]  # evidence offsets stay attached

    now = by_place(store)  # rejected reports are left out unless asked for
    assert set(now) == {"Idlib", "Aleppo", "Kharkiv"}
    assert now["Aleppo"]["fatalities"] == 12
    assert set(by_place(store, review=("rejected",))) == {"Mosul"}
    assert set(by_place(store, review=("confirmed", "corrected"))) == {"Idlib", "Aleppo"}
    assert set(by_place(store, review=("unreviewed",))) == {"Kharkiv"}
    assert len(by_place(store, review=("unreviewed", "confirmed", "corrected", "rejected"))) == 4
    # the filter columns follow the correction
    assert set(by_place(store, since="2024-05-04", until="2024-05-04")) == {"Aleppo"}
    assert desk.counts() == {"unreviewed": 1, "confirmed": 1, "corrected": 1, "rejected": 1}

    # the state is derived: the extractor's record with the reviews applied in order
    for name in ("Idlib", "Aleppo", "Mosul"):
        state = derive(extracted[name], desk.history(ev[name]["event_id"]))
        stored_record = by_place(store, review=("all",))[name]
        assert {k: v for k, v in stored_record.items() if k != "incident_id"} == state.record


def test_reviews_are_checked(stored):
    store, desk, _ = stored
    eid = next(iter(by_place(store).values()))["event_id"]
    with pytest.raises(ReviewError, match="reason"):
        desk.review(eid, "reject", "ana")
    with pytest.raises(ReviewError, match="reviewer"):
        desk.review(eid, "confirm", " ")
    with pytest.raises(ReviewError, match="not rejected"):
        desk.review(eid, "restore", "ana")
    with pytest.raises(ReviewError, match="not trigger"):
        desk.review(eid, "correct", "ana", changes={"trigger": "x"})
    with pytest.raises(NotFound):
        desk.review("nope#1", "confirm", "ana")
    assert n_reviews(store) == 0  # nothing refused was written


def test_a_rejected_report_leaves_its_incident_and_a_restored_one_returns(stored):
    store, desk, _ = stored
    eid = by_place(store)["Kharkiv"]["event_id"]
    incident = by_place(store)["Kharkiv"]["incident_id"]
    assert store.incident(incident) is not None
    out = desk.review(eid, "reject", "ana", reason="background")
    assert out["incident_id"] is None and store.incident(incident) is None
    Store(store.url).close()  # opening the database again does not link the rejected report anew
    assert by_place(store, review=("rejected",))["Kharkiv"]["incident_id"] is None
    back = desk.review(eid, "restore", "ana")
    assert back["review_status"] == "unreviewed" and back["incident_id"] == incident
    assert store.incident(incident)["event_ids"] == [eid]


def test_a_corrected_place_moves_the_incident(stored):
    store, desk, _ = stored
    ev = by_place(store)["Aleppo"]
    desk.review(ev["event_id"], "correct", "ana", changes={"location": KHARKIV})
    inc = store.incident(ev["incident_id"])
    assert inc["location"]["name"] == "Charkiw" and inc["location"]["country"] == "UKR"
    assert [e["event_id"] for e in store.events(EventFilter(country="UKR", event_type="Battles"))] == [ev["event_id"]]


def test_a_stale_review_is_a_conflict_not_a_silent_overwrite(stored):
    store, desk, _ = stored
    eid = by_place(store)["Idlib"]["event_id"]
    seen = by_place(store)["Idlib"]["reviewed_at"]  # None: both reviewers loaded it unreviewed
    desk.review(eid, "correct", "ana", changes={"fatalities": 6}, expect=seen)
    with pytest.raises(Conflict) as err:
        desk.review(eid, "correct", "ben", changes={"fatalities": 7}, expect=seen)
    assert err.value.current["fatalities"] == 6 and "ana" in str(err.value)
    latest = by_place(store)["Idlib"]["reviewed_at"]
    assert desk.review(eid, "correct", "ben", changes={"fatalities": 7}, expect=latest)["fatalities"] == 7
    assert [r["reviewer"] for r in desk.history(eid)] == ["ana", "ben"]


def test_reviews_survive_reingest_reattached_or_orphaned(stored, pipe):
    store, desk, _ = stored
    ev = by_place(store)
    desk.review(ev["Idlib"]["event_id"], "correct", "ana", changes={"fatalities": 6})
    desk.review(ev["Aleppo"]["event_id"], "reject", "ana", reason="duplicate")
    desk.review(ev["Kharkiv"]["event_id"], "confirm", "ben")
    desk.review(ev["Mosul"]["event_id"], "confirm", "ben")
    before = n_reviews(store)

    # the article again, with a new first sentence (an event: the ids shift) and without Mossul
    changed = GAZA + TEXT[: TEXT.index("In Mossul")].strip()
    assert store.save(pipe(Article("r1", changed, DATE))) == "replaced"
    after = by_place(store, review=("all",))
    assert set(after) == {"Khan Yunis", "Idlib", "Aleppo", "Kharkiv"}
    assert after["Idlib"]["event_id"] != ev["Idlib"]["event_id"]  # renumbered, and still its reviews
    assert (after["Idlib"]["review_status"], after["Idlib"]["fatalities"]) == ("corrected", 6)
    assert after["Aleppo"]["review_status"] == "rejected" and after["Aleppo"]["incident_id"] is None
    assert (after["Kharkiv"]["review_status"], after["Kharkiv"]["reviewed_by"]) == ("confirmed", "ben")
    assert after["Khan Yunis"]["review_status"] == "unreviewed"
    assert GAZA.strip() not in after["Idlib"]["evidence"][0]["text"]  # offsets moved with the text
    assert after["Idlib"]["evidence"][0]["text"].startswith("Bei einem Luftangriff auf Idlib")

    orphans = desk.orphans()
    assert [o["event_id"] for o in orphans] == [ev["Mosul"]["event_id"]]
    assert orphans[0]["reviews"][0]["reviewer"] == "ben"
    # nothing was deleted: the log only grew (re-attachment and orphan rows)
    assert n_reviews(store) == before + 3 + 1
    # the article as it was: the orphan finds its event again
    store.save(pipe(Article("r1", TEXT, DATE)))
    assert by_place(store)["Mosul"]["review_status"] == "confirmed"
    assert desk.orphans() == []


def test_an_orphan_is_attached_by_hand_or_dismissed(stored, pipe):
    store, desk, _ = stored
    mosul = by_place(store)["Mosul"]["event_id"]
    desk.review(mosul, "correct", "ana", changes={"fatalities": 0})
    store.save(pipe(Article("r1", TEXT.replace("Verdächtige", "mutmaßliche Schmuggler"), DATE)))
    (orphan,) = desk.orphans()
    target = by_place(store)["Mosul"]["event_id"]
    done = desk.attach(orphan["subject"], target, "ana")
    assert (done["review_status"], done["fatalities"]) == ("corrected", 0)
    assert desk.orphans() == []
    with pytest.raises(ReviewError, match="reviews of its own"):
        desk.attach(orphan["subject"], target, "ana")
    store.save(pipe(Article("r1", TEXT.replace("Verdächtige", "Männer"), DATE)))
    (orphan,) = desk.orphans()
    desk.dismiss(orphan["subject"], "ana")
    assert desk.orphans() == []


def test_an_added_event_is_read_from_its_sentence_and_survives_reingest(stored, pipe):
    store, desk, _ = stored
    art = store.article("r1")
    at = art["text"].index("Mossul")
    fields = {"event_type": "Violence against civilians", "sub_event_type": "Abduction/forced disappearance",
              "date": "2024-05-09", "time_precision": 1, "fatalities": None}  # fmt: skip
    added = desk.add("r1", fields, (at, at + 6), "ana")
    sentence = next(s for s in art["sentences"] if s["start"] <= at < s["end"])
    assert added["evidence"][0]["start"] == sentence["start"] and added["evidence"][0]["end"] == sentence["end"]
    assert added["review_status"] == "corrected" and added["incident_id"]
    assert "Mossul" in added["notes"]
    with pytest.raises(ReviewError, match="outside"):
        desk.add("r1", fields, (0, 10**6), "ana")
    with pytest.raises(NotFound):
        desk.add("nope", fields, (0, 1), "ana")

    store.save(pipe(Article("r1", GAZA + TEXT, DATE)))  # stored again: the analyst's event is kept
    kept = [e for e in store.events() if e["sub_event_type"] == "Abduction/forced disappearance"]
    assert len(kept) == 1 and kept[0]["evidence"][0]["text"].startswith("In Mossul")
    assert kept[0]["incident_id"]
    assert desk.orphans() == []


def test_merge_and_split_hold_over_reingest(stored, pipe):
    store, desk, _ = stored
    ev = by_place(store)
    a, b = ev["Idlib"]["incident_id"], ev["Aleppo"]["incident_id"]
    assert a != b
    merged = desk.merge([a, b], "ana")
    inc = store.incident(merged)
    assert sorted(inc["event_ids"]) == sorted([ev["Idlib"]["event_id"], ev["Aleppo"]["event_id"]])
    assert store.incident(a) is None and store.incident(b) is None
    store.save(pipe(Article("r1", GAZA + TEXT, DATE)))  # renumbered: the new r1#1 is another event
    now = by_place(store)
    assert now["Khan Yunis"]["incident_id"] != merged
    assert now["Idlib"]["incident_id"] == now["Aleppo"]["incident_id"] == merged

    parts = desk.split(merged, [now["Aleppo"]["event_id"]], "ben")
    assert store.incident(parts["split"])["event_ids"] == [now["Aleppo"]["event_id"]]
    assert store.incident(parts["rest"])["event_ids"] == [now["Idlib"]["event_id"]]
    assert store.incident(merged) is None
    with pytest.raises(ReviewError, match="not none or all"):
        desk.split(parts["rest"], [now["Idlib"]["event_id"]], "ben")
    store.save(pipe(Article("r1", TEXT, DATE)))
    final = by_place(store)
    assert (final["Aleppo"]["incident_id"], final["Idlib"]["incident_id"]) == (parts["split"], parts["rest"])
    assert final["Kharkiv"]["incident_id"] not in parts.values()


def test_reviews_survive_a_migration_down_and_up(stored, db_url):
    from alembic import command
    from alembic.config import Config

    from lagebild.store.db import MIGRATIONS

    store, desk, _ = stored
    ev = by_place(store)
    desk.review(ev["Idlib"]["event_id"], "correct", "ana", changes={"fatalities": 6})
    desk.review(ev["Mosul"]["event_id"], "reject", "ana", reason="not_event")
    desk.merge([ev["Aleppo"]["incident_id"], ev["Kharkiv"]["incident_id"]], "ana")
    expected = by_place(store, review=("all",))
    logged = n_reviews(store)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
    store.close()
    again = Store(db_url)  # upgrades, and derives every state from the kept reviews
    now = by_place(again, review=("all",))
    for name, rec in expected.items():
        assert {k: now[name][k] for k in ("review_status", "reviewed_by", "fatalities", "incident_id")} == {
            k: rec[k] for k in ("review_status", "reviewed_by", "fatalities", "incident_id")
        }, name
    assert n_reviews(again) >= logged
    again.close()


def test_concurrent_reviewers_lose_no_decision(stored, db_url):
    store, _, _ = stored
    ids = sorted(e["event_id"] for e in store.events())
    errors: list[Exception] = []

    def reviewer(name: str, fatalities: int) -> None:
        own = Store(db_url)  # each reviewer has a server of their own, as `lagebild serve` per analyst
        desk = ReviewDesk(own)
        try:
            for _ in range(5):
                for eid in ids:
                    desk.review(eid, "correct", name, changes={"fatalities": fatalities})
        except Exception as e:  # noqa: BLE001 - collected and asserted below
            errors.append(e)
        finally:
            own.close()

    threads = [threading.Thread(target=reviewer, args=(f"r{i}", i)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert n_reviews(store) == 4 * 5 * len(ids)
    desk = ReviewDesk(store)
    for eid in ids:  # each event holds the last decision the log records for it
        last = desk.history(eid)[-1]
        with store.engine.connect() as conn:
            record = json.loads(conn.execute(select(events.c.record).where(events.c.event_id == eid)).scalar())
        assert (record["fatalities"], record["reviewed_by"]) == (last["after"]["fatalities"], last["reviewer"])


def test_next_unreviewed_follows_the_filter(stored):
    store, desk, _ = stored
    first = desk.next_unreviewed(EventFilter(country="SYR"))
    assert first["location"]["name"] == "Idlib"
    assert desk.next_unreviewed(EventFilter(country="SYR"), skip=[first["event_id"]])["location"]["name"] == "Aleppo"
    desk.review(first["event_id"], "confirm", "ana")
    assert desk.next_unreviewed(EventFilter(country="SYR"))["location"]["name"] == "Aleppo"
    assert desk.next_unreviewed(EventFilter(country="IRQ"))["location"]["name"] == "Mosul"
    desk.review(desk.next_unreviewed(EventFilter(country="IRQ"))["event_id"], "reject", "ana", reason="not_event")
    assert desk.next_unreviewed(EventFilter(country="IRQ")) is None


def test_incident_review_filter(stored):
    store, desk, _ = stored
    ev = by_place(store)
    desk.review(ev["Idlib"]["event_id"], "confirm", "ana")
    reviewed = {i["location"]["name"] for i in store.incidents(EventFilter(review=("confirmed", "corrected")))}
    waiting = {i["location"]["name"] for i in store.incidents(EventFilter(review=("unreviewed",)))}
    assert reviewed == {"Idlib"} and "Idlib" not in waiting and "Aleppo" in waiting


def test_a_restored_report_goes_back_into_the_incident_it_left(stored, pipe):
    store, desk, _ = stored
    store.save(pipe(Article("k2", "Russische Raketen trafen am Mittwoch die Stadt Charkiw.", DATE)))
    (other,) = store.events(EventFilter(article_id="k2"))
    incident = by_place(store)["Kharkiv"]["incident_id"]
    assert other["incident_id"] == incident  # two reports of one strike
    desk.review(other["event_id"], "reject", "ana", reason="duplicate")
    assert store.incident(incident)["n_reports"] == 1
    back = desk.review(other["event_id"], "restore", "ana")
    assert back["incident_id"] == incident and store.incident(incident)["n_reports"] == 2
