"""The command line: `lagebild extract | ingest | events | incidents | export | serve | ...`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lagebild import __version__
from lagebild.cliutil import (
    announce_index,
    clip,
    console,
    db_option,
    event_filter,
    filter_options,
    none_found,
    open_store,
    output_file,
    plural,
    scope_options,
)
from lagebild.errors import FilterError, StoreError

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


def _articles(
    paths: tuple[str, ...], report=None, on_error=None, default_date=None, max_chars: int = MAX_CHARS_DEFAULT
):
    """Articles from the inputs; each bad input is reported on stderr and counted, the rest go on.

    `report` prints a message (default: a line on stderr); `on_error` is called once per bad input;
    `default_date` dates the inputs that give none (`--date`).
    """
    from lagebild.reader import Limits, ReadError, read_paths

    failed = [0]

    def gen():
        for item in read_paths(paths or ("-",), default_date=default_date, limits=Limits(max_chars)):
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
    """lagebild turns German news about armed conflict into ACLED-style event records.

    docs/EVENTS.md describes the inputs and the records. Every command uses one database: --db, else
    $LAGEBILD_DB, else lagebild.db in the user data directory (`lagebild info` shows which).
    """


def _article_date(_ctx, _param, value: str | None):
    """--date: an ISO date prefix (or DD.MM.YYYY) for the articles that state no date."""
    if not value:
        return None
    from lagebild.doc import ArticleDate
    from lagebild.filters import FilterError, parse_date

    try:
        return ArticleDate.parse(parse_date(value, "date"))
    except FilterError as e:
        raise click.BadParameter(str(e)) from None


DATE_OPTION = click.option(
    "--date",
    "default_date",
    callback=_article_date,
    help="Date of the articles that give none: a text file without the ` date` header, an HTML page without a "
    "date (YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY).",
)


@main.command()
@click.argument("paths", nargs=-1)
@click.option("-o", "--output", help="Write events JSONL here (default: stdout); written whole or not at all.")
@click.option("--lang", default="de", show_default=True, help="Language resources to use.")
@DATE_OPTION
@_max_chars
def extract(paths: tuple[str, ...], output: str | None, lang: str, default_date, max_chars: int) -> None:
    """Extract events from article files, directories, globs or stdin (-) as JSON Lines (docs/EVENTS.md)."""
    from lagebild.reader import ReadError

    with output_file(output) as out:
        articles, failed = _articles(paths, default_date=default_date, max_chars=max_chars)
        extract_one = None
        for article in articles:
            if extract_one is None:  # the pipeline loads with the first article: a refused input costs nothing
                from lagebild.ingest import extract_one

                announce_index(lang)
            res = extract_one(article, lang)  # a failing article is reported, the others go on
            if isinstance(res, ReadError):
                failed[0] += 1
                _echo_err(f"lagebild: {res}")
                continue
            out.write("".join(json.dumps(event, ensure_ascii=False) + "\n" for event in res.events))
    _exit_status(failed[0])


@main.command()
@click.argument("paths", nargs=-1, required=True)
@db_option()
@click.option("--lang", default="de", show_default=True)
@DATE_OPTION
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
    paths: tuple[str, ...],
    db_url: str | None,
    lang: str,
    default_date,
    workers: int | None,
    progress: bool | None,
    max_chars: int,
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

    store = open_store(db_url, create=True)
    announce_index(lang)
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

        items = read_paths(paths, default_date=default_date, limits=Limits(max_chars))
        report = run(items, store, lang, workers or usable_cpus(), failed, stored)
    click.echo(
        f"ingested {plural(report.stored, 'article')} ({report.added} new, {report.replaced} changed, "
        f"{report.unchanged} unchanged), {plural(report.events, 'event')}, into {store.location}",
        err=True,
    )
    _exit_status(report.failed)


def _other_file(a: str, b: str) -> bool:
    """Whether two origins name different inputs (one file named two ways is the same)."""
    import os

    return os.path.realpath(a) != os.path.realpath(b)


@main.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def events(db_url, fmt, **kw) -> None:
    """Stored events (one per report) by place, country, type, period, actor or source."""
    from lagebild.store.schema import events as events_table

    store = open_store(db_url)
    records = store.events(event_filter(**kw))
    if fmt == "jsonl":
        for r in records:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
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
            clip("; ".join(s["name"] for s in r.get("sources", [])), 60),
        )
        n += 1
    if not n:
        click.echo(none_found(store, "events", events_table))
        return
    console().print(table)
    click.echo(f"{plural(n, 'event')} from {store.location}")


@main.command()
@filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "acled", "csv", "geojson", "parquet"]),
    default="jsonl",
    show_default=True,
    help="jsonl: the records of docs/EVENTS.md; acled (alias csv): ACLED's 31 columns; geojson: points; "
    "parquet: typed table.",
)
@click.option(
    "--level",
    type=click.Choice(["report", "incident"]),
    default="report",
    show_default=True,
    help="report: one row per report (an event read from one article); incident: one row per happening, "
    "with the conservative toll and the sources of all its reports.",
)
@click.option("--incident-id", is_flag=True, help="Append an incident_id column to the ACLED CSV (after its 31).")
@click.option(
    "--review-state", is_flag=True, help="Append review_status, reviewed_by, reviewed_at to the ACLED CSV."
)
@click.option("-o", "--output", help="Output file (default: stdout); written whole or not at all.")
def export(db_url, fmt, level, incident_id, review_state, output, **kw) -> None:
    """Export stored events as events JSONL, ACLED CSV, GeoJSON or Parquet, per report or per incident."""
    from lagebild.export import FORMATS
    from lagebild.export.incidents import incident_record

    spec = FORMATS[fmt]
    if spec.binary and not output:
        raise click.UsageError(f"--format {fmt} writes a binary file: name it with -o FILE")
    f = event_filter(**kw)
    store = open_store(db_url)
    seen = [0]

    def counted():
        rows = store.events(f, stored_at=True) if level == "report" else map(incident_record, store.iter_incidents(f))
        for record in rows:
            seen[0] += 1
            yield record

    opts = {"incident_id": incident_id, "review": review_state} if fmt in ("acled", "csv") else {}
    with output_file(output, binary=spec.binary) as out:
        n = spec.write(counted(), out, **opts)
    what = "event" if level == "report" else "incident"
    click.echo(f"exported {plural(n, what)} as {fmt}" + (f" to {output}" if output else ""), err=True)
    if seen[0] > n:
        click.echo(f"lagebild: left out {seen[0] - n} of {plural(seen[0], what)}: {spec.skips}", err=True)


@main.command()
@filter_options
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
def incidents(db_url, fmt, **kw) -> None:
    """Incidents: one happening with every report of it, its claims and where the reports disagree."""
    from lagebild.store.schema import incidents as incidents_table

    store = open_store(db_url)
    found = store.incidents(event_filter(**kw))
    if fmt == "jsonl":
        for inc in found:
            click.echo(json.dumps(inc, ensure_ascii=False))
        return
    if not found:
        click.echo(none_found(store, "incidents", incidents_table))
        return
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
            clip("; ".join(inc["sources"]), 60),
        )
    console().print(table)
    click.echo(f"{plural(len(found), 'incident')} from {store.location}")
    if any(inc["contradictions"] for inc in found):
        click.echo(DISPUTED)


DISPUTED = (
    "dead: the lowest toll any report gives (ACLED's rule), the reports' range in brackets; "
    "! = the reports disagree on a figure (`--format jsonl` lists who says what under contradictions)"
)


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
                *scope_options(place_help, actor_help),
                click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True),
                db_option(),
            ]
        ):
            fn = opt(fn)
        return fn

    return decorate


PLACE_ANY = "A place in any spelling the gazetteer knows, or part of its name."


@main.command()
@_story_options(PLACE_ANY, "Part of an actor's name.")
def timeline(place, country, actor, since, until, fmt, db_url) -> None:
    """The dated story of a place, country or actor: one line per incident with its sources."""
    if not (place or country or actor):
        raise click.UsageError("give --place, --country or --actor")
    f = event_filter(place=place, country=country, actor=actor, since=since, until=until)
    store = open_store(db_url)
    items = store.timeline(f)
    if fmt == "json":
        click.echo(json.dumps(items, ensure_ascii=False, indent=2))
        return
    for inc in items:
        dead = _toll(inc)
        click.echo(
            f"{inc['date'] or 'undated':<10}  {inc['sub_event_type']:<35} {_where(inc):<28} {_sides(inc)}"
            + (f"  dead {dead}" if dead else "")
            + f"  [{plural(inc['n_reports'], 'report')}: {'; '.join(inc['sources']) or 'no source named'}]"
        )
    click.echo(f"{plural(len(items), 'incident')} from {store.location}", err=True)
    if any(inc["contradictions"] for inc in items):
        click.echo(DISPUTED, err=True)


@main.command()
@_story_options(PLACE_ANY, "Part of the holder's name.")
def control(place, country, actor, since, until, fmt, db_url) -> None:
    """Territorial control over time, per place: who took it from whom, who is said to hold it."""
    f = event_filter(place=place, country=country, actor=actor, since=since, until=until)
    per_place = open_store(db_url).control(f)
    if fmt == "json":
        click.echo(json.dumps(per_place, ensure_ascii=False, indent=2))
        return
    if not per_place:
        click.echo("no territorial changes or control statements match these filters", err=True)
    for name, items in per_place.items():
        click.echo(name)
        for it in items:
            share = f" {it['share']:g} %" if it["share"] is not None else ""
            taken = f" from {it['from']}" if it["from"] else ""
            who = it["holder"] or "unnamed side"
            src = "; ".join(it["sources"]) or "no source named"
            click.echo(f"  {it['date'] or 'undated':<10}  {it['what']:<5}{share}  {who}{taken}  [{src}]")


@main.command()
@db_option()
def info(db_url: str | None) -> None:
    """Which database the commands use (and why), and what it holds."""
    import os

    chosen = "--db" if db_url else ("$LAGEBILD_DB" if os.environ.get("LAGEBILD_DB") else "the default")
    store = open_store(db_url)  # a missing database is one line (StoreError), exit status 1
    counts = store.counts()
    click.echo(f"database ({chosen}): {store.location}")
    click.echo(", ".join(plural(counts[k], k[:-1]) for k in ("articles", "events", "incidents", "claims")))


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
@click.option(
    "--reviews",
    "review_dirs",
    multiple=True,
    type=click.Path(file_okay=False, exists=True),
    help="Also learn from a folder of reviewed articles (`lagebild reviews export`); repeatable.",
)
def train(lang: str, output: str | None, no_off_topic: bool, review_dirs: tuple[str, ...]) -> None:
    """Fit the event model on the annotated articles (never check's) and off-topic news; write it as JSON.

    It learns from the train split of `annotations/`, the shared dev gold and the project's own gold,
    those available here, and from each --reviews folder: a desk's own reviewed articles, which
    take the place of the annotations of the same article. Reproducible: the same inputs give the
    same file.
    """
    from lagebild.evaluate.sets import available, load_set, off_topic_articles
    from lagebild.lang import load_language
    from lagebild.learn.train import default_output, prepare, train, write
    from lagebild.pipeline import Pipeline

    if not available("train"):
        raise click.UsageError("the train split needs ../shared next to the repository and annotations/")
    sets = [load_set(n) for n in ("train", "dev", "own") if available(n)]
    try:
        desk = [load_set(d) for d in review_dirs]
    except (FileNotFoundError, ValueError) as e:
        raise click.UsageError(str(e)) from None
    from lagebild.evaluate.annotations import annotation_files, split_of

    check = {p.stem for p in annotation_files() if split_of(p.stem) == "check"}
    if clash := sorted(check & {aid for s in desk for aid in s.gold}):
        raise click.UsageError(f"a --reviews folder holds {clash[0]}, of the check split: check is never learned from")
    sets += desk
    gold = {aid: events for s in sets for aid, events in s.gold.items()}  # a review replaces an annotation
    annotated = list({a.id: a for s in sets for a in s.articles}.values())
    pipe = Pipeline(load_language(lang), warm=False)
    articles = annotated + ([] if no_off_topic else off_topic_articles("train", annotated=False))
    click.echo(
        f"lagebild: reading {len(annotated)} annotated ({', '.join(s.name for s in sets)}) and "
        f"{len(articles) - len(annotated)} off-topic articles",
        err=True,
    )
    # the threshold is chosen on the train split, a desk's reviews (and off-topic news), not on dev or own
    # gold, tuned by hand
    select_on = set(sets[0].gold) | {aid for s in desk for aid in s.gold}
    model = train(pipe, gold, prepare(pipe, articles), select_on=select_on)
    path = Path(output) if output else default_output(pipe)
    write(model, path)
    m = model["meta"]
    click.echo(
        f"{m['candidates']} candidates ({m['true']} true) from {m['articles']} articles; C={m['C']}, threshold "
        f"{model['threshold']}: cross-validated event F1 {m['cv_event_f1'][str(model['threshold'])]:.3f} "
        f"(P {m['cv_event_precision']:.3f}, R {m['cv_event_recall']:.3f})"
    )
    click.echo(f"model written to {path}")


@main.command("train-places")
@click.option("--lang", default="de", show_default=True)
@click.option(
    "-o", "--output", type=click.Path(dir_okay=False), help="Where to write the model (default: the package's)."
)
@click.option("--corpus", type=click.Path(file_okay=False), help="GermEval 2014's folder (default: ../shared's).")
def train_places_command(lang: str, output: str | None, corpus: str | None) -> None:
    """Fit the place model (is a name in running text a place?) on GermEval 2014's dev split; write it as JSON.

    Settings are chosen by cross-validation on dev; the test split is never read. Reproducible: the same
    corpus gives the same file.
    """
    from lagebild.lang import load_language
    from lagebild.places.fit import default_output, train_places, write
    from lagebild.places.germeval import CORPUS, read_split, split_path

    try:
        sents = read_split(split_path("dev", Path(corpus) if corpus else CORPUS))
    except (FileNotFoundError, ValueError) as e:
        raise click.UsageError(str(e)) from None
    language = load_language(lang)
    model = train_places(language, sents)
    path = Path(output) if output else default_output(language)
    write(model, path)
    m = model["meta"]
    click.echo(
        f"{m['examples']} names ({m['places']} places) in {m['sentences']} sentences; C={m['C']}, threshold "
        f"{model['threshold']}: cross-validated precision {m['cv_precision']:.3f}, recall {m['cv_recall']:.3f}"
    )
    click.echo(f"model written to {path}")


@main.command()
@db_option()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=8000, show_default=True, type=click.IntRange(0, 65535))
@click.option(
    "--create", is_flag=True, help="Start with an empty database when there is none (to add articles in the page)."
)
@click.option(
    "--allow-host",
    multiple=True,
    help="Another name the app may be reached by (the Host header), besides 127.0.0.1, localhost and --host.",
)
@_max_chars
def serve(
    db_url: str | None, host: str, port: int, create: bool, allow_host: tuple[str, ...], max_chars: int
) -> None:
    """Browse the stored events in a local web app (JSON API with OpenAPI docs at /docs)."""
    import errno
    import os
    import socket

    import uvicorn

    from lagebild.errors import MissingDatabase
    from lagebild.web.app import create_app
    from lagebild.web.security import served_hosts

    try:  # the port first: a busy one is reported before anything is opened or created
        sock = socket.create_server((host, port))
    except OSError as e:
        hint = "; choose another with --port" if e.errno == errno.EADDRINUSE else ""
        reason = os.strerror(e.errno) if e.errno else str(e)
        raise click.ClickException(f"cannot listen on {host}:{port}: {reason}{hint}") from None
    try:
        app = create_app(db_url, create=create, hosts=served_hosts(host, allow_host), max_chars=max_chars)
    except MissingDatabase as e:
        sock.close()
        raise click.ClickException(f"{e}; or start an empty one with `lagebild serve --create`") from None
    except BaseException:
        sock.close()
        raise
    port = sock.getsockname()[1]
    location = app.state.store.location
    click.echo(
        f"lagebild: serving {location} on http://{host}:{port}/  (API docs: http://{host}:{port}/docs)", err=True
    )
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning"))
    server.run(sockets=[sock])


@main.command()
@click.option("--lang", default="de", show_default=True)
def geocode(lang: str) -> None:
    """Resolve place mentions: JSON Lines {"mention", "text", "country_hint"} on stdin, one answer per line."""
    from lagebild.lang import load_language
    from lagebild.places.geocode import Geocoder

    announce_index(lang)
    geo = Geocoder(load_language(lang))
    failed = 0
    for n, line in enumerate(sys.stdin, 1):
        if not line.strip():
            continue
        try:
            req = _geocode_request(line)
        except ValueError as e:
            failed += 1
            click.echo(f"lagebild: stdin line {n}: {e}", err=True)
            click.echo(json.dumps({"mention": None, "lat": None, "lon": None, "reason": f"bad request: {e}"}))
            continue
        ans = geo.resolve(req["mention"], req.get("text") or "", req.get("country_hint"))
        click.echo(json.dumps(ans, ensure_ascii=False))
    _exit_status(failed)


def _geocode_request(line: str) -> dict:
    """One request line checked: a JSON object with a non-empty `mention` and optional strings."""
    try:
        req = json.loads(line)
    except json.JSONDecodeError as e:
        raise ValueError(f"not JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(req, dict):
        raise ValueError('expected a JSON object like {"mention": "Aleppo"}')
    if "mention" not in req:
        raise ValueError('missing field "mention" (the place name to resolve)')
    if not isinstance(req["mention"], str) or not req["mention"].strip():
        raise ValueError('"mention" must be a non-empty string')
    for key in ("text", "country_hint"):
        if req.get(key) is not None and not isinstance(req[key], str):
            raise ValueError(f'"{key}" must be a string')
    return req


def _add_commands() -> None:
    from lagebild.cli_reviews import reviews
    from lagebild.spark.cli import spark  # imports only click: pyspark is loaded when a spark command runs

    main.add_command(reviews)
    main.add_command(spark)


_add_commands()

if __name__ == "__main__":
    main()
