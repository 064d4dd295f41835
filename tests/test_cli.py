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


# --- the analyst's desk: databases, strict filters, tables, messages -------------------------------------

import socket  # noqa: E402

import pytest  # noqa: E402

from tests.conftest import BACKENDS, backend_url  # noqa: E402

INCIDENTS = ROOT / "tests" / "data" / "incidents"


@pytest.fixture(scope="module", params=BACKENDS)
def examples_db(request, tmp_path_factory, pipe):
    """The examples plus one happening told by three outlets with different tolls (Kharkiv)."""
    from lagebild.reader import read_paths
    from lagebild.store import Store

    with backend_url(request, tmp_path_factory) as url:
        store = Store(url)
        for article in read_paths([str(ROOT / "examples"), *map(str, sorted(INCIDENTS.glob("inc-00[123]-*.txt")))]):
            store.save(pipe(article))
        store.close()
        yield url


def _run(*args, env=None):
    return CliRunner(env=env).invoke(main, [str(a) for a in args])


def _ids(db, *args):
    res = _run("events", "--db", db, "--format", "jsonl", *args)
    assert res.exit_code == 0, res.output
    return sorted(json.loads(x)["event_id"] for x in res.stdout.splitlines())


@pytest.mark.parametrize("command", [["events"], ["incidents"], ["export"], ["info"], ["timeline", "--country", "SYR"]])
def test_reading_a_missing_database_says_so_and_creates_nothing(tmp_path, command):
    missing = tmp_path / "tippfehler" / "lagebild.db"
    res = _run(*command, "--db", missing)
    assert res.exit_code == 1 and "Traceback" not in res.output
    assert f"no lagebild database at {missing}" in res.stderr and "lagebild ingest" in res.stderr
    assert not missing.parent.exists()


def test_one_default_database_for_ingest_reads_and_serve(tmp_path, monkeypatch):
    from lagebild.web.app import create_app

    monkeypatch.delenv("LAGEBILD_DB", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))  # where platformdirs puts the user data dir
    default = tmp_path / "data" / "lagebild" / "lagebild.db"
    assert _run("events").exit_code == 1 and not default.exists()
    assert _run("ingest", ROOT / "examples").exit_code == 0 and default.is_file()
    res = _run("events", "--format", "jsonl")
    assert res.exit_code == 0 and len(res.stdout.splitlines()) >= 10
    info = _run("info")
    assert info.exit_code == 0 and f"database (the default): {default}" in info.stdout
    assert create_app().state.store.location == str(default)


def test_dates_are_read_strictly(examples_db):
    assert _ids(examples_db, "--since", "14.01.2024") == _ids(examples_db, "--since", "2024-01-14")
    assert _ids(examples_db, "--until", "03.2024") == _ids(examples_db, "--until", "2024-03")
    for bad in ("14/01/2024", "2024-13", "31.02.2024", "gestern"):
        res = _run("events", "--db", examples_db, "--since", bad)
        assert res.exit_code == 2 and "--since" in res.stderr and "not a date" in res.stderr, bad
    res = _run("events", "--db", examples_db, "--since", "2024-05-01", "--until", "2024-04")
    assert res.exit_code == 2 and "--until" in res.stderr and "before it starts" in res.stderr


def test_countries_by_code_english_or_german_name(examples_db):
    ukr = _ids(examples_db, "--country", "UKR")
    assert ukr and _ids(examples_db, "--country", "Ukraine") == ukr == _ids(examples_db, "--country", "ukr")
    assert _ids(examples_db, "--country", "Syrien") == _ids(examples_db, "--country", "Syria") != []
    assert _ids(examples_db, "--country", "Palästina") == _ids(examples_db, "--country", "PSE") != []
    res = _run("events", "--db", examples_db, "--country", "Syrein")
    assert res.exit_code == 2 and "unknown country 'Syrein'" in res.stderr and "Syria" in res.stderr


def test_types_by_name_or_unambiguous_prefix(examples_db):
    strikes = _ids(examples_db, "--type", "Air/drone strike")
    assert strikes and _ids(examples_db, "--type", "air") == strikes == _ids(examples_db, "--type", "AIR/DRONE STRIKE")
    res = _run("events", "--db", examples_db, "--type", "airstrike")
    assert res.exit_code == 2 and "unknown event type 'airstrike'" in res.stderr and "Air/drone strike" in res.stderr
    res = _run("events", "--db", examples_db, "--type", "protest")
    assert res.exit_code == 2 and "Protests; Protest with intervention" in res.stderr


def test_place_in_any_spelling(examples_db):
    zaporizhzhia = _ids(examples_db, "--place", "Zaporizhzhia")
    assert zaporizhzhia
    for spelling in ("Saporischschja", "Saporoschje", "Zapor"):
        assert _ids(examples_db, "--place", spelling) == zaporizhzhia, spelling
    assert _ids(examples_db, "--place", "Chan Junis") == _ids(examples_db, "--place", "Khan Yunis") != []
    res = _run("timeline", "--db", examples_db, "--place", "Charkow")
    assert res.exit_code == 0 and "Kharkiv" in res.stdout


