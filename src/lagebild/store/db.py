"""The store: one data-access layer over SQLAlchemy Core, SQLite by default.

Every article is written in one transaction with its sentences, events and claims. Ingesting is
idempotent: an article whose text, date and extractor version are unchanged is skipped; a changed
article's old rows are replaced. The schema is created and upgraded by Alembic migrations.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import platformdirs
from sqlalchemy import (
    Connection,
    Engine,
    and_,
    column,
    create_engine,
    delete,
    event,
    func,
    insert,
    inspect,
    make_url,
    or_,
    select,
    text,
)
from sqlalchemy.exc import ArgumentError, DatabaseError, OperationalError, StatementError

from lagebild import __version__
from lagebild.doc import Doc
from lagebild.errors import FilterError, MissingDatabase, RecordError, StoreError
from lagebild.store import incidents as linking
from lagebild.store.review_state import review_conditions, with_defaults
from lagebild.store.schema import articles, claims, events, incidents, sentences
from lagebild.store.where import compile_where

MIGRATIONS = Path(__file__).parent / "migrations"
URL_EXAMPLES = "sqlite:///path/lagebild.db or postgresql://user@host/db"
WRITE_LOCK = 0x6C616765  # the PostgreSQL advisory lock key all lagebild writers share ("lage")


def default_url() -> str:
    """`LAGEBILD_DB` if set, else one SQLite file in the user's data directory."""
    if url := os.environ.get("LAGEBILD_DB"):
        return url
    path = Path(platformdirs.user_data_dir("lagebild")) / "lagebild.db"
    return f"sqlite:///{path}"


def content_hash(doc: Doc) -> str:
    a = doc.article
    h = hashlib.sha256()
    for part in (a.text, a.date.iso() if a.date else "unknown", __version__):
        # a lone surrogate is stored as U+FFFD (`_storable`): hashed so too, the text read again is unchanged
        h.update(SURROGATES.sub("\ufffd", part).encode("utf-8"))
        h.update(b"\0")
    return h.hexdigest()


@dataclass
class EventFilter:
    place: str | None = None  # part of a location or admin1 name
    places: tuple = ()  # or one of these stored places (`lagebild.filters.PlaceMatch`: column, name, country)
    country: str | None = None
    event_type: str | None = None
    since: str | None = None
    until: str | None = None
    actor: str | None = None
    source: str | None = None
    article_id: str | None = None
    text: str | None = None  # full-text search: only what articles containing these words report
    where: str | None = None  # a --where expression (store/where.py); WhereError if it is malformed
    review: tuple[str, ...] | None = None  # review statuses to keep (review_state.py); None: all but rejected
    limit: int | None = None
    offset: int = 0

    def checked(self) -> EventFilter:
        """The filter with its values checked (FilterError names the bad one) and NUL characters
        read as U+FFFD, as the store keeps them (PostgreSQL text cannot hold NUL)."""
        for name in ("since", "until"):
            value = getattr(self, name)
            if value is not None and not DATE.match(value):
                raise FilterError(name, f"{name}: {value[:40]!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)")
        if self.limit is not None and not 1 <= self.limit <= INT64:
            raise FilterError("limit", f"limit must be between 1 and {INT64}, not {self.limit}")
        if not 0 <= self.offset <= INT64:
            raise FilterError("offset", f"offset must be between 0 and {INT64}, not {self.offset}")
        for name in ("place", "country", "event_type", "actor", "source", "article_id", "text", "where"):
            value = getattr(self, name)
            if isinstance(value, str) and "\x00" in value:
                setattr(self, name, value.replace("\x00", "\ufffd"))
        return self


INT64 = 2**63 - 1
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class Saved:
    """What storing one article did: `added`, `replaced` or `unchanged`, and for a replaced article
    the input it had been read from (another file with the same id is worth a word to the user)."""

    status: str
    previous_origin: str | None = None


def normalise_url(url: str) -> str:
    """PostgreSQL URLs without a driver (`postgresql://`, `postgres://`) go through psycopg 3.

    SQLAlchemy would pick psycopg2 for `postgresql://` (not a dependency) and rejects `postgres://`,
    the spelling many hosting services hand out.
    """
    if "://" not in url and url != ":memory:":  # a plain file path is an SQLite database
        return f"sqlite:///{Path(url).expanduser()}"
    parsed = make_url(url)
    if parsed.drivername in ("postgresql", "postgres"):
        parsed = parsed.set(drivername="postgresql+psycopg")
        return parsed.render_as_string(hide_password=False)
    return url


