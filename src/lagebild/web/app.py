"""FastAPI application: `lagebild serve` runs it on localhost.

The API returns the EVENTS.md records themselves, so what an analyst sees in the browser is exactly
what the exporters write. Filters are validated (bad dates or limits get a 422 naming the field).
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from lagebild import __version__
from lagebild.store import Store
from lagebild.store.db import EventFilter

DATE = r"^\d{4}(-\d{2}(-\d{2})?)?$"
TEMPLATES = Jinja2Templates(directory=str(Path(__file__).parent / "templates"))


def create_app(db_url: str | None = None) -> FastAPI:
    store = Store(db_url)
    app = FastAPI(title="lagebild", version=__version__, description="Conflict events read from German news.")

    @app.get("/api/events", summary="Events (EVENTS.md records), filtered and paginated")
    def events(
        country: Annotated[str | None, Query(pattern=r"^[A-Za-z]{3}$", description="ISO3 country")] = None,
        event_type: Annotated[str | None, Query(description="event type or sub-event type")] = None,
        since: Annotated[str | None, Query(pattern=DATE)] = None,
        until: Annotated[str | None, Query(pattern=DATE)] = None,
        actor: str | None = None,
        place: str | None = None,
        source: str | None = None,
        limit: Annotated[int, Query(ge=1, le=1000)] = 100,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> list[dict[str, Any]]:
        f = EventFilter(
            country=country,
            event_type=event_type,
            since=since,
            until=until,
            actor=actor,
            place=place,
            source=source,
            limit=limit,
            offset=offset,
        )
        return list(store.events(f))

    @app.get("/api/articles/{article_id}", summary="An article's text with its events and their evidence")
    def article(article_id: str) -> dict[str, Any]:
        found = store.article(article_id)
        if found is None:
            raise HTTPException(status_code=404, detail=f"no article {article_id!r}")
        found["events"] = list(store.events(EventFilter(article_id=article_id)))
        return found

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request) -> HTMLResponse:
        rows = list(store.events(EventFilter(limit=500)))
        return TEMPLATES.TemplateResponse(request, "index.html", {"events": rows, "counts": store.counts()})

    return app
