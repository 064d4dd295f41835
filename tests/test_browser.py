"""End to end in a real browser: Debian's Chromium, headless, driven by Playwright against a live server.

The server is uvicorn on a free port serving a temporary database with the example articles, the
incident test set (one happening reported by several outlets, a dense cluster of places in Gaza) and
two articles dated years earlier, as background events in real corpora are. The flows are what an
analyst does: see the incidents on the map, narrow them to a period by dragging across the timeline,
open one and read its evidence, add an article and find its event on the map, and the whole path of a
new user on a German page: filter by a German country name and a period, open an incident, download
the incidents as CSV and read it with pandas. Screenshots at 1400 and 800 px go to out/screenshots/.
Without Chromium the tests are skipped, unless LAGEBILD_REQUIRE_BROWSER=1 (CI) makes that a failure.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import socket
import threading
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest

from lagebild.reader import read_paths
from lagebild.store import Store

ROOT = Path(__file__).resolve().parents[1]
SHOTS = ROOT / "out" / "screenshots"
CHROMIUM = os.environ.get("LAGEBILD_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
K = 0.8191520442889918  # cos 35°, the map's x scale
INPUTS = [ROOT / "examples", ROOT / "tests" / "data" / "incidents", ROOT / "tests" / "data" / "browser"]


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


@contextmanager
def _serving(url: str):
    """uvicorn on a free port serving the app over `url`, in a thread; yields the base URL."""
    import uvicorn

    from lagebild.web.app import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(url), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


@pytest.fixture(scope="module")
def server(tmp_path_factory, pipe):
    url = f"sqlite:///{tmp_path_factory.mktemp('browser') / 'b.db'}"
    store = Store(url)
    for article in read_paths([str(p) for p in INPUTS]):
        store.save(pipe(article))
    with _serving(url) as base:
        yield base


def _open(browser, server, width=1400, locale="en-US"):
    ctx = browser.new_context(viewport={"width": width, "height": 900}, locale=locale, accept_downloads=True)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    # the Content-Security-Policy reports what it blocks (an inline style, a script) on the console
    pg.on("console", lambda m: errors.append(m.text) if "Content Security Policy" in m.text else None)
    pg.goto(server + "/")
    pg.wait_for_selector("#map .point, #map .cluster")
    _settle(pg)
    return ctx, pg, errors


@pytest.fixture
def page(browser, server):
    ctx, pg, errors = _open(browser, server)
    yield pg
    ctx.close()
    assert not errors, f"script errors or blocked content on the page: {errors}"


def _settle(pg) -> None:
    """Wait until the page's requests are answered and drawn (it sets <body data-loading> meanwhile)."""
    wait_until(pg, "!document.body.dataset.loading")


def _get(server: str, path: str):
    with urllib.request.urlopen(server + path) as r:
        return json.loads(r.read())


def _marked_ids(pg) -> list[str]:
    """Every incident id the map shows, as a single point or inside a numbered cluster."""
    groups = pg.eval_on_selector_all("#map [data-ids]", "ms => ms.map(m => m.dataset.ids)")
    return [i for g in groups for i in g.split()]


def _view(pg) -> list[float]:
    return [float(x) for x in pg.get_attribute("#map", "viewBox").split()]


def _overlaps(pg, selector: str) -> list[tuple[str, str]]:
    """Pairs of elements whose screen boxes intersect."""
    return pg.eval_on_selector_all(
        selector,
        """els => { const b = els.map(e => [e.textContent, e.getBoundingClientRect()]); const out = [];
          for (let i = 0; i < b.length; i++) for (let j = i + 1; j < b.length; j++) {
            const [p, r] = b[i], [q, s] = b[j];
            if (r.right > s.left && s.right > r.left && r.bottom > s.top && s.bottom > r.top) out.push([p, q]); }
          return out; }""",
    )