def public_location(url: str) -> str:
    """Where the data lives, for messages: a file path, or the server URL without its password."""
    if url.startswith("sqlite:///"):
        return url.removeprefix("sqlite:///")
    return make_url(url).render_as_string(hide_password=True)


class Store:
    """The data-access layer: the same schema and queries on SQLite (embedded) and PostgreSQL (a team server)."""

    def __init__(self, url: str | None = None, *, create: bool = True) -> None:
        """Open (and migrate) the database; `create=False` refuses one that does not exist yet.

        Reading commands open with `create=False`, so a mistyped path or a forgotten `--db` says
        that there is nothing there instead of creating an empty database and reporting 0 events.
        """
        try:
            self.url = normalise_url(url or default_url())
        except ArgumentError:
            raise StoreError(f"not a database URL: {URL_EXAMPLES}") from None
        if not create and not self._exists():
            raise MissingDatabase(
                f"no lagebild database at {self.location}: store articles there first "
                f"(lagebild ingest PATH... --db {self.location}), or name another with --db or $LAGEBILD_DB"
            )
        try:
            self._open()
        except (ArgumentError, DatabaseError, OSError, ImportError) as e:  # ImportError: a dialect without driver
            reason = str(getattr(e, "orig", None) or e).strip()
            raise StoreError(f"cannot open the database {self.location}: {reason}") from e

    def _exists(self) -> bool:
        """Whether the database already holds lagebild's tables (an SQLite file: whether it exists)."""
        if self.url.startswith("sqlite:///"):
            path = self.url.removeprefix("sqlite:///")
            if path.startswith("file:"):  # a URI filename (`file:/x.db?mode=ro&uri=true`, read-only)
                path = path.removeprefix("file:").split("?", 1)[0]
            return path == ":memory:" or Path(path).expanduser().is_file()
        try:
            engine = create_engine(self.url)
            try:
                return inspect(engine).has_table("articles")
            finally:
                engine.dispose()
        except (ArgumentError, OperationalError, ImportError) as e:
            reason = str(getattr(e, "orig", None) or e).strip()
            raise StoreError(f"cannot open the database {self.location}: {reason}") from e

    def _open(self) -> None:
        if self.url.startswith("sqlite:///") and self.url != "sqlite:///:memory:":
            Path(self.url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
        # A server may drop idle connections (restarts, timeouts) under a long-running `serve`.
        server = not self.url.startswith("sqlite")
        self.engine: Engine = create_engine(self.url, pool_pre_ping=server)
        if self.engine.dialect.name == "sqlite":
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()

    def close(self) -> None:
        """Close the pooled connections (a server counts them; SQLite does not mind)."""
        self.engine.dispose()

    def _write_lock(self, conn: Connection) -> None:
        """Take the writer's lock before the transaction reads what it will write over.

        Two processes ingesting at once would otherwise both find an article missing and both insert
        it (one fails on the primary key), or both open a new incident for one happening. SQLite's
        driver begins a transaction only at the first write, so the read would run unlocked:
        BEGIN IMMEDIATE takes the database's write lock first (waiting out the busy timeout).
        PostgreSQL gets a transaction-scoped advisory lock that all lagebild writers share. Either
        lock lasts only the short write; extraction, the slow part, runs outside it.
        """
        if self.engine.dialect.name == "sqlite":
            conn.exec_driver_sql("BEGIN IMMEDIATE")
        elif self.engine.dialect.name == "postgresql":
            conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": WRITE_LOCK})

    @property
    def _fts(self) -> bool:
        """SQLite keeps its FTS5 table in step by hand; PostgreSQL searches an expression index."""
        return self.engine.dialect.name == "sqlite"

    def migrate(self) -> None:
        """Create or upgrade the schema, and link events left without an incident; a database that
        is up to date is only read, so read-only files and read-only logins can be queried."""
        from alembic import command
        from alembic.config import Config
        from alembic.runtime.migration import MigrationContext
        from alembic.script import ScriptDirectory

        from lagebild.store import review_apply

        cfg = Config()
        cfg.set_main_option("script_location", str(MIGRATIONS))
        head = ScriptDirectory.from_config(cfg).get_current_head()
        with self.engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
            pending = current == head and conn.execute(
                select(events.c.event_id).where(events.c.incident_id.is_(None), linking.LINKABLE).limit(1)
            ).first()
        if current == head and not pending:
            return
        with self.engine.begin() as conn:
            self._write_lock(conn)  # two processes opening a new database must not both create it
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "head")
            linking.link_pending(conn)
            review_apply.enforce(conn)

    @property
    def location(self) -> str:
        return public_location(self.url)

    # --- writing ----------------------------------------------------------------------------------
    def save(self, doc: Doc) -> str:
        """Store one extracted article in one transaction: "added", "replaced" or "unchanged"."""
        return self.put(doc).status

    def put(self, doc: Doc) -> Saved:
        """Store one extracted article in one transaction, or raise.

        RecordError: this article cannot be stored (the message says why; nothing of it was written,
        and the next article can be). StoreError: the database cannot be written at all (read-only,
        full, gone), which no other article would change.
        """
        check_record(doc)
        try:
            return self._put(doc)
        except OperationalError as e:
            raise StoreError(f"cannot write to the database {self.location}: {_reason(e)}") from e
        except (StatementError, ValueError, TypeError, OverflowError) as e:
            raise RecordError(f"not stored: {_reason(e)}") from e

    def _put(self, doc: Doc) -> Saved:
        from lagebild.store import review_apply

        a = doc.article
        digest = content_hash(doc)
        with self.engine.begin() as conn:
            self._write_lock(conn)
            old = conn.execute(select(articles.c.content_hash, articles.c.origin).where(articles.c.id == a.id)).first()
            if old is not None and old.content_hash == digest:
                return Saved("unchanged")
            removal = None
            if old is not None:
                removal = linking.affected_by_removal(conn, a.id)
                for table in (claims, events, sentences):
                    conn.execute(delete(table).where(table.c.article_id == a.id))
                conn.execute(delete(articles).where(articles.c.id == a.id))
                if self._fts:
                    conn.execute(text("DELETE FROM articles_fts WHERE article_id = :id"), {"id": a.id})
            row = {
                "id": a.id,
                "date": a.date.iso() if a.date else None,
                "title": a.title,
                "source": a.source,
                "url": a.url,
                "origin": a.origin,
                "text": a.text,
                "content_hash": digest,
                "ingested_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            }
            conn.execute(insert(articles).values(**_storable(row)))
            if doc.sents:
                conn.execute(
                    insert(sentences),
                    [
                        {"article_id": a.id, "idx": s.i, "start": s.start, "end": s.end, "is_noise": int(s.is_noise)}
                        for s in doc.sents
                    ],
                )
            if self._fts:
                conn.execute(
                    text("INSERT INTO articles_fts (article_id, title, text) VALUES (:id, :title, :text)"),
                    _storable({"id": a.id, "title": a.title or "", "text": a.text}),
                )
            if doc.events:
                conn.execute(insert(events), [_storable(_event_row(e)) for e in doc.events])
            if doc.claims:
                conn.execute(insert(claims), [_storable(_claim_row(c, a.id)) for c in doc.claims])
            # the article's reviews re-attached to its new events (or listed as orphaned), then linked;
            # rejected and pinned reports are placed by the reviews, not by the linker
            to_link = review_apply.reapply(conn, a.id, doc.events)
            linking.relink(conn, to_link, removal)
            review_apply.enforce(conn)
        if old is None:
            return Saved("added")
        return Saved("replaced", old.origin)

    # --- reading ----------------------------------------------------------------------------------
    def events(self, f: EventFilter | None = None, *, stored_at: bool = False) -> Iterator[dict[str, Any]]:
        """EVENTS.md records by date (undated first), each with the `incident_id` it was linked to.

        `stored_at` adds when the record's article was stored (UTC, ISO 8601), as exports write it.
        """
        f = (f or EventFilter()).checked()
        cols = [events.c.record, events.c.incident_id]
        q = select(*cols, articles.c.ingested_at) if stored_at else select(*cols)
        if stored_at:
            q = q.join(articles, articles.c.id == events.c.article_id)
        q = q.order_by(events.c.date.asc().nulls_first(), events.c.event_id)
        conds = conditions(events, f, self.engine.dialect.name)
        if conds:
            q = q.where(and_(*conds))
        if f.limit:
            q = q.limit(f.limit).offset(f.offset)
        with self.engine.connect() as conn:
            for row in conn.execute(q):
                record = json.loads(row[0]) | {"incident_id": row[1]}
                if stored_at:
                    record["stored_at"] = row[2]
                yield record

    def incidents(self, f: EventFilter | None = None) -> list[dict[str, Any]]:
        """Incidents (one happening, every report of it) with their claims and contradictions, by date."""
        f = (f or EventFilter()).checked()
        q = select(incidents).order_by(incidents.c.date.asc().nulls_first(), incidents.c.incident_id)
        conds = conditions(incidents, f, self.engine.dialect.name)
        if conds:
            q = q.where(and_(*conds))
        if f.limit:
            q = q.limit(f.limit).offset(f.offset)
        with self.engine.connect() as conn:
            return linking.incident_dicts(conn, conn.execute(q).all())

    def incident(self, incident_id: str) -> dict[str, Any] | None:
        """One incident with its full event records (each with its evidence), or None."""
        incident_id = incident_id.replace("\x00", "\ufffd")  # as stored (PostgreSQL text: no NUL)
        with self.engine.connect() as conn:
            rows = conn.execute(select(incidents).where(incidents.c.incident_id == incident_id)).all()
            found = linking.incident_dicts(conn, rows, with_events=True)
        return found[0] if found else None

    def iter_incidents(self, f: EventFilter | None = None, chunk: int = 500) -> Iterator[dict[str, Any]]:
        """Incidents by date with their reports' full records, read a chunk at a time (for exports)."""
        f = (f or EventFilter()).checked()
        q = select(incidents.c.incident_id).order_by(incidents.c.date.asc().nulls_first(), incidents.c.incident_id)
        conds = conditions(incidents, f, self.engine.dialect.name)
        if conds:
            q = q.where(and_(*conds))
        if f.limit:
            q = q.limit(f.limit).offset(f.offset)
        with self.engine.connect() as conn:
            ids = [i for (i,) in conn.execute(q)]
            for part in (ids[i : i + chunk] for i in range(0, len(ids), chunk)):
                rows = conn.execute(select(incidents).where(incidents.c.incident_id.in_(part))).all()
                order = {i: n for n, i in enumerate(part)}
                rows.sort(key=lambda r: order[r.incident_id])
                yield from linking.incident_dicts(conn, rows, with_events=True)

    def claims(self, kind: str | None = None, f: EventFilter | None = None) -> list[dict[str, Any]]:
        """Stored claims (figures, control, background events) with their source and evidence offsets."""
        f = (f or EventFilter()).checked()
        q = select(claims, articles.c.date.label("article_date")).join(articles, articles.c.id == claims.c.article_id)
        conds = []
        if kind:
            conds.append(claims.c.kind == kind.replace("\x00", "\ufffd"))  # as stored (PostgreSQL: no NUL)
        if f.place or f.places:
            conds.append(or_(*_place_conditions(claims.c.place, None, claims.c.country, f)))
        if f.country:
            conds.append(claims.c.country == f.country.upper())  # stored upper case: the index applies
        if f.actor:
            conds.append(claims.c.actor.icontains(f.actor, autoescape=True))
        if f.article_id:
            conds.append(claims.c.article_id == f.article_id)
        if f.since:
            conds.append(func.coalesce(claims.c.date, articles.c.date) >= f.since)
        if f.until:
            conds.append(func.coalesce(claims.c.date, articles.c.date) <= f.until + "\uffff")
        if conds:
            q = q.where(and_(*conds))
        when = func.coalesce(claims.c.date, articles.c.date)
        q = q.order_by(when.asc().nulls_first(), claims.c.article_id, claims.c.start.asc().nulls_first())
        if f.limit:
            q = q.limit(f.limit).offset(f.offset)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(q).mappings()]

    def timeline(self, f: EventFilter | None = None) -> list[dict[str, Any]]:
        """The dated sequence of incidents matching a place, country or actor (undated ones last)."""
        items = self.incidents(f)
        return sorted(items, key=lambda i: (i["date"] is None, i["date"] or "", i["incident_id"]))

    def control(self, f: EventFilter | None = None) -> dict[str, list[dict[str, Any]]]:
        """Per place, the control changes and control claims over time (see `control_timeline`)."""
        f = (f or EventFilter()).checked()
        scope = EventFilter(
            place=f.place, places=f.places, country=f.country, actor=f.actor, since=f.since, until=f.until
        )
        changes = self.incidents(scope)
        said = self.claims(None, scope)
        return linking.control_timeline(changes, said)

    def search_articles(self, q: str, limit: int = 20, offset: int = 0) -> list[dict[str, Any]]:
        """Full-text search over article titles and texts: SQLite FTS5 or PostgreSQL German tsvectors."""
        EventFilter(limit=limit, offset=offset).checked()
        q = q.replace("\x00", " ")
        with self.engine.connect() as conn:
            if self._fts:
                sql = text(
                    "SELECT a.id, a.title, a.date, snippet(articles_fts, 2, '[', ']', ' … ', 12) AS snippet "
                    "FROM articles_fts JOIN articles a ON a.id = articles_fts.article_id "
                    "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :limit OFFSET :offset"
                )
                rows = conn.execute(sql, {"q": fts5_query(q), "limit": limit, "offset": offset})
            else:
                sql = text(
                    "SELECT id, title, date, ts_headline('german', text, websearch_to_tsquery('german', :q), "
                    "'StartSel=[, StopSel=], MaxWords=25, MinWords=8') AS snippet FROM articles "
                    f"WHERE {PG_MATCH.format(param='q')} "
                    "ORDER BY date DESC NULLS LAST, id LIMIT :limit OFFSET :offset"
                )
                rows = conn.execute(sql, {"q": q, "limit": limit, "offset": offset})
            return [dict(r) for r in rows.mappings()]

    def article(self, article_id: str) -> dict[str, Any] | None:
        """A stored article with its text and sentence offsets, or None."""
        article_id = article_id.replace("\x00", "\ufffd")  # as stored (PostgreSQL text: no NUL)
        with self.engine.connect() as conn:
            row = conn.execute(select(articles).where(articles.c.id == article_id)).mappings().first()
            if row is None:
                return None
            sents = conn.execute(
                select(sentences.c.idx, sentences.c.start, sentences.c.end)
                .where(sentences.c.article_id == article_id)
                .order_by(sentences.c.idx)
            ).all()
        out = {k: row[k] for k in ("id", "date", "title", "source", "url", "text")}
        out["sentences"] = [{"idx": i, "start": s, "end": e} for i, s, e in sents]
        return out

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {
                t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                for t in (articles, sentences, events, claims, incidents)
            }


