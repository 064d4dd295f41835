"""What the read commands share: strict filter options, opening the store, tables, output files.

Kept out of `cli.py` so the commands there read as what they do. Every filter value is checked when
the command line is parsed (`lagebild.filters`), so a bad one stops the command with one line naming
the option before the database is opened or any file is written.
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import click

from lagebild.filters import FilterError, check_period, parse_country, parse_date, parse_type, place_matches

DB_HELP = (
    "Database: an SQLAlchemy URL (sqlite:///path/lagebild.db, postgresql://user@host/db) or an SQLite file path; "
    "default: $LAGEBILD_DB, else lagebild.db in the user data directory (`lagebild info` shows which)."
)
DATE_HELP = "YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY"


def _checked(reader: Callable[[str, str], str]) -> Callable:
    """A click callback that reads an option's value strictly and names the option when it cannot."""

    def callback(ctx: click.Context, param: click.Parameter, value: str | None) -> str | None:
        if value is None or not value.strip():
            return None
        try:
            return reader(value, param.name or "")
        except FilterError as e:
            raise click.BadParameter(str(e)) from None

    return callback


def check_where(ctx: click.Context, _param, value: str | None) -> str | None:
    """Compile --where once up front, so a bad expression stops before any output is written."""
    if value:
        from lagebild.store.schema import events, incidents
        from lagebild.store.where import WhereError, compile_where

        try:
            compile_where(value, incidents if ctx.command.name == "incidents" else events)
        except WhereError as e:
            raise click.BadParameter(str(e)) from None
    return value


def scope_options(place_help: str, actor_help: str) -> list[Callable]:
    """Place, country, actor and period: the options every read command has."""
    return [
        click.option("--place", help=place_help),
        click.option(
            "--country", callback=_checked(parse_country), help="ISO3 code or German or English name (SYR, Syrien)."
        ),
        click.option("--actor", help=actor_help),
        click.option("--since", callback=_checked(parse_date), help=f"Earliest date: {DATE_HELP}."),
        click.option("--until", callback=_checked(parse_date), help=f"Latest date (the whole period): {DATE_HELP}."),
    ]


def filter_options(fn: Callable) -> Callable:
    """The filters of `events`, `export` and `incidents`."""
    opts = [
        *scope_options(
            "A place in any spelling the gazetteer knows (Saporischschja, Zaporizhzhia), or part of its name.",
            "Part of an actor's name.",
        ),
        click.option(
            "--type",
            "event_type",
            callback=_checked(parse_type),
            help='ACLED event type or sub-type, or an unambiguous start of one ("air" for Air/drone strike).',
        ),
        click.option("--source", help="Part of a source's name."),
        click.option(
            "--where",
            callback=check_where,
            help='Conditions joined by "and", e.g. "country=SYR and date>=2017-01 and fatalities>10"; '
            "fields: the columns of the events (or incidents) table; operators = != < <= > >= ~ (contains).",
        ),
        review_option(),
        click.option("--limit", type=click.IntRange(min=1), help="At most this many rows."),
        db_option(),
    ]
    for opt in reversed(opts):
        fn = opt(fn)
    return fn


def _review(_ctx: click.Context, _param: click.Parameter, value: str | None) -> tuple[str, ...] | None:
    from lagebild.store.review_state import parse_review

    try:
        return parse_review(value)
    except ValueError as e:
        raise click.BadParameter(str(e)) from None


def review_option() -> Callable:
    return click.option(
        "--review",
        callback=_review,
        help="Review states to keep, comma-separated: unreviewed, confirmed, corrected, rejected, reviewed "
        "(confirmed and corrected) or all; default: all but rejected.",
    )


def db_option() -> Callable:
    return click.option("--db", "db_url", default=None, help=DB_HELP)


def event_filter(**kw: Any):
    """The store's filter for the checked option values; a place goes through the gazetteer too."""
    from lagebild.store.db import EventFilter

    try:
        check_period(kw.get("since"), kw.get("until"))
    except FilterError as e:
        raise click.BadParameter(str(e), param_hint="--until") from None
    place = (kw.get("place") or "").strip() or None
    if place:
        announce_index()
        kw["places"] = place_matches(place)
    kw["place"] = place
    return EventFilter(**kw)


def open_store(db_url: str | None, *, create: bool = False):
    """The store; reading commands refuse a database that does not exist (StoreError, one line)."""
    from lagebild.store import Store

    return Store(db_url, create=create)


def announce_index(lang: str = "de") -> None:
    """Say so on stderr before the place index is built on the first run (it takes a while)."""
    from lagebild.lang import load_language
    from lagebild.places.gazetteer import Gazetteer

    if not Gazetteer.cache_path(load_language(lang)).exists():
        click.echo(
            "lagebild: building the place index from the installed GeoNames data; "
            "this happens once and takes about a minute...",
            err=True,
        )


def plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def clip(text: str, width: int) -> str:
    """Text cut to a width, with an ellipsis when something was cut."""
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def console():
    """A rich console as wide as the terminal; $COLUMNS or 160 when the output is no terminal."""
    from rich.console import Console

    if sys.stdout.isatty():
        return Console()
    return Console(width=int(os.environ.get("COLUMNS") or 160), color_system=None)


def none_found(store, what: str, table: Any) -> str:
    """The line for an empty result: how much the database holds, so 0 matches is not taken for 0 data."""
    from sqlalchemy import func, select

    with store.engine.connect() as conn:
        total = conn.execute(select(func.count()).select_from(table)).scalar_one()
    if total == 0:
        return f"the database at {store.location} holds no {what} yet: store articles with `lagebild ingest`"
    return f"no {what} match these filters (the database at {store.location} holds {plural(total, what[:-1])})"


@contextmanager
def output_file(path: str | None, binary: bool = False) -> Iterator[IO[Any]]:
    """stdout, or a file written whole or not at all: a temporary file beside it, renamed when done.

    A path that cannot be written (no such folder, no permission, a folder) is one clear line.
    """
    if not path:
        yield sys.stdout
        return
    target = Path(path)
    if target.is_dir():
        raise click.ClickException(f"cannot write {path}: it is a folder; give a file name")
    if not target.parent.is_dir():
        raise click.ClickException(f"cannot write {path}: there is no folder {str(target.parent)!r}")
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
    except OSError as e:
        raise click.ClickException(f"cannot write {path}: {e.strerror}") from None
    mode = "wb" if binary else "w"
    kwargs: dict[str, Any] = {} if binary else {"encoding": "utf-8", "newline": ""}
    try:
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
        shutil.move(tmp, target)
        os.chmod(target, 0o644 & ~_umask())
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
