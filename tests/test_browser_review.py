"""The review desk in a real browser (Debian's Chromium through Playwright, as tests/test_browser.py):
review events by keyboard, correct a place on the map, reject one, add a missed one, and see the
exports change; screenshots of the review view go to out/screenshots/ (review.png, review-de.png)."""

from __future__ import annotations

import csv
import io
import json
import urllib.request
from pathlib import Path
from urllib.parse import quote

import pytest

from lagebild.reader import read_paths
from lagebild.store import Store
from tests.test_browser import ROOT, _get, _serving, _settle, _shot, browser  # noqa: F401 - browser is a fixture

INPUTS = [ROOT / "examples", ROOT / "tests" / "data" / "incidents"]


@pytest.fixture
def server(tmp_path, pipe):
    """A database of its own for each test: reviews change it."""
    url = f"sqlite:///{tmp_path / 'review.db'}"
    store = Store(url)
    for article in read_paths([str(p) for p in INPUTS]):
        store.save(pipe(article))
    store.close()
    with _serving(url) as base:
        yield base


def _text(server: str, path: str) -> str:
    with urllib.request.urlopen(server + path) as r:
        return r.read().decode("utf-8")


def _event(server: str, event_id: str) -> dict:
    article = event_id.rsplit("#", 1)[0]
    found = _get(server, f"/api/articles/{quote(article, safe='')}")["events"]
    return next(e for e in found if e["event_id"] == event_id)


@pytest.fixture
def desk(browser, server):  # noqa: F811 - the browser fixture
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="en-US", accept_downloads=True)
    pg = ctx.new_page()
    errors: list[str] = []
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.goto(server + "/?lang=en")
    pg.wait_for_selector("#map .point, #map .cluster")
    _settle(pg)
    pg.fill("#r-name", "ana")
    pg.click("#r-set")
    pg.wait_for_function("document.getElementById('r-name').value === 'ana'")
    pg.click(".tab[data-tab=review]")
    _settle(pg)
    yield pg
    ctx.close()
    assert not errors, f"script errors on the page: {errors}"


def _focused(pg) -> str:
    pg.wait_for_selector("li.ev.focused")
    _settle(pg)
    return pg.get_attribute("li.ev.focused", "data-event")


def _next(pg, previous: str | None) -> str:
    """The report the desk moved on to (another than `previous`)."""
    pg.wait_for_function(
        "prev => { const li = document.querySelector('li.ev.focused'); return li && li.dataset.event !== prev; }",
        arg=previous,
    )
    return _focused(pg)


def test_review_by_keyboard_reject_one_and_the_exports_change(desk, server):
    pg = desk
    before = [json.loads(line) for line in _text(server, "/api/export?format=jsonl&level=report").splitlines()]
    assert {e["review_status"] for e in before} == {"unreviewed"}
    counts = _get(server, "/api/review/counts")

    pg.keyboard.press("n")
    first = _focused(pg)
    pg.keyboard.press("c")  # confirm: the desk moves on to the next unreviewed report
    second = _next(pg, first)
    pg.keyboard.press("c")
    third = _next(pg, second)
    pg.keyboard.press("x")
    pg.wait_for_selector("li.ev.focused .rv-reasons:not([hidden])")
    pg.keyboard.press("1")  # not an event
    fourth = _next(pg, third)
    assert len({first, second, third, fourth}) == 4

    assert _event(server, first)["review_status"] == "confirmed"
    assert _event(server, second)["reviewed_by"] == "ana"
    rejected = _event(server, third)
    assert rejected["review_status"] == "rejected" and rejected["incident_id"] is None
    log = _get(server, "/api/review/log")
    assert [(r["action"], r["reason"]) for r in log[:1]] == [("reject", "not_event")]
    now = _get(server, "/api/review/counts")
    assert now["unreviewed"] == counts["unreviewed"] - 3 and now["rejected"] == 1

    after = [json.loads(line) for line in _text(server, "/api/export?format=jsonl&level=report").splitlines()]
    assert len(after) == len(before) - 1 and third not in {e["event_id"] for e in after}
    statuses = {e["event_id"]: e["review_status"] for e in after}
    assert statuses[first] == statuses[second] == "confirmed"
    # the page's export menu: the reports CSV carries the review state
    pg.select_option("#f-review", "reviewed")
    _settle(pg)
    pg.click("#export summary")
    with pg.expect_download() as info:
        pg.click("#x-reports-csv")
    rows = list(csv.DictReader(io.StringIO(Path(info.value.path()).read_text(encoding="utf-8"))))
    assert {r["review_status"] for r in rows} == {"confirmed"} and {r["reviewed_by"] for r in rows} == {"ana"}
    assert len(rows) == 2


