"""Extraction as a plain function over article dicts: what every engine maps over its partitions.

The fork pool of `lagebild ingest`, a Spark job (`lagebild.spark`), a Dask bag or Ray tasks all do the
same thing: turn articles into event records, one article at a time, with one pipeline per process.
This module is that one thing, free of any engine:

- `article_from_dict` validates one input record with the JSON Lines reader's rules (so a bad record
  gets the same reason wherever it is read);
- `extract_article` runs one `Article` through the process's pipeline, and turns a crash into a
  `ReadError` naming the article, so one bad article never ends a batch;
- `extract_dicts` does both over any iterable of dicts and yields one `Outcome` per input.

The pipeline is built on first use in each process (`get_pipeline`) and reused for every later call:
it is never pickled or shipped, so an engine only needs to import this module in its workers.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

from lagebild.doc import Article, Doc, Sentence
from lagebild.pipeline import get_pipeline
from lagebild.reader.discover import ReadError
from lagebild.reader.jsonl import parse_jsonl_record
from lagebild.reader.textfile import FormatError


@dataclass(slots=True)
class Extracted:
    """The stored part of a `Doc`: the attribute names are `Doc`'s, so `Store.save` takes either."""

    article: Article
    sents: list[Sentence] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Doc) -> Extracted:
        return cls(doc.article, doc.sents, doc.events, doc.claims)


@dataclass(slots=True)
class Outcome:
    """What one input record became: its events and claims, or the reason it was rejected."""

    article_id: str | None
    origin: str | None
    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None


def extract_article(article: Article, lang: str = "de") -> Extracted | ReadError:
    """One article through this process's pipeline; a crash in a component is reported, not raised."""
    try:
        return Extracted.of(get_pipeline(lang)(article))
    except Exception as e:  # noqa: BLE001 - one bad article must not end a corpus run
        reason = f"{type(e).__name__}: {str(e)[:200]}"
        return ReadError(article.origin or article.id, f"article {article.id!r}: extraction failed ({reason})")


def article_from_dict(row: Mapping[str, Any], origin: str = "<record>") -> Article:
    """An `Article` from a record with `id`, `date`, `text` and optional `title`, `source`, `url`.

    The rules are the JSON Lines reader's (a missing id or text, an unparsable date are refused with a
    `FormatError` that says so). A date may also be a `datetime.date` or `datetime.datetime`, as
    Parquet and Spark hand them over. A row's own `origin` (the file it came from) wins over the default.
    """
    if not isinstance(row, Mapping):
        raise FormatError(f"a record must be a mapping, not {type(row).__name__}")
    obj = dict(row)
    when = obj.get("date")
    if isinstance(when, dt.datetime):
        obj["date"] = when.date().isoformat()
    elif isinstance(when, dt.date):
        obj["date"] = when.isoformat()
    for key in ("title", "source", "url"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise FormatError(f"article {obj.get('id')!r}: `{key}` must be text, not {type(obj[key]).__name__}")
    return parse_jsonl_record(obj, obj.get("origin") or origin)


def extract_dicts(rows: Iterable[Mapping[str, Any]], lang: str = "de", origin: str = "<record>") -> Iterator[Outcome]:
    """Events and claims of every record, in input order: one `Outcome` per record, bad ones included.

    This is the function to map over a partition, a Dask bag or a Ray batch:

        outcomes = [o for o in extract_dicts(batch_of_dicts)]

    It loads the language on the first call in a process and reuses it afterwards.
    """
    for row in rows:
        record = isinstance(row, Mapping)
        aid = row.get("id") if record else None
        where = (row.get("origin") if record else None) or origin
        try:
            article = article_from_dict(row, origin)
        except FormatError as e:
            yield Outcome(aid if isinstance(aid, str) else None, where, error=str(e))
            continue
        res = extract_article(article, lang)
        if isinstance(res, ReadError):
            yield Outcome(article.id, where, error=res.reason)
        else:
            yield Outcome(article.id, where, res.events, res.claims)
