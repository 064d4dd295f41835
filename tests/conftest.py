"""Shared fixtures: one pipeline per test session (loading the gazetteer takes a second), stores on both backends."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import Connection, Engine, create_engine, make_url
from sqlalchemy.exc import DBAPIError

from lagebild.doc import Article, ArticleDate
from lagebild.pipeline import get_pipeline
from lagebild.store import Store
from lagebild.store.db import normalise_url

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV_GOLD = SHARED / "gold" / "dev"
OWN_GOLD = ROOT / "tests" / "data" / "gold_own"


@pytest.fixture(scope="session")
def pipe():
    return get_pipeline("de")


@pytest.fixture(scope="session")
def run(pipe):
    """Run the pipeline on a text with an article date; returns the Doc."""

    def _run(text: str, date: str | None = "2024-05-10", article_id: str = "t"):
        return pipe(Article(id=article_id, text=text, date=ArticleDate.parse(date) if date else None))

    return _run


def needs_shared(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not available")


# --- stores: every store test runs on SQLite and on PostgreSQL ------------------------------------------
#
# PostgreSQL comes from LAGEBILD_TEST_PG (a URL to any database on a server where the user may create
# databases; `.ci/run` starts a throwaway one). The session creates a database of its own there, and
# every test or module gets a fresh schema in it, selected through the URL (`options=-csearch_path=...`),
# so the store, the CLI and the web app open it like any other URL. Without the variable the PostgreSQL
# runs are skipped, unless LAGEBILD_REQUIRE_PG=1 (CI) makes that a failure.

PG_ENV = "LAGEBILD_TEST_PG"
BACKENDS = ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)]


@pytest.fixture(scope="session")
def pg_database() -> Iterator[Engine]:
    """A database for this session on the test server (dropped at the end), as an autocommit engine."""
    url = os.environ.get(PG_ENV)
    if not url:
        reason = f"PostgreSQL tests need {PG_ENV}=postgresql+psycopg://user@host:port/db"
        if os.environ.get("LAGEBILD_REQUIRE_PG") == "1":
            pytest.fail(f"LAGEBILD_REQUIRE_PG=1 but {PG_ENV} is not set: {reason}")
        pytest.skip(reason)
    server = make_url(normalise_url(url))
    name = f"lagebild_test_{os.getpid()}_{secrets.token_hex(3)}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        _create_database(conn, name)
    engine = create_engine(server.set(database=name), isolation_level="AUTOCOMMIT")
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.exec_driver_sql(f'DROP DATABASE "{name}" WITH (FORCE)')
    admin.dispose()


def _create_database(conn: Connection, name: str) -> None:
    """Prefer a German ICU collation, as a team server in Germany would have: the store must not
    depend on the server's locale. Servers without ICU get their default."""
    try:
        conn.exec_driver_sql(
            f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8' LOCALE_PROVIDER icu ICU_LOCALE 'de-DE'"
        )
    except DBAPIError:
        conn.exec_driver_sql(f'CREATE DATABASE "{name}"')


@contextmanager
def pg_schema(db: Engine) -> Iterator[str]:
    """A fresh, empty schema in the session database; yields a store URL that works in it."""
    schema = f"t_{secrets.token_hex(6)}"
    with db.connect() as conn:
        conn.exec_driver_sql(f"CREATE SCHEMA {schema}")
    yield db.url.update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(hide_password=False)
    with db.connect() as conn:
        conn.exec_driver_sql("SET lock_timeout = '10s'")  # a leaked open transaction fails, not hangs
        conn.exec_driver_sql(f"DROP SCHEMA {schema} CASCADE")


@contextmanager
def backend_url(request, tmp_path_factory) -> Iterator[str]:
    """An empty store's URL on the backend `request.param` names: an SQLite file, or a fresh PostgreSQL
    schema. For fixtures of any scope parametrised with BACKENDS."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'lagebild.db'}"
        return
    with pg_schema(request.getfixturevalue("pg_database")) as url:
        yield url


@pytest.fixture(params=BACKENDS)
def db_url(request, tmp_path_factory) -> Iterator[str]:
    with backend_url(request, tmp_path_factory) as url:
        yield url


@pytest.fixture
def store(db_url) -> Iterator[Store]:
    s = Store(db_url)
    yield s
    s.close()
