"""Incidents do not depend on the order articles are stored in, and their ids survive edits."""

from __future__ import annotations

import dataclasses
import json
import random
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import select

from lagebild.doc import Article, ArticleDate
from lagebild.reader import read_paths
from lagebild.store import Store
from lagebild.store import incidents as linking
from lagebild.store.db import MIGRATIONS
from lagebild.store.schema import events

INCIDENT_SET = Path(__file__).resolve().parent / "data" / "incidents"


@pytest.fixture(scope="module")
def docs(pipe):
    return [pipe(a) for a in read_paths([str(INCIDENT_SET)]) if isinstance(a, Article)]


def _incidents(store: Store) -> list[tuple[str, tuple[str, ...]]]:
    return sorted((i["incident_id"], tuple(sorted(i["event_ids"]))) for i in store.incidents())


def _edited(pipe, doc):
    """The article with a line added at the end: its events may change, its id does not."""
    a = doc.article
    return pipe(dataclasses.replace(a, text=a.text + "\n\nDer Artikel wurde aktualisiert."))


def test_any_order_and_any_edit_history_give_the_same_incidents(db_url, docs, pipe):
    store = Store(db_url)
    for d in docs:
        store.save(d)
    reference = _incidents(store)
    assert sum(len(e) > 1 for _, e in reference) >= 10  # the set links many reports
    with store.engine.begin() as conn:  # from scratch, in one pass: the same
        linking.relink_all(conn)
    assert _incidents(store) == reference
    store.close()

    rng = random.Random(13)
    for round_ in range(3):
        store = Store(db_url)
        _clear(store)
        order = docs[:]
        rng.shuffle(order)
        for k, d in enumerate(order):
            store.save(d)
            if k % 5 == 0:  # an earlier article changes, and sometimes changes back
                old = order[rng.randrange(k + 1)]
                store.save(_edited(pipe, old))
                if k % 10 == 0:
                    store.save(old)
        for d in order:  # every article as it finally is
            store.save(d)
        assert _incidents(store) == reference, f"round {round_}"
        store.close()


def _clear(store: Store) -> None:
    with store.engine.begin() as conn:
        for table in ("claims", "events", "sentences", "incidents", "articles"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
        if store.engine.dialect.name == "sqlite":
            conn.exec_driver_sql("DELETE FROM articles_fts")


def test_changing_only_the_date_keeps_the_incident_and_its_id(store, pipe):
    strike = "Bei einem russischen Luftangriff auf Charkiw sind am Sonntag sieben Menschen getötet worden."
    other = "Bei dem russischen Luftangriff auf Charkow am Sonntag sind zwölf Menschen ums Leben gekommen."
    store.save(pipe(Article("s1", strike, ArticleDate(2024, 5, 12))))
    store.save(pipe(Article("s2", other, ArticleDate(2024, 5, 13))))
    (linked,) = [i for i in store.incidents() if i["n_reports"] == 2]
    # the second report's article date moves a day: 'am Sonntag' is still the 12th
    assert store.save(pipe(Article("s2", other, ArticleDate(2024, 5, 14)))) == "replaced"
    assert [i["incident_id"] for i in store.incidents() if i["n_reports"] == 2] == [linked["incident_id"]]
    # the first report's date changes: the incident keeps its id (that of its lowest event, s1#1)
    assert store.save(pipe(Article("s1", strike, ArticleDate(2024, 5, 13)))) == "replaced"
    assert [i["incident_id"] for i in store.incidents() if i["n_reports"] == 2] == [linked["incident_id"]]
    assert linked["incident_id"] == linking.incident_id_of([linking.report_of({"event_id": "s1#1"} | _rec())])


def _rec() -> dict:
    return {"article_id": "s1", "event_type": "x", "sub_event_type": "x"}


def test_an_old_database_is_linked_again_on_upgrade(db_url, docs):
    """A database made by the order-dependent linking (revision 0004) gets canonical incidents."""
    store = Store(db_url)
    for d in docs[:30]:
        store.save(d)
    canonical = _incidents(store)
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    with store.engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, "0004")
        conn.exec_driver_sql("UPDATE incidents SET incident_id = 'inc-old-' || incident_id")
        conn.exec_driver_sql("UPDATE events SET incident_id = 'inc-old-' || incident_id")
    store.close()
    upgraded = Store(db_url)
    assert _incidents(upgraded) == canonical
    with upgraded.engine.connect() as conn:
        days = conn.execute(select(events.c.date, events.c.day_start, events.c.day_end)).all()
    assert all((d is None) == (s is None) and (s is None or s <= e) for d, s, e in days)
    upgraded.close()


def test_linking_a_whole_corpus_at_once_equals_linking_it_article_by_article(docs):
    reports = [linking.report_of(e) for d in docs for e in d.events]
    groups = linking.cluster(reports)
    assert sorted(len(g) for g in groups) == sorted(len(g) for g in linking.cluster(reversed(reports)))
    for g in groups:  # every pair in an incident is compatible, and no article twice
        assert len({r.article_id for r in g}) == len(g)
    assert json.dumps(sorted(sorted(r.event_id for r in g) for g in groups)) == json.dumps(
        sorted(sorted(r.event_id for r in g) for g in linking.cluster(reports[::-1]))
    )