def test_correct_a_place_on_the_map(desk, server):
    pg = desk
    pg.keyboard.press("n")
    event_id = _focused(pg)
    before = _event(server, event_id)
    old = before["location"]
    pg.keyboard.press("e")
    pg.wait_for_selector(".rv-form .pickmap .country")
    box = pg.locator(".rv-form .pickmap").bounding_box()
    pg.mouse.click(box["x"] + box["width"] * 0.8, box["y"] + box["height"] * 0.3)  # north-east of the old place
    pg.wait_for_selector(".rv-places input[type=radio]")
    label = pg.inner_text(".rv-places li:first-child label").strip()
    _shot(pg, "review.png")
    pg.click(".rv-form button[type=submit]")
    pg.wait_for_selector(".rv-form", state="detached")
    _settle(pg)
    new = _event(server, event_id)
    assert new["review_status"] == "corrected" and new["reviewed_by"] == "ana"
    assert new["location"]["name"] != old["name"] and label.startswith(new["location"]["name"])
    assert new["location"]["lat"] > old["lat"] and new["location"]["lon"] > old["lon"]
    assert new["evidence"] == before["evidence"]  # the evidence stays attached
    incident = _get(server, f"/api/incidents/{new['incident_id']}")
    assert any(e["location"]["name"] == new["location"]["name"] for e in incident["events"])


def test_add_a_missed_event_from_its_sentence(desk, server):
    pg = desk
    pg.keyboard.press("n")
    event_id = _focused(pg)
    article_id = event_id.rsplit("#", 1)[0]
    art = _get(server, f"/api/articles/{quote(article_id, safe='')}")
    used = [(v["start"], v["end"]) for e in art["events"] for v in e["evidence"]]
    unread = [s for s in art["sentences"] if all(s["end"] <= a or s["start"] >= b for a, b in used)]
    free = [s for s in unread if s["end"] - s["start"] > 30]
    sentence = (free or art["sentences"])[-1]
    pg.evaluate(
        """([id, s, e]) => {
          const box = document.querySelector(`.article-text[data-article="${CSS.escape(id)}"]`);
          const walk = document.createTreeWalker(box, NodeFilter.SHOW_TEXT);
          const r = document.createRange();
          let pos = 0, n, started = false;
          while ((n = walk.nextNode())) {
            const len = n.textContent.length;
            if (!started && s < pos + len) { r.setStart(n, s - pos); started = true; }
            if (started && e <= pos + len) { r.setEnd(n, e - pos); break; }
            pos += len;
          }
          const sel = window.getSelection(); sel.removeAllRanges(); sel.addRange(r);
          document.dispatchEvent(new MouseEvent("mouseup"));
        }""",
        [article_id, sentence["start"] + 5, sentence["end"] - 5],
    )
    pg.wait_for_selector(".rv-add")
    pg.keyboard.press("a")
    pg.wait_for_selector(".rv-form select[name=sub_event_type]")
    pg.select_option(".rv-form select[name=sub_event_type]", "Attack")
    pg.fill(".rv-form input[name=fatalities]", "2")
    pg.click(".rv-form button[type=submit]")
    pg.wait_for_selector(".rv-form", state="detached")
    _settle(pg)
    known = {x["event_id"] for x in art["events"]}
    now = _get(server, f"/api/articles/{quote(article_id, safe='')}")["events"]
    added = [e for e in now if e["event_id"] not in known]
    assert len(added) == 1
    ev = added[0]
    assert (ev["sub_event_type"], ev["fatalities"], ev["review_status"]) == ("Attack", 2, "corrected")
    assert (ev["evidence"][0]["start"], ev["evidence"][0]["end"]) == (sentence["start"], sentence["end"])
    assert ev["incident_id"] and ev["date"]  # dated like the article, and linked into an incident
    exported = _text(server, "/api/export?format=jsonl&level=report&review=corrected").splitlines()
    assert [json.loads(line)["event_id"] for line in exported] == [ev["event_id"]]


def test_review_view_in_german(browser, server):  # noqa: F811 - the browser fixture
    ctx = browser.new_context(viewport={"width": 1400, "height": 1000}, locale="de-DE")
    pg = ctx.new_page()
    try:
        pg.goto(server + "/?lang=de")
        pg.wait_for_selector("#map .point, #map .cluster")
        _settle(pg)
        pg.fill("#r-name", "Ana")
        pg.click("#r-set")
        pg.click(".tab[data-tab=review]")
        _settle(pg)
        assert "ungeprüft" in pg.inner_text("#review-counts")
        pg.keyboard.press("n")
        _focused(pg)
        assert "Bestätigen" in pg.inner_text("li.ev.focused .rv") and "ungeprüft" in pg.inner_text("li.ev.focused .rv")
        pg.keyboard.press("e")
        pg.wait_for_selector(".rv-form .pickmap .country")
        assert "Speichern" in pg.inner_text(".rv-form")
        _shot(pg, "review-de.png")
    finally:
        ctx.close()
