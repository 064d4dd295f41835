"""JSON Lines corpora: one article per line with `id`, `date`, `text` and optional `title`, `source`, `url`."""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import BinaryIO

from lagebild.doc import Article, ArticleDate
from lagebild.reader.textfile import FormatError


def parse_jsonl_line(line: str, origin: str) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise FormatError(f"not JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(obj, dict):
        raise FormatError("a line must be a JSON object")
    return parse_jsonl_record(obj, origin)


def parse_jsonl_record(obj: dict, origin: str) -> Article:
    """An article from one decoded JSON Lines record."""
    aid, text = obj.get("id"), obj.get("text")
    if not isinstance(aid, str) or not aid:
        raise FormatError("missing `id`")
    if not isinstance(text, str) or not text.strip():
        raise FormatError(f"article {aid!r}: missing or empty `text`")
    raw_date = obj.get("date")
    when = None
    if raw_date not in (None, "", "unknown"):
        try:
            when = ArticleDate.parse(str(raw_date)[:10])
        except ValueError:
            raise FormatError(f"article {aid!r}: unparsable date {raw_date!r}") from None
    return Article(
        id=aid,
        text=text,
        date=when,
        title=obj.get("title"),
        source=obj.get("source"),
        url=obj.get("url"),
        origin=origin,
    )


def iter_jsonl(lines: Iterator[str], origin: str) -> Iterator[Article | FormatError]:
    """Yield articles, or a FormatError naming the line, for every non-blank line."""
    for n, line in enumerate(lines, 1):
        if line.strip():
            yield _numbered(n, line, origin)


def _numbered(n: int, line: str, origin: str) -> Article | FormatError:
    """One non-blank line's article, or its error with the line number."""
    try:
        return parse_jsonl_line(line, origin)
    except FormatError as e:
        return FormatError(f"line {n}: {e}")


def iter_jsonl_file(fh: BinaryIO, origin: str) -> Iterator[Article | FormatError]:
    """A JSON Lines file read line by line, so a corpus of any size is never in memory whole.

    As `iter_jsonl`, and a line that is not UTF-8 is one bad line, not a bad file. A file with NUL
    bytes in its first 4 KB is not text: one FormatError for the whole file.
    """
    if b"\x00" in fh.read(4096):
        yield FormatError("binary file, not text")
        return
    fh.seek(0)
    for n, raw in enumerate(fh, 1):
        try:
            line = (raw.removeprefix(codecs.BOM_UTF8) if n == 1 else raw).decode("utf-8")
        except UnicodeDecodeError as e:
            yield FormatError(f"line {n}: not UTF-8 (invalid byte at position {e.start})")
            continue
        if line.strip():
            yield _numbered(n, line, origin)
