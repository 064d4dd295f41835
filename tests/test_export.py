"""Exports read back with the tools their users use: pandas, geopandas, DuckDB; and --where."""

from __future__ import annotations

import datetime as dt
import json

import duckdb
import geopandas
import pandas as pd
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.doc import Article, ArticleDate
from lagebild.export.acled import acled_date
from lagebild.export.geojson import write_geojson
from lagebild.reader import read_paths
from lagebild.store import Store
from lagebild.store.db import EventFilter
from tests.conftest import BACKENDS, ROOT, backend_url

ACLED_COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
NO_PLACE = "ohne-ort"


@pytest.fixture(scope="module", params=BACKENDS)
def db(request, tmp_path_factory, pipe):
    """The examples plus one event whose place is unknown (no coordinates), on SQLite and PostgreSQL."""
    with backend_url(request, tmp_path_factory) as url:
        yield _fill(url, pipe)


def _fill(url, pipe):
    store = Store(url)
    for article in read_paths([str(ROOT / "examples")]):
        store.save(pipe(article))
    text = "Bei einem Luftangriff auf Idlib wurden am Montag mindestens fünf Menschen getötet."
    doc = pipe(Article(NO_PLACE, text, ArticleDate(2023, 11, 14)))
    assert doc.events
    for e in doc.events:
        e["location"] = None
    store.save(doc)
    store.close()
    return url


@pytest.fixture(scope="module")
def records(db):
    return {e["event_id"]: e for e in Store(db).events(stored_at=True)}


def _export(db, tmp_path, fmt, *args):
    out = tmp_path / f"events.{fmt}"
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", fmt, "-o", str(out), *args])
    assert res.exit_code == 0, res.output
    return out, res


def test_the_store_holds_dated_month_and_placeless_events(records):
    dates = [e["date"] for e in records.values()]
    assert any(len(d) == 7 for d in dates) and any(len(d) == 10 for d in dates)
    assert any(e["location"] is None for e in records.values())


def test_acled_date_convention():
    assert acled_date("2024-05-10") == "2024-05-10"
    assert acled_date("2017-11") == "2017-11-15"  # month midpoint (ACLED codebook, time precision 3)
    assert acled_date("2017") == "2017-07-01"
    assert acled_date(None) == ""


INTEGER_COLUMNS = ["year", "time_precision", "inter1", "inter2", "interaction", "iso", "geo_precision", "fatalities"]


def test_acled_csv_in_pandas(db, records, tmp_path):
    out, res = _export(db, tmp_path, "acled")
    df = pd.read_csv(out, dtype={"event_id_cnty": str})
    assert list(df.columns) == ACLED_COLUMNS
    dated = {k for k, e in records.items() if e["date"] and (e["location"] or {}).get("country")}
    assert sorted(df["event_id_cnty"]) == sorted(dated) and NO_PLACE + "#1" not in dated
    assert f"left out {len(records) - len(dated)} of {len(records)} events: no date or no country" in res.stderr
    for col in INTEGER_COLUMNS + ["timestamp"]:
        assert df[col].dtype == "int64", (col, df[col].dtype)
    days = pd.to_datetime(df["event_date"], format="%Y-%m-%d")
    assert days.notna().all()
    for row, day in zip(df.itertuples(), days, strict=True):
        date = records[row.event_id_cnty]["date"]
        if len(date) == 10:
            assert day.strftime("%Y-%m-%d") == date
        else:
            assert day.strftime("%Y-%m") == date and day.day == 15 and row.time_precision == 3
        assert row.year == int(date[:4])
    assert set(df["civilian_targeting"].dropna()) <= {"Civilians targeted"}
    idlib = df[df["event_id_cnty"] == "idlib-luftangriff#1"].iloc[0]
    assert idlib["latitude"] == round(records["idlib-luftangriff#1"]["location"]["lat"], 4)
    assert idlib["fatalities"] == records["idlib-luftangriff#1"]["fatalities"]
    assert idlib["civilian_targeting"] == "Civilians targeted"  # actor2 is civilians


