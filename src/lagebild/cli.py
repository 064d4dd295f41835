"""The command line: `lagebild extract | ingest | events | export | eval`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lagebild import __version__
from lagebild.errors import FilterError, StoreError

DB_HELP = (
    "Database URL (SQLAlchemy style, e.g. sqlite:///path/lagebild.db); default: $LAGEBILD_DB or the user data dir."
)


# The per-article limit (`lagebild.reader.limits.MAX_CHARS`), written out to keep the import light.
MAX_CHARS_DEFAULT = 200_000


def _max_chars(fn):
    return click.option(
        "--max-chars",
        type=click.IntRange(min=1),
        default=MAX_CHARS_DEFAULT,
        show_default=True,
        help="Refuse (with a message) an article whose text is longer than this many characters.",
    )(fn)


def _articles(paths: tuple[str, ...], report=None, on_error=None, max_chars: int = MAX_CHARS_DEFAULT):
    """Articles from the inputs; each bad input is reported on stderr and counted, the rest go on.

    `report` prints a message (default: a line on stderr); `on_error` is called once per bad input.
    """
    from lagebild.reader import Limits, ReadError, read_paths

    failed = [0]

    def gen():
        for item in read_paths(paths or ("-",), limits=Limits(max_chars)):
            if isinstance(item, ReadError):
                failed[0] += 1
                (report or _echo_err)(f"lagebild: {item}")
                if on_error:
                    on_error()
            else:
                yield item

    return gen(), failed


def _echo_err(message: str) -> None:
    click.echo(message, err=True)


def _exit_status(failed: int) -> None:
    if failed:
        click.echo(f"lagebild: {failed} input(s) failed", err=True)
        sys.exit(min(failed, 125))


class _Commands(click.Group):
    """A database that cannot be opened (server down, login refused) is one line on stderr, not a traceback."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (StoreError, FilterError) as e:
            raise click.ClickException(str(e)) from None


@click.group(cls=_Commands)
@click.version_option(__version__, prog_name="lagebild")
def main() -> None:
    """lagebild turns German news about armed conflict into ACLED-style event records."""


@main.command()
@click.argument("paths", nargs=-1)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Write events JSONL here (default: stdout)."
)
@click.option("--lang", default="de", show_default=True, help="Language resources to use.")
@_max_chars
def extract(paths: tuple[str, ...], output: str | None, lang: str, max_chars: int) -> None:
    """Extract events from article files, directories, globs or stdin (-) as EVENTS.md JSONL."""
    from lagebild.ingest import extract_one
    from lagebild.reader import ReadError

    articles, failed = _articles(paths, max_chars=max_chars)  # the pipeline loads with the first article
    out = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    try:
        for article in articles:
            res = extract_one(article, lang)  # a failing article is reported, the others go on
            if isinstance(res, ReadError):
                failed[0] += 1
                _echo_err(f"lagebild: {res}")
                continue
            out.write("".join(json.dumps(event, ensure_ascii=False) + "\n" for event in res.events))
    finally:
        if output:
            out.close()
    _exit_status(failed[0])


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--db", "db_url", default=None, help=DB_HELP)
@click.option("--lang", default="de", show_default=True)
@click.option(
    "-w",
    "--workers",
    type=click.IntRange(min=1),
    default=None,
    help="Extracting processes (default: the usable CPUs); 1 extracts in this process.",
)
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr (default: only when stderr is a terminal).",
)
@_max_chars
def ingest(
    paths: tuple[str, ...], db_url: str | None, lang: str, workers: int | None, progress: bool | None, max_chars: int
) -> None:
    """Extract articles and store them with their sentences, events and claims (idempotent).

    Articles are extracted by several processes and stored by this one, in input order. An input
    that cannot be read, extracted or stored gets one line on stderr; the others are stored.
    """
    from lagebild.ingest import ingest as run
    from lagebild.ingest import usable_cpus
    from lagebild.pipeline import get_pipeline
    from lagebild.progress import ArticleProgress, count_articles
    from lagebild.reader import Limits, read_paths
    from lagebild.store import Store

    store = Store(db_url)
    get_pipeline(lang)  # loaded before the bar starts, so its rate is the extraction's
    show = sys.stderr.isatty() if progress is None else progress
    with ArticleProgress(count_articles(paths) if show else None, enabled=show) as bar:

        def failed(err) -> None:
            bar.advance()
            bar.print(f"lagebild: {err}")

        def stored(res, saved) -> None:
            bar.advance()
            before, now = saved.previous_origin, res.article.origin
            if saved.status == "replaced" and before and now and _other_file(before, now):
                bar.print(f"lagebild: {now}: article {res.article.id!r} replaces the one read from {before}")

        report = run(
            read_paths(paths, limits=Limits(max_chars)), store, lang, workers or usable_cpus(), failed, stored
        )
    click.echo(
        f"ingested {report.stored} articles ({report.added} new, {report.replaced} changed, "
        f"{report.unchanged} unchanged), {report.events} events, into {store.location}",
        err=True,
    )
    _exit_status(report.failed)


