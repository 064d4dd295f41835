"""Turning command-line paths (files, directories, globs, `-`) into a stream of articles and errors."""

from __future__ import annotations

import glob
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from lagebild.doc import Article, ArticleDate
from lagebild.reader.html import parse_html
from lagebild.reader.jsonl import iter_jsonl, iter_jsonl_file
from lagebild.reader.textfile import FormatError, parse_text_article

ARTICLE_SUFFIXES = {".txt", ".jsonl", ".html", ".htm"}


@dataclass
class ReadError:
    """One input that could not be read: where, and why. Printed as `path: reason`."""

    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


def expand(paths: Iterable[str]) -> Iterator[Path | str]:
    """Files as given, directories recursively (article files only, sorted), globs expanded; `-` is stdin."""
    for p in paths:
        if p == "-":
            yield "-"
            continue
        path = Path(p)
        if path.is_dir():
            for f in sorted(path.rglob("*")):
                if f.is_file() and f.suffix.lower() in ARTICLE_SUFFIXES and not f.name.endswith(".gold.json"):
                    yield f
        elif path.exists():
            yield path
        else:
            matches = sorted(glob.glob(p, recursive=True))
            if matches:
                yield from (Path(m) for m in matches if Path(m).is_file())
            else:
                yield Path(p)  # reported as missing by read_file


def _decode(data: bytes, origin: str) -> str:
    if b"\x00" in data[:4096]:
        raise FormatError("binary file, not text")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise FormatError(f"not UTF-8 (invalid byte at position {e.start})") from None


def read_source(
    data: bytes, origin: str, name: str, default_date: ArticleDate | None = None
) -> Iterator[Article | ReadError]:
    """Read one file's bytes by its kind: JSON Lines, HTML or the article text format.

    `default_date` dates a text file without its header and an HTML page that shows no date.
    """
    try:
        raw = _decode(data, origin)
        stripped = raw.lstrip()
        if name.endswith(".jsonl") or stripped.startswith("{"):
            for item in iter_jsonl(iter(raw.splitlines()), origin):
                yield ReadError(origin, str(item)) if isinstance(item, FormatError) else item
            return
        article_id = Path(name).name
        for suffix in (".txt", ".html", ".htm"):
            article_id = article_id.removesuffix(suffix)
        if name.endswith((".html", ".htm")) or stripped[:15].lower().startswith(("<!doctype", "<html")):
            yield parse_html(raw, article_id, origin, default_date)
        else:
            yield parse_text_article(raw, article_id, origin, default_date)
    except FormatError as e:
        yield ReadError(origin, str(e))


def _read_jsonl_file(path: Path, origin: str) -> Iterator[Article | ReadError]:
    """A JSON Lines corpus, streamed: memory stays flat however many articles it holds."""
    try:
        with path.open("rb") as fh:
            for item in iter_jsonl_file(fh, origin):
                yield ReadError(origin, str(item)) if isinstance(item, FormatError) else item
    except OSError as e:
        yield ReadError(origin, f"cannot read ({e.strerror})")


def read_paths(
    paths: Iterable[str], stdin=None, default_date: ArticleDate | None = None
) -> Iterator[Article | ReadError]:
    """Every article (or error) from the given paths, in order; `default_date` as in `read_source`."""
    for item in expand(paths):
        if item == "-":
            stream = stdin or sys.stdin.buffer
            yield from read_source(stream.read(), "<stdin>", "<stdin>", default_date)
            continue
        origin = str(item)
        if item.suffix.lower() == ".jsonl" and item.is_file():
            yield from _read_jsonl_file(item, origin)
            continue
        try:
            data = Path(item).read_bytes()
        except FileNotFoundError:
            yield ReadError(origin, "no such file or directory")
            continue
        except OSError as e:
            yield ReadError(origin, f"cannot read ({e.strerror})")
            continue
        yield from read_source(data, origin, Path(item).name, default_date)
