"""The reader on hostile input: wrong types, deep nesting, surrogates, colliding ids, oversized
articles and lines, and paths that loop, dangle, block or never end. Each bad input is one error
that names it; the rest is read."""

from __future__ import annotations

import glob
import io
import json
import os
import signal
from contextlib import contextmanager
from pathlib import Path

import pytest

from lagebild.doc import Article
from lagebild.reader import Limits, ReadError, read_paths, read_source
from lagebild.reader.paths import Input, expand

GOOD = {"id": "gut", "date": "2024-05-10", "text": "Bei einem Angriff auf Aleppo starben drei Menschen."}


@contextmanager
def deadline(seconds: int):
    """Fail instead of hanging: the cases here used to block for ever."""

    def fail(*_):
        raise TimeoutError(f"still reading after {seconds} s")

    old = signal.signal(signal.SIGALRM, fail)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def _jsonl(tmp_path: Path, *records: object, name: str = "c.jsonl") -> Path:
    p = tmp_path / name
    p.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n", encoding="utf-8")
    return p


def _split(items):
    items = list(items)
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadError)]


@pytest.mark.parametrize("field", ["title", "source", "url"])
def test_metadata_of_the_wrong_type_is_one_bad_line(tmp_path, field):
    p = _jsonl(tmp_path, GOOD | {"id": "a", field: {"x": 1}}, GOOD | {"id": "b", field: "fine"})
    good, bad = _split(read_paths([str(p)]))
    assert [a.id for a in good] == ["b"]
    (err,) = bad
    assert "line 1" in err.reason and f"`{field}` must be a string or null, not dict" in err.reason


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        (GOOD | {"id": 17}, "`id` must be a string, not int"),
        (GOOD | {"id": "x" * 600}, "more than 512"),
        (GOOD | {"id": "a\nb"}, "control character U+000A"),
        (GOOD | {"text": ["a"]}, "`text` must be a string, not list"),
        (GOOD | {"text": None}, "missing or empty `text`"),
        (GOOD | {"date": {"y": 2024}}, "`date` must be a string, not dict"),
        (GOOD | {"date": "0000-01-01"}, "unparsable date"),
        (GOOD | {"title": "T" * 20_000}, "`title` has 20,000 characters"),
        ('{"id": "n", "text": ' + "[" * 100_000 + "]" * 100_000 + "}", "nested too deeply"),
        ('{"id": "n", "text": "t", "x": ' + "9" * 5000 + "}", "not readable JSON"),
        ("[1, 2]", "must be a JSON object"),
    ],
)
def test_bad_records_name_line_and_field(tmp_path, record, reason):
    p = _jsonl(tmp_path, record, GOOD)
    good, bad = _split(read_paths([str(p)]))
    assert [a.id for a in good] == ["gut"]
    (err,) = bad
    assert err.origin == str(p) and "line 1" in err.reason and reason in err.reason, err.reason


def test_lone_surrogates_become_replacement_characters_at_the_same_offsets(tmp_path):
    text = "Angriff auf Aleppo \ud800 drei Tote."
    p = _jsonl(tmp_path, GOOD | {"text": text, "title": "T\udfff"})
    (a,) = read_paths([str(p)])
    assert a.text == text.replace("\ud800", "\ufffd") and len(a.text) == len(text)
    assert a.title == "T\ufffd"
    a.text.encode("utf-8")  # storable and printable


def test_the_article_limit_is_enforced_with_a_message(tmp_path):
    limits = Limits(max_chars=1000)
    (tmp_path / "lang.txt").write_text(" date 2024-05-10\n\n" + "Wort " * 400, encoding="utf-8")
    (tmp_path / "kurz.txt").write_text(" date 2024-05-10\n\nEin kurzer Text.", encoding="utf-8")
    good, bad = _split(read_paths([str(tmp_path)], limits=limits))
    assert [a.id for a in good] == ["kurz"]
    assert "2,000 characters, more than the limit of 1,000" in bad[0].reason and "--max-chars" in bad[0].reason
    # a file far beyond any article within the limit is refused without being read whole
    (tmp_path / "riesig.txt").write_bytes(b" date 2024-05-10\n\n" + b"x" * 10_000_000)
    (err,) = read_paths([str(tmp_path / "riesig.txt")], limits=limits)
    assert "more than 8,096 bytes" in err.reason


