"""`lagebild reviews ...`: the review desk on the command line (the page's review view does the same).

Every decision is stored as one append-only review row with the reviewer's name: `--reviewer`, else
$LAGEBILD_REVIEWER, else the login name (on PostgreSQL the server also records the database user).
"""

from __future__ import annotations

import getpass
import json
import os
import sys
from pathlib import Path

import click

from lagebild.cliutil import clip, console, db_option, event_filter, filter_options, open_store, plural


def _who(value: str | None) -> str:
    if value:
        return value
    if env := os.environ.get("LAGEBILD_REVIEWER"):
        return env
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        raise click.UsageError("who reviews? give --reviewer NAME or set $LAGEBILD_REVIEWER") from None


def reviewer_option():
    return click.option("--reviewer", help="Your name (default: $LAGEBILD_REVIEWER, else your login name).")


def _desk(db_url: str | None):
    from lagebild.store.reviews import ReviewDesk

    return ReviewDesk(open_store(db_url))


def _fail(e: Exception) -> None:
    raise click.ClickException(str(e)) from None


def _line(record: dict) -> str:
    loc = record.get("location") or {}
    return (
        f"{record['event_id']}  {record.get('review_status', 'unreviewed'):<10}  {record.get('date') or '?':<10}  "
        f"{record['sub_event_type']}  {loc.get('name') or '?'} ({loc.get('country') or '?'})  "
        f"dead {record.get('fatalities') if record.get('fatalities') is not None else '–'}"
    )


@click.group("reviews")
def reviews() -> None:
    """Confirm, correct or reject events, merge or split incidents, and export the reviews as annotations.

    Rejected events are left out of every listing and export unless `--review rejected` (or `all`)
    asks for them. `lagebild reviews export` writes the reviewed articles in the project's
    annotation format, for `lagebild train --reviews DIR` and `lagebild eval DIR`.
    """


@reviews.command("next")
@filter_options
@click.option("--skip", multiple=True, help="An event id to pass over (repeatable).")
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
def next_event(db_url, skip, fmt, **kw) -> None:
    """The next unreviewed event the filters select (by date), with its evidence."""
    kw.pop("review", None)
    desk = _desk(db_url)
    found = desk.next_unreviewed(event_filter(**kw), list(skip))
    if found is None:
        click.echo("nothing left to review under these filters")
        return
    if fmt == "jsonl":
        click.echo(json.dumps(found, ensure_ascii=False))
        return
    click.echo(_line(found))
    for ev in found.get("evidence") or []:
        click.echo(f"  [{ev['start']}-{ev['end']}] {ev['text']}")


@reviews.command("status")
@filter_options
def status(db_url, **kw) -> None:
    """How many of the selected events are unreviewed, confirmed, corrected and rejected."""
    kw.pop("review", None)
    counts = _desk(db_url).counts(event_filter(**kw))
    click.echo(", ".join(f"{n} {s}" for s, n in counts.items()))


def _act(action: str, event_ids: tuple[str, ...], db_url, reviewer, **extra) -> None:
    from lagebild.store.reviews import ReviewError

    desk = _desk(db_url)
    who = _who(reviewer)
    failed = 0
    for event_id in event_ids:
        try:
            click.echo(_line(desk.review(event_id, action, who, **extra)))
        except ReviewError as e:
            failed += 1
            click.echo(f"lagebild: {event_id}: {e}", err=True)
    if failed:
        sys.exit(min(failed, 125))


@reviews.command()
@click.argument("event_ids", nargs=-1, required=True)
@reviewer_option()
@db_option()
def confirm(event_ids, reviewer, db_url) -> None:
    """The events are right as they are."""
    _act("confirm", event_ids, db_url, reviewer)


