"""`lagebild reviews ...` end to end: the desk on the command line, on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner

from lagebild.cli import main
from lagebild.doc import Article
from lagebild.store import Store
from tests.test_reviews import DATE, TEXT


@pytest.fixture
def db(db_url, pipe):
    store = Store(db_url)
    store.save(pipe(Article("r1", TEXT, DATE)))
    store.close()
    return db_url


def run(*args: str, ok: bool = True):
    res = CliRunner().invoke(main, list(args))
    if ok:
        assert res.exit_code == 0, res.output
    return res


def events(db: str, *extra: str) -> dict[str, dict]:
    out = run("events", "--db", db, "--format", "jsonl", *extra).stdout.splitlines()
    return {(json.loads(x)["location"] or {}).get("name"): json.loads(x) for x in out}


def test_review_from_the_command_line(db, monkeypatch):
    monkeypatch.setenv("LAGEBILD_REVIEWER", "ana")
    ev = events(db)
    first = json.loads(run("reviews", "next", "--db", db, "--format", "jsonl").output)
    assert first["event_id"] == ev["Idlib"]["event_id"]
    assert "Bei einem Luftangriff" in run("reviews", "next", "--db", db).output  # the evidence, to read

    assert "confirmed" in run("reviews", "confirm", ev["Idlib"]["event_id"], "--db", db).output
    run("reviews", "reject", ev["Mosul"]["event_id"], "--reason", "not_event", "--reviewer", "ben", "--db", db)
    fixed = run("reviews", "correct", ev["Aleppo"]["event_id"], "fatalities=12", "location=Homs", "--db", db)
    assert "corrected" in fixed.output and "Homs" in fixed.output
    assert run("reviews", "status", "--db", db).output.strip() == "1 unreviewed, 1 confirmed, 1 corrected, 1 rejected"
    assert run("reviews", "status", "--country", "IRQ", "--db", db).output.startswith("0 unreviewed")

    now = events(db)
    assert "Mosul" not in now and now["Homs"]["fatalities"] == 12 and now["Homs"]["reviewed_by"] == "ana"
    assert set(events(db, "--review", "rejected")) == {"Mosul"}
    assert set(events(db, "--review", "reviewed")) == {"Idlib", "Homs"}
    csv_out = run("export", "--db", db, "--format", "acled", "--review-state", "--review", "all").stdout
    rows = {r["location"]: r for r in csv.DictReader(io.StringIO(csv_out))}
    assert rows["Mosul"]["review_status"] == "rejected" and rows["Mosul"]["reviewed_by"] == "ben"
    assert rows["Idlib"]["review_status"] == "confirmed"
    assert "Mosul" not in run("export", "--db", db, "--format", "jsonl").stdout

    log = [json.loads(x) for x in run("reviews", "log", "--db", db, "--format", "jsonl").output.splitlines()]
    assert [r["action"] for r in log] == ["correct", "reject", "confirm"]
    assert log[0]["before"]["fatalities"] == 10 and log[0]["after"]["fatalities"] == 12
    assert "ben" in run("reviews", "log", "--db", db).output
    history = run("reviews", "log", "--event", ev["Mosul"]["event_id"], "--format", "jsonl", "--db", db).output
    assert json.loads(history)["reason"] == "not_event"


def test_bad_input_is_named_and_the_rest_goes_on(db, monkeypatch):
    monkeypatch.setenv("LAGEBILD_REVIEWER", "ana")
    ev = events(db)
    res = run("reviews", "confirm", "nope#1", ev["Idlib"]["event_id"], "--db", db, ok=False)
    assert res.exit_code == 1 and "nope#1" in res.stderr and "no event" in res.stderr
    assert events(db)["Idlib"]["review_status"] == "confirmed"  # the good one was done
    bad = run("reviews", "correct", ev["Aleppo"]["event_id"], "date=31.02.2024", "--db", db, ok=False)
    assert bad.exit_code == 1 and "date" in bad.output
    assert run("reviews", "correct", ev["Aleppo"]["event_id"], "fatalities", "--db", db, ok=False).exit_code == 1
    assert run("reviews", "reject", ev["Aleppo"]["event_id"], "--db", db, ok=False).exit_code == 2  # --reason
    assert run("events", "--db", db, "--review", "maybe", ok=False).exit_code == 2


def test_add_merge_split_orphans_and_export(db, pipe, tmp_path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_REVIEWER", "ana")
    ev = events(db)
    at = TEXT.index("Mossul")
    span = f"{at}:{at + 6}"
    added = run("reviews", "add", "r1", "--at", span, "sub_event_type=Attack", "date=2024-05-09", "--db", db)
    assert "Attack" in added.output and "corrected" in added.output
    merged = run("reviews", "merge", ev["Idlib"]["incident_id"], ev["Aleppo"]["incident_id"], "--db", db).output.strip()
    assert events(db)["Aleppo"]["incident_id"] == merged
    parts = run("reviews", "split", merged, ev["Aleppo"]["event_id"], "--db", db).output
    assert "split off: inc-s" in parts

    run("reviews", "confirm", ev["Kharkiv"]["event_id"], "--db", db)
    store = Store(db)
    store.save(pipe(Article("r1", TEXT.replace("die Stadt Charkiw", "Wohnhäuser"), DATE)))  # the sentence changed
    store.close()
    orphans = run("reviews", "orphans", "--db", db).output
    assert ev["Kharkiv"]["event_id"] in orphans and "confirm by ana" in orphans
    subject = json.loads(run("reviews", "orphans", "--db", db, "--format", "jsonl").output)["subject"]
    run("reviews", "dismiss", subject, "--db", db)
    assert "no orphaned reviews" in run("reviews", "orphans", "--db", db).output

    while (nxt := run("reviews", "next", "--format", "jsonl", "--db", db).stdout).startswith("{"):
        run("reviews", "confirm", json.loads(nxt)["event_id"], "--db", db)
    out = tmp_path / "desk"
    res = run("reviews", "export", "-o", str(out), "--db", db)
    assert "1 reviewed article" in res.stderr
    doc = json.loads((out / "events" / "r1.json").read_text(encoding="utf-8"))
    assert doc["annotator"] == "ana" and any(e["sub_event_type"] == "Attack" for e in doc["events"])
    assert run("reviews", "export", "-o", str(out), "--db", db, ok=False).exit_code == 1  # not over a full folder
