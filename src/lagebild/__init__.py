"""lagebild: German conflict news in, ACLED-style event records out.

>>> import lagebild
>>> events = lagebild.extract_text("Die syrische Armee hat die Stadt Palmyra eingenommen.", "2017-03-02")

Bad input raises `lagebild.FormatError` with a message naming the problem (`extract_text`), or is
one `ReadError` among the results while the rest go on (`extract_paths`, `ingest_paths`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from lagebild.reader.textfile import FormatError

if TYPE_CHECKING:
    from lagebild.ingest import Extracted, IngestReport
    from lagebild.reader.paths import ReadError

__version__ = "0.1.0"
MAX_CHARS = 200_000  # the default per-article limit (lagebild.reader.limits.MAX_CHARS)


class ExtractionError(RuntimeError):
    """The pipeline failed on an article it accepted: the message names the article and the error."""


def extract_text(
    text: str,
    date: str | None = None,
    article_id: str = "article",
    lang: str = "de",
    *,
    max_chars: int = MAX_CHARS,
) -> list[dict]:
    """Events of one article given as text and ISO date prefix (None when unknown).

    FormatError: the text, date or id is not usable (wrong type, empty, longer than `max_chars`, a
    date outside YYYY[-MM[-DD]] in years 1-9999). ExtractionError: the pipeline failed on it.
    """
    from lagebild.doc import Article, ArticleDate
    from lagebild.ingest import extract_one
    from lagebild.reader.limits import Limits, check_article
    from lagebild.reader.paths import ReadError

    if date is not None and not isinstance(date, str):
        raise FormatError(f"article {article_id!r}: the date must be a string such as '2024-05-10', not {date!r}")
    try:
        when = ArticleDate.parse(date) if date else None
    except ValueError:
        raise FormatError(
            f"article {article_id!r}: unparsable date {date[:40]!r}: expected YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None
    article = check_article(Article(id=article_id, text=text, date=when), Limits(max_chars))
    res = extract_one(article, lang)
    if isinstance(res, ReadError):
        raise ExtractionError(res.reason)
    return res.events


def extract_paths(
    paths: Iterable[str], *, lang: str = "de", workers: int = 1, max_chars: int = MAX_CHARS
) -> Iterator[Extracted | ReadError]:
    """Every article of files, folders, globs or "-" (stdin), extracted in input order: an `Extracted`
    (`.article`, `.events`, `.claims`) per article, a `ReadError` (`.origin`, `.reason`) per input
    that could not be read or extracted. One bad input never stops the others."""
    from lagebild.ingest import extract_stream
    from lagebild.reader import Limits, read_paths
    from lagebild.reader.paths import ReadError

    errors: list[ReadError] = []

    def articles():
        for item in read_paths(paths, limits=Limits(max_chars)):
            if isinstance(item, ReadError):
                errors.append(item)
            else:
                yield item

    for res in extract_stream(articles(), lang, workers):
        yield from errors
        errors.clear()
        yield res
    yield from errors


def ingest_paths(
    paths: Iterable[str],
    db: str | None = None,
    *,
    lang: str = "de",
    workers: int = 1,
    max_chars: int = MAX_CHARS,
) -> IngestReport:
    """Extract and store every article of the paths into the database `db` (an SQLAlchemy URL; by
    default $LAGEBILD_DB or the user's data folder), each in its own transaction. The report counts
    what was added, replaced and left unchanged, and lists every input that failed, with its reason.
    StoreError: the database cannot be opened or written at all."""
    from lagebild.ingest import ingest
    from lagebild.reader import Limits, read_paths
    from lagebild.store import Store

    store = Store(db)
    try:
        return ingest(read_paths(paths, limits=Limits(max_chars)), store, lang, workers)
    finally:
        store.close()


__all__ = [
    "MAX_CHARS",
    "ExtractionError",
    "FormatError",
    "__version__",
    "extract_paths",
    "extract_text",
    "ingest_paths",
]