@reviews.command()
@click.argument("event_ids", nargs=-1, required=True)
@click.option(
    "--reason",
    required=True,
    type=click.Choice(["not_event", "background", "duplicate", "wrong_article"]),
    help="Why: no event at all, only background to another, a duplicate of another report, or not "
    "what this article reports.",
)
@reviewer_option()
@db_option()
def reject(event_ids, reason, reviewer, db_url) -> None:
    """The events are no events to publish; they leave their incidents and every export."""
    _act("reject", event_ids, db_url, reviewer, reason=reason)


@reviews.command()
@click.argument("event_ids", nargs=-1, required=True)
@reviewer_option()
@db_option()
def restore(event_ids, reviewer, db_url) -> None:
    """Take back a rejection."""
    _act("restore", event_ids, db_url, reviewer)


@reviews.command()
@click.argument("event_id")
@click.argument("assignments", nargs=-1, required=True)
@reviewer_option()
@db_option()
def correct(event_id, assignments, reviewer, db_url) -> None:
    """Correct fields: FIELD=VALUE ... (sub_event_type, date, actor1, actor2, location, fatalities, sources, notes).

    Actors and places are looked up in the lexicon and the gazetteer ("location=Charkiw",
    "actor1=Hisbollah"); sources are names separated by ";"; an empty value clears a field.
    """
    from lagebild.review.fields import FieldError, check, parse_assignments
    from lagebild.store.reviews import ReviewError

    desk = _desk(db_url)
    try:
        current = next((e for e in desk.store.events(_one(event_id)) if e["event_id"] == event_id), None)
        changes = check(parse_assignments(list(assignments)), current)
        click.echo(_line(desk.review(event_id, "correct", _who(reviewer), changes=changes)))
    except (FieldError, ReviewError) as e:
        _fail(e)


def _one(event_id: str):
    from lagebild.store.db import EventFilter

    return EventFilter(review=("all",), article_id=event_id.rsplit("#", 1)[0])


@reviews.command()
@click.argument("article_id")
@click.option("--at", "span", required=True, help="START:END, character offsets of the sentence in the article text.")
@click.argument("assignments", nargs=-1, required=True)
@reviewer_option()
@db_option()
def add(article_id, span, assignments, reviewer, db_url) -> None:
    """Add an event the extractor missed, read from the sentence at START:END: FIELD=VALUE ...

    sub_event_type is needed; the evidence is the stored sentence(s) the offsets touch.
    """
    from lagebild.review.fields import FieldError, check, parse_assignments
    from lagebild.store.reviews import ReviewError

    try:
        start, end = (int(x) for x in span.split(":"))
    except ValueError:
        raise click.BadParameter("write START:END, e.g. 120:245", param_hint="--at") from None
    desk = _desk(db_url)
    try:
        fields = check(parse_assignments(list(assignments)))
        click.echo(_line(desk.add(article_id, fields, (start, end), _who(reviewer))))
    except (FieldError, ReviewError) as e:
        _fail(e)


@reviews.command()
@click.argument("incident_ids", nargs=-1, required=True)
@reviewer_option()
@db_option()
def merge(incident_ids, reviewer, db_url) -> None:
    """The incidents are one happening: their reports become one incident (printed)."""
    from lagebild.store.reviews import ReviewError

    try:
        click.echo(_desk(db_url).merge(list(incident_ids), _who(reviewer)))
    except ReviewError as e:
        _fail(e)


@reviews.command()
@click.argument("incident_id")
@click.argument("event_ids", nargs=-1, required=True)
@reviewer_option()
@db_option()
def split(incident_id, event_ids, reviewer, db_url) -> None:
    """These reports of the incident are another happening: they get an incident of their own."""
    from lagebild.store.reviews import ReviewError

    try:
        parts = _desk(db_url).split(incident_id, list(event_ids), _who(reviewer))
    except ReviewError as e:
        _fail(e)
    click.echo(f"split off: {parts['split']}\nthe rest: {parts['rest']}")