def test_an_empty_result_says_what_the_database_holds(examples_db):
    res = _run("events", "--db", examples_db, "--country", "SOM", "--type", "Protests")
    assert res.exit_code == 0
    assert "no events match these filters (the database at " in res.stdout
    assert f"holds {len(_ids(examples_db))} events)" in res.stdout


def test_tables_fit_the_terminal_and_say_what_they_cut(examples_db):
    res = _run("events", "--db", examples_db, env={"COLUMNS": "100"})
    table = res.stdout.splitlines()[:-1]  # the last line names the database, however long its URL
    assert res.exit_code == 0 and len(table) > 10 and max(len(x) for x in table) <= 100
    one = _run("events", "--db", examples_db, "--place", "Tbilisi")
    assert one.stdout.rstrip().splitlines()[-1].startswith("1 event from ")
    wide = _run("events", "--db", examples_db, "--country", "PSE", env={"COLUMNS": "200"})
    assert "…" in wide.stdout  # "palästinensische Angaben; Hamas kontrollierte Gesundheitsmi…"


def test_incidents_table_explains_its_marks(examples_db):
    res = _run("incidents", "--db", examples_db, "--place", "Charkiw", env={"COLUMNS": "200"})
    assert res.exit_code == 0 and " !" in res.stdout
    assert "! = the reports disagree on a figure" in res.stdout and "lowest toll" in res.stdout
    quiet = _run("incidents", "--db", examples_db, "--place", "Jowhar")  # one report: two figures, no dispute
    assert "!" not in quiet.stdout


def test_extract_takes_a_date_for_files_without_header(tmp_path):
    plain = tmp_path / "ohne-kopf.txt"
    plain.write_text("Bei einem Luftangriff auf Idlib wurden am Montag fünf Menschen getötet.", encoding="utf-8")
    refused = _run("extract", plain)
    assert refused.exit_code == 1 and "no `date` header" in refused.stderr
    out = tmp_path / "e.jsonl"
    res = _run("extract", plain, "--date", "15.11.2023", "-o", out)
    assert res.exit_code == 0, res.output
    (event,) = [json.loads(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert event["date"] == "2023-11-13" and event["article_id"] == "ohne-kopf"  # the Monday before
    assert _run("extract", plain, "--date", "morgen").exit_code == 2
    res = _run("extract", ROOT / "examples", "-o", tmp_path / "kein" / "ordner.jsonl")
    assert res.exit_code == 1 and res.stderr.startswith("Error: cannot write") and "kein" in res.stderr


def test_geocode_names_what_is_wrong_with_a_request():
    lines = ['{"text": "im Norden"}', "[1, 2]", '{"mention": 5}', '{"mention": "Aleppo"}', "{kaputt"]
    res = CliRunner().invoke(main, ["geocode"], input="\n".join(lines) + "\n")
    assert res.exit_code == 4
    err = res.stderr.splitlines()
    assert 'line 1: missing field "mention"' in err[0] and "expected a JSON object" in err[1]
    assert '"mention" must be a non-empty string' in err[2] and "line 5: not JSON" in err[3]
    answers = [json.loads(x) for x in res.stdout.splitlines()]
    assert answers[3]["name"] == "Aleppo" and answers[0]["reason"].startswith("bad request: missing field")


def test_serve_on_a_busy_port_says_so_before_anything_else(examples_db):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        res = _run("serve", "--db", examples_db, "--port", port)
    assert res.exit_code == 1 and "serving" not in res.output
    assert f"cannot listen on 127.0.0.1:{port}" in res.stderr and "--port" in res.stderr


def test_serve_refuses_a_missing_database_unless_asked_to_create_it(tmp_path):
    import subprocess
    import sys

    res = _run("serve", "--db", tmp_path / "neu.db", "--port", 0)
    assert res.exit_code == 1 and "no lagebild database" in res.stderr and "serve --create" in res.stderr
    assert not (tmp_path / "neu.db").exists()
    cmd = [sys.executable, "-m", "lagebild", "serve", "--db", str(tmp_path / "neu.db"), "--port", "0", "--create"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True)
    try:
        first = proc.stderr.readline()  # said once the port is bound and the database opened
        assert first.startswith(f"lagebild: serving {tmp_path / 'neu.db'} on http://127.0.0.1:"), first
        assert (tmp_path / "neu.db").is_file()
    finally:
        proc.terminate()
        proc.wait(10)


def test_the_first_run_announces_the_slow_index(monkeypatch, tmp_path):
    from lagebild.places.gazetteer import Gazetteer

    monkeypatch.setattr(Gazetteer, "cache_path", classmethod(lambda cls, lang, cache_dir=None: tmp_path / "none"))
    res = CliRunner().invoke(main, ["geocode"], input="")
    assert res.exit_code == 0 and "building the place index" in res.stderr and "once" in res.stderr
    monkeypatch.setattr(Gazetteer, "cache_path", classmethod(lambda cls, lang, cache_dir=None: ROOT / "README.md"))
    quiet = CliRunner().invoke(main, ["geocode"], input="")
    assert quiet.exit_code == 0 and "building" not in quiet.stderr
