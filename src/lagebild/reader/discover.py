"""Turning command-line paths (files, folders, globs, `-`) into a stream of articles and errors.

Each input is read from a byte stream by its kind (JSON Lines, HTML or the text format of EVENTS.md)
with bounded memory: a text or HTML file is read only up to the size an article within the limit can
have, a JSON Lines stream line by line. In one run an article id is used once: a second article with
an id already read (`a/bericht.txt` named on its own, and a JSON Lines record `bericht`) is refused
with a message naming both, instead of silently replacing the first.
"""

from __future__ import annotations

import io
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from lagebild.doc import Article, ArticleDate
from lagebild.reader.html import parse_html
from lagebild.reader.jsonl import iter_jsonl_file
from lagebild.reader.limits import DEFAULT, Limits
from lagebild.reader.paths import ARTICLE_SUFFIXES, STDIN, Input, ReadError, article_id, expand
from lagebild.reader.textfile import FormatError, parse_text_article

__all__ = ["ARTICLE_SUFFIXES", "ReadError", "expand", "read_paths", "read_source", "read_stream"]

HEAD = 4096  # bytes looked at to tell binary from text, and JSON Lines from an article


class _Prefixed(io.RawIOBase):
    """A stream whose first bytes were already read: they are served again, then the rest."""

    def __init__(self, head: bytes, rest: BinaryIO) -> None:
        self._head = memoryview(head)
        self._rest = rest

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        if self._head:
            n = min(len(buffer), len(self._head))
            buffer[:n] = self._head[:n]
            self._head = self._head[n:]
            return n
        data = self._rest.read(len(buffer))
        buffer[: len(data)] = data
        return len(data)


def _read_head(fh: BinaryIO) -> bytes:
    """Up to HEAD bytes, reading again after short reads (a pipe hands data over in pieces)."""
    parts, got = [], 0
    while got < HEAD:
        chunk = fh.read(HEAD - got)
        if not chunk:
            break
        parts.append(chunk)
        got += len(chunk)
    return b"".join(parts)


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise FormatError(f"not UTF-8 (invalid byte at position {e.start})") from None


def _kind(head: bytes, name: str) -> str:
    """jsonl, html or txt: by the name's suffix, else by the first bytes."""
    low = name.lower()
    stripped = head.removeprefix(b"\xef\xbb\xbf").lstrip()
    if low.endswith(".jsonl") or stripped.startswith(b"{"):
        return "jsonl"
    if low.endswith((".html", ".htm")) or stripped[:15].lower().startswith((b"<!doctype", b"<html")):
        return "html"
    return "txt"


def read_stream(
    fh: BinaryIO,
    origin: str,
    name: str,
    *,
    limits: Limits = DEFAULT,
    article_name: str | None = None,
    default_date: ArticleDate | None = None,
) -> Iterator[Article | ReadError]:
    """Every article of one input stream, or the reasons it could not be read, by the input's kind.

    `article_name` is the id of a single-article input (text, HTML); by default the name's file name
    without its suffix. `default_date` dates a text file without its header and an HTML page that
    shows no date.
    """
    try:
        head = _read_head(fh)
        if b"\x00" in head:
            raise FormatError("binary file, not text")
        kind = _kind(head, name)
        if kind == "jsonl":
            stream = io.BufferedReader(_Prefixed(head, fh), buffer_size=1 << 16)
            for item in iter_jsonl_file(stream, origin, limits):
                yield ReadError(origin, str(item)) if isinstance(item, FormatError) else item
            return
        cap = limits.html_bytes if kind == "html" else limits.text_bytes
        data = head + fh.read(cap + 1 - len(head)) if len(head) == HEAD else head
        if len(data) > cap:
            raise FormatError(
                f"more than {cap:,} bytes, longer than an article within the limit of {limits.max_chars:,} "
                "characters can be (raise it with --max-chars)"
            )
        raw = _decode(data)
        aid = article_name if article_name is not None else article_id(Path(name).name)
        if kind == "html":
            yield parse_html(raw, aid, origin, default_date, limits)
        else:
            yield parse_text_article(raw, aid, origin, default_date, limits)
    except FormatError as e:
        yield ReadError(origin, str(e))
    except OSError as e:
        yield ReadError(origin, f"cannot read ({e.strerror or e})")


def read_source(
    data: bytes,
    origin: str,
    name: str,
    default_date: ArticleDate | None = None,
    *,
    limits: Limits = DEFAULT,
    article_name: str | None = None,
) -> Iterator[Article | ReadError]:
    """Read one input's bytes by its kind: JSON Lines, HTML or the article text format."""
    yield from read_stream(
        io.BytesIO(data), origin, name, limits=limits, article_name=article_name, default_date=default_date
    )


def _read_input(item: Input, limits: Limits, default_date: ArticleDate | None) -> Iterator[Article | ReadError]:
    origin = str(item.path)
    try:
        fh = item.path.open("rb")
    except FileNotFoundError:
        yield ReadError(origin, "no such file or directory")
        return
    except OSError as e:
        yield ReadError(origin, f"cannot read ({e.strerror or e})")
        return
    with fh:
        yield from read_stream(
            fh, origin, item.path.name, limits=limits, article_name=item.article_id, default_date=default_date
        )


def read_paths(
    paths: Iterable[str], stdin=None, default_date: ArticleDate | None = None, limits: Limits = DEFAULT
) -> Iterator[Article | ReadError]:
    """Every article (or error) from the given paths, in order; an id read twice is an error the second time.

    A file reached twice (named, and within a folder named) is read once, and a path that cannot be
    read is named once. `default_date` as in `read_stream`.
    """
    seen: dict[str, str] = {}
    files: set[str] = set()  # a file named twice (by itself and through its folder) is read once
    reported: set[tuple[str, str]] = set()  # and a path that cannot be read is named once
    for item in expand(paths):
        if isinstance(item, ReadError):
            key = (os.path.realpath(item.origin), item.reason)
            if key not in reported:
                reported.add(key)
                yield item
            continue
        if item != STDIN:
            real = os.path.realpath(item.path)
            if real in files:
                continue
            files.add(real)
        if item == STDIN:
            articles = read_stream(
                stdin or sys.stdin.buffer, "<stdin>", "<stdin>", limits=limits, default_date=default_date
            )
        else:
            articles = _read_input(item, limits, default_date)
        for a in articles:
            if isinstance(a, Article):
                if a.id in seen:
                    yield ReadError(
                        a.origin or a.id,
                        f"article id {a.id!r} was already read from {seen[a.id]} in this run; skipped "
                        "(rename the file, or give the record another `id`)",
                    )
                    continue
                seen[a.id] = a.origin or "<input>"
            yield a