def _open_on_map(pg, incident_id: str) -> None:
    """Click the incident on the map: a numbered cluster first zooms in (or spreads a place out), as a reader would."""
    for _ in range(15):
        mark = pg.locator(f'#map [data-ids~="{incident_id}"]')
        is_point = "point" in (mark.get_attribute("class") or "")
        mark.dispatch_event("click")
        if is_point:
            return
    raise AssertionError(f"{incident_id} never became a point of its own on the map")


def _shot(pg, name: str) -> Path:
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / name
    pg.screenshot(path=str(path))
    print(f"screenshot: {path}")
    assert path.stat().st_size > 10_000
    return path


def test_map_shows_every_incident_once_labelled_and_clustered(page, server):
    incidents = _get(server, "/api/incidents?limit=1000")
    placed = sorted(i["incident_id"] for i in incidents if i["location"]["lat"] is not None)
    assert sorted(_marked_ids(page)) == placed and len(placed) >= 50
    assert page.locator("#map .cluster").count() >= 1  # Gaza's camps and towns overlap at this scale
    assert page.locator("#map path.country").count() > 100  # the outlines are drawn
    labels = page.eval_on_selector_all("#map .place-label", "ls => ls.map(l => l.textContent)")
    names = {i["location"]["name"] for i in incidents}
    assert len(labels) >= 5 and all(label.removesuffix(" …") in names for label in labels), labels
    assert _overlaps(page, "#map .place-label") == []
    assert page.locator("#incident-list li").count() == min(50, len(incidents))
    assert page.inner_text("#list-total") == f"{len(incidents)} incidents match the filters"
    _shot(page, "main.png")


def test_map_opens_on_the_data_and_clusters_open_up(page):
    x, y, w, h = _view(page)
    assert w < 360 * K / 2  # not the world: the incidents span Mali to Afghanistan
    points = page.eval_on_selector_all("#map [data-ids]", "ms => ms.length")
    places = page.locator("#map .cluster:not([data-sites='1'])").first  # several places close together
    ids = places.get_attribute("data-ids").split()
    places.dispatch_event("click")
    wait_until(page, f"document.querySelectorAll('#map [data-ids]').length !== {points}")
    assert _view(page)[2] < w  # zoomed in
    assert set(ids) <= set(_marked_ids(page))
    page.dblclick("#map", position={"x": 5, "y": 5})  # back to the data's extent
    one_place = page.locator("#map .cluster[data-sites='1']").first  # several incidents at one place
    ids = one_place.get_attribute("data-ids").split()
    one_place.dispatch_event("click")
    spread = page.eval_on_selector_all("#map .point", "cs => cs.map(c => c.dataset.id)")
    assert set(ids) <= set(spread)  # each its own point, spread around the place


def test_brushing_the_timeline_filters_the_map(page, server):
    before = sorted(_marked_ids(page))
    first_bar = page.get_attribute("#timeline rect.bar", "data-start")
    assert first_bar >= "2023", first_bar  # the chart shows the busy years, not 2005-2024
    earlier = sum(b["total"] for b in _get(server, "/api/timeline?by=day") if b["start"] < first_bar)
    note = page.inner_text("#timeline-outside")
    assert earlier >= 2 and note.startswith(f"{earlier} earlier incidents (2005-07-12–"), note
    assert _overlaps(page, "#timeline .tick-label") == []
    box = page.locator("#timeline").bounding_box()
    y = box["y"] + box["height"] / 2
    page.mouse.move(box["x"] + 35, y)
    page.mouse.down()
    page.mouse.move(box["x"] + box["width"] * 0.5, y, steps=8)  # the left half of the chart
    page.mouse.up()
    wait_until(page, "document.getElementById('f-until').value !== ''")
    _settle(page)
    since, until = page.input_value("#f-since"), page.input_value("#f-until")
    dates = page.eval_on_selector_all("#map .point", "cs => cs.map(c => c.dataset.date)")
    after = _marked_ids(page)
    assert 0 < len(after) < len(before)
    assert all(since <= d[: len(since)] and d[:10] <= until for d in dates), (since, until, dates)
    page.click("#brush-clear")
    _settle(page)
    assert sorted(_marked_ids(page)) == before
    page.click("#timeline-whole")
    assert page.get_attribute("#timeline rect.bar", "data-start").startswith("2005")
    assert _overlaps(page, "#timeline .tick-label") == []


