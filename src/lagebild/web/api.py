"""The JSON API: events, incidents, claims, places, timeline, search and upload.

List endpoints take the same filters (see `params.selection`), page with `limit`/`offset` and put
the number of all matching rows in the `X-Total-Count` header, so `/api/events` can stay a plain
list of EVENTS.md records.
"""

from __future__ import annotations

import io
import json
import os
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Depends, File, Form, HTTPException, Path, Query, Response, UploadFile
from fastapi.responses import FileResponse
from starlette.background import BackgroundTask

from lagebild.export import FORMATS
from lagebild.store import Store
from lagebild.store.db import EventFilter
from lagebild.store.schema import events, incidents
from lagebild.web import exports, queries
from lagebild.web import models as m
from lagebild.web.countries import countries_geojson
from lagebild.web.params import MAX_ID, MAX_LIMIT, MAX_OFFSET, invalid, read_filters, selection
from lagebild.web.queries import Selection
from lagebild.web.upload import (
    MAX_ARTICLES,
    MAX_FILE_BYTES,
    MAX_FILES,
    MAX_REQUEST_BYTES,
    Ingestor,
    as_dicts,
    pasted_input,
)

TOTAL = "X-Total-Count"
MAX_POINTS = 20000
MAX_PASTE = 1_000_000  # characters of pasted text (the form's field; files take more)


def _plain(value: str) -> bool:
    """Whether an id may exist: stored ids have no control characters (reader.limits.check_id)."""
    return not any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in value)
Sel = Annotated[Selection, Depends(selection)]


