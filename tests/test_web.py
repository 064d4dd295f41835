"""The web app's API and page, through FastAPI's test client."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from lagebild.doc import Article, ArticleDate
from lagebild.store import Store
from lagebild.web.app import create_app
from tests.conftest import BACKENDS, backend_url

STATIC = Path(__file__).resolve().parents[1] / "src" / "lagebild" / "web" / "static"
LOCAL = "http://127.0.0.1"  # the app answers only to the names it is served under


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
    return TestClient(create_app(url, upload_processes=0), base_url=LOCAL)


@pytest.fixture
def fresh(db_url, pipe):
    """A client over an empty database (each backend), for tests that write."""
    return TestClient(create_app(db_url, upload_processes=0), base_url=LOCAL)


def test_events_api_filters_and_records(client):
    all_events = client.get("/api/events").json()
    assert {e["article_id"] for e in all_events} == {"a", "b"}
    ukr = client.get("/api/events", params={"country": "UKR"}).json()
    assert ukr and all(e["location"]["country"] == "UKR" for e in ukr)
    assert client.get("/api/events", params={"since": "2024-01-01"}).json() == ukr
    assert len(client.get("/api/events", params={"limit": 1}).json()) == 1
    assert all(e["evidence"] for e in all_events)


def test_events_pagination_and_total_header(client):
    everything = client.get("/api/events")
    total = int(everything.headers["X-Total-Count"])
    assert total == len(everything.json()) >= 2
    first = client.get("/api/events", params={"limit": 1, "offset": 0})
    second = client.get("/api/events", params={"limit": 1, "offset": 1})
    assert first.headers["X-Total-Count"] == str(total)
    assert first.json()[0]["event_id"] != second.json()[0]["event_id"]
    assert client.get("/api/events", params={"offset": total}).json() == []


def test_newest_first_reverses_the_order(client):
    for path in ("/api/events", "/api/incidents"):
        asc = client.get(path).json()
        desc = client.get(path, params={"order": "desc"}).json()
        assert desc == asc[::-1] and len({x["date"] for x in asc}) > 1
    assert client.get("/api/events", params={"order": "up"}).status_code == 422


def test_full_text_filter_on_events_and_incidents(client):
    hits = client.get("/api/events", params={"q": "Luftangriff"})
    assert hits.json() and {e["article_id"] for e in hits.json()} == {"a"}
    assert hits.headers["X-Total-Count"] == str(len(hits.json()))
    assert client.get("/api/events", params={"q": "Raketen Charkiw"}).json()[0]["article_id"] == "b"
    assert client.get("/api/events", params={"q": "Erdbeben"}).json() == []
    incs = client.get("/api/incidents", params={"q": "Charkiw"}).json()
    assert incs and all(i["article_ids"] == ["b"] for i in incs)


def test_bad_parameters_are_422_naming_the_field(client):
    for params, field in [
        ({"since": "gestern"}, "since"),
        ({"limit": 0}, "limit"),
        ({"limit": 5000}, "limit"),
        ({"country": "Narnia"}, "country"),
        ({"event_type": "Bombing"}, "event_type"),
        ({"event_type": "Protest"}, "event_type"),  # fits two types
        ({"since": "31.02.2024"}, "since"),
        ({"since": "2024-05-01", "until": "2024-01-01"}, "until"),
        ({"offset": -1}, "offset"),
    ]:
        r = client.get("/api/events", params=params)
        assert r.status_code == 422, params
        assert [d["loc"][-1] for d in r.json()["detail"]] == [field], r.json()
    assert client.get("/api/timeline", params={"by": "month"}).status_code == 422
    assert client.get("/api/search", params={"q": "  "}).status_code == 422
    assert client.get("/api/search").status_code == 422


def test_filters_read_names_german_dates_prefixes_and_spellings(client):
    """The API reads filters as the command line does: names, German dates, type prefixes, any spelling."""
    syr = client.get("/api/events", params={"country": "SYR"}).json()
    assert syr and all(e["location"]["country"] == "SYR" for e in syr)
    for name in ("Syrien", "syria", "syr"):
        assert client.get("/api/events", params={"country": name}).json() == syr, name
    assert client.get("/api/incidents", params={"country": "Ukraine"}).json()
    assert client.get("/api/events", params={"since": "01.01.2024"}).json() == client.get(
        "/api/events", params={"since": "2024-01-01"}
    ).json()
    assert client.get("/api/events", params={"event_type": "air/"}).json() == client.get(
        "/api/events", params={"event_type": "Air/drone strike"}
    ).json()
    kharkiv = client.get("/api/events", params={"place": "Kharkiv"}).json()
    assert kharkiv and client.get("/api/events", params={"place": "Charkiw"}).json() == kharkiv
    assert client.get("/api/events", params={"place": "Charkow"}).json() == kharkiv  # the older German spelling


def test_export_downloads_what_the_filters_select(client, tmp_path):
    import pandas as pd

    r = client.get("/api/export", params={"format": "acled", "level": "incident", "country": "Ukraine"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    assert 'filename="lagebild-incidents-UKR.csv"' in r.headers["content-disposition"]
    out = tmp_path / "x.csv"
    out.write_bytes(r.content)
    df = pd.read_csv(out)
    ukr = client.get("/api/incidents", params={"country": "UKR"}).json()
    assert sorted(df["event_id_cnty"]) == sorted(i["incident_id"] for i in ukr)
    assert df["year"].dtype == "int64" and df["fatalities"].dtype == "int64" and set(df["country"]) == {"Ukraine"}
    reports = client.get("/api/export", params={"format": "acled", "level": "report", "incident_id": "true"})
    assert pd.read_csv(__import__("io").BytesIO(reports.content)).columns[-1] == "incident_id"
    parquet = client.get("/api/export", params={"format": "parquet", "q": "Luftangriff"})
    (tmp_path / "x.parquet").write_bytes(parquet.content)
    assert set(pd.read_parquet(tmp_path / "x.parquet")["article_id"]) == {"a"}
    assert client.get("/api/export", params={"format": "xls"}).status_code == 422


def test_page_speaks_one_language(client):
    de = client.get("/", headers={"Accept-Language": "de-DE,de;q=0.9,en;q=0.8"})
    en = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"})
    assert '<html lang="de">' in de.text and "Artikel durchsuchen" in de.text and "Search articles" not in de.text
    assert '<html lang="en">' in en.text and "Search articles" in en.text and "Artikel durchsuchen" not in en.text
    chosen = client.get("/?lang=de", headers={"Accept-Language": "en"})
    assert '<html lang="de">' in chosen.text and chosen.cookies.get("lagebild_lang") == "de"


def test_page_words_are_complete_in_both_languages():
    from lagebild.taxonomy import TAXONOMY
    from lagebild.web.i18n import DE, EN

    assert set(DE) == set(EN)
    assert set(DE["types"]) == set(TAXONOMY) | {s for subs in TAXONOMY.values() for s in subs}
    used = set()
    for name in ("app.js", "map.js", "timeline.js", "incident.js", "upload.js"):
        used |= set(re.findall(r"\btn?\(\"(\w+)\"", (STATIC / name).read_text(encoding="utf-8")))
    assert used and used <= set(EN), used - set(EN)


def test_event_type_takes_types_and_sub_types(client):
    strikes = client.get("/api/events", params={"event_type": "Air/drone strike"}).json()
    remote = client.get("/api/events", params={"event_type": "Explosions/Remote violence"}).json()
    assert strikes and {e["sub_event_type"] for e in strikes} == {"Air/drone strike"}
    assert {e["event_id"] for e in strikes} <= {e["event_id"] for e in remote}


def test_incidents_list_and_detail(client):
    r = client.get("/api/incidents")
    incs = r.json()
    assert int(r.headers["X-Total-Count"]) == len(incs) >= 2
    one = client.get(f"/api/incidents/{incs[0]['incident_id']}").json()
    assert one["incident_id"] == incs[0]["incident_id"]
    assert one["events"] and all(e["evidence"] for e in one["events"])
    assert client.get("/api/incidents/nope").status_code == 404
    by_article = client.get("/api/incidents", params={"article_id": "a"}).json()
    assert by_article and all("a" in i["article_ids"] for i in by_article)


def test_points_are_the_placed_incidents(client):
    r = client.get("/api/points")
    pts = r.json()
    incs = client.get("/api/incidents").json()
    assert {p["incident_id"] for p in pts} == {i["incident_id"] for i in incs if i["location"]["lat"] is not None}
    assert all(-90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180 for p in pts)
    assert len(client.get("/api/points", params={"max": 1}).json()) == 1


def test_timeline_counts_by_day_and_week(client):
    incs = client.get("/api/incidents").json()
    dated = [i for i in incs if i["date"]]
    days = client.get("/api/timeline", params={"by": "day"}).json()
    weeks = client.get("/api/timeline", params={"by": "week"}).json()
    assert sum(b["total"] for b in days) == sum(b["total"] for b in weeks) == len(dated)
    assert all(dt.date.fromisoformat(b["start"]).weekday() == 0 for b in weeks)
    assert all(sum(b["counts"].values()) == b["total"] for b in days)
    ukr = client.get("/api/timeline", params={"by": "day", "country": "UKR"}).json()
    assert sum(b["total"] for b in ukr) == sum(1 for i in dated if i["location"]["country"] == "UKR")
    events = client.get("/api/timeline", params={"by": "day", "level": "events"}).json()
    assert sum(b["total"] for b in events) == sum(1 for e in client.get("/api/events").json() if e["date"])


def test_places_facets_claims_and_search(client):
    places = client.get("/api/places").json()
    assert sum(p["incidents"] for p in places) == len(
        [i for i in client.get("/api/incidents").json() if i["location"]["name"]]
    )
    facets = client.get("/api/facets").json()
    assert {c["value"] for c in facets["countries"]} >= {"SYR", "UKR"}
    syr = next(c for c in facets["countries"] if c["value"] == "SYR")
    assert (syr["name_de"], syr["name_en"]) == ("Syrien", "Syria")
    assert facets["counts"]["articles"] == 2
    claims = client.get("/api/claims", params={"article_id": "a"}).json()
    assert all(c["article_id"] == "a" for c in claims)
    hits = client.get("/api/search", params={"q": "Idlib"}).json()
    assert [h["id"] for h in hits] == ["a"] and "Idlib" in hits[0]["snippet"]


def test_article_and_page(client):
    art = client.get("/api/articles/a").json()
    assert art["text"].startswith("Bei einem Luftangriff") and art["events"] and art["sentences"]
    assert client.get("/api/articles/nope").status_code == 404
    page = client.get("/")
    assert page.status_code == 200 and "Idlib" in page.text
    assert client.get("/openapi.json").json()["info"]["title"] == "lagebild"


def test_page_loads_nothing_from_outside(client):
    """No CDN, no external fonts: every script, style and image the page names is served by the app."""
    page = client.get("/").text
    refs = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert refs and all(r.startswith("/") for r in refs), refs
    for name in ("app.js", "map.js", "timeline.js", "incident.js", "upload.js", "util.js", "style.css"):
        r = client.get(f"/static/{name}")
        assert r.status_code == 200 and len(r.text) > 200
        assert not re.search(r"(?:import|url\(|src=|href=)[^;\n]*https?://", r.text), name
        assert not re.search(r"\bfrom \"https?:", r.text), name


def test_api_docs_work_offline(client):
    for page in ("/docs", "/redoc"):
        html = client.get(page).text
        refs = re.findall(r'(?:src|href)="([^"]+)"', html) + re.findall(r"url: '([^']+)'", html)
        assert refs and all(r.startswith("/") for r in refs), (page, refs)
        for ref in refs:
            assert client.get(ref).status_code == 200, ref


def test_countries_geojson_from_the_package(client):
    r = client.get("/api/countries.geojson")
    geo = json.loads(r.content)
    ids = {f["id"] for f in geo["features"]}
    assert {"SYR", "UKR", "IRQ", "SDN", "MLI", "COD", "ISR", "RUS"} <= ids and len(ids) > 150
    syr = next(f for f in geo["features"] if f["id"] == "SYR")
    assert (syr["properties"]["name"], syr["properties"]["name_de"]) == ("Syria", "Syrien")  # the page's language
    lons = [p[0] for poly in syr["geometry"]["coordinates"] for ring in poly for p in ring]
    lats = [p[1] for poly in syr["geometry"]["coordinates"] for ring in poly for p in ring]
    assert 35 < min(lons) < max(lons) < 43 and 32 < min(lats) < max(lats) < 38
    assert len(r.content) < 400_000


def test_upload_pasted_text_and_files(fresh):
    good = "date 2024-09-10\n\nBei einem Drohnenangriff auf Sumy wurden am Montag drei Menschen getötet."
    r = fresh.post(
        "/api/upload",
        files=[
            ("files", ("gut.txt", good.encode(), "text/plain")),
            ("files", ("kaputt.txt", b"Kein Datum hier.", "text/plain")),
            ("files", ("binaer.txt", b"\x00\x01\x02", "application/octet-stream")),
        ],
        data={"text": "Russische Raketen trafen am Dienstag die Stadt Charkiw.", "date": "2024-05-10"},
    )
    assert r.status_code == 200
    body = r.json()
    by_input = {x["input"]: x for x in body["results"]}
    assert by_input["gut.txt"]["status"] == "added" and by_input["gut.txt"]["events"] >= 1
    assert by_input["gut.txt"]["incident_ids"]
    assert by_input["kaputt.txt"]["status"] == "error" and "date" in by_input["kaputt.txt"]["error"]
    assert by_input["binaer.txt"]["status"] == "error" and "binary" in by_input["binaer.txt"]["error"]
    pasted = next(x for x in body["results"] if x["input"].startswith("eingefuegt-"))
    assert pasted["status"] == "added"
    assert (body["stored"], body["failed"]) == (2, 2)
    ids = {e["article_id"] for e in fresh.get("/api/events").json()}
    assert ids == {"gut", pasted["article_id"]}
    again = fresh.post("/api/upload", files=[("files", ("gut.txt", good.encode(), "text/plain"))]).json()
    assert again["results"][0]["status"] == "unchanged"


def test_upload_jsonl_keeps_good_lines_and_names_bad_ones(fresh):
    lines = [
        json.dumps({"id": "j1", "date": "2024-02-01", "text": "Kämpfer der Hamas griffen am Montag Chan Junis an."}),
        "{kein json",
        json.dumps({"id": "j2", "date": "2024-02-01"}),
    ]
    body = fresh.post(
        "/api/upload", files=[("files", ("korpus.jsonl", "\n".join(lines).encode(), "application/json"))]
    ).json()
    errors = [x["error"] for x in body["results"] if x["status"] == "error"]
    assert body["stored"] == 1 and len(errors) == 2
    assert any("line 2" in e for e in errors) and any("line 3" in e and "text" in e for e in errors)


def test_upload_without_input_or_with_a_bad_date_is_422(fresh):
    assert fresh.post("/api/upload", data={"text": "  "}).status_code == 422
    r = fresh.post("/api/upload", data={"text": "Ein Text.", "date": "gestern"})
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "date"


def test_api_records_are_the_stored_records(client):
    """The response models describe the records; they must not change them."""
    from lagebild.store import Store

    store: Store = client.app.state.store
    assert client.get("/api/events").json() == list(store.events())
    one = store.incidents()[0]
    assert client.get(f"/api/incidents/{one['incident_id']}").json() == store.incident(one["incident_id"])


def test_openapi_describes_the_records(client):
    schemas = client.get("/openapi.json").json()["components"]["schemas"]
    assert {"evidence", "event_type", "sub_event_type", "location"} <= set(schemas["Event"]["properties"])
    assert {"claims", "contradictions", "n_reports"} <= set(schemas["Incident"]["properties"])


def test_control_needs_a_scope(client):
    r = client.get("/api/control")
    assert r.status_code == 422 and r.json()["detail"][0]["loc"][-1] == "place"
    assert isinstance(client.get("/api/control", params={"country": "SYR"}).json(), dict)


def test_both_full_text_plans_give_the_same_page(client):
    """A broad match walks the date index instead of sorting matches; the page must not differ."""
    from lagebild.store.db import EventFilter
    from lagebild.web import queries

    store = client.app.state.store
    for q in ("Luftangriff", "Raketen", "Idlib OR Charkiw", "nichts"):
        sel = queries.Selection(EventFilter(limit=100), q)
        narrow = queries.event_records(store, sel, total=0)
        broad = queries.event_records(store, sel, total=queries.BROAD_MATCH + 1)
        assert narrow == broad
    assert queries.event_records(store, queries.Selection(EventFilter(limit=100), "Luftangriff"), total=10**6)


def test_facets_follow_an_upload(fresh):
    before = fresh.get("/api/facets").json()
    assert before["counts"] == {"articles": 0, "events": 0, "incidents": 0} and before["countries"] == []
    text = "date 2024-09-10\n\nBei einem Drohnenangriff auf Sumy wurden am Montag drei Menschen getötet."
    assert fresh.post("/api/upload", data={"text": text}).json()["stored"] == 1
    after = fresh.get("/api/facets").json()
    assert after["counts"]["articles"] == 1 and after["counts"]["incidents"] >= 1
    assert [c["value"] for c in after["countries"]] == ["UKR"]
