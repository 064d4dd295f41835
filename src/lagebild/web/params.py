"""Query parameters shared by the API's list endpoints, validated so a bad request gets a 422 naming the field.

FastAPI checks shapes (patterns, ranges); the checks that need two fields or the taxonomy raise the
same error format (`{"detail": [{"loc": ["query", field], "msg": ...}]}`) so a client reads one kind
of error.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query
from fastapi.exceptions import RequestValidationError

from lagebild.store.db import EventFilter
from lagebild.taxonomy import TAXONOMY
from lagebild.web.queries import Selection

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
MAX_LIMIT = 1000
MAX_OFFSET = 10**9  # far beyond any corpus, and well within what the databases' integers hold
MAX_ID = 1000  # characters of an article or incident id in a URL (ids are at most 512, plus "#n" or "inc-")

KNOWN_TYPES = set(TAXONOMY) | {s for subs in TAXONOMY.values() for s in subs}


def invalid(field: str, msg: str, value: object = None) -> RequestValidationError:
    """A 422 in FastAPI's own error shape, naming the query field."""
    return RequestValidationError([{"type": "value_error", "loc": ("query", field), "msg": msg, "input": value}])


def selection(
    country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO 3166-1 alpha-3 code")] = None,
    event_type: Annotated[str | None, Query(max_length=100, description="an ACLED type or sub-event type")] = None,
    since: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    until: Annotated[str | None, Query(pattern=DATE, description="YYYY, YYYY-MM or YYYY-MM-DD")] = None,
    actor: Annotated[str | None, Query(max_length=200, description="part of an actor's name")] = None,
    place: Annotated[str | None, Query(max_length=200, description="part of a place or region name")] = None,
    source: Annotated[str | None, Query(max_length=200, description="part of a source's name")] = None,
    q: Annotated[str | None, Query(max_length=500, description="full-text search over the articles")] = None,
    article_id: Annotated[str | None, Query(max_length=MAX_ID, description="only what this article reports")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="page size")] = 100,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip")] = 0,
    order: Annotated[Literal["asc", "desc"], Query(description="by date: oldest (asc) or newest first")] = "asc",
) -> Selection:
    """The filters of a list request; empty strings count as absent (what an HTML form sends)."""
    if event_type and event_type not in KNOWN_TYPES:
        raise invalid(
            "event_type", f"unknown event type; expected one of: {', '.join(sorted(KNOWN_TYPES))}", event_type
        )
    if since and until and since > until + "\uffff":
        raise invalid("until", f"until ({until}) is before since ({since})", until)
    f = EventFilter(
        country=country or None,
        event_type=event_type or None,
        since=since or None,
        until=until or None,
        actor=(actor or "").strip() or None,
        place=(place or "").strip() or None,
        source=(source or "").strip() or None,
        article_id=article_id or None,
        limit=limit,
        offset=offset,
    )
    return Selection(f, (q or "").strip() or None, newest_first=order == "desc")