def conditions(table: Any, f: EventFilter, dialect: str = "sqlite") -> list[Any]:
    """The filter's conditions on a table with the event columns (events or incidents).

    An article id selects its events, or the incidents its events belong to; so does a full-text
    search (`text`), through the matching articles (`dialect` picks SQLite FTS5 or PostgreSQL).
    """
    f.checked()
    c = table.c
    conds = []
    if f.article_id and table is events:
        conds.append(events.c.article_id == f.article_id)
    elif f.article_id:
        conds.append(
            incidents.c.incident_id.in_(select(events.c.incident_id).where(events.c.article_id == f.article_id))
        )
    if f.place or f.places:
        conds.append(or_(*_place_conditions(c.location, c.admin1, c.country, f)))
    if f.country:
        conds.append(c.country == f.country.upper())  # stored upper case: the index applies
    if f.event_type:
        conds.append(or_(c.event_type == f.event_type, c.sub_event_type == f.event_type))
    if f.since:
        conds.append(c.date >= f.since)
    if f.until:
        conds.append(c.date <= f.until + "\uffff")
    if f.actor:
        conds.append(or_(c.actor1.icontains(f.actor, autoescape=True), c.actor2.icontains(f.actor, autoescape=True)))
    if f.source:
        conds.append(c.sources.icontains(f.source, autoescape=True))
    if f.where:
        conds.append(compile_where(f.where, table))
    conds += review_conditions(table, f.review)
    if f.text:
        ids = fts_article_ids(dialect, f.text)
        if table is events:
            conds.append(events.c.article_id.in_(ids))
        else:
            conds.append(incidents.c.incident_id.in_(select(events.c.incident_id).where(events.c.article_id.in_(ids))))
    return conds


