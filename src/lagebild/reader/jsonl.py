"""JSON Lines corpora: one article per line with `id`, `date`, `text` and optional `title`, `source`, `url`."""

from __future__ import annotations

import json
from collections.abc import Iterator

from lagebild.doc import Article, ArticleDate
from lagebild.reader.textfile import FormatError


def parse_jsonl_line(line: str, origin: str) -> Article:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as e:
        raise FormatError(f"not JSON ({e.msg} at column {e.colno})") from None
    if not isinstance(obj, dict):
        raise FormatError("a line must be a JSON object")
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
        if not line.strip():
            continue
        try:
            yield parse_jsonl_line(line, origin)
        except FormatError as e:
            yield FormatError(f"line {n}: {e}")