def _other_file(a: str, b: str) -> bool:
    """Whether two origins name different inputs (one file named two ways is the same)."""
    import os

    return os.path.realpath(a) != os.path.realpath(b)


def _check_where(ctx: click.Context, _param, value: str | None) -> str | None:
    """Compile --where once up front, so a bad expression stops before any output is written."""
    if value:
        from lagebild.store.schema import events, incidents
        from lagebild.store.where import WhereError, compile_where

        try:
            compile_where(value, incidents if ctx.command.name == "incidents" else events)
        except WhereError as e:
            raise click.BadParameter(str(e)) from None
    return value


def _filter_options(fn):
    for opt in reversed(
        [
            click.option("--place", help="Location or admin1 name contains this."),
            click.option("--country", help="ISO3 country code of the location."),
            click.option("--type", "event_type", help="Event type or sub-event type."),
            click.option("--since", help="Earliest date (YYYY[-MM[-DD]])."),
            click.option("--until", help="Latest date (YYYY[-MM[-DD]])."),
            click.option("--actor", help="Actor name contains this."),
            click.option("--source", help="A source name contains this."),
            click.option(
                "--where",
                callback=_check_where,
                help='Conditions joined by "and", e.g. "country=SYR and date>=2017-01 and fatalities>10"; '
                "fields: the columns of the events (or incidents) table; operators = != < <= > >= ~ (contains).",
            ),
            click.option("--limit", type=int, help="At most this many events."),
            click.option("--db", "db_url", default=None, help=DB_HELP),
        ]
    ):
        fn = opt(fn)
    return fn


def _query(db_url, **kw):
    from lagebild.store import Store
    from lagebild.store.db import EventFilter

    return Store(db_url).events(EventFilter(**kw))


@main.command()
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def events(db_url, fmt, **kw) -> None:
    """Query stored events by place, country, type, date range, actor or source."""
    records = _query(db_url, **kw)
    if fmt == "jsonl":
        for r in records:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="lagebild events")
    for col in ("date", "type", "actor1", "actor2", "location", "dead", "sources"):
        table.add_column(col, overflow="fold")
    n = 0
    for r in records:
        loc = r.get("location") or {}
        table.add_row(
            r.get("date") or "?",
            r["sub_event_type"],
            (r.get("actor1") or {}).get("name", "–"),
            (r.get("actor2") or {}).get("name", "–"),
            f"{loc.get('name', '?')} ({loc.get('country', '?')})",
            "" if r.get("fatalities") is None else str(r["fatalities"]),
            "; ".join(s["name"] for s in r.get("sources", []))[:60],
        )
        n += 1
    Console(width=160).print(table)
    click.echo(f"{n} events")


@main.command()
@_filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "acled", "csv", "geojson", "parquet"]),
    default="jsonl",
    show_default=True,
    help="jsonl: EVENTS.md records; acled (alias csv): ACLED's columns; geojson: points; parquet: typed table.",
)
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), help="Output file (default: stdout).")
def export(db_url, fmt, output, **kw) -> None:
    """Export stored events as events JSONL, ACLED CSV, GeoJSON or Parquet."""
    from lagebild.export import FORMATS

    spec = FORMATS[fmt]
    if spec.binary and not output:
        raise click.UsageError(f"--format {fmt} writes a binary file: name it with -o FILE")
    seen = [0]

    def counted():
        for record in _query(db_url, **kw):
            seen[0] += 1
            yield record

    if not output:
        out = sys.stdout
    elif spec.binary:
        out = open(output, "wb")  # noqa: SIM115
    else:
        out = open(output, "w", encoding="utf-8", newline="")  # noqa: SIM115
    try:
        n = spec.write(counted(), out)
    finally:
        if output:
            out.close()
    click.echo(f"exported {n} events as {fmt}" + (f" to {output}" if output else ""), err=True)
    if seen[0] > n:
        click.echo(f"lagebild: left out {seen[0] - n} of {seen[0]} events: {spec.skips}", err=True)