def fts_article_ids(dialect: str, q: str) -> Any:
    """A sub-select of the ids of the articles that match `q` (FTS5 on SQLite, tsvector on PostgreSQL)."""
    if dialect == "sqlite":
        sql = text("SELECT article_id FROM articles_fts WHERE articles_fts MATCH :fts").bindparams(fts=fts5_query(q))
    else:
        # PostgreSQL text cannot hold NUL; as a separator it means nothing to the search either
        words = q.replace("\x00", " ")
        sql = text(f"SELECT id FROM articles WHERE {PG_MATCH.format(param='fts')}").bindparams(fts=words)
    return sql.columns(column("article_id"))


def _place_conditions(location: Any, admin1: Any, country: Any, f: EventFilter) -> list[Any]:
    """A place filter: the name as a substring of the location (or admin1), or one of the stored places
    the gazetteer says it may mean, each in its own country."""
    conds = []
    if f.place:  # `%` and `_` in a user's words are the characters themselves, not LIKE wildcards
        conds.append(location.icontains(f.place, autoescape=True))
        if admin1 is not None:
            conds.append(admin1.icontains(f.place, autoescape=True))
    for m in f.places:
        col = location if m.column == "location" else admin1
        if col is not None:
            conds.append(and_(col == m.name, country == m.country) if m.country else col == m.name)
    return conds


