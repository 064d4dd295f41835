"""SQLite store: transactional, idempotent, migrated, queryable."""

import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError

from lagebild.doc import Article, ArticleDate
from lagebild.store import Store
from lagebild.store.db import EventFilter

TEXT_A = "Bei einem Luftangriff auf Idlib wurden am Montag mindestens fünf Menschen getötet."
TEXT_B = "Russische Raketen trafen am Dienstag die Stadt Charkiw. Drei Menschen starben."


def _store(tmp_path):
    return Store(f"sqlite:///{tmp_path / 'db' / 'l.db'}")


def test_ingest_is_idempotent_and_replaces_changed(tmp_path, pipe):
    store = _store(tmp_path)
    a = Article("a", TEXT_A, ArticleDate(2023, 11, 14))
    assert store.save(pipe(a)) == "added"
    first = store.counts()
    assert first["articles"] == 1 and first["events"] >= 1 and first["sentences"] == 1
    assert store.save(pipe(a)) == "unchanged"
    assert store.counts() == first
    changed = Article("a", TEXT_B, ArticleDate(2024, 5, 10))
    assert store.save(pipe(changed)) == "replaced"
    after = store.counts()
    assert after["articles"] == 1 and after["sentences"] == 2
    (e,) = list(store.events())
    assert e["location"]["country"] == "UKR"


def test_sqlite_file_uses_wal_and_migrations(tmp_path):
    store = _store(tmp_path)
    path = tmp_path / "db" / "l.db"
    assert path.exists()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    con = sqlite3.connect(path)
    assert con.execute("select version_num from alembic_version").fetchone()[0] == "0004"
    Store(f"sqlite:///{path}")  # opening again runs no migration twice
    assert con.execute("select count(*) from alembic_version").fetchone()[0] == 1


def test_filters(tmp_path, pipe):
    store = _store(tmp_path)
    store.save(pipe(Article("a", TEXT_A, ArticleDate(2023, 11, 14))))
    store.save(pipe(Article("b", TEXT_B, ArticleDate(2024, 5, 10))))

    def ids(**kw):
        return sorted(e["article_id"] for e in store.events(EventFilter(**kw)))

    assert ids(country="ukr") == ["b"]
    assert ids(place="Idlib") == ["a"]
    assert ids(since="2024-01-01") == ["b"]
    assert ids(until="2023-12") == ["a"]
    assert ids(event_type="Air/drone strike") == ["a"]
    assert ids(actor="Russia") == ["b"]
    assert ids(event_type="Protests") == []


def test_failed_write_rolls_back(tmp_path, pipe):
    store = _store(tmp_path)
    doc = pipe(Article("a", TEXT_A, ArticleDate(2023, 11, 14)))
    doc.events.append(dict(doc.events[0]))  # a duplicate event id violates the primary key
    with pytest.raises(IntegrityError):
        store.save(doc)
    assert store.counts()["articles"] == 0 and store.counts()["events"] == 0