def test_a_json_line_too_long_for_the_limit_is_skipped_and_the_next_read(tmp_path):
    limits = Limits(max_chars=100)
    p = tmp_path / "c.jsonl"
    p.write_bytes(b'{"id": "lang", "text": "' + b"x" * 5_000_000 + b'"}\n' + json.dumps(GOOD).encode() + b"\n")
    good, bad = _split(read_paths([str(p)], limits=limits))
    assert [a.id for a in good] == ["gut"]
    assert "line 1: longer than" in bad[0].reason


def test_a_stream_without_line_breaks_is_read_in_bounded_pieces():
    class Endless(io.RawIOBase):
        """'{' and then 200 MB of 'x' with no line break; counts the largest read asked for."""

        def __init__(self) -> None:
            self.left, self.largest = 200_000_000, 0

        def readable(self) -> bool:
            return True

        def readinto(self, buf) -> int:
            self.largest = max(self.largest, len(buf))
            n = min(len(buf), self.left)
            buf[:n] = (b"{" if self.left == 200_000_000 else b"") + b"x" * (n - (self.left == 200_000_000))
            self.left -= n
            return n

    raw = Endless()
    with deadline(60):
        (err,) = read_paths(["-"], stdin=io.BufferedReader(raw), limits=Limits(max_chars=1000))
    assert "line 1: longer than" in err.reason
    assert raw.largest <= 1 << 17


def test_ids_come_from_the_path_below_the_folder_named(tmp_path):
    for folder in ("a", "b", "site1", "site2"):
        (tmp_path / folder).mkdir()
    for rel in ("a/bericht.txt", "b/bericht.txt"):
        (tmp_path / rel).write_text(" date 2024-05-10\n\nText über Aleppo.", encoding="utf-8")
    page = "<html><body><article><p>" + "Bei einem Angriff auf Aleppo starben drei Menschen. " * 5
    for rel in ("site1/index.html", "site2/index.html"):
        (tmp_path / rel).write_text(page + "</p></article></body></html>", encoding="utf-8")
    good, bad = _split(read_paths([str(tmp_path)]))
    assert not bad
    assert [a.id for a in good] == ["a/bericht", "b/bericht", "site1/index", "site2/index"]
    assert [a.id for a in _split(read_paths([str(tmp_path / "**" / "*.txt")]))[0]] == ["a/bericht", "b/bericht"]


def test_the_same_id_twice_in_one_run_is_named_not_merged(tmp_path):
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "bericht.txt").write_text(f" date 2024-05-10\n\nText {folder}.", encoding="utf-8")
    corpus = _jsonl(tmp_path, GOOD | {"id": "bericht"}, GOOD | {"id": "bericht"})
    items = list(read_paths([str(tmp_path / "a" / "bericht.txt"), str(tmp_path / "b" / "bericht.txt"), str(corpus)]))
    good, bad = _split(items)
    assert [a.text for a in good] == ["Text a."]
    assert len(bad) == 3
    assert all("article id 'bericht' was already read from" in e.reason for e in bad)
    assert str(tmp_path / "a" / "bericht.txt") in bad[0].reason and bad[0].origin == str(tmp_path / "b" / "bericht.txt")


def _article(path: Path, text: str = "Text.") -> None:
    path.write_text(f" date 2024-05-10\n\n{text}", encoding="utf-8")


