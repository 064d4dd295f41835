"""The store on SQLite and PostgreSQL: transactional, idempotent, migrated, queryable, the same on both."""

import sqlite3
import threading

import pytest
from alembic.script import ScriptDirectory
from sqlalchemy import text

from lagebild.doc import Article, ArticleDate
from lagebild.errors import RecordError, StoreError
from lagebild.store import Store
from lagebild.store.db import MIGRATIONS, EventFilter, normalise_url, public_location

TEXT_A = "Bei einem Luftangriff auf Idlib wurden am Montag mindestens fünf Menschen getötet."
TEXT_B = "Russische Raketen trafen am Dienstag die Stadt Charkiw. Drei Menschen starben."
STRIKE = "Bei einem Luftangriff auf Idlib wurden mindestens fünf Menschen getötet."


def test_ingest_is_idempotent_and_replaces_changed(store, pipe):
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


def test_migrations_run_once_to_head(db_url):
    head = ScriptDirectory(str(MIGRATIONS)).get_current_head()
    Store(db_url).close()
    store = Store(db_url)  # opening again runs no migration twice
    with store.engine.connect() as conn:
        assert conn.execute(text("select version_num from alembic_version")).scalars().all() == [head]
    store.close()


def test_sqlite_file_uses_wal(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'db' / 'l.db'}")
    assert (tmp_path / "db" / "l.db").exists()
    with store.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
    assert sqlite3.connect(tmp_path / "db" / "l.db").execute("select count(*) from articles").fetchone() == (0,)


def test_filters(store, pipe):
    store.save(pipe(Article("a", TEXT_A, ArticleDate(2023, 11, 14))))
    store.save(pipe(Article("b", TEXT_B, ArticleDate(2024, 5, 10))))

    def ids(**kw):
        return sorted(e["article_id"] for e in store.events(EventFilter(**kw)))

    assert ids(country="ukr") == ["b"]
    assert ids(place="Idlib") == ["a"]
    assert ids(place="idl") == ["a"]  # case-insensitive on both backends
    assert ids(since="2024-01-01") == ["b"]
    assert ids(until="2023-12") == ["a"]
    assert ids(until="2023-11-14") == ["a"]  # an inclusive bound
    assert ids(event_type="Air/drone strike") == ["a"]
    assert ids(actor="Russia") == ["b"]
    assert ids(event_type="Protests") == []
    assert ids(article_id="b") == ["b"]
    assert ids(limit=1, offset=1) == ["b"]


def test_order_and_missing_dates_are_the_same_on_every_backend(store, pipe):
    """By date with undated events first, then by id byte order ("C#" before "b#"), as SQLite sorts.

    A PostgreSQL database with a German collation would put "b" before "C" and undated events last.
    """
    for article_id, date in (("b", ArticleDate(2024, 5, 10)), ("C", ArticleDate(2024, 5, 10)), ("u", None)):
        store.save(pipe(Article(article_id, STRIKE, date)))
    store.save(pipe(Article("y", STRIKE, ArticleDate(2024))))
    order = [(e["date"], e["event_id"]) for e in store.events()]
    assert order == [(None, "u#1"), ("2024", "y#1"), ("2024-05-10", "C#1"), ("2024-05-10", "b#1")]
    assert [e["event_id"] for e in store.events(EventFilter(until="2024-05"))] == ["y#1", "C#1", "b#1"]


def test_article_and_claims_round_trip_types(store, pipe):
    doc = pipe(Article("a", TEXT_A, ArticleDate(2023, 11, 14), title="Idlib", source="dpa", url="https://x.de/1"))
    store.save(doc)
    art = store.article("a")
    assert art is not None and store.article("nope") is None
    assert (art["id"], art["date"], art["title"], art["source"], art["url"]) == (
        "a",
        "2023-11-14",
        "Idlib",
        "dpa",
        "https://x.de/1",
    )
    assert art["text"] == TEXT_A and art["sentences"] == [{"idx": 0, "start": 0, "end": len(TEXT_A)}]
    (claim,) = [c for c in store.claims("fatalities") if c["article_id"] == "a"]
    assert claim["value"] == 5 and isinstance(claim["value"], float) and isinstance(claim["start"], int)
    assert TEXT_A[claim["start"] : claim["end"]] == claim["text"]
    (event,) = store.events()
    assert isinstance(event["location"]["lat"], float) and event["fatalities"] == 5


def test_failed_write_rolls_back(store, pipe):
    doc = pipe(Article("a", TEXT_A, ArticleDate(2023, 11, 14)))
    doc.events.append(dict(doc.events[0]))  # a duplicate event id violates the primary key
    with pytest.raises(RecordError, match="not stored: .*event"):  # names the reason, not the SQL
        store.save(doc)
    assert store.counts()["articles"] == 0 and store.counts()["events"] == 0
    assert store.save(pipe(doc.article)) == "added"  # the store is usable after the failure


