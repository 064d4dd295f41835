"""Parallel, streaming ingest: same results as one process, in input order, bad inputs reported."""

from __future__ import annotations

import shutil
from collections.abc import Iterator

from click.testing import CliRunner

import lagebild.batch as batch
from lagebild.cli import main
from lagebild.doc import Article, ArticleDate
from lagebild.ingest import Extracted, extract_stream
from lagebild.reader import ReadError, read_paths
from lagebild.store import Store
from tests.conftest import ROOT

WRITTEN = [
    "Bei einem Luftangriff auf Idlib wurden am Montag mindestens fünf Menschen getötet.",
    "Russische Raketen trafen am Dienstag die Stadt Charkiw. Drei Menschen starben.",
    "In Bamako demonstrierten am Freitag Hunderte gegen die Regierung.",
    "Kämpfer des IS griffen am Sonntag einen Armeeposten nahe Deir ez-Zor an. Zwei Soldaten wurden getötet.",
    "Die Polizei nahm in Tiflis am Samstag 20 Demonstranten fest.",
]


def _articles() -> list[Article]:
    examples = [a for a in read_paths([str(ROOT / "examples")]) if not isinstance(a, ReadError)]
    written = [Article(f"w{i}", text, ArticleDate(2024, 5, 10)) for i, text in enumerate(WRITTEN)]
    return examples + written


def _stored(tmp_path, name: str, workers: int) -> tuple[list[str], Store]:
    store = Store(f"sqlite:///{tmp_path / name}")
    order = []
    for res in extract_stream(_articles(), workers=workers, batch=2, in_flight=1):
        assert isinstance(res, Extracted)
        store.save(res)
        order.append(res.article.id)
    return order, store


def test_two_workers_store_exactly_what_one_does(tmp_path):
    order1, one = _stored(tmp_path, "one.db", workers=1)
    order2, two = _stored(tmp_path, "two.db", workers=2)
    assert order1 == order2 == [a.id for a in _articles()]
    events = list(one.events())
    assert len(events) >= 10
    assert list(two.events()) == events
    assert two.counts() == one.counts()
    assert all(two.article(i)["sentences"] == one.article(i)["sentences"] for i in order1)


def test_input_is_read_only_as_far_as_the_window(pipe):
    pulled = []

    def endless() -> Iterator[Article]:
        for i in range(10_000):
            pulled.append(i)
            yield Article(f"a{i}", WRITTEN[i % len(WRITTEN)], ArticleDate(2024, 5, 10))

    results = extract_stream(endless(), workers=2, batch=3, in_flight=2)
    first = next(results)
    results.close()  # ends the pool
    assert first.article.id == "a0"
    assert len(pulled) <= 2 * 2 * 3 + 3


def test_an_article_that_breaks_the_pipeline_is_reported_and_the_rest_go_on(monkeypatch, pipe):
    def fragile(lang):
        def run(article):
            if article.id == "w1":
                raise RuntimeError("boom")
            return pipe(article)

        return run

    monkeypatch.setattr(batch, "get_pipeline", fragile)  # inherited by the forked workers
    results = list(extract_stream(_articles(), workers=2, batch=1))
    bad = [r for r in results if isinstance(r, ReadError)]
    assert len(results) == len(_articles())
    assert len(bad) == 1 and "'w1'" in str(bad[0]) and "boom" in str(bad[0])


def test_bad_file_among_good_ones_is_reported_and_the_others_stored(tmp_path):
    src = tmp_path / "in"
    shutil.copytree(ROOT / "examples", src)
    (src / "aaa-bad.txt").write_text("keine Kopfzeile", encoding="utf-8")
    db = f"sqlite:///{tmp_path / 'x.db'}"
    res = CliRunner().invoke(main, ["ingest", str(src), "--db", db, "--workers", "2"])
    assert res.exit_code == 1
    assert "aaa-bad.txt" in res.stderr and "no `date` header" in res.stderr
    assert "ingested 7 articles (7 new" in res.stderr
    assert Store(db).counts()["articles"] == 7


def test_progress_is_off_without_a_terminal_and_can_be_forced(tmp_path):
    db = f"sqlite:///{tmp_path / 'x.db'}"
    runner = CliRunner()
    quiet = runner.invoke(main, ["ingest", str(ROOT / "examples"), "--db", db, "--workers", "2"])
    assert quiet.exit_code == 0
    assert "articles/s" not in quiet.stderr
    assert quiet.stderr.startswith("ingested 7 articles (7 new")
    forced = runner.invoke(main, ["ingest", str(ROOT / "examples"), "--db", db, "--workers", "1", "--progress"])
    assert forced.exit_code == 0
    assert "7/7" in forced.stderr and "articles/s" in forced.stderr
    assert "ingested 7 articles (0 new, 0 changed, 7 unchanged)" in forced.stderr


def test_progress_total_counts_files_and_jsonl_lines_but_not_stdin(tmp_path):
    from lagebild.progress import count_articles

    corpus = tmp_path / "c.jsonl"
    corpus.write_text('{"id": "a"}\n\n{"id": "b"}\n{"id": "c"}', encoding="utf-8")
    assert count_articles([str(ROOT / "examples"), str(corpus)]) == 7 + 3
    assert count_articles([str(corpus), "-"]) is None


def test_the_engine_neutral_core_gives_ingest_s_events_and_names_bad_records():
    from lagebild.batch import extract_dicts

    rows = [{"id": a.id, "date": a.date.iso() if a.date else None, "text": a.text} for a in _articles()]
    rows.insert(1, {"id": "no-date", "date": "gestern", "text": WRITTEN[0]})
    rows.insert(3, {"id": "dict-title", "date": "2024-05-10", "text": WRITTEN[0], "title": {"x": 1}})
    rows.insert(5, ["not", "a", "record"])
    outcomes = list(extract_dicts(rows))
    assert [o.article_id for o in outcomes] == [r.get("id") if isinstance(r, dict) else None for r in rows]
    errors = {o.article_id: o.error for o in outcomes if o.error}
    assert errors == {
        "no-date": "article 'no-date': unparsable date 'gestern'",
        "dict-title": "article 'dict-title': `title` must be text, not dict",
        None: "a record must be a mapping, not list",
    }
    by_id = {o.article_id: o.events for o in outcomes if not o.error}
    for res in extract_stream(_articles(), workers=1):
        assert by_id[res.article.id] == res.events