def test_acled_conventions_for_what_reports_leave_open(db, records, tmp_path):
    out, _ = _export(db, tmp_path, "acled")
    df = pd.read_csv(out, dtype={"event_id_cnty": str}).set_index("event_id_cnty")
    assert df["actor1"].notna().all() and (df["inter1"] > 0).all()
    for event_id, row in df.iterrows():
        e = records[event_id]
        country = {"SYR": "Syria", "UKR": "Ukraine", "NGA": "Nigeria", "PSE": "Palestine", "GEO": "Georgia"}.get(
            e["location"]["country"], row["country"]
        )
        assert row["country"] == country
        if e["actor1"] is None and e["event_type"] not in ("Protests", "Riots"):
            assert (row["actor1"], row["inter1"]) == (f"Unidentified Armed Group ({country})", 3)
        if e["actor2"] is None:
            assert row["inter2"] == 0 and row["interaction"] == 10 * row["inter1"]
        assert row["timestamp"] > 1_600_000_000
    region = dict(zip(df["country"], df["region"], strict=True))
    assert region["Syria"] == "Middle East" and region["Ukraine"] == "Europe"
    assert region["Nigeria"] == "Western Africa" and region["Georgia"] == "Caucasus and Central Asia"
    assert set(df["source_scale"]) <= {"International", "National-International", "Local-International", "Other"}
    assert df.loc["borno-sprengsatz#1", "iso"] == 566 and df.loc["idlib-luftangriff#1", "iso"] == 760


def test_acled_source_scale_and_unnamed_sides():
    from lagebild.export.conventions import actor1_of, actor2_of, source_scale

    assert source_scale([], "SYR") == "International"  # only the German outlet itself
    assert source_scale([], "DEU") == "National"
    assert source_scale([{"name": "SANA", "kind": "state_media", "country": "SYR"}], "SYR") == "National-International"
    assert source_scale([{"name": "Augenzeugen", "kind": "witness", "country": None}], "SYR") == "Local-International"
    assert actor1_of({"event_type": "Protests", "actor1": None}, "GEO")["name"] == "Protesters (Georgia)"
    assert actor1_of({"event_type": "Riots"}, "")["name"] == "Rioters"
    victims = actor2_of({"event_type": "Violence against civilians", "actor2": None}, "COD")
    assert victims == {"name": "Civilians (Democratic Republic of Congo)", "kind": "civilians", "country": "COD"}


def test_acled_keeps_31_columns_unless_incident_id_is_asked_for(db, records, tmp_path):
    plain, _ = _export(db, tmp_path, "acled")
    assert list(pd.read_csv(plain).columns) == ACLED_COLUMNS
    out = tmp_path / "with-id.csv"
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "acled", "--incident-id", "-o", str(out)])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out, dtype=str)
    assert list(df.columns) == [*ACLED_COLUMNS, "incident_id"]
    assert all(df["incident_id"] == [records[k]["incident_id"] for k in df["event_id_cnty"]])


def test_incident_level_export_is_one_row_per_happening(db, tmp_path):
    incidents = {i["incident_id"]: i for i in Store(db).incidents()}
    out = tmp_path / "incidents.csv"
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "acled", "--level", "incident", "-o", str(out)])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(out, dtype={"event_id_cnty": str})
    placed = {k for k, i in incidents.items() if i["date"] and i["location"]["country"]}
    assert sorted(df["event_id_cnty"]) == sorted(placed)
    for col in INTEGER_COLUMNS:
        assert df[col].dtype == "int64", col
    for row in df.itertuples():
        inc = incidents[row.event_id_cnty]
        assert row.fatalities == (inc["fatalities"] or 0)  # the conservative toll
        assert row.sub_event_type == inc["sub_event_type"] and row.location == inc["location"]["name"]
        assert set(str(row.source).split("; ")) >= set(inc["sources"]) or not inc["sources"]


def test_incident_level_parquet_in_duckdb(db, tmp_path):
    out = tmp_path / "incidents.parquet"
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet", "--level", "incident", "-o", str(out)])
    assert res.exit_code == 0, res.output
    incidents = {i["incident_id"]: i for i in Store(db).incidents()}
    rows = duckdb.connect().execute(f"select incident_id, n_reports, fatalities from read_parquet('{out}')").fetchall()
    assert {r[0]: (r[1], r[2]) for r in rows} == {k: (i["n_reports"], i["fatalities"]) for k, i in incidents.items()}


