"""JSON Lines corpora: one article per line with `id`, `date`, `text` and optional `title`, `source`, `url`.

A corpus is read line by line from a byte stream, so memory stays flat however many articles it
holds, and a line is never held whole when it is longer than any article within the limit can be
(a file without line breaks, or /dev/zero behind a name, is skipped in chunks). Each line is its own
unit of failure: bad JSON, a nesting too deep for the parser, a field of the wrong type, bytes that
are not UTF-8 spoil that line only, and the error names its number.
"""

from __future__ import annotations

import codecs
import json
from collections.abc import Iterator
from typing import BinaryIO

from lagebild.doc import Article, ArticleDate
from lagebild.reader.limits import DEFAULT, Limits, check_article, check_id
from lagebild.reader.textfile import FormatError

CHUNK = 1 << 16


def parse_jsonl_line(line: str, origin: str, limits: Limits = DEFAULT) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise FormatError(f"not JSON ({e.msg} at column {e.colno})") from None
    except RecursionError:
        raise FormatError("JSON nested too deeply to read") from None
    except ValueError as e:  # an integer of more than 4,300 digits
        raise FormatError(f"not readable JSON ({e})") from None
    if not isinstance(obj, dict):
        raise FormatError("a line must be a JSON object")
    return parse_jsonl_record(obj, origin, limits)


def parse_jsonl_record(obj: dict, origin: str, limits: Limits = DEFAULT) -> Article:
    """An article from one decoded JSON Lines record, its fields checked (`limits.check_article`)."""
    aid = check_id(obj.get("id"))
    raw_date = obj.get("date")
    when = None
    if raw_date not in (None, "", "unknown"):
        if not isinstance(raw_date, str | int) or isinstance(raw_date, bool):
            raise FormatError(f"article {aid!r}: `date` must be a string, not {type(raw_date).__name__}")
        try:
            when = ArticleDate.parse(str(raw_date)[:10])
        except ValueError:
            raise FormatError(f"article {aid!r}: unparsable date {str(raw_date)[:40]!r}") from None
    article = Article(
        id=aid,
        text=obj.get("text"),  # type: ignore[arg-type]  # checked next
        date=when,
        title=obj.get("title"),
        source=obj.get("source"),
        url=obj.get("url"),
        origin=origin,
    )
    return check_article(article, limits)


def iter_jsonl(lines: Iterator[str], origin: str, limits: Limits = DEFAULT) -> Iterator[Article | FormatError]:
    """Yield articles, or a FormatError naming the line, for every non-blank line."""
    for n, line in enumerate(lines, 1):
        if line.strip():
            yield _numbered(n, line, origin, limits)


def _numbered(n: int, line: str, origin: str, limits: Limits) -> Article | FormatError:
    """One non-blank line's article, or its error with the line number."""
    try:
        return parse_jsonl_line(line, origin, limits)
    except FormatError as e:
        return FormatError(f"line {n}: {e}")


def bounded_lines(fh: BinaryIO, max_bytes: int) -> Iterator[bytes | None]:
    """Every line of a byte stream, or None for a line longer than `max_bytes`, which is skipped in
    chunks without being held."""
    while True:
        line = fh.readline(max_bytes + 1)
        if not line:
            return
        if len(line) <= max_bytes or line.endswith(b"\n"):
            yield line
            continue
        while line and not line.endswith(b"\n"):
            line = fh.readline(CHUNK)
        yield None


def iter_jsonl_file(fh: BinaryIO, origin: str, limits: Limits = DEFAULT) -> Iterator[Article | FormatError]:
    """A JSON Lines stream read line by line, so a corpus of any size is never in memory whole.

    As `iter_jsonl`, and a line that is not UTF-8 is one bad line, not a bad file. `fh` must support
    `readline(limit)` (any buffered binary stream). The caller has checked that the stream is text.
    """
    for n, raw in enumerate(bounded_lines(fh, limits.line_bytes), 1):
        if raw is None:
            yield FormatError(
                f"line {n}: longer than {limits.line_bytes:,} bytes, more than an article within the limit "
                f"of {limits.max_chars:,} characters can take (raise it with --max-chars)"
            )
            continue
        try:
            line = (raw.removeprefix(codecs.BOM_UTF8) if n == 1 else raw).decode("utf-8")
        except UnicodeDecodeError as e:
            yield FormatError(f"line {n}: not UTF-8 (invalid byte at position {e.start})")
            continue
        if line.strip():
            yield _numbered(n, line, origin, limits)