@main.command()
@_filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def incidents(db_url, fmt, **kw) -> None:
    """Incidents: one happening with every report of it, its claims and where the sources disagree."""
    from lagebild.store import Store
    from lagebild.store.db import EventFilter

    found = Store(db_url).incidents(EventFilter(**kw))
    if fmt == "jsonl":
        for inc in found:
            click.echo(json.dumps(inc, ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(title="lagebild incidents")
    for col in ("date", "type", "location", "actors", "dead", "reports", "sources"):
        table.add_column(col, overflow="fold")
    for inc in found:
        table.add_row(
            inc["date"] or "?",
            inc["sub_event_type"],
            _where(inc),
            _sides(inc),
            _toll(inc),
            str(inc["n_reports"]),
            "; ".join(inc["sources"])[:60],
        )
    Console(width=160).print(table)
    click.echo(f"{len(found)} incidents")


def _where(inc: dict) -> str:
    loc = inc["location"]
    return f"{loc['name'] or '?'} ({loc['country'] or '?'})"


def _sides(inc: dict) -> str:
    return f"{inc['actor1'] or '–'} → {inc['actor2'] or '–'}"


def _toll(inc: dict) -> str:
    """The conservative toll, with the spread when reports disagree ("12 (12–40)") and a ! for contradictions."""
    if inc["fatalities"] is None:
        return ""
    spread = f" ({inc['fatalities']}–{inc['fatalities_max']})" if inc["fatalities_max"] != inc["fatalities"] else ""
    return f"{inc['fatalities']}{spread}" + (" !" if inc["contradictions"] else "")


def _story_options(place_help: str, actor_help: str):
    """The options `timeline` and `control` share: a scope (place, country, actor, dates), format, database."""

    def decorate(fn):
        for opt in reversed(
            [
                click.option("--place", help=place_help),
                click.option("--country", help="ISO3 country code."),
                click.option("--actor", help=actor_help),
                click.option("--since", help="Earliest date (YYYY[-MM[-DD]])."),
                click.option("--until", help="Latest date (YYYY[-MM[-DD]])."),
                click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True),
                click.option("--db", "db_url", default=None, help=DB_HELP),
            ]
        ):
            fn = opt(fn)
        return fn

    return decorate


@main.command()
@_story_options("Location or admin1 name contains this.", "An actor name contains this.")
def timeline(place, country, actor, since, until, fmt, db_url) -> None:
    """The dated story of a place, country or actor: one line per incident with its sources."""
    from lagebild.store import Store
    from lagebild.store.db import EventFilter

    if not (place or country or actor):
        raise click.UsageError("give --place, --country or --actor")
    f = EventFilter(place=place, country=country, actor=actor, since=since, until=until)
    items = Store(db_url).timeline(f)
    if fmt == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    for inc in items:
        dead = _toll(inc)
        click.echo(
            f"{inc['date'] or 'undated':<10}  {inc['sub_event_type']:<35} {_where(inc):<28} {_sides(inc)}"
            + (f"  dead {dead}" if dead else "")
            + f"  [{inc['n_reports']} report(s): {'; '.join(inc['sources']) or 'no source named'}]"
        )
    click.echo(f"{len(items)} incidents", err=True)


@main.command()
@_story_options("Place name contains this.", "The holder's name contains this.")
def control(place, country, actor, since, until, fmt, db_url) -> None:
    """Territorial control over time, per place: who took it from whom, who is said to hold it."""
    from lagebild.store import Store
    from lagebild.store.db import EventFilter

    per_place = Store(db_url).control(EventFilter(place=place, country=country, actor=actor, since=since, until=until))
    if fmt == "json":
        click.echo(json.dumps(per_place, ensure_ascii=False, indent=2))
        return
    for name, items in per_place.items():
        click.echo(name)
        for it in items:
            share = f" {it['share']:g} %" if it["share"] is not None else ""
            taken = f" from {it['from']}" if it["from"] else ""
            who = it["holder"] or "unnamed side"
            src = "; ".join(it["sources"]) or "no source named"
            click.echo(f"  {it['date'] or 'undated':<10}  {it['what']:<5}{share}  {who}{taken}  [{src}]")


@main.command("eval")
@click.argument("sets", nargs=-1)
@click.option("--explain", is_flag=True, help="List every missed, spurious and half-right event (not for check).")
@click.option("--json", "as_json", is_flag=True, help="Print the scores as JSON.")
@click.option("-o", "--output", type=click.Path(file_okay=False), help="Write each set's predictions here.")
def evaluate(sets: tuple[str, ...], explain: bool, as_json: bool, output: str | None) -> None:
    """Score extraction against gold sets, side by side: P/R/F1, strict F1 and per-field accuracy.

    SETS are names (dev, train, check, own) or gold folders (*.txt + *.gold.json); without any,
    dev, train and check, those available here. Of check only the aggregate scores are shown.
    """
    from lagebild.evaluate.explain import explain_result
    from lagebild.evaluate.report import score_table
    from lagebild.evaluate.scoring import score
    from lagebild.evaluate.sets import default_sets, load_set
    from lagebild.pipeline import get_pipeline

    names = sets or tuple(default_sets())
    if not names:
        raise click.UsageError("no gold set available: give a gold folder, or run next to ../shared")
    try:
        loaded = [load_set(n) for n in names]
    except FileNotFoundError as e:
        raise click.UsageError(str(e)) from None
    if explain and any(not g.errors_readable for g in loaded):
        raise click.UsageError("--explain is refused for check: only its aggregate scores may be looked at")
    pipe = get_pipeline()
    results = {}
    for g in loaded:
        pred = {a.id: pipe.extract(a) for a in g.articles}
        if output:
            Path(output).mkdir(parents=True, exist_ok=True)
            with (Path(output) / f"{g.name}.jsonl").open("w", encoding="utf-8") as fh:
                fh.writelines(json.dumps(e, ensure_ascii=False) + "\n" for a in g.articles for e in pred[a.id])
        results[g.name] = (len(g), score(g.gold, pred))
    if as_json:
        click.echo(json.dumps({n: dict(r.summary(), articles=k) for n, (k, r) in results.items()}, indent=2))
    else:
        click.echo(score_table(results))
    if explain:
        for g in loaded:
            click.echo(f"\n=== {g.name}")
            click.echo(explain_result(results[g.name][1]))


@main.command()
@click.option("--lang", default="de", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Where to write the model (default: the package's)."
)
@click.option("--no-off-topic", is_flag=True, help="Do not learn from the off-topic sections' train half.")
def train(lang: str, output: str | None, no_off_topic: bool) -> None:
    """Fit the event model on the train split of the annotations (and off-topic news), write it as JSON.

    Reproducible from `annotations/` and `../shared`: the same inputs give the same file.
    """
    from lagebild.evaluate.sets import load_set, off_topic_articles
    from lagebild.lang import load_language
    from lagebild.learn.train import default_output, prepare, train, write
    from lagebild.pipeline import Pipeline

    try:
        gold = load_set("train")
    except FileNotFoundError as e:
        raise click.UsageError(str(e)) from None
    pipe = Pipeline(load_language(lang), warm=False)
    articles = list(gold.articles) + ([] if no_off_topic else off_topic_articles("train"))
    click.echo(
        f"lagebild: reading {len(gold.articles)} annotated and {len(articles) - len(gold.articles)} off-topic articles",
        err=True,
    )
    model = train(pipe, gold.gold, prepare(pipe, articles))
    path = Path(output) if output else default_output(pipe)
    write(model, path)
    m = model["meta"]
    click.echo(
        f"{m['candidates']} candidates ({m['true']} true) from {m['articles']} articles; C={m['C']}, threshold "
        f"{model['threshold']}: cross-validated event F1 {m['cv_event_f1'][str(model['threshold'])]:.3f} "
        f"(P {m['cv_event_precision']:.3f}, R {m['cv_event_recall']:.3f})"
    )
    click.echo(f"model written to {path}")


@main.command()
@click.option("--db", "db_url", default=None, help=DB_HELP)
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=int)
@click.option(
    "--allow-host",
    multiple=True,
    help="Another name the app may be reached by (the Host header), besides 127.0.0.1, localhost and --host.",
)
@_max_chars
def serve(db_url: str | None, host: str, port: int, allow_host: tuple[str, ...], max_chars: int) -> None:
    """Browse the stored events in a local web app (JSON API with OpenAPI docs at /docs)."""
    import uvicorn

    from lagebild.web.app import create_app
    from lagebild.web.security import served_hosts

    app = create_app(db_url, hosts=served_hosts(host, allow_host), max_chars=max_chars)
    click.echo(f"lagebild: serving on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@main.command()
@click.option("--lang", default="de", show_default=True)
def geocode(lang: str) -> None:
    """Resolve place mentions: JSON Lines {"mention", "text", "country_hint"} on stdin, one answer per line."""
    from lagebild.lang import load_language
    from lagebild.places.geocode import Geocoder

    geo = Geocoder(load_language(lang))
    failed = 0
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            req = json.loads(line)
            mention = req["mention"]
            if not isinstance(mention, str) or not mention.strip():
                raise ValueError("`mention` must be a non-empty string")
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as e:
            failed += 1
            click.echo(f"lagebild: stdin line {n}: {e}", err=True)
            click.echo(json.dumps({"mention": None, "lat": None, "lon": None, "reason": f"bad request: {e}"}))
            continue
        ans = geo.resolve(mention, req.get("text") or "", req.get("country_hint"))
        click.echo(json.dumps(ans, ensure_ascii=False))
    _exit_status(failed)


if __name__ == "__main__":
    main()
