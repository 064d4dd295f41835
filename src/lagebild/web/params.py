"""Query parameters shared by the API's list endpoints, validated so a bad request gets a 422 naming the field.

FastAPI checks shapes (lengths, ranges); the values are read by `lagebild.filters`, as on the
command line (country names, German dates, type prefixes, place spellings), and what they refuse raises the
same error format (`{"detail": [{"loc": ["query", field], "msg": ...}]}`) so a client reads one kind
of error.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from lagebild.filters import FilterError, check_period, parse_country, parse_date, parse_type, place_matches
from lagebild.store.db import EventFilter
from lagebild.store.review_state import parse_review
from lagebild.web.queries import Selection

MAX_LIMIT = 1000
MAX_OFFSET = 10**9  # far beyond any corpus, and well within what the databases' integers hold
MAX_ID = 1000  # characters of an article or incident id in a URL (ids are at most 512, plus "#n" or "inc-")


def invalid(field: str, msg: str, value: object = None) -> RequestValidationError:
    """A 422 in FastAPI's own error shape, naming the query field."""
    return RequestValidationError([{"type": "value_error", "loc": ("query", field), "msg": msg, "input": value}])


def read_filters(
    *,
    country: str | None = None,
    event_type: str | None = None,
    since: str | None = None,
    until: str | None = None,
    place: str | None = None,
) -> dict[str, Any]:
    """The filter values read as the command line reads them (`lagebild.filters`), or a 422 naming the field."""
    given = {"country": country, "event_type": event_type, "since": since, "until": until}
    out: dict[str, Any] = {}
    try:
        out["country"] = parse_country(country, "country") if country else None
        out["event_type"] = parse_type(event_type, "event_type") if event_type else None
        out["since"] = parse_date(since, "since") if since else None
        out["until"] = parse_date(until, "until") if until else None
        check_period(out["since"], out["until"])
    except FilterError as e:
        raise invalid(e.field, str(e), given.get(e.field)) from None
    place = (place or "").strip() or None
    out["place"] = place
    out["places"] = place_matches(place) if place else ()
    return out


def _review(value: str | None) -> tuple[str, ...] | None:
    try:
        return parse_review(value)
    except ValueError as e:
        raise invalid("review", str(e), value) from None


def selection(
    country: Annotated[
        str | None, Query(max_length=80, description="ISO3 code or German or English name (SYR, Syrien, Syria)")
    ] = None,
    event_type: Annotated[
        str | None, Query(max_length=80, description="an ACLED event type or sub-type, or an unambiguous start of one")
    ] = None,
    since: Annotated[str | None, Query(max_length=20, description="YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY")] = None,
    until: Annotated[str | None, Query(max_length=20, description="the same; the whole period is included")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="part of an actor's name")] = None,
    place: Annotated[
        str | None, Query(max_length=200, description="a place in any spelling the gazetteer knows, or part of a name")
    ] = None,
    source: Annotated[str | None, Query(max_length=200, description="part of a source's name")] = None,
    q: Annotated[str | None, Query(max_length=500, description="full-text search over the articles")] = None,
    article_id: Annotated[str | None, Query(max_length=MAX_ID, description="only what this article reports")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")] = 0,
    order: Annotated[Literal["asc", "desc"], Query(description="by date: oldest (asc) or newest first")] = "asc",
    review: Annotated[
        str | None,
        Query(
            max_length=100,
            description="review states, comma-separated: unreviewed, confirmed, corrected, rejected, reviewed, all; "
            "default: all but rejected",
        ),
    ] = None,
) -> Selection:
    """The filters of a list request; empty strings count as absent (what an HTML form sends)."""
    f = EventFilter(
        **read_filters(country=country, event_type=event_type, since=since, until=until, place=place),
        actor=(actor or "").strip() or None,
        source=(source or "").strip() or None,
        article_id=article_id or None,
        review=_review(review),
        limit=limit,
        offset=offset,
    )
    return Selection(f, (q or "").strip() or None, newest_first=order == "desc")
