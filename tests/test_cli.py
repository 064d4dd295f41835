"""The command line end to end."""

import csv
import json

from click.testing import CliRunner

from lagebild.cli import main
from tests.conftest import DEV_GOLD, ROOT, SHARED, needs_shared


def test_extract_examples_and_bad_file(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_text("keine Kopfzeile", encoding="utf-8")
    out = tmp_path / "ev.jsonl"
    res = CliRunner().invoke(main, ["extract", str(ROOT / "examples"), str(bad), "-o", str(out)])
    assert res.exit_code == 1
    assert "bad.txt" in res.stderr and "no `date` header" in res.stderr
    events = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(events) >= 7
    assert len({e["article_id"] for e in events}) >= 6


def test_ingest_events_export(tmp_path, db_url):
    db = db_url
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(ROOT / "examples"), "--db", db])
    assert res.exit_code == 0, res.output
    res = runner.invoke(main, ["ingest", str(ROOT / "examples"), "--db", db])
    assert "unchanged" in res.stderr
    table = runner.invoke(main, ["events", "--db", db])
    assert table.exit_code == 0 and "events" in table.output
    lines = runner.invoke(main, ["events", "--db", db, "--format", "jsonl", "--country", "UKR"]).output.splitlines()
    assert lines and all(json.loads(x)["location"]["country"] == "UKR" for x in lines)
    out = tmp_path / "e.csv"
    assert runner.invoke(main, ["export", "--db", db, "--format", "csv", "-o", str(out)]).exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert rows and list(rows[0])[:3] == ["event_id_cnty", "event_date", "year"]
    assert all(r["event_date"].count("-") == 2 for r in rows)


def test_db_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("LAGEBILD_DB", f"sqlite:///{tmp_path / 'env.db'}")
    res = CliRunner().invoke(main, ["ingest", str(ROOT / "examples")])
    assert res.exit_code == 0 and (tmp_path / "env.db").exists()


@needs_shared(DEV_GOLD)
def test_extract_dev_articles_meet_the_contract(tmp_path):
    import subprocess
    import sys

    out = tmp_path / "dev.jsonl"
    res = CliRunner().invoke(main, ["extract", str(DEV_GOLD), "-o", str(out)])
    assert res.exit_code == 0, res.stderr
    check = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "check_events.py"), str(DEV_GOLD), str(out)],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout[-2000:]
    assert check.stdout.strip().endswith(", 0 problems")


@needs_shared(DEV_GOLD)
@needs_shared(DEV_GOLD)
def test_eval_explain(tmp_path):
    res = CliRunner().invoke(main, ["eval", str(DEV_GOLD), "--explain", "-o", str(tmp_path)])
    assert res.exit_code == 0, res.output
    assert "event F1" in res.output and "MISSED" in res.output and "SPURIOUS" in res.output
    lines = (tmp_path / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    assert lines and all(json.loads(line)["article_id"] for line in lines)


@needs_shared(DEV_GOLD)
def test_eval_puts_sets_side_by_side_and_keeps_check_errors_unread(tmp_path):
    gold = tmp_path / "mini"
    gold.mkdir()
    for f in sorted(DEV_GOLD.glob("*.gold.json"))[:2]:
        aid = f.name.removesuffix(".gold.json")
        (gold / f.name).write_bytes(f.read_bytes())
        (gold / f"{aid}.txt").write_bytes((DEV_GOLD / f"{aid}.txt").read_bytes())
    res = CliRunner().invoke(main, ["eval", "dev", str(gold), "--json"])
    assert res.exit_code == 0, res.output
    scores = json.loads(res.output)
    assert list(scores) == ["dev", "mini"] and scores["dev"]["articles"] == 20 and scores["mini"]["articles"] == 2
    res = CliRunner().invoke(main, ["eval", "check", "--explain"])
    assert res.exit_code == 2 and "refused for check" in res.output


def test_unreachable_database_is_one_line_without_password():
    res = CliRunner().invoke(main, ["events", "--db", "postgresql://ana:geheim@127.0.0.1:1/lage"])
    assert res.exit_code == 1 and "cannot open the database" in res.stderr
    assert "geheim" not in res.stderr and "Traceback" not in res.stderr