def test_link_loops_and_second_links_are_named_and_read_once(tmp_path):
    root = tmp_path / "corpus"
    (root / "sub").mkdir(parents=True)
    _article(root / "sub" / "x.txt")
    (root / "sub" / "loop").symlink_to(root)  # corpus/sub/loop -> corpus
    (root / "again").symlink_to(root / "sub")  # a second way into corpus/sub
    (root / "self").symlink_to(root / "self")  # a link to itself
    with deadline(30):
        items = list(read_paths([str(root)]))
        globbed = list(read_paths([str(root / "**" / "*.txt")]))
    for found in (items, globbed):
        good, bad = _split(found)
        assert len(good) == 1 and good[0].origin in (str(root / "again" / "x.txt"), str(root / "sub" / "x.txt"))
        reasons = " | ".join(str(e) for e in bad)
        assert "symbolic link loop" in reasons
        assert "already read as" in reasons


def test_dangling_links_and_unreadable_folders_are_named(tmp_path, monkeypatch):
    root = tmp_path / "corpus"
    (root / "zu").mkdir(parents=True)
    _article(root / "a.txt")
    (root / "weg.txt").symlink_to(tmp_path / "gibt-es-nicht.txt")
    real_scandir = os.scandir

    def scandir(path):
        if str(path).endswith("zu"):
            raise PermissionError(13, "Permission denied")
        return real_scandir(path)

    monkeypatch.setattr(os, "scandir", scandir)  # running as root, chmod 000 would not stop the walk
    good, bad = _split(read_paths([str(root)]))
    assert [a.id for a in good] == ["a"]
    reasons = {e.origin: e.reason for e in bad}
    assert "dangling symbolic link" in reasons[str(root / "weg.txt")]
    assert "cannot read the folder (Permission denied)" in reasons[str(root / "zu")]
    (named,) = read_paths([str(root / "weg.txt")])
    assert "dangling symbolic link" in named.reason


def test_fifos_and_devices_are_named_and_skipped_without_blocking(tmp_path):
    fifo = tmp_path / "rohr.txt"
    os.mkfifo(fifo)
    (tmp_path / "null.txt").symlink_to("/dev/zero")
    _article(tmp_path / "ok.txt")
    with deadline(20):
        named = list(read_paths([str(fifo), "/dev/zero"]))
        walked = list(read_paths([str(tmp_path)]))
    assert [e.reason.split(";")[0] for e in named] == [
        "not a regular file but a FIFO (named pipe)",
        "not a regular file but a character device",
    ]
    good, bad = _split(walked)
    assert [a.id for a in good] == ["ok"]
    assert sorted(e.origin for e in bad) == [str(tmp_path / "null.txt"), str(fifo)]


def test_globs_match_what_glob_matches(tmp_path):
    for rel in ("a/x1.txt", "a/b/x2.txt", "a/b/c/y.txt", "a/.hid/x3.txt", "a/.x4.txt", "z.html", "a/b/n.jsonl"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    for pattern in ("**/*.txt", "a/*/*.txt", "a/**", "*/x?.txt", "a/**/[xy]*.txt", "**/.*", "a/b/c/*", "*"):
        full = str(tmp_path / pattern)
        ours = [str(i.path) for i in expand([full]) if isinstance(i, Input)]
        theirs = sorted(m for m in glob.glob(full, recursive=True) if os.path.isfile(m))
        assert ours == theirs, pattern
    (err,) = expand([str(tmp_path / "nichts" / "*.txt")])
    assert err.reason == "no file matches this pattern"


def test_uploaded_bytes_are_read_like_files():
    items = list(read_source(json.dumps(GOOD).encode() + b"\n{kaputt\n", "upload.jsonl", "upload.jsonl"))
    good, bad = _split(items)
    assert [a.id for a in good] == ["gut"] and "line 2" in bad[0].reason


def test_a_file_named_twice_is_read_once(tmp_path):
    _article(tmp_path / "a.txt")
    items = list(read_paths([str(tmp_path), str(tmp_path / "a.txt"), str(tmp_path / "*.txt")]))
    assert [type(i).__name__ for i in items] == ["Article"]


def test_a_bad_path_reached_twice_is_named_once(tmp_path):
    os.mkfifo(tmp_path / "rohr.txt")
    with deadline(20):
        items = list(read_paths([str(tmp_path / "rohr.txt"), str(tmp_path), str(tmp_path / "*.txt")]))
    assert len(items) == 1 and "FIFO" in items[0].reason
