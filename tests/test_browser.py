"""End to end in a real browser: Debian's Chromium, headless, driven by Playwright against a live server.

The server is uvicorn on a free port serving a temporary database with the example articles. The
flows are what an analyst does: see the incidents on the map, narrow them to a period by dragging
across the timeline, open one and read its evidence, add an article and find its event on the map.
Without Chromium the tests are skipped, unless LAGEBILD_REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import threading
import time
import urllib.request
from pathlib import Path

import pytest

from lagebild.reader import read_paths
from lagebild.store import Store

ROOT = Path(__file__).resolve().parents[1]
SCREENSHOT = ROOT / "out" / "screenshots" / "main.png"
CHROMIUM = os.environ.get("LAGEBILD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def _browser_missing() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    if not Path(CHROMIUM).exists():
        return f"no Chromium at {CHROMIUM} (apt-get install chromium, or run .ci/browser.sh)"
    return None


@pytest.fixture(scope="module")
def browser():
    reason = _browser_missing()
    if reason:
        if os.environ.get("LAGEBILD_REQUIRE_BROWSER") == "1":
            pytest.fail(f"LAGEBILD_REQUIRE_BROWSER=1 but {reason}")
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipe):
    import uvicorn

    from lagebild.web.app import create_app

    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'b.db'}"
    store = Store(url)
    for article in read_paths([str(ROOT / "examples")]):
        store.save(pipe(article))
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(10)


@pytest.fixture
def page(browser, server):
    pg = browser.new_page(viewport={"width": 1400, "height": 900})
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # the Content-Security-Policy reports what it blocks (an inline style, a script) on the console
    pg.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    pg.goto(server + "/")
    pg.wait_for_selector("#map .point")
    _settle(pg)
    yield pg
    pg.close()
    assert not errors, f"script errors or blocked content on the page: {errors}"


def _settle(pg) -> None:
    """Wait until the page's requests are answered and drawn (it sets <body data-loading> meanwhile)."""
    wait_until(pg, "!document.body.dataset.loading")


def _get(server: str, path: str):
    with urllib.request.urlopen(server + path) as r:
        return json.loads(r.read())


def test_map_shows_incidents_and_screenshot(page, server):
    incidents = _get(server, "/api/incidents?limit=1000")
    placed = {i["incident_id"] for i in incidents if i["location"]["lat"] is not None}
    on_map = set(page.eval_on_selector_all("#map .point", "cs => cs.map(c => c.dataset.id)"))
    assert on_map == placed and len(on_map) >= 5
    assert page.locator("#map path.country").count() > 100  # the outlines are drawn
    assert page.locator("#incident-list li").count() == len(incidents)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOT))
    print(f"screenshot: {SCREENSHOT}")
    assert SCREENSHOT.stat().st_size > 10_000


def test_brushing_the_timeline_filters_the_map(page):
    before = page.eval_on_selector_all("#map .point", "cs => cs.map(c => c.dataset.date)")
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 32, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=8)
    page.mouse.up()
    wait_until(page, "document.getElementById('f-until').value !== ''")
    _settle(page)
    since, until = page.input_value("#f-since"), page.input_value("#f-until")
    after = page.eval_on_selector_all("#map .point", "cs => cs.map(c => c.dataset.date)")
    assert 0 < len(after) < len(before)
    assert all(since <= d[: len(since)] and d[:10] <= until for d in after), (since, until, after)
    assert page.inner_text("#brush-label").startswith(since)
    page.click("#brush-clear")
    _settle(page)
    assert page.locator("#map .point").count() == len(before)


def test_incident_view_highlights_the_evidence(page, server):
    incidents = _get(server, "/api/incidents?limit=1000")
    target = next(i for i in incidents if i["location"]["name"] == "Khan Yunis" and i["fatalities"])
    # Points at one place overlap, so the click goes to this point's element rather than to a position.
    page.dispatch_event(f'#map .point[data-id="{target["incident_id"]}"]', "click")
    page.wait_for_selector(".incident .article-text mark")
    _settle(page)
    full = _get(server, f"/api/incidents/{target['incident_id']}")
    evidence = {ev["text"] for e in full["events"] for ev in e["evidence"]}
    marked = page.eval_on_selector_all(".incident mark", "ms => ms.map(m => m.textContent)")
    assert marked and all(any(m in ev or ev in m for ev in evidence) for m in marked)
    assert page.locator(f'#map .point.selected[data-id="{target["incident_id"]}"]').count() == 1
    header = page.inner_text(".incident h2")
    assert target["sub_event_type"] in header and "Khan Yunis" in header
    placed_claims = [c for c in full["claims"] if c["start"] is not None]
    assert page.locator(".incident .article-text .claim").count() >= min(1, len(placed_claims))
    if full["contradictions"]:
        assert page.locator(".incident .contradictions li.contradiction").count() == len(full["contradictions"])
        assert page.locator(".incident .article-text .claim.disputed").count() >= 1
    sources_shown = page.inner_text(".incident table.claims") if full["claims"] else ""
    for claim in full["claims"]:
        assert (claim["source"] or "(the article itself)") in sources_shown


def test_upload_adds_an_event_to_the_map_and_reports_a_bad_file(page):
    before = page.locator("#map .point").count()
    page.click(".tab[data-tab=upload]")
    page.fill("#u-text", "Bei einem Drohnenangriff auf die Stadt Sumy wurden am Montag drei Menschen getötet.")
    page.fill("#u-date", "2024-09-10")
    page.set_input_files(
        "#u-files", [{"name": "kaputt.txt", "mimeType": "text/plain", "buffer": b"Kein Datum hier, nur Text."}]
    )
    page.click("#u-submit")
    page.wait_for_selector("#upload-result li.ok")
    _settle(page)
    error = page.inner_text("#upload-result li.error")
    assert "kaputt.txt" in error and "date" in error
    fresh = page.eval_on_selector_all("#map .point.new", "cs => cs.map(c => c.dataset.id)")
    assert fresh and page.locator("#map .point").count() == before + len(fresh)
    titles = page.eval_on_selector_all("#map .point.new title", "ts => ts.map(t => t.textContent)")
    assert any("Sumy" in t for t in titles), titles
    page.click("#upload-result button[data-incident]")
    page.wait_for_selector(".incident .article-text mark")
    assert "Sumy" in page.inner_text(".incident .article-text mark")


def wait_until(page, expression: str, timeout: float = 30.0) -> None:
    """Poll an expression until it is true. The app's Content-Security-Policy forbids the string
    evaluation that `page.wait_for_function` does inside the page; `page.evaluate` goes through the
    browser's debugging protocol, which the policy does not cover."""
    import time

    end = time.monotonic() + timeout
    while not page.evaluate(expression):
        if time.monotonic() > end:
            raise TimeoutError(f"still false after {timeout} s: {expression}")
        page.wait_for_timeout(100)
