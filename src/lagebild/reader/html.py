"""HTML pages: main text through trafilatura, publication date through htmldate."""

from __future__ import annotations

from lagebild.doc import Article, ArticleDate
from lagebild.reader.textfile import FormatError


def parse_html(
    raw: str, article_id: str, origin: str | None = None, default_date: ArticleDate | None = None
) -> Article:
    """The page's main text and date; `default_date` when the page shows none."""
    import trafilatura
    from htmldate import find_date

    text = trafilatura.extract(raw, include_comments=False, include_tables=False, favor_precision=True)
    if not text or not text.strip():
        raise FormatError("no article text found in the HTML page")
    meta = trafilatura.extract_metadata(raw)
    title = meta.title if meta and meta.title else None
    found = find_date(raw, original_date=True, outputformat="%Y-%m-%d", extensive_search=True)
    when = ArticleDate.parse(found) if found else default_date
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    return Article(
        id=article_id,
        text=text,
        date=when,
        title=title,
        url=meta.url if meta else None,
        source=meta.sitename if meta else None,
        origin=origin,
    )