def build_router(store: Store, ingestor: Ingestor) -> APIRouter:
    api = APIRouter(prefix="/api")
    facet_cache = queries.FacetCache(store)

    @api.get("/events", summary="Events (docs/EVENTS.md records), filtered and paginated; total in X-Total-Count")
    def list_events(sel: Sel, response: Response) -> list[m.Event]:
        total = queries.count(store, events, sel)
        response.headers[TOTAL] = str(total)
        return queries.event_records(store, sel, total)

    @api.get("/incidents", summary="Incidents (all reports of one happening) with claims and contradictions")
    def list_incidents(sel: Sel, response: Response) -> list[m.Incident]:
        response.headers[TOTAL] = str(queries.count(store, incidents, sel))
        return queries.incident_page(store, sel)

    @api.get("/incidents/{incident_id:path}", summary="One incident with its reports' full records and evidence")
    def one_incident(incident_id: Annotated[str, Path(max_length=MAX_ID)]) -> m.IncidentDetail:
        found = store.incident(incident_id) if _plain(incident_id) else None
        if found is None:
            raise HTTPException(status_code=404, detail=f"no incident {incident_id!r}")
        return found

    @api.get(
        "/points",
        summary="The map's compact incident points (position, type, date, fatalities), newest first",
        response_model=list[m.Point],
    )
    def list_points(
        sel: Sel,
        max_points: Annotated[int, Query(ge=1, le=MAX_POINTS, alias="max")] = 5000,
    ) -> Response:
        # Thousands of flat rows straight from SQL: serialised directly, not validated row by row.
        sel.filter.limit = max_points
        body = json.dumps(queries.points(store, sel), ensure_ascii=False, separators=(",", ":"))
        return Response(body, media_type="application/json", headers={TOTAL: str(queries.count(store, incidents, sel))})

    @api.get("/timeline", summary="Incidents (or events) per day or week, by event type")
    def get_timeline(
        sel: Sel,
        by: Annotated[Literal["day", "week"], Query(description="bucket size")] = "week",
        level: Annotated[Literal["incidents", "events"], Query(description="count incidents or reports")] = "incidents",
    ) -> list[m.Bucket]:
        return queries.timeline(store, incidents if level == "incidents" else events, sel, by)

    @api.get("/places", summary="Places with their number of incidents and fatalities")
    def list_places(sel: Sel) -> list[m.Place]:
        return queries.places(store, sel, sel.filter.limit or 100, sel.filter.offset)

    @api.get("/facets", summary="Values for the page's filters: countries, types, frequent actors and sources")
    def get_facets() -> dict[str, Any]:
        return facet_cache.get()

    @api.get("/claims", summary="Claims (tolls, injured, control, background events) with their sources")
    def list_claims(
        kind: Annotated[str | None, Query(max_length=50)] = None,
        country: Annotated[str | None, Query(max_length=80)] = None,
        place: Annotated[str | None, Query(max_length=200)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        article_id: Annotated[str | None, Query(max_length=MAX_ID)] = None,
        since: Annotated[str | None, Query(max_length=20)] = None,
        until: Annotated[str | None, Query(max_length=20)] = None,
        limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 100,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> list[m.ClaimRow]:
        scope = read_filters(country=country, since=since, until=until, place=place)
        f = EventFilter(**scope, actor=actor, article_id=article_id, limit=limit, offset=offset)
        return store.claims(kind or None, f)

    @api.get("/control", summary="Who took or held each place over time, with sources; name a place, country or actor")
    def get_control(
        place: Annotated[str | None, Query(max_length=200)] = None,
        country: Annotated[str | None, Query(max_length=80)] = None,
        actor: Annotated[str | None, Query(max_length=200)] = None,
        since: Annotated[str | None, Query(max_length=20)] = None,
        until: Annotated[str | None, Query(max_length=20)] = None,
    ) -> dict[str, list[m.ControlEntry]]:
        if not (place or country or actor):
            raise invalid("place", "name a place, a country or an actor: control over the whole corpus is too broad")
        scope = read_filters(country=country, since=since, until=until, place=place)
        return store.control(EventFilter(**scope, actor=actor))

    @api.get("/search", summary="Full-text search over the articles (SQLite FTS5 / PostgreSQL)")
    def search(
        q: Annotated[str, Query(min_length=1, max_length=500, description="words; a trailing * matches a prefix")],
        limit: Annotated[int, Query(ge=1, le=200)] = 20,
        offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
    ) -> list[m.Hit]:
        if not q.strip():
            raise HTTPException(status_code=422, detail="q: give at least one word to search for")
        return store.search_articles(q, limit=limit, offset=offset)

    @api.get("/articles/{article_id:path}", summary="An article's text with its events and their evidence")
    def article(article_id: Annotated[str, Path(max_length=MAX_ID)]) -> m.Article:
        found = store.article(article_id) if _plain(article_id) else None
        if found is None:
            raise HTTPException(status_code=404, detail=f"no article {article_id!r}")
        found["events"] = list(store.events(EventFilter(article_id=article_id, review=("all",))))  # rejected too
        return found

    @api.post(
        "/upload",
        summary="Upload or paste German articles (text format, JSON Lines or HTML)",
        description=(
            f"At most {MAX_FILES} files of {MAX_FILE_BYTES // 2**20} MB each and {MAX_ARTICLES:,} articles per "
            f"request ({MAX_REQUEST_BYTES // 2**20} MB in all). Only the app's own pages may send it (Origin)."
        ),
    )
    def upload(
        files: Annotated[list[UploadFile] | None, File(description="article files")] = None,
        text: Annotated[str | None, Form(max_length=MAX_PASTE, description="a pasted article")] = None,
        date: Annotated[
            str | None, Form(pattern=r"^(\d{4}(-\d{2}(-\d{2})?)?)?$", description="date of pasted text")
        ] = None,
    ) -> m.UploadResult:
        inputs: list[tuple[Any, str, int | None]] = [(f.file, f.filename, f.size) for f in files or [] if f.filename]
        if text and text.strip():
            data, name = pasted_input(text, date or None)
            inputs.append((io.BytesIO(data), name, len(data)))
        if not inputs:
            raise HTTPException(status_code=422, detail="nothing to read: choose a file or paste an article")
        results = ingestor.ingest_inputs(inputs)
        failed = sum(o.status == "error" for o in results)
        return {"stored": len(results) - failed, "failed": failed, "results": as_dicts(results)}

    @api.get(
        "/export",
        summary="Download the selection as ACLED CSV, events JSONL, GeoJSON or Parquet, per report or per incident",
        response_class=Response,
    )
    def export(
        sel: Sel,
        fmt: Annotated[Literal["acled", "csv", "jsonl", "geojson", "parquet"], Query(alias="format")] = "acled",
        level: Annotated[Literal["report", "incident"], Query(description="one row per report or per incident")] = (
            "incident"
        ),
        incident_id: Annotated[bool, Query(description="append incident_id to the ACLED CSV")] = False,
        review_state: Annotated[bool, Query(description="append the review state to the ACLED CSV")] = False,
    ) -> Response:
        # The whole selection, not one page: the file is what the filters select.
        sel.filter.limit, sel.filter.offset, sel.filter.text = None, 0, sel.q
        path, rows = exports.write(store, sel.filter, fmt, level, incident_id=incident_id, review=review_state)
        spec = FORMATS[fmt]
        return FileResponse(
            path,
            media_type=spec.media_type,
            filename=exports.file_name(sel.filter, level, spec.suffix),
            headers={"X-Row-Count": str(rows)},
            background=BackgroundTask(os.unlink, path),
        )

    @api.get("/countries.geojson", summary="Country outlines (Natural Earth via the countryinfo package)")
    def countries() -> Response:
        return Response(
            countries_geojson(), media_type="application/geo+json", headers={"Cache-Control": "public, max-age=86400"}
        )

    return api