@pytest.mark.parametrize("where", ["nodir/x.csv", "."])
def test_unwritable_output_is_one_line(db, tmp_path, where, monkeypatch):
    monkeypatch.chdir(tmp_path)
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "acled", "-o", where])
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert res.stderr.startswith(f"Error: cannot write {where}:") and res.stderr.count("\n") == 1
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_csv_is_an_alias_of_acled(db, tmp_path):
    a, _ = _export(db, tmp_path, "acled")
    c, _ = _export(db, tmp_path, "csv")
    assert a.read_bytes() == c.read_bytes()


def test_jsonl_is_the_contract(db, records, tmp_path):
    out, _ = _export(db, tmp_path, "jsonl")
    lines = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert {e["event_id"]: e for e in lines} == records
    assert all(e["incident_id"].startswith("inc-") and e["stored_at"] for e in lines)
    df = pd.read_json(out, lines=True, dtype={"fatalities": "Int64"})
    assert list(df["incident_id"]) == [e["incident_id"] for e in lines] and df["fatalities"].dtype == "Int64"


def test_geojson_in_geopandas(db, records, tmp_path):
    out, res = _export(db, tmp_path, "geojson")
    placed = {k: e for k, e in records.items() if e["location"]}
    assert f"left out {len(records) - len(placed)} of {len(records)} events: no coordinates" in res.stderr
    gdf = geopandas.read_file(out)
    assert len(gdf) == len(placed)
    assert set(gdf.geom_type) == {"Point"}
    assert gdf.crs.to_epsg() == 4326
    for row in gdf.itertuples():
        e = placed[row.event_id]
        assert (row.geometry.x, row.geometry.y) == (e["location"]["lon"], e["location"]["lat"])
        assert row.evidence == e["evidence"][0]["text"]
        assert row.sources == "; ".join(s["name"] for s in e["sources"])
        assert row.sub_event_type == e["sub_event_type"]
        assert row.incident_id == e["incident_id"]
    assert NO_PLACE not in set(gdf["article_id"])


def test_geojson_without_events_is_an_empty_collection(tmp_path):
    out = tmp_path / "empty.geojson"
    with out.open("w", encoding="utf-8") as f:
        assert write_geojson([{"event_id": "x", "location": None}], f) == 0
    assert json.loads(out.read_text(encoding="utf-8")) == {"type": "FeatureCollection", "features": []}


def test_parquet_in_pandas_and_duckdb(db, records, tmp_path):
    out, _ = _export(db, tmp_path, "parquet")
    schema = pq.read_schema(out)
    assert str(schema.field("event_date").type) == "date32[day]"
    assert str(schema.field("fatalities").type) == "int32"
    assert str(schema.field("location_lat").type) == "double"
    df = pd.read_parquet(out)
    assert len(df) == len(records)
    assert str(df["year"].dtype) == "int16" and str(df["location_lat"].dtype) == "float64"
    by_id = df.set_index("event_id")
    idlib = records["idlib-luftangriff#1"]
    assert by_id.loc["idlib-luftangriff#1", "event_date"] == dt.date.fromisoformat(idlib["date"])
    assert by_id.loc["idlib-luftangriff#1", "fatalities"] == idlib["fatalities"]
    assert [s["name"] for s in by_id.loc["idlib-luftangriff#1", "sources"]] == [s["name"] for s in idlib["sources"]]
    assert pd.isna(by_id.loc[f"{NO_PLACE}#1", "location_lat"])
    assert by_id.loc["idlib-luftangriff#1", "incident_id"] == idlib["incident_id"]
    assert str(schema.field("stored_at").type) == "timestamp[ms, tz=UTC]"

    con = duckdb.connect()
    n, date_type = con.execute(f"select count(*), any_value(typeof(event_date)) from read_parquet('{out}')").fetchone()
    assert (n, date_type) == (len(records), "DATE")
    months = con.execute(f"select event_id, event_date from read_parquet('{out}') where length(date) = 7").fetchall()
    assert months and all(d == dt.date.fromisoformat(records[k]["date"] + "-15") for k, d in months)
    spans = con.execute(
        f"select ev.start, ev.end, ev.text from read_parquet('{out}'), unnest(evidence) as t(ev) "
        "where event_id = 'idlib-luftangriff#1'"
    ).fetchall()
    assert spans == [(x["start"], x["end"], x["text"]) for x in idlib["evidence"]]