def test_incident_view_highlights_the_evidence_and_the_map_zooms_to_it(page, server):
    incidents = _get(server, "/api/incidents?limit=1000")
    target = next(i for i in incidents if i["location"]["name"] == "Khan Yunis" and i["fatalities"])
    _open_on_map(page, target["incident_id"])
    page.wait_for_selector(".incident .article-text mark")
    _settle(page)
    x, y, w, h = _view(page)
    assert w <= 4 * K * 1.01 or h <= 4 * 1.01  # a region around it, not the whole map
    lat, lon = target["location"]["lat"], target["location"]["lon"]
    assert x <= lon * K <= x + w and y <= -lat <= y + h
    assert page.locator(f'#map .point.selected[data-id="{target["incident_id"]}"]').count() == 1
    full = _get(server, f"/api/incidents/{target['incident_id']}")
    evidence = {ev["text"] for e in full["events"] for ev in e["evidence"]}
    marked = page.eval_on_selector_all(".incident mark", "ms => ms.map(m => m.textContent)")
    assert marked and all(any(m in ev or ev in m for ev in evidence) for m in marked)
    header = page.inner_text(".incident h2")
    assert target["sub_event_type"] in header and "Khan Yunis" in header
    for claim in full["claims"]:
        assert (claim["source"] or "(the article itself)") in page.inner_text(".incident table.claims")


def test_disputes_are_between_reports_and_say_who_says_what(page, server):
    incidents = _get(server, "/api/incidents?limit=1000")
    kharkiv = next(i for i in incidents if i["location"]["name"] == "Kharkiv" and i["n_reports"] >= 3)
    (dispute,) = kharkiv["contradictions"]
    assert dispute["kind"] == "fatalities" and len({a for v in dispute["values"] for a in v["article_ids"]}) >= 2
    jowhar = next(i for i in incidents if i["location"]["name"] == "Jowhar" and i["fatalities"] == 7)
    figures = {c["value"] for c in jowhar["claims"] if c["kind"] == "fatalities"}
    assert len(figures) > 1 and jowhar["contradictions"] == []  # two figures of one report: no dispute
    _open_on_map(page, kharkiv["incident_id"])
    page.wait_for_selector(".incident .contradictions li.contradiction")
    text = page.inner_text(".incident .contradictions")
    for v in dispute["values"]:
        assert str(v["value"]) in text and all(a in text for a in v["article_ids"])


def test_upload_adds_an_event_to_the_map_and_reports_a_bad_file(page):
    before = set(_marked_ids(page))
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
    fresh = set(_marked_ids(page)) - before
    assert fresh
    marks = page.locator("#map .new")
    assert marks.count() >= 1
    titles = page.eval_on_selector_all("#map .new title", "ts => ts.map(t => t.textContent)")
    assert any("Sumy" in t for t in titles), titles
    page.click("#upload-result button[data-incident]")
    page.wait_for_selector(".incident .article-text mark")
    assert "Sumy" in page.inner_text(".incident .article-text mark")


