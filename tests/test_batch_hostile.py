"""Batches with hostile inputs: each bad input is one line naming it and its reason, the rest is
stored, the exit status counts the failures, and no traceback reaches the user (CLI, Python API, store)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

import lagebild
from lagebild.cli import MAX_CHARS_DEFAULT, main
from lagebild.doc import Article, ArticleDate
from lagebild.errors import FilterError, RecordError, StoreError
from lagebild.reader import MAX_CHARS
from lagebild.store import Store
from lagebild.store.db import EventFilter

STRIKE = "Bei einem Luftangriff der Armee auf Aleppo wurden am Dienstag drei Menschen getötet."


def hostile_inputs(folder: Path) -> dict[str, int]:
    """The inputs the issue reproduced, each with the number of failures it should count."""
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "vor3000.txt": (f" date 2024-05-10\n\nVor 3000 Jahren war hier eine Stadt. {STRIKE}", 0),
        "jahr1.txt": (f" date 0001-01-01\n\nAm Dienstag geschah es. {STRIKE}", 0),
        "riesig-tage.txt": (f" date 2024-05-10\n\nVor 99999999999999999999 Tagen. {STRIKE}", 0),
        "maut.txt": (" date 2024-05-10\n\nBei einem Angriff auf Aleppo wurden 99999999999999999999 Tote gezählt.", 0),
        "zahl.txt": (" date 2024-05-10\n\nIn Aleppo wurden " + "9" * 400 + " Menschen getötet.", 0),
        "token.txt": (" date 2024-05-10\n\nAngriff" + "a" * 80_000 + f" {STRIKE}", 0),
    }
    for name, (text, _) in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    records = [
        {"id": "dict", "date": "2024-05-10", "text": STRIKE, "title": {"a": 1}},
        {"id": "surrogat", "date": "2024-05-10", "text": "Angriff auf Aleppo \ud800 mit drei Toten."},
        {"id": "gut", "date": "2024-05-10", "text": STRIKE.replace("Aleppo", "Idlib")},
    ]
    lines = [json.dumps(r) for r in records] + ['{"id": "tief", "text": ' + "[" * 50_000 + "]" * 50_000 + "}"]
    (folder / "korpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return {name: n for name, (_, n) in files.items()} | {"korpus.jsonl": 2}


def _no_traceback(result) -> None:
    """The command ended by itself (an exit status), not by an exception."""
    assert "Traceback" not in result.output, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)


def test_extract_goes_on_past_every_hostile_input(tmp_path):
    expected = hostile_inputs(tmp_path / "in")
    res = CliRunner().invoke(main, ["extract", str(tmp_path / "in"), "-o", str(tmp_path / "out.jsonl")])
    _no_traceback(res)
    assert res.exit_code == sum(expected.values()) == 2
    assert "line 1: article 'dict': `title` must be a string or null, not dict" in res.output
    assert "line 4: JSON nested too deeply" in res.output
    ids = {json.loads(x)["article_id"] for x in (tmp_path / "out.jsonl").read_text().splitlines()}
    readable = {"gut", "surrogat", "vor3000", "jahr1", "riesig-tage", "maut", "zahl", "token"}
    assert ids <= readable and len(ids) >= 3  # which ones have events is the event model's call


def test_ingest_stores_the_rest_and_counts_the_failures(tmp_path):
    hostile_inputs(tmp_path / "in")
    db = f"sqlite:///{tmp_path / 'h.db'}"
    res = CliRunner().invoke(main, ["ingest", str(tmp_path / "in"), "--db", db, "-w", "1", "--no-progress"])
    _no_traceback(res)
    assert res.exit_code == 2 and "2 input(s) failed" in res.output
    store = Store(db)
    stored = {a for (a,) in store.engine.connect().exec_driver_sql("SELECT id FROM articles")}
    assert stored == {"vor3000", "jahr1", "riesig-tage", "maut", "zahl", "token", "surrogat", "gut"}
    assert all(e["fatalities"] is None or e["fatalities"] < 2**63 for e in store.events())
    store.close()


def test_a_store_error_of_one_article_is_one_line(tmp_path, monkeypatch, pipe):
    db = f"sqlite:///{tmp_path / 'h.db'}"
    for name, place in (("a", "Idlib"), ("b", "Aleppo")):
        (tmp_path / f"{name}.txt").write_text(f" date 2024-05-10\n\n{STRIKE.replace('Aleppo', place)}", "utf-8")
    real = Store.put

    def put(self, doc):
        if doc.article.id == "a":
            doc.events[0]["fatalities"] = 10**20  # what a 20-digit toll used to become
        return real(self, doc)

    monkeypatch.setattr(Store, "put", put)
    res = CliRunner().invoke(main, ["ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--db", db, "-w", "1"])
    _no_traceback(res)
    assert res.exit_code == 1 and "article 'a': event 'a#1': fatalities 100000000000000000000" in res.output
    assert "1 new" in res.output


def test_max_chars_refuses_long_articles_with_a_message(tmp_path):
    assert MAX_CHARS_DEFAULT == MAX_CHARS == lagebild.MAX_CHARS
    (tmp_path / "lang.txt").write_text(" date 2024-05-10\n\n" + STRIKE * 40, encoding="utf-8")
    res = CliRunner().invoke(main, ["extract", str(tmp_path / "lang.txt"), "--max-chars", "1000"])
    assert res.exit_code == 1 and "more than the limit of 1,000 (raise it with --max-chars)" in res.output
    assert CliRunner().invoke(main, ["extract", str(tmp_path / "lang.txt")]).exit_code == 0


def test_same_name_in_two_folders_and_a_record_id_are_named(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        text = f" date 2024-05-10\n\n{STRIKE.replace('Aleppo', 'Idlib' if folder == 'a' else 'Homs')}"
        (tmp_path / folder / "bericht.txt").write_text(text, encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'h.db'}"
    run = CliRunner()
    res = run.invoke(main, ["ingest", str(tmp_path), "--db", db, "-w", "1"])
    assert res.exit_code == 0 and "2 new" in res.output  # a/bericht and b/bericht
    both = [str(tmp_path / "a" / "bericht.txt"), str(tmp_path / "b" / "bericht.txt")]
    res = run.invoke(main, ["ingest", *both, "--db", db])
    assert res.exit_code == 1 and "article id 'bericht' was already read from" in res.output
    moved = tmp_path / "c"
    moved.mkdir()
    (moved / "bericht.txt").write_text(f" date 2024-05-10\n\n{STRIKE}", encoding="utf-8")
    res = run.invoke(main, ["ingest", str(moved / "bericht.txt"), "--db", db])
    assert "replaces the one read from" in res.output and str(tmp_path / "a" / "bericht.txt") in res.output


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--limit", "0"], "limit"),
        (["--limit", "-1"], "limit"),
        (["--limit", "99999999999999999999"], "limit must be between 1 and"),
        (["--since", "x"], "is not a date"),
        (["--until", "2024-13-45x"], "is not a date"),
        (["--where", "fatalities>99999999999999999999999"], "out of range"),
        (["--where", "lat>1e999"], "out of range"),
    ],
)
def test_bad_query_options_are_one_line(tmp_path, args, message):
    db = f"sqlite:///{tmp_path / 'q.db'}"
    Store(db).close()  # reading commands want an existing database
    res = CliRunner().invoke(main, ["events", "--db", db, *args])
    _no_traceback(res)
    assert res.exit_code != 0 and message in res.output, res.output


def test_wildcards_in_cli_filters_are_literal(tmp_path, pipe):
    db = f"sqlite:///{tmp_path / 'w.db'}"
    store = Store(db)
    store.save(pipe(Article("a", STRIKE, ArticleDate(2024, 5, 10))))
    assert list(store.events())
    for kw in ({"actor": "%"}, {"place": "_"}, {"source": "%"}, {"place": "%_"}):
        assert list(store.events(EventFilter(**kw))) == [], kw
    assert list(store.events(EventFilter(place="lepp")))
    store.close()


def test_databases_that_are_not_or_cannot_be_written(tmp_path, pipe):
    junk = tmp_path / "junk.db"
    junk.write_bytes(bytes(range(256)) * 20)
    res = CliRunner().invoke(main, ["events", "--db", f"sqlite:///{junk}"])
    assert res.exit_code == 1 and "file is not a database" in res.output and "Traceback" not in res.output
    path = tmp_path / "ro.db"
    store = Store(f"sqlite:///{path}")
    store.save(pipe(Article("a", STRIKE, ArticleDate(2024, 5, 10))))
    store.close()
    read_only = f"sqlite:///file:{path}?mode=ro&uri=true"
    res = CliRunner().invoke(main, ["events", "--db", read_only, "--format", "jsonl"])
    assert res.exit_code == 0 and json.loads(res.output.splitlines()[0])["article_id"] == "a"
    with pytest.raises(StoreError, match="cannot write to the database .*readonly"):
        Store(read_only).save(pipe(Article("b", STRIKE, ArticleDate(2024, 5, 11))))
    assert sqlite3.connect(path).execute("SELECT count(*) FROM articles").fetchone() == (1,)


def test_store_refuses_values_beyond_64_bits_and_stays_usable(store, pipe):
    doc = pipe(Article("a", STRIKE, ArticleDate(2024, 5, 10)))
    doc.events[0]["fatalities"] = 10**20
    with pytest.raises(RecordError, match="fatalities"):
        store.put(doc)
    assert store.counts()["articles"] == 0
    with pytest.raises(FilterError):
        list(store.events(EventFilter(since="gestern")))
    for q in ('a"b', "\x00", '"', "*", "NEAR(", "a OR"):
        store.search_articles(q)


def test_python_api_names_bad_input(tmp_path):
    with pytest.raises(lagebild.FormatError, match="unparsable date 'gestern'"):
        lagebild.extract_text(STRIKE, "gestern")
    with pytest.raises(lagebild.FormatError, match="more than the limit of 100"):
        lagebild.extract_text(STRIKE * 5, "2024-05-10", max_chars=100)
    with pytest.raises(lagebild.FormatError, match="`text` must be a string, not dict"):
        lagebild.extract_text({"text": STRIKE}, "2024-05-10")  # type: ignore[arg-type]
    with pytest.raises(lagebild.FormatError, match="missing or empty"):
        lagebild.extract_text("   ")
    assert lagebild.extract_text("Angriff auf Aleppo \ud800.", "2024-05-10") is not None
    hostile_inputs(tmp_path / "in")
    results = list(lagebild.extract_paths([str(tmp_path / "in")]))
    errors = [r for r in results if isinstance(r, lagebild.reader.ReadError)]
    assert len(errors) == 2 and len(results) == 10
    report = lagebild.ingest_paths([str(tmp_path / "in")], f"sqlite:///{tmp_path / 'api.db'}")
    assert (report.added, report.failed) == (8, 2) and "nested too deeply" in str(report.errors[1])