# An article matches a PostgreSQL search through the expression migration 0002 indexes (GIN), so the
# index serves the query only while the two are written alike. `{param}` names the bound search words.
PG_MATCH = "to_tsvector('german', coalesce(title, '') || ' ' || text) @@ websearch_to_tsquery('german', :{param})"


def fts5_query(q: str) -> str:
    """User words as FTS5 terms: each word a quoted string (no operator injection; a quote inside is
    doubled, as FTS5 escapes it), a trailing * kept as a prefix; control characters dropped (a NUL
    ends the query string in SQLite's C code, leaving an open quote)."""
    terms = []
    for word in q.split():
        prefix = word.endswith("*")
        word = "".join(ch for ch in word.strip('*"') if ch >= " " and ch != "\x7f")
        if word:
            terms.append('"' + word.replace('"', '""') + '"' + ("*" if prefix else ""))
    return " ".join(terms) or '""'


def check_record(doc: Doc) -> None:
    """What the extractor hands over, checked before anything is written: integers that fit the
    database's 64 bits, finite coordinates. RecordError names the event and the field."""
    for e in doc.events:
        loc = e.get("location") or {}
        for name, value in (("fatalities", e.get("fatalities")), ("time_precision", e.get("time_precision"))):
            if value is not None and (not isinstance(value, int) or abs(value) > INT64):
                raise RecordError(f"event {e.get('event_id')!r}: {name} {str(value)[:30]} is not a 64-bit integer")
        for name in ("lat", "lon"):
            value = loc.get(name)
            if value is not None and not (isinstance(value, int | float) and math.isfinite(value)):
                raise RecordError(f"event {e.get('event_id')!r}: {name} {value!r} is not a finite number")
    for c in doc.claims:
        value = c.get("value")
        if value is not None and not (isinstance(value, int | float) and math.isfinite(value)):
            raise RecordError(f"claim {c.get('text', '')[:40]!r}: value {value!r} is not a finite number")


