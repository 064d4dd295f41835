"""What the web app does to every request before the routes see it, and to every response.

`lagebild serve` listens on the analyst's own machine, where any web page open in the browser can
send requests to it. So:

- **Host** must be one of the names the app is served under (`TrustedHostMiddleware`): a page that
  re-points its own domain at 127.0.0.1 (DNS rebinding) sends its own name and is refused, so it
  cannot read the data;
- **writes** (POST, PUT, PATCH, DELETE) must come from the app's own pages: a browser names the page
  that sent a request in `Origin` (and `Sec-Fetch-Site`), and a request from another origin is
  refused with 403. Clients that are not browsers (curl, scripts) send neither and may write;
- a **request body** larger than the upload allows is refused with 413 as soon as that is known
  (from Content-Length, or while it streams in), never read whole;
- every response carries a **Content-Security-Policy** (scripts and styles only from the app itself,
  no framing), `X-Content-Type-Options: nosniff` and `X-Frame-Options: DENY`;
- an **unexpected error** becomes a JSON 500 here, logged with its traceback, instead of propagating
  to the server, which would close the connection under the next keep-alive request.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.types import ASGIApp, Message, Receive, Scope, Send

log = logging.getLogger("lagebild.web")

LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1")
WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; "
    "font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
# Swagger UI and ReDoc (fastapi-offline) start from an inline script and style: only on their pages.
DOCS_CSP = (
    "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)
DOCS_PATHS = ("/docs", "/redoc")


def served_hosts(host: str, extra: Iterable[str] = ()) -> list[str]:
    """The Host names to accept: the local names, the address served on (unless it is a wildcard)
    and any the user adds (a machine name, for a server reached over the network)."""
    names = [*LOCAL_HOSTS, *extra]
    if host not in ("0.0.0.0", "::", ""):
        names.append(host)
    return list(dict.fromkeys(n.strip("[]").lower() for n in names))


class BodyTooLarge(Exception):
    """The request body grew past its limit while being read."""


class Guard:
    """The checks and headers above, as one ASGI middleware (inside TrustedHostMiddleware)."""

    def __init__(self, app: ASGIApp, body_limits: dict[str, int] | None = None) -> None:
        self.app = app
        self.body_limits = body_limits or {}  # path → the largest body it takes, in bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        path = scope["path"]
        csp = DOCS_CSP if path.startswith(DOCS_PATHS) else CSP
        started = False
        limit = self.body_limits.get(path)
        over = [False]  # the body passed its limit: whatever the app answers, the answer is 413

        async def send_secured(message: Message) -> None:
            nonlocal started
            if over[0] and not started:
                started = True
                await _json(send, 413, f"request body larger than {limit:,} bytes", secured(CSP))
                return
            if over[0]:
                return  # the app's own answer (a parse error) is dropped
            if message["type"] == "http.response.start":
                started = True
                message = {**message, "headers": [*message.get("headers", []), *secured(csp)]}
            await send(message)

        if scope["method"] in WRITES and (reason := cross_origin(headers)):
            await _json(send_secured, 403, f"write refused: {reason}")
            return
        if limit is not None:
            declared = headers.get("content-length", "")
            if declared.isdigit() and int(declared) > limit:
                await _json(send_secured, 413, f"request body of {int(declared):,} bytes; at most {limit:,}")
                return
            receive = _counting(receive, limit, over)
        try:
            await self.app(scope, receive, send_secured)
        except BodyTooLarge:
            if not started:
                await send_secured({"type": "http.response.start", "status": 413, "headers": []})
        except Exception:  # noqa: BLE001 - the last line of defence: log it, answer 500, keep the connection
            log.exception("unexpected error on %s %s", scope["method"], path)
            if not started:
                await _json(send_secured, 500, "internal error (logged on the server)")


def cross_origin(headers: dict[str, str]) -> str | None:
    """Why a write comes from another site, or None when it comes from the app's own pages (or from a
    client that is not a browser, which names no origin)."""
    origin = headers.get("origin")
    host = headers.get("host", "")
    if origin is not None:
        if origin == "null":
            return "the request comes from an opaque origin"
        parts = urlsplit(origin)
        if parts.netloc.lower() != host.lower() or parts.scheme not in ("http", "https"):
            return f"the request comes from {origin}, not from this app ({host})"
        return None
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return f"the browser says the request is {site}"
    return None


def secured(csp: str) -> list[tuple[bytes, bytes]]:
    """The security headers every response carries."""
    return [
        (b"content-security-policy", csp.encode()),
        (b"x-content-type-options", b"nosniff"),
        (b"x-frame-options", b"DENY"),
        (b"referrer-policy", b"same-origin"),
    ]


def _counting(receive: Receive, limit: int, over: list[bool]) -> Receive:
    """The request's body as it streams in, stopped (BodyTooLarge) once it passes `limit` bytes."""
    seen = 0

    async def wrapped() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                over[0] = True
                raise BodyTooLarge
        return message

    return wrapped


async def _json(send: Send, status: int, detail: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    body = json.dumps({"detail": detail}).encode()
    head = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode()), *(headers or [])]
    await send({"type": "http.response.start", "status": status, "headers": head})
    await send({"type": "http.response.body", "body": body})
