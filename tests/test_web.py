"""The web app's API and page, through FastAPI's test client."""

import pytest
from fastapi.testclient import TestClient

from lagebild.doc import Article, ArticleDate
from lagebild.store import Store
from lagebild.web.app import create_app
from tests.conftest import BACKENDS, backend_url


@pytest.fixture(scope="module", params=BACKENDS)
def client(request, tmp_path_factory, pipe):
    with backend_url(request, tmp_path_factory) as url:
        yield _client(url, pipe)


def _client(url, pipe):
    store = Store(url)
    store.save(
        pipe(
            Article(
                "a",
                "Bei einem Luftangriff auf Idlib wurden am Montag fünf Menschen getötet.",
                ArticleDate(2023, 11, 14),
            )
        )
    )
    store.save(pipe(Article("b", "Russische Raketen trafen am Dienstag die Stadt Charkiw.", ArticleDate(2024, 5, 10))))
    store.close()
    return TestClient(create_app(url))


def test_events_api_filters_and_records(client):
    all_events = client.get("/api/events").json()
    assert {e["article_id"] for e in all_events} == {"a", "b"}
    ukr = client.get("/api/events", params={"country": "UKR"}).json()
    assert ukr and all(e["location"]["country"] == "UKR" for e in ukr)
    assert client.get("/api/events", params={"since": "2024-01-01"}).json() == ukr
    assert len(client.get("/api/events", params={"limit": 1}).json()) == 1
    assert all(e["evidence"] for e in all_events)


def test_bad_parameters_are_422(client):
    assert client.get("/api/events", params={"since": "gestern"}).status_code == 422
    assert client.get("/api/events", params={"limit": 0}).status_code == 422
    assert client.get("/api/events", params={"country": "Syrien"}).status_code == 422


def test_article_and_page(client):
    art = client.get("/api/articles/a").json()
    assert art["text"].startswith("Bei einem Luftangriff") and art["events"] and art["sentences"]
    assert client.get("/api/articles/nope").status_code == 404
    page = client.get("/")
    assert page.status_code == 200 and "Idlib" in page.text
    assert client.get("/openapi.json").json()["info"]["title"] == "lagebild"