@pytest.mark.parametrize("width", [1400, 800])
def test_new_user_path_on_a_german_page(browser, server, tmp_path, width):
    """Filter by a German country name and a period, open an incident, export the incidents to CSV."""
    import pandas as pd

    ctx, pg, errors = _open(browser, server, width=width, locale="de-DE")
    try:
        assert pg.get_attribute("html", "lang") == "de"
        chrome = " ".join(pg.inner_text(s) for s in ("header", ".filters", ".tabs", "#legend", ".timeline-head"))
        assert "Vorfälle" in chrome and "Zeitleiste" in chrome and "Kämpfe" in chrome
        for english in ("incidents", "Search", "Timeline", "Battles", "dead", "Reset", "Export"):
            assert not re.search(rf"\b{english}\b", chrome), english
        assert pg.evaluate("document.documentElement.scrollWidth") <= width  # nothing sticks out sideways
        syrien = pg.locator("#f-country option", has_text="Syrien")
        assert syrien.count() == 1
        pg.select_option("#f-country", value=syrien.get_attribute("value"))
        _settle(pg)
        pg.fill("#f-since", "2024-01-01")
        pg.fill("#f-until", "2024-06-30")
        wait_until(pg, "document.getElementById('brush-label').textContent.includes('2024')")
        _settle(pg)
        expected = _get(server, "/api/incidents?country=SYR&since=2024-01-01&until=2024-06-30&limit=1000")
        assert expected
        rows = pg.eval_on_selector_all("#incident-list li", "ls => ls.map(l => [l.dataset.country, l.dataset.date])")
        assert len(rows) == len(expected) and all(c == "SYR" and "2024-01" <= d[:7] <= "2024-06" for c, d in rows)
        assert pg.inner_text("#list-total").startswith(f"{len(expected)} Vorf")
        _shot(pg, f"de-filtered-{width}.png")
        pg.locator("#incident-list li").first.click()
        pg.wait_for_selector(".incident .article-text mark")
        _settle(pg)
        assert "Datum" in pg.inner_text(".incident dl") and "Syrien" in pg.inner_text(".incident dl")
        _shot(pg, f"de-incident-{width}.png")
        assert _overlaps(pg, "#timeline .tick-label") == []
        pg.click("#export summary")
        with pg.expect_download() as info:
            pg.click("#x-incidents-csv")
        path = tmp_path / info.value.suggested_filename
        info.value.save_as(path)
        assert path.name == "lagebild-incidents-SYR-2024-01-01-2024-06-30.csv"
        df = pd.read_csv(path)
        assert sorted(df["event_id_cnty"]) == sorted(i["incident_id"] for i in expected)
        for col in ("year", "time_precision", "inter1", "inter2", "interaction", "iso", "fatalities", "timestamp"):
            assert df[col].dtype == "int64", col
        assert set(df["country"]) == {"Syria"} and set(df["region"]) == {"Middle East"}
    finally:
        ctx.close()
    assert not errors, f"script errors or blocked content on the page: {errors}"


def test_english_page_and_800px_screenshot(browser, server):
    ctx, pg, errors = _open(browser, server, width=800)
    try:
        chrome = " ".join(pg.inner_text(s) for s in ("header", ".filters", ".tabs", "#legend", ".timeline-head"))
        assert "Timeline" in chrome and "Battles" in chrome
        for german in ("Vorfälle", "Zeitleiste", "Kämpfe", "Tote", "Zurücksetzen"):
            assert not re.search(rf"\b{german}\b", chrome), german
        assert pg.evaluate("document.documentElement.scrollWidth") <= 800
        assert _overlaps(pg, "#timeline .tick-label") == [] and _overlaps(pg, "#map .place-label") == []
        _shot(pg, "main-800.png")
    finally:
        ctx.close()
    assert not errors, f"script errors or blocked content on the page: {errors}"


def test_an_empty_database_says_so_on_the_page(browser, tmp_path):
    with _serving(f"sqlite:///{tmp_path / 'leer.db'}") as base:
        ctx = browser.new_context(viewport={"width": 1400, "height": 900}, locale="en-US")
        pg = ctx.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(base + "/")
        wait_until(pg, "document.getElementById('list-total').textContent !== ''")
        _settle(pg)
        assert pg.inner_text("#list-total") == "0 incidents match the filters"
        assert pg.inner_text("#map-status") == "0 incidents on the map"
        assert "no dated incidents" in pg.text_content("#timeline") and pg.locator("#timeline-outside").is_hidden()
        assert _view(pg)[2] > 250  # nothing to fit: the whole world
        ctx.close()
    assert not errors, errors


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
