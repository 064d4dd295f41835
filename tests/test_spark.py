"""lagebild on Spark (local mode): the same events, claims and incidents as one process and the store.

The articles: the dev gold (when ../shared is there), the incident test set (one happening told by
several outlets, so incidents have several reports) and a few hundred corpus articles. Spark needs
Java: without it these tests are skipped, unless LAGEBILD_REQUIRE_SPARK=1 (CI) makes that a failure.
"""

from __future__ import annotations

import itertools
import json
import os
import shutil

import pytest
from click.testing import CliRunner
from sqlalchemy import select

from lagebild.batch import article_from_dict, extract_article, extract_dicts
from lagebild.cli import main
from lagebild.reader import ReadError, read_paths
from lagebild.reader.jsonl import parse_jsonl_line
from lagebild.store import Store
from lagebild.store.schema import events as events_table
from lagebild.store.schema import incidents as incidents_table
from tests.conftest import DEV_GOLD, ROOT, SHARED

CORPUS = SHARED / "corpora" / "german-news" / "articles.jsonl"
CORPUS_SAMPLE = 120
SUMMARY = ("event_type", "sub_event_type", "date", "date_start", "date_end", "location", "lat", "lon", "fatalities")


def _spark_or_skip():
    required = os.environ.get("LAGEBILD_REQUIRE_SPARK") == "1"
    problem = None
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        problem = "Spark needs Java: no `java` on the PATH and no JAVA_HOME (Debian: default-jre-headless)"
    else:
        try:
            import pyspark  # noqa: F401
        except ImportError:
            problem = "pyspark is not installed (pip install -e '.[spark]')"
    if problem:
        if required:
            pytest.fail(f"LAGEBILD_REQUIRE_SPARK=1 but {problem}")
        pytest.skip(problem)
    from lagebild.spark import session

    return session("local[2]")


@pytest.fixture(scope="module")
def spark():
    s = _spark_or_skip()
    yield s
    s.stop()


def _rows() -> list[dict]:
    paths = [str(ROOT / "tests" / "data" / "incidents")] + ([str(DEV_GOLD)] if DEV_GOLD.exists() else [])
    articles = [a for a in read_paths(paths) if not isinstance(a, ReadError)]
    if CORPUS.exists():
        with CORPUS.open(encoding="utf-8") as fh:
            articles += [parse_jsonl_line(line, "corpus") for line in itertools.islice(fh, CORPUS_SAMPLE)]
    rows: dict[str, dict] = {}  # the dev gold holds corpus articles too: one id is one article
    for a in articles:
        date = a.date.iso() if a.date else None
        rows.setdefault(a.id, {"id": a.id, "date": date, "text": a.text, "title": a.title, "origin": a.origin})
    return list(rows.values())


ROWS = _rows()
ROW_SCHEMA = "id string, date string, text string, title string, origin string"


@pytest.fixture(scope="module")
def single():
    """The single-process extraction of every article, in input order."""
    return [extract_article(article_from_dict(r)) for r in ROWS]


@pytest.fixture(scope="module")
def extraction(spark):
    from lagebild.spark import extract

    x = extract(spark.createDataFrame(ROWS, ROW_SCHEMA), partitions=6)
    yield x
    x.unpersist()


def _records(df) -> list[dict]:
    from lagebild.spark.schema import record_of

    return sorted((record_of(r.asDict(recursive=True)) for r in df.collect()), key=lambda e: e["event_id"])


def test_events_and_claims_equal_single_process(extraction, single):
    from lagebild.spark.schema import claim_of

    expected = sorted((e for x in single for e in x.events), key=lambda e: e["event_id"])
    assert len(expected) >= 100
    assert _records(extraction.events) == expected
    claim_key = lambda c: (c.get("event_id") or "", c["start"], c["end"], c["kind"])  # noqa: E731
    got = sorted((claim_of(r.asDict(recursive=True)) for r in extraction.claims.collect()), key=claim_key)
    assert got == sorted((c for x in single for c in x.claims), key=claim_key)
    assert extraction.rejects.count() == 0


def test_event_schema_is_typed_and_nested(extraction):
    types = dict(extraction.events.dtypes)
    assert types["time_precision"] == "int" and types["fatalities"] == "bigint"
    assert types["event_date"] == "date" and types["year"] == "int"
    assert types["location"].startswith("struct<name:string,geonames_id:bigint,lat:double,lon:double")
    assert types["evidence"] == "array<struct<article_id:string,start:int,end:int,text:string>>"
    assert types["actor1"] == "struct<name:string,kind:string,country:string,group:string>"


