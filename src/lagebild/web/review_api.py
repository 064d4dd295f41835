"""The review desk's API: decisions on events and incidents, the next event to review, and what an
analyst picks from (the lexicon's actors, the gazetteer's places, the places near a point on the map).

Writes are refused unless they come from the page itself: a browser's cross-site request carries an
`Origin` (or `Sec-Fetch-Site`) that differs from the server's own, and gets a 403; clients outside a
browser (scripts, curl) send neither and may write. The reviewer is the name the page set for this
browser session (a session cookie, SameSite=Strict, so no other site's request carries it); on
PostgreSQL the database login is recorded with every review by the server itself, and stands in as
the name when none is set.
"""


# No `from __future__ import annotations` here: FastAPI resolves `Depends(reviewer)` on a closure.
import functools
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, HTTPException, Query, Request, Response
from pydantic import BaseModel, Field
from sqlalchemy import select, text

from lagebild.review import fields as review_fields
from lagebild.review import lookup
from lagebild.store import Store
from lagebild.store.db import EventFilter
from lagebild.store.reviews import REASONS, Conflict, NotFound, ReviewDesk, ReviewError
from lagebild.store.schema import events
from lagebild.web.params import selection
from lagebild.web.queries import Selection
from lagebild.web.security import cross_origin

COOKIE = "lagebild_reviewer"
Sel = Annotated[Selection, Depends(selection)]


def same_origin(request: Request) -> None:
    """Refuse a write a browser sends from another site (CSRF). The app's Guard middleware refuses
    them already; the review router checks again with the same rule, wherever it is mounted."""
    if reason := cross_origin({k.lower(): v for k, v in request.headers.items()}):
        raise HTTPException(403, detail=f"write refused: {reason}")


Write = Depends(same_origin)


class Decision(BaseModel):
    action: Literal["confirm", "reject", "restore", "correct"]
    reason: Literal["not_event", "background", "duplicate", "wrong_article"] | None = None
    changes: dict[str, Any] | None = Field(None, description="field → value (see lagebild.review.fields)")
    expect: str | None = Field(
        None, description="the reviewed_at you saw (null: unreviewed); another state since gives 409; omit: no check"
    )


class Addition(BaseModel):
    start: int = Field(ge=0, description="selection in the article text: the sentences it touches are the evidence")
    end: int = Field(gt=0)
    fields: dict[str, Any]


class Merge(BaseModel):
    incident_ids: list[Annotated[str, Field(max_length=300)]] = Field(min_length=2, max_length=50)


class Split(BaseModel):
    event_ids: list[Annotated[str, Field(max_length=400)]] = Field(min_length=1, max_length=200)


class Attach(BaseModel):
    event_id: str = Field(max_length=400)


class Session(BaseModel):
    name: str = Field(min_length=1, max_length=100)


