"""FastAPI application: `lagebild serve` runs it on localhost.

The API returns the EVENTS.md records themselves, so what an analyst sees in the browser is exactly
what the exporters write. The page is one HTML template plus the project's own scripts and styles
under `static/` (no CDN, no external fonts), so it works with no internet.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterable
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from fastapi_offline import FastAPIOffline
from starlette.middleware.trustedhost import TrustedHostMiddleware

from lagebild import MAX_CHARS, __version__
from lagebild.errors import FilterError
from lagebild.reader import Limits
from lagebild.store import Store
from lagebild.store.db import EventFilter
from lagebild.taxonomy import TAXONOMY
from lagebild.web import i18n
from lagebild.web.api import build_router
from lagebild.web.review_api import build_review_router
from lagebild.web.security import Guard, served_hosts
from lagebild.web.upload import MAX_REQUEST_BYTES, Ingestor

HERE = Path(__file__).parent
TEMPLATES = Jinja2Templates(directory=str(HERE / "templates"))


def create_app(
    db_url: str | None = None,
    *,
    create: bool = True,
    hosts: Iterable[str] | None = None,
    max_chars: int = MAX_CHARS,
    upload_processes: int = 1,
) -> FastAPI:
    """The app over one database; `create=False` refuses a database that does not exist yet.

    `hosts`: the Host names it answers to (default: 127.0.0.1, localhost, ::1; see `web.security`).
    `max_chars`: the per-article limit for uploads. `upload_processes`: 1 extracts and stores uploads
    in a worker process (0: in the request's thread, for tests).
    """
    store = Store(db_url, create=create)
    ingestor = Ingestor(store, processes=upload_processes, limits=Limits(max_chars))

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        ingestor.start()  # the upload process loads its pipeline while the page loads
        yield
        ingestor.close()

    # FastAPIOffline serves /docs and /redoc with Swagger UI and ReDoc from the installed package, not a CDN.
    app = FastAPIOffline(
        title="lagebild", version=__version__, description="Conflict events read from German news.", lifespan=lifespan
    )
    app.state.store = store
    app.state.ingestor = ingestor
    app.include_router(build_router(store, ingestor))
    app.include_router(build_review_router(store))
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    # added last = outermost: the Host is checked first, then origin, body size and headers
    app.add_middleware(Guard, body_limits={"/api/upload": MAX_REQUEST_BYTES})
    app.add_middleware(TrustedHostMiddleware, allowed_hosts=list(hosts) if hosts is not None else served_hosts(""))

    @app.exception_handler(FilterError)
    async def bad_filter(_request: Request, exc: FilterError) -> JSONResponse:
        return JSONResponse({"detail": [{"loc": ["query", exc.field], "msg": str(exc)}]}, status_code=422)

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def index(request: Request, lang: str | None = None) -> HTMLResponse:
        chosen = i18n.choose(lang, request.cookies.get(i18n.COOKIE), request.headers.get("accept-language"))
        # The first incidents are rendered in the page itself, so it shows something without scripts.
        first = store.incidents(EventFilter(limit=100))
        ctx = {
            "counts": store.counts(),
            "taxonomy": TAXONOMY,
            "version": __version__,
            "incidents": first,
            "lang": chosen,
            "t": i18n.STRINGS[chosen],
            "other": [code for code in i18n.LANGS if code != chosen],
            "strings": i18n.STRINGS,
            "type_label": lambda v: i18n.type_label(chosen, v),
            "tn": lambda key, n: i18n.tn(chosen, key, n),
        }
        response = TEMPLATES.TemplateResponse(request, "index.html", ctx)
        if lang in i18n.LANGS:
            response.set_cookie(i18n.COOKIE, lang, max_age=365 * 86400, samesite="lax")
        return response

    return app