def _store_incidents(single, tmp_path) -> dict[str, tuple]:
    """Incidents of a store filled with the same articles in article id order: id -> (event ids, summary)."""
    store = Store(f"sqlite:///{tmp_path / 'store.db'}")
    for extracted in sorted(single, key=lambda x: x.article.id):
        store.save(extracted)
    members: dict[str, list[str]] = {}
    with store.engine.connect() as conn:
        for incident_id, event_id in conn.execute(select(events_table.c.incident_id, events_table.c.event_id)):
            members.setdefault(incident_id, []).append(event_id)
        rows = conn.execute(select(incidents_table)).mappings().all()
    return {r["incident_id"]: (sorted(members[r["incident_id"]]), *(r[k] for k in SUMMARY)) for r in rows}


def _spark_incidents(linked) -> dict[str, tuple]:
    return {
        r["incident_id"]: (sorted(r["event_ids"]), *(r[k] for k in SUMMARY))
        for r in (row.asDict() for row in linked.incidents.collect())
    }


def test_incidents_equal_the_store_whatever_the_partitioning(extraction, single, tmp_path):
    from pyspark.sql import functions as F

    from lagebild.spark import link_incidents

    expected = _store_incidents(single, tmp_path)
    assert sum(len(v[0]) > 1 for v in expected.values()) >= 15  # the incident set links several reports
    assert _spark_incidents(link_incidents(extraction.events)) == expected
    shuffled = extraction.events.orderBy(F.rand(7)).repartition(5)
    assert _spark_incidents(link_incidents(shuffled, partitions=3)) == expected


@pytest.mark.parametrize("transfer", ["arrow", "rows"])
def test_bad_articles_become_rejects_and_the_rest_goes_on(spark, transfer):
    from lagebild.spark import extract

    good = "Bei einem Luftangriff auf Idlib wurden am Montag mindestens fünf Menschen getötet."
    rows = [
        {"id": "ok", "date": "2024-05-10", "text": good},
        {"id": "bad-date", "date": "2024-13", "text": good},
        {"id": "empty", "date": "2024-05-10", "text": "   "},
        {"id": None, "date": "2024-05-10", "text": good},
        {"id": "twice", "date": "2024-05-10", "text": good},
        {"id": "twice", "date": "2024-05-10", "text": good + " Zwei Häuser brannten."},
    ]
    x = extract(spark.createDataFrame(rows, "id string, date string, text string"), partitions=2, transfer=transfer)
    try:
        reasons = {(r.article_id, r.reason) for r in x.rejects.collect()}
        events = {r.article_id for r in x.events.select("article_id").collect()}
    finally:
        x.unpersist()
    assert ("bad-date", "article 'bad-date': unparsable date '2024-13'") in reasons
    assert ("empty", "article 'empty': missing or empty `text`") in reasons
    assert (None, "missing `id`") in reasons
    assert [r for r in reasons if r[0] == "twice"] == [
        ("twice", "article twice: duplicate id (another article with this id was extracted)")
    ]
    assert events == {"ok", "twice"}


def test_one_pipeline_per_worker_process(spark, extraction):
    """After extraction over more partitions than cores, every worker already holds its one pipeline."""
    import pyarrow as pa

    def probe(batches):
        import os

        import lagebild.pipeline as p

        for _ in batches:
            pipe = p._PIPELINES.get("de")
            yield pa.RecordBatch.from_pylist([{"pid": os.getpid(), "pipe": id(pipe) if pipe else None}])

    extraction.results.count()
    seen = [r.asDict() for r in spark.range(16, numPartitions=8).mapInArrow(probe, "pid long, pipe long").collect()]
    assert all(s["pipe"] is not None for s in seen)  # loaded by the extraction tasks, not by the probe
    pids = {s["pid"] for s in seen}
    assert len(pids) <= 2  # local[2]: two reused Python workers served all eight tasks
    assert len({(s["pid"], s["pipe"]) for s in seen}) == len(pids)


