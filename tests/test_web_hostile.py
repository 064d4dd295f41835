"""The web app under attack: hostile parameters on every endpoint (never a 500), requests from other
sites and other host names, oversized uploads, and the security headers."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from lagebild.doc import Article, ArticleDate
from lagebild.store import Store
from lagebild.web import upload
from lagebild.web.app import create_app
from tests.conftest import BACKENDS, backend_url

LOCAL = "http://127.0.0.1"
HOSTILE = [
    'a"b', '"', '""', "'", "\\", "%", "_", "%_%", "*", "a*", '"*', "-a", "^a", "NEAR(a b)", "a OR b", "(", "{",
    "' OR 1=1 --", "<script>alert(1)</script>", "../../etc/passwd", "a/b", "\x00", "a\x00b", "\t", " ", "",
    "9223372036854775807", "9223372036854775808", "-9223372036854775809", "99999999999999999999", "-1", "0",
    "1e999", "NaN", "inf", "2024-13-45", "0000", "9999-99-99", "\u2028", "\ufffd", "Ä" * 300, "x" * 5000,
]  # fmt: skip
RAW = ["%ED%A0%80", "%FF", "%00", "%C0%AF", "a%2Fb"]  # sent as they are: bytes that are no UTF-8, NUL, slash


@pytest.fixture(scope="module", params=BACKENDS)
def client(request, tmp_path_factory, pipe):
    with backend_url(request, tmp_path_factory) as url:
        store = Store(url)
        idlib = "Bei einem Luftangriff auf Idlib starben fünf Menschen."
        store.save(pipe(Article("a", idlib, ArticleDate(2023, 11, 14))))
        store.save(pipe(Article("ordner/b c?#%", "Raketen trafen am Dienstag Charkiw.", ArticleDate(2024, 5, 10))))
        store.close()
        yield TestClient(create_app(url, upload_processes=0), base_url=LOCAL)


def _get_endpoints(client) -> list[tuple[str, list[str], list[str]]]:
    """(path, query parameter names, path parameter names) of every GET route in the OpenAPI document."""
    out = []
    for path, ops in client.get("/openapi.json").json()["paths"].items():
        if "get" in ops:
            params = ops["get"].get("parameters", [])
            out.append(
                (
                    path,
                    [p["name"] for p in params if p["in"] == "query"],
                    [p["name"] for p in params if p["in"] == "path"],
                )
            )
    return out


def test_hostile_values_in_every_parameter_of_every_endpoint_never_give_a_500(client):
    endpoints = _get_endpoints(client)
    assert len(endpoints) >= 12
    sent = 0
    failures = []
    for path, query, in_path in endpoints:
        base = path
        for name in in_path:
            base = base.replace("{" + name + "}", "a")
        for value in HOSTILE:
            requests = [(base, {name: value}) for name in query]
            for name in in_path:
                requests.append((path.replace("{" + name + "}", quote(value, safe="")), {}))
            for url, params in requests:
                r = client.get(url, params=params)
                sent += 1
                if r.status_code >= 500:
                    failures.append((url, params, r.status_code, r.text[:200]))
        for raw in RAW:
            for url in [f"{base}?{name}={raw}" for name in query] + [
                path.replace("{" + n + "}", raw) for n in in_path
            ]:
                r = client.get(url)
                sent += 1
                if r.status_code >= 500:
                    failures.append((url, {}, r.status_code, r.text[:200]))
    assert sent > 1500
    assert not failures, failures[:10]


def test_bad_parameters_are_a_422_naming_the_field(client):
    for params, field in (
        ({"offset": "9223372036854775808"}, "offset"),
        ({"offset": "-1"}, "offset"),
        ({"limit": "0"}, "limit"),
        ({"since": "x"}, "since"),
        ({"event_type": "x" * 500}, "event_type"),
        ({"country": "%"}, "country"),
    ):
        for path in ("/api/events", "/api/incidents", "/api/points", "/api/places"):
            r = client.get(path, params=params)
            assert r.status_code == 422, (path, params, r.text)
            assert r.json()["detail"][0]["loc"][-1] == field


def test_wildcards_and_quotes_are_taken_literally(client):
    assert client.get("/api/events").json()
    for params in ({"place": "%"}, {"place": "_"}, {"source": "%"}, {"actor": "%"}, {"place": "%_%"}):
        assert client.get("/api/events", params=params).json() == [], params
    for q in ('a"b', '"', "\x00", '"Idlib"', "Idlib*"):
        assert client.get("/api/search", params={"q": q}).status_code in (200, 422)
    assert [h["id"] for h in client.get("/api/search", params={"q": '"Idlib"'}).json()] == ["a"]


def test_ids_with_any_character_are_reachable(client):
    aid = "ordner/b c?#%"
    r = client.get("/api/articles/" + quote(aid, safe=""))
    assert r.status_code == 200 and r.json()["id"] == aid
    event = r.json()["events"][0]
    inc = client.get("/api/incidents", params={"article_id": aid}).json()[0]
    assert event["event_id"] in inc["event_ids"]
    assert client.get("/api/incidents/" + quote(inc["incident_id"], safe="")).status_code == 200
    assert client.get("/api/articles/" + quote("gibt/es/nicht", safe="")).status_code == 404


def test_a_500_is_json_and_the_connection_stays_usable(client, monkeypatch):
    store = client.app.state.store

    def broken(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(store, "article", broken)
    r = client.get("/api/articles/a")
    assert r.status_code == 500 and r.json() == {"detail": "internal error (logged on the server)"}
    assert "boom" not in r.text
    monkeypatch.undo()
    assert client.get("/api/articles/a").status_code == 200


def test_other_host_names_are_refused(client):
    assert client.get("/api/events", headers={"host": "evil.example"}).status_code == 400
    assert client.get("/api/events", headers={"host": "localhost:8000"}).status_code == 200
    other = TestClient(client.app)  # "testserver" is not a name the app is served under
    assert other.get("/").status_code == 400


def test_security_headers_on_pages_and_api(client):
    for path in ("/", "/api/events", "/static/app.js", "/api/nichts"):
        h = client.get(path).headers
        assert "script-src 'self';" in h["content-security-policy"], path
        assert "frame-ancestors 'none'" in h["content-security-policy"]
        assert h["x-content-type-options"] == "nosniff" and h["x-frame-options"] == "DENY"
    docs = client.get("/docs").headers["content-security-policy"]
    assert "'unsafe-inline'" in docs and "frame-ancestors 'none'" in docs


@pytest.fixture
def fresh(db_url):
    return TestClient(create_app(db_url, upload_processes=0), base_url=LOCAL)


ARTICLE = "date 2024-09-10\n\nBei einem Drohnenangriff auf Sumy wurden am Montag drei Menschen getötet."


def _upload(client, headers=None, name="gut.txt", data: bytes | None = None):
    files = [("files", (name, ARTICLE.encode() if data is None else data, "text/plain"))]
    return client.post("/api/upload", files=files, headers=headers or {})


def test_writes_from_other_sites_are_refused(fresh):
    for headers in (
        {"origin": "http://evil.example"},
        {"origin": "null"},
        {"origin": "http://127.0.0.1.evil.example"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},
    ):
        r = _upload(fresh, headers)
        assert r.status_code == 403 and "write refused" in r.json()["detail"], headers
    assert fresh.get("/api/facets").json()["counts"]["articles"] == 0
    assert _upload(fresh, {"origin": LOCAL, "sec-fetch-site": "same-origin"}).json()["stored"] == 1
    assert _upload(fresh).json()["results"][0]["status"] == "unchanged"  # no Origin: curl, a script


def test_upload_caps(fresh, monkeypatch):
    r = fresh.post("/api/upload", content=b"x" * 100, headers={"content-length": str(upload.MAX_REQUEST_BYTES + 1)})
    assert r.status_code == 413

    def chunks():  # no Content-Length: the body is counted while it streams
        for _ in range(30):
            yield b"x" * (1024 * 1024)

    r = fresh.post("/api/upload", content=chunks(), headers={"content-type": "multipart/form-data; boundary=x"})
    assert r.status_code == 413 and "larger than" in r.json()["detail"]

    big = _upload(fresh, name="gross.txt", data=b"date 2024-09-10\n\n" + b"Wort " * (upload.MAX_FILE_BYTES // 5 + 1))
    (result,) = big.json()["results"]
    assert result["status"] == "error" and "file too large" in result["error"]

    monkeypatch.setattr(upload, "MAX_FILES", 2)
    files = [("files", (f"{k}.txt", ARTICLE.replace("Sumy", "Charkiw").encode(), "text/plain")) for k in range(3)]
    body = fresh.post("/api/upload", files=files).json()
    assert body["stored"] == 2 and "at most 2 files" in body["results"][0]["error"]

    monkeypatch.setattr(upload, "MAX_ARTICLES", 2)
    lines = [json.dumps({"id": f"j{k}", "date": "2024-02-01", "text": f"Text {k} über Gaza."}) for k in range(4)]
    body = fresh.post("/api/upload", files=[("files", ("k.jsonl", "\n".join(lines).encode(), "x"))]).json()
    assert body["stored"] == 2 and any("at most 2 articles" in (x["error"] or "") for x in body["results"])


def test_upload_extracts_in_a_worker_process(db_url):
    app = create_app(db_url, upload_processes=1)
    with TestClient(app, base_url=LOCAL) as client:  # the lifespan starts the worker
        body = _upload(client).json()
        assert body["stored"] == 1 and body["results"][0]["events"] >= 1
        pool = app.state.ingestor._pool
        assert pool is not None and pool._processes  # it ran in a process of its own
    assert app.state.ingestor._pool is None  # and stopped with the app