def test_concurrent_saves_of_one_article_store_it_once(store, pipe):
    """Writers ingesting the same article at once: one adds it, the others find it unchanged."""
    doc = pipe(Article("a", TEXT_A, ArticleDate(2023, 11, 14)))
    start = threading.Barrier(4)
    results: list[str] = []

    def save() -> None:
        start.wait()
        try:
            results.append(store.save(doc))
        except Exception as exc:  # the assertion below shows what went wrong
            results.append(repr(exc))

    threads = [threading.Thread(target=save) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["added", "unchanged", "unchanged", "unchanged"]
    assert store.counts()["articles"] == 1


def test_plain_postgresql_urls_use_psycopg():
    assert normalise_url("postgresql://ana:geheim@db.example/lage") == "postgresql+psycopg://ana:geheim@db.example/lage"
    assert normalise_url("postgres://db.example:5433/lage") == "postgresql+psycopg://db.example:5433/lage"
    assert normalise_url("postgresql+psycopg://db.example/lage") == "postgresql+psycopg://db.example/lage"
    assert normalise_url("sqlite:///x/l.db") == "sqlite:///x/l.db"


def test_location_names_the_file_or_the_server_without_password():
    assert public_location("sqlite:///data/l.db") == "data/l.db"
    assert (
        public_location("postgresql+psycopg://ana:geheim@db.example/lage")
        == "postgresql+psycopg://ana:***@db.example/lage"
    )


def test_concurrent_reports_of_one_happening_make_one_incident(store, pipe):
    """Writers linking reports at once see each other's incidents instead of each opening its own."""
    docs = [pipe(Article(f"r{i}", STRIKE, ArticleDate(2024, 5, 10))) for i in range(4)]
    start = threading.Barrier(len(docs))
    errors: list[str] = []

    def save(doc) -> None:
        start.wait()
        try:
            store.save(doc)
        except Exception as exc:  # the assertion below shows what went wrong
            errors.append(repr(exc))

    threads = [threading.Thread(target=save, args=(d,)) for d in docs]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    (incident,) = store.incidents()
    assert incident["article_ids"] == ["r0", "r1", "r2", "r3"] and incident["n_reports"] == 4


def test_full_text_search_finds_articles_by_their_words(store, pipe):
    """FTS5 on SQLite, German tsvectors on PostgreSQL: the same words find the same articles."""
    store.save(pipe(Article("a", TEXT_A, ArticleDate(2023, 11, 14), title="Idlib")))
    store.save(pipe(Article("b", TEXT_B, ArticleDate(2024, 5, 10))))
    store.save(pipe(Article("u", STRIKE, None)))
    assert [r["id"] for r in store.search_articles("Raketen")] == ["b"]
    assert sorted(r["id"] for r in store.search_articles("Luftangriff Idlib")) == ["a", "u"]
    (hit,) = store.search_articles("Charkiw")
    assert "[Charkiw]" in hit["snippet"] and hit["date"] == "2024-05-10"
    assert store.search_articles("Panzer") == []
    assert len(store.search_articles("Menschen", limit=2)) == 2


def test_nul_characters_are_stored_as_replacement_characters(store, pipe):
    """PostgreSQL rejects NUL in text; a stray one (say, from a JSON Lines "\\u0000") must not stop an ingest."""
    text_ = TEXT_A.replace("Montag ", "Montag \x00")
    assert store.save(pipe(Article("a", text_, ArticleDate(2023, 11, 14), title="Idlib\x00"))) == "added"
    art = store.article("a")
    assert art["text"] == text_.replace("\x00", "\ufffd") and art["title"] == "Idlib\ufffd"
    assert store.counts()["events"] >= 1


def test_migrations_go_down_and_up_again_keeping_data_where_they_can(store, db_url, pipe):
    from alembic import command
    from alembic.config import Config

    def migrate(how, target: str) -> None:
        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        with store.engine.begin() as conn:
            cfg.attributes["connection"] = conn
            how(cfg, target)

    store.save(pipe(Article("a", STRIKE, ArticleDate(2024, 5, 10))))
    before = list(store.events())
    migrate(command.downgrade, "0002")
    reopened = Store(db_url)  # upgrades again, with the data in place
    assert list(reopened.events()) == before
    reopened.close()
    migrate(command.downgrade, "base")
    migrate(command.upgrade, "head")
    assert set(store.counts().values()) == {0}


def test_a_database_that_cannot_be_opened_is_one_clear_error(tmp_path):
    with pytest.raises(StoreError, match=r"cannot open the database postgresql\+psycopg://ana:\*\*\*@127.0.0.1:1/"):
        Store("postgresql://ana:geheim@127.0.0.1:1/lage")  # nothing listens on port 1
    (tmp_path / "file").write_text("")
    with pytest.raises(StoreError, match="cannot open the database"):
        Store(f"sqlite:///{tmp_path / 'file' / 'l.db'}")  # its directory is a file
    with pytest.raises(StoreError, match="not a database URL"):
        Store("sql lite://lagebild.db")


def test_a_plain_path_is_an_sqlite_file_and_reading_never_creates_one(tmp_path):
    from lagebild.errors import MissingDatabase

    path = tmp_path / "sub" / "l.db"
    with pytest.raises(MissingDatabase, match=f"no lagebild database at {path}"):
        Store(str(path), create=False)
    assert not path.parent.exists()  # nothing was created, not even the folder
    Store(str(path)).close()  # writing creates it
    assert path.is_file()
    assert Store(str(path), create=False).counts()["articles"] == 0


def test_reading_an_empty_server_database_refuses_it(db_url):
    from lagebild.errors import MissingDatabase

    if db_url.startswith("sqlite"):
        pytest.skip("a server database exists before lagebild's tables do; SQLite is covered above")
    with pytest.raises(MissingDatabase):
        Store(db_url, create=False)
    Store(db_url).close()
    Store(db_url, create=False).close()