def test_parquet_with_no_rows_keeps_its_schema(db, tmp_path):
    out, _ = _export(db, tmp_path, "parquet", "--where", "country=ZZZ")
    assert len(pd.read_parquet(out)) == 0
    assert "event_date" in pq.read_schema(out).names


def test_parquet_needs_an_output_file(db):
    res = CliRunner().invoke(main, ["export", "--db", db, "--format", "parquet"])
    assert res.exit_code == 2 and "-o FILE" in res.output


def _ids(db, where):
    return sorted(e["event_id"] for e in Store(db).events(EventFilter(where=where)))


def _expect(records, pred):
    return sorted(k for k, e in records.items() if pred(e))


def test_where_selects_what_it_says(db, records):
    loc = lambda e: e["location"] or {}  # noqa: E731
    assert _ids(db, "country=syr") == _expect(records, lambda e: loc(e).get("country") == "SYR")
    assert _ids(db, "date=2024-03") == _expect(records, lambda e: e["date"].startswith("2024-03"))
    assert _ids(db, "date>=2024-01 and date<=2024-06") == _expect(records, lambda e: "2024-01" <= e["date"] < "2024-07")
    assert _ids(db, "date>2024-03") == _expect(records, lambda e: e["date"] >= "2024-04")
    assert _ids(db, "fatalities>5") == _expect(records, lambda e: (e["fatalities"] or 0) > 5)
    assert _ids(db, "fatalities=null") == _expect(records, lambda e: e["fatalities"] is None)
    assert _ids(db, "lat=null") == [f"{NO_PLACE}#1"]
    assert _ids(db, "event_type=Battles and country=UKR") == _expect(
        records, lambda e: e["event_type"] == "Battles" and loc(e).get("country") == "UKR"
    )
    assert _ids(db, "actor2 != 'Civilians (Syria)'") == _expect(
        records, lambda e: (e["actor2"] or {}).get("name") != "Civilians (Syria)"
    )
    assert _ids(db, 'sources ~ "beobachtungsstelle für"') == _expect(
        records, lambda e: any("beobachtungsstelle für" in s["name"].lower() for s in e["sources"])
    )
    assert _ids(db, "sources~%") == _expect(records, lambda e: any("%" in s["name"] for s in e["sources"]))


def test_where_values_are_bound_not_spliced(db):
    assert _ids(db, "country=\"x' or '1'='1\"") == []


def test_events_command_takes_where(db):
    res = CliRunner().invoke(main, ["events", "--db", db, "--format", "jsonl", "--where", "country=UKR"])
    assert res.exit_code == 0
    lines = [json.loads(x) for x in res.output.splitlines()]
    assert lines and all(e["location"]["country"] == "UKR" for e in lines)


@pytest.mark.parametrize(
    ("expr", "named"),
    [
        ("colour=red", "'colour'"),
        ("fatalities>viele", "'viele'"),
        ("country=SYR or country=IRQ", "'or'"),
        ("country SYR", "'country SYR'"),
        ("fatalities~3", "~ (contains)"),
        ("date>=März", "'März'"),
        ("country=SYR and", "stray 'and'"),
        ("fatalities<null", "null"),
        ("actor1~a=b", "'actor1 ~ a = b'"),
    ],
)
def test_bad_where_names_the_bad_part(db, tmp_path, expr, named):
    out = tmp_path / "never.csv"
    res = CliRunner().invoke(main, ["export", "--db", db, "--where", expr, "-o", str(out)])
    assert res.exit_code == 2
    assert "--where" in res.output and named in res.output
    assert not out.exists()


def test_incidents_take_where_on_their_own_columns(db):
    def run(expr):
        res = CliRunner().invoke(main, ["incidents", "--db", db, "--format", "jsonl", "--where", expr])
        return res.exit_code, [json.loads(x) for x in res.output.splitlines()] if res.exit_code == 0 else res.output

    code, found = run("n_reports>=1 and country=UKR")
    assert code == 0 and found and all(i["location"]["country"] == "UKR" for i in found)
    assert run("n_reports>99") == (0, [])
    code, out = run("event_id=x")  # a column of events, not of incidents
    assert code == 2 and "'event_id'" in out