def test_cli_writes_parquet_every_reader_reads(spark, tmp_path):
    import duckdb
    import pyarrow.dataset as ds

    rows = ROWS[:40]
    src = tmp_path / "in.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps({k: r[k] for k in ("id", "date", "text", "title")}, ensure_ascii=False) + "\n")
        fh.write("this line is not JSON\n")
        fh.write(json.dumps({"id": "no-text", "date": "2024-01-01"}) + "\n")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["spark", "extract", str(src), str(out), "--partitions", "3"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    expected = [e for o in extract_dicts(rows) for e in o.events]
    assert counts["articles"] == 41 and counts["events"] == len(expected) > 0 and counts["rejects"] == 2
    assert (out / "incidents").is_dir() and counts["incidents"] >= 1

    con = duckdb.connect()
    got = con.sql(f"SELECT event_id, country, year FROM read_parquet('{out}/events/**/*.parquet', hive_partitioning=1)")
    by_id = {e["event_id"]: e for e in expected}
    assert {r[0] for r in got.fetchall()} == set(by_id)
    for event_id, country, year in got.fetchall():
        assert country == ((by_id[event_id]["location"] or {}).get("country") or "XXX")
        assert year == (int(by_id[event_id]["date"][:4]) if by_id[event_id]["date"] else 0)
    table = ds.dataset(out / "events", format="parquet", partitioning="hive").to_table()
    assert table.num_rows == len(expected)
    rejects = {r[0] for r in con.sql(f"SELECT reason FROM read_parquet('{out}/rejects/*.parquet')").fetchall()}
    assert "article 'no-text': missing or empty `text`" in rejects
    assert any(r.startswith("not a JSON object: this line is not JSON") for r in rejects)

    again = CliRunner().invoke(main, ["spark", "extract", str(src), str(out)])
    assert again.exit_code != 0 and "already exists" in again.output


def test_cli_reads_a_folder_of_articles(spark, tmp_path):
    folder = tmp_path / "articles"
    (folder / "sub").mkdir(parents=True)
    for f in sorted((ROOT / "tests" / "data" / "incidents").glob("inc-00*.txt"))[:5]:
        shutil.copy(f, folder / "sub" / f.name)
    (folder / "no-header.txt").write_text("Kein Kopf, nur Text.\n", encoding="utf-8")
    (folder / "notes.md").write_text("not an article file: skipped\n", encoding="utf-8")
    out = tmp_path / "out"
    result = CliRunner().invoke(main, ["spark", "extract", str(folder), str(out), "--no-incidents"])
    assert result.exit_code == 0, result.output
    counts = json.loads(result.stdout.strip().splitlines()[-1])
    articles = [a for a in read_paths([str(folder)]) if not isinstance(a, ReadError)]
    assert counts["articles"] == len(articles) == 5 and counts["rejects"] == 1
    assert counts["events"] == sum(len(extract_article(a).events) for a in articles) > 0
    assert not (out / "incidents").exists()


def test_rows_keep_every_field_of_a_record_exactly():
    """A record with a field the schema lacks, a value of another type and a missing field survives the row."""
    import pyarrow as pa

    from lagebild.spark.schema import CLAIM_SCHEMA, EVENT_SCHEMA, claim_of, claim_row, event_row, record_of

    record = {
        "event_id": "a#1",
        "article_id": "a",
        "date": "2017-03",
        "time_precision": 3,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": {"name": "Islamic State", "kind": "rebel", "country": None, "group": "IS"},
        "assoc_actor_1": [],
        "actor2": None,
        "assoc_actor_2": [],
        "location": {
            "name": "Palmyra",
            "geonames_id": 1,
            "lat": 34.5,
            "lon": 38.3,
            "admin1": "Homs",
            "country": "SYR",
            "geo_precision": 1,
            "feature": "PPL",
        },  # a key the struct lacks
        "fatalities": "viele",  # not an integer
        "sources": [{"name": "SANA", "kind": "state_media", "country": "SYR"}],
        "evidence": [{"article_id": "a", "start": 0, "end": 10, "text": "Palmyra ..."}],
        "notes": "Kämpfe um Palmyra.",
        "confidence": 0.7,  # a field the events module may add
    }  # and no "trigger"
    row = event_row(record, 0)
    table = pa.Table.from_pylist([row], schema=EVENT_SCHEMA)  # the typed row is valid Arrow
    back = record_of(table.to_pylist()[0])
    assert back == record and list(back) == list(record)
    assert row["event_date"].isoformat() == "2017-03-15" and row["year"] == 2017 and row["country"] == "SYR"
    claim = {
        "event_id": None,
        "kind": "injured",
        "value": 12,
        "text": "12 Verletzte",
        "source": None,
        "start": 3,
        "end": 15,
        "date": None,
        "place": None,
        "country": None,
        "lat": None,
        "lon": None,
    }  # no "actor"
    crow = pa.Table.from_pylist([claim_row(claim, "a")], schema=CLAIM_SCHEMA).to_pylist()[0]
    assert claim_of(crow) == claim and crow["article_id"] == "a"