def _reason(e: Exception) -> str:
    """A database error's own message, without SQLAlchemy's statement dump."""
    return str(getattr(e, "orig", None) or e).strip().splitlines()[0][:300]


def _event_row(e: dict[str, Any]) -> dict[str, Any]:
    e = with_defaults(e)  # stored records carry their review state (store/review_apply.py)
    loc = e.get("location") or {}
    return linking.day_columns(e) | {
        "event_id": e["event_id"],
        "article_id": e["article_id"],
        "date": e.get("date"),
        "time_precision": e.get("time_precision"),
        "event_type": e["event_type"],
        "sub_event_type": e["sub_event_type"],
        "country": loc.get("country"),
        "location": loc.get("name"),
        "admin1": loc.get("admin1"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "actor1": (e.get("actor1") or {}).get("name"),
        "actor2": (e.get("actor2") or {}).get("name"),
        "fatalities": e.get("fatalities"),
        "sources": " | ".join(s["name"] for s in e.get("sources", [])),
        "record": json.dumps(e, ensure_ascii=False),
        "review_status": e["review_status"],
    }


CLAIM_KEYS = (
    *("event_id", "kind", "value", "text", "source", "start", "end"),
    *("date", "place", "country", "lat", "lon", "actor"),
)


def _claim_row(c: dict[str, Any], article_id: str) -> dict[str, Any]:
    return {"article_id": article_id} | {k: c.get(k) for k in CLAIM_KEYS}


UNSTORABLE = re.compile("[\x00\ud800-\udfff]")
SURROGATES = re.compile("[\ud800-\udfff]")


def _storable(row: dict[str, Any]) -> dict[str, Any]:
    """NUL characters and lone surrogates as U+FFFD: PostgreSQL text cannot hold NUL (SQLite can),
    and neither database takes a surrogate, which is no character in UTF-8 (the reader replaces them,
    but a document made through the Python API may still have them). One character for another
    keeps every offset. Done on both backends, so they store the same text."""
    return {k: UNSTORABLE.sub("\ufffd", v) if isinstance(v, str) else v for k, v in row.items()}


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()