@reviews.command()
@click.option("--event", "event_id", help="The reviews of one event (across re-ingests).")
@click.option("--article", "article_id", help="The reviews of one article's events.")
@click.option("--reviewer", help="Only this reviewer's decisions.")
@click.option("--limit", type=click.IntRange(min=1), default=50, show_default=True)
@click.option("--format", "fmt", type=click.Choice(["table", "jsonl"]), default="table", show_default=True)
@db_option()
def log(event_id, article_id, reviewer, limit, fmt, db_url) -> None:
    """The review log, newest first: who decided what, when, what it was before and after, and why."""
    desk = _desk(db_url)
    if event_id:
        rows = desk.history(event_id)[::-1][:limit]
    else:
        rows = desk.log(article_id=article_id, reviewer=reviewer, limit=limit)
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False))
        return
    from rich.table import Table

    table = Table(title="lagebild reviews")
    for col in ("when", "who", "action", "event", "reason", "before → after"):
        table.add_column(col, overflow="fold")
    for r in rows:
        change = f"{_short(r['before'])} → {_short(r['after'])}" if r["before"] or r["after"] else ""
        who = r["reviewer"] + (f" ({r['db_user']})" if r.get("db_user") else "")
        table.add_row(r["reviewed_at"][:19], who, r["action"], r["event_id"] or "", r["reason"] or "", change)
    console().print(table)


def _short(value) -> str:
    return clip(json.dumps(value, ensure_ascii=False), 60) if value else "–"


@reviews.command()
@click.option("--format", "fmt", type=click.Choice(["text", "jsonl"]), default="text", show_default=True)
@db_option()
def orphans(fmt, db_url) -> None:
    """Reviews whose event is gone after its article was stored again, for a second look."""
    found = _desk(db_url).orphans()
    if fmt == "jsonl":
        for o in found:
            click.echo(json.dumps(o, ensure_ascii=False))
        return
    if not found:
        click.echo("no orphaned reviews")
    for o in found:
        words = " / ".join(ev.get("text") or "" for ev in (o["anchor"] or {}).get("evidence") or [])
        actions = ", ".join(f"{r['action']} by {r['reviewer']}" for r in o["reviews"] if r["reviewer"] != "lagebild")
        click.echo(f"{o['subject']}  {o['event_id']}  {actions}\n  {clip(words, 200)}")
    if found:
        click.echo(
            "re-attach one: lagebild reviews attach SUBJECT EVENT_ID; let it go: lagebild reviews dismiss SUBJECT"
        )


@reviews.command()
@click.argument("subject")
@click.argument("event_id")
@reviewer_option()
@db_option()
def attach(subject, event_id, reviewer, db_url) -> None:
    """Re-attach an orphaned subject's reviews to an event of the same article."""
    from lagebild.store.reviews import ReviewError

    try:
        click.echo(_line(_desk(db_url).attach(subject, event_id, _who(reviewer))))
    except ReviewError as e:
        _fail(e)


@reviews.command()
@click.argument("subject")
@reviewer_option()
@db_option()
def dismiss(subject, reviewer, db_url) -> None:
    """Take an orphaned subject off the orphan list (its reviews stay in the log)."""
    from lagebild.store.reviews import ReviewError

    try:
        _desk(db_url).dismiss(subject, _who(reviewer))
    except ReviewError as e:
        _fail(e)


@reviews.command("export")
@click.option("-o", "--output", required=True, type=click.Path(file_okay=False), help="The folder to write.")
@click.option("--reviewer", help="Only articles this reviewer reviewed.")
@db_option()
def export_reviews(output, reviewer, db_url) -> None:
    """Write the reviewed articles (every event reviewed) as annotations: OUTPUT/events/*.json and
    OUTPUT/articles.jsonl, for `lagebild train --reviews OUTPUT` and `lagebild eval OUTPUT`."""
    from lagebild.review.annotations import export

    out = Path(output)
    if out.exists() and any(out.iterdir()):
        raise click.ClickException(f"{output} is not empty: choose a new folder")
    ids = export(open_store(db_url), out, reviewer)
    click.echo(f"wrote {plural(len(ids), 'reviewed article')} to {output}", err=True)