def build_review_router(store: Store) -> APIRouter:
    api = APIRouter(prefix="/api/review", tags=["review"])
    desk = ReviewDesk(store)

    @functools.cache
    def db_user() -> str | None:
        if store.engine.dialect.name != "postgresql":
            return None
        with store.engine.connect() as conn:
            return conn.execute(text("SELECT current_user")).scalar()

    def reviewer(request: Request) -> str:
        name = _text((request.cookies.get(COOKIE) or "").strip()) or db_user()
        if not name:
            raise HTTPException(422, detail="reviewer: give your name first (POST /api/review/session)")
        return name

    def refused(e: ReviewError) -> HTTPException:
        if isinstance(e, NotFound):
            return HTTPException(404, detail=str(e))
        if isinstance(e, Conflict):
            return HTTPException(409, detail={"msg": str(e), "current": e.current})
        return HTTPException(422, detail=str(e))

    @api.get("/session", summary="Who reviews in this browser session (and the database login on PostgreSQL)")
    def get_session(request: Request) -> dict[str, Any]:
        return {"reviewer": request.cookies.get(COOKIE) or None, "db_user": db_user(), "reasons": list(REASONS)}

    @api.post("/session", summary="Set the reviewer name for this browser session", dependencies=[Write])
    def set_session(body: Session, response: Response) -> dict[str, Any]:
        name = _text(body.name.strip())
        if not name or name == "lagebild":
            raise HTTPException(422, detail="name: choose a name (not empty, not 'lagebild')")
        response.set_cookie(COOKIE, name, samesite="strict", httponly=True)  # no max-age: this session only
        return {"reviewer": name, "db_user": db_user(), "reasons": list(REASONS)}

    @api.post("/events/{event_id:path}", summary="Confirm, reject, restore or correct one event", dependencies=[Write])
    def decide(event_id: str, body: Decision, who: Annotated[str, Depends(reviewer)]) -> dict[str, Any]:
        changes, event_id = None, _text(event_id)
        try:
            if body.action == "correct":
                current = _record(store, event_id)
                changes = review_fields.check(body.changes or {}, current)
            extra = {"expect": body.expect} if "expect" in body.model_fields_set else {}
            return desk.review(event_id, body.action, who, reason=body.reason, changes=changes, **extra)
        except review_fields.FieldError as e:
            raise bad_field("changes", e) from None
        except ReviewError as e:
            raise refused(e) from None

    @api.get("/events/{event_id:path}", summary="An event's reviews, oldest first (across re-ingests)")
    def history(event_id: str) -> list[dict[str, Any]]:
        return desk.history(_text(event_id))

    @api.post("/articles/{article_id:path}", summary="Add an event the extractor missed", dependencies=[Write])
    def add(article_id: str, body: Addition, who: Annotated[str, Depends(reviewer)]) -> dict[str, Any]:
        article_id = _text(article_id)
        try:
            checked = review_fields.check(body.fields)
            return desk.add(article_id, checked, (body.start, body.end), who)
        except review_fields.FieldError as e:
            raise bad_field("fields", e) from None
        except ReviewError as e:
            raise refused(e) from None

    @api.post("/merge", summary="Merge incidents: their reports become one incident", dependencies=[Write])
    def merge(body: Merge, who: Annotated[str, Depends(reviewer)]) -> dict[str, str]:
        try:
            return {"incident_id": desk.merge([_text(i) for i in body.incident_ids], who)}
        except ReviewError as e:
            raise refused(e) from None

    @api.post("/split/{incident_id}", summary="Split reports off an incident into their own", dependencies=[Write])
    def split(incident_id: str, body: Split, who: Annotated[str, Depends(reviewer)]) -> dict[str, str]:
        try:
            return desk.split(_text(incident_id), [_text(i) for i in body.event_ids], who)
        except ReviewError as e:
            raise refused(e) from None

    @api.get("/next", summary="The next unreviewed event the filters select (by date)")
    def next_event(
        sel: Sel, skip: Annotated[list[str] | None, Query(max_length=200, description="event ids to pass over")] = None
    ) -> dict[str, Any]:
        return {"event": desk.next_unreviewed(_scope(sel), [_text(s) for s in skip or []])}

    @api.get("/counts", summary="How many of the events the filters select have each review status")
    def counts(sel: Sel) -> dict[str, int]:
        return desk.counts(_scope(sel))

    @api.get("/orphans", summary="Reviews whose event is gone after its article was stored again")
    def orphans() -> list[dict[str, Any]]:
        return desk.orphans()

    @api.post("/orphans/{subject}/attach", summary="Re-attach an orphan's reviews to an event", dependencies=[Write])
    def attach(subject: str, body: Attach, who: Annotated[str, Depends(reviewer)]) -> dict[str, Any]:
        try:
            return desk.attach(_text(subject), _text(body.event_id), who)
        except ReviewError as e:
            raise refused(e) from None

    @api.post("/orphans/{subject}/dismiss", summary="Take an orphan off the list", dependencies=[Write])
    def dismiss(subject: str, who: Annotated[str, Depends(reviewer)]) -> dict[str, str]:
        try:
            desk.dismiss(_text(subject), who)
        except ReviewError as e:
            raise refused(e) from None
        return {"dismissed": subject}

    @api.get("/log", summary="The review log, newest first")
    def log(
        reviewer_name: Annotated[str | None, Query(alias="reviewer", max_length=100)] = None,
        article_id: Annotated[str | None, Query(max_length=300)] = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
    ) -> list[dict[str, Any]]:
        return desk.log(article_id=_text(article_id), reviewer=_text(reviewer_name), limit=limit)

    @api.get("/actors", summary="Actors of the lexicon whose name or alias contains the words")
    def actors(q: Annotated[str, Query(min_length=1, max_length=100)]) -> list[dict[str, Any]]:
        return lookup.actors().search(q)

    @api.get("/places", summary="Places of the gazetteer a written name may mean")
    def places(q: Annotated[str, Query(min_length=1, max_length=200)]) -> list[dict[str, Any]]:
        return lookup.search_places(q)

    @api.get("/near", summary="The towns and sites nearest to a point on the map")
    def near(
        lat: Annotated[float, Query(ge=-90, le=90)], lon: Annotated[float, Query(ge=-180, le=180)]
    ) -> list[dict[str, Any]]:
        return lookup.nearest_places(lat, lon)

    return api


def bad_field(part: str, e: review_fields.FieldError) -> HTTPException:
    """A 422 in FastAPI's own error shape, naming the field of the body."""
    return HTTPException(422, detail=[{"loc": ["body", part, e.field], "msg": str(e), "type": "value_error"}])


def _text(value: str | None) -> str | None:
    """An id or name from a request as the store keeps text: NUL as U+FFFD (PostgreSQL holds no NUL)."""
    return None if value is None else value.replace("\x00", "\ufffd")


def _scope(sel: Selection) -> EventFilter:
    f = sel.filter
    f.text, f.limit, f.offset = sel.q, None, 0
    return f


def _record(store: Store, event_id: str) -> dict[str, Any] | None:
    with store.engine.connect() as conn:
        found = conn.execute(select(events.c.record).where(events.c.event_id == event_id)).scalar()
    if found is None:
        raise NotFound(f"no event {event_id!r}")
    return json.loads(found)
