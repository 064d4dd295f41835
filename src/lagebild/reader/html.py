"""HTML pages: main text through trafilatura, publication date through htmldate."""

from __future__ import annotations

from lagebild.doc import Article, ArticleDate
from lagebild.reader.limits import DEFAULT, MAX_FIELD_CHARS, Limits, check_article
from lagebild.reader.textfile import FormatError


def parse_html(
    raw: str,
    article_id: str,
    origin: str | None = None,
    default_date: ArticleDate | None = None,
    limits: Limits = DEFAULT,
) -> Article:
    """The page's main text and date; `default_date` when the page shows none. A page the HTML
    libraries cannot parse (they raise on some malformed or deeply nested markup) is a FormatError
    like any other unreadable input."""
    import trafilatura
    from htmldate import find_date

    try:
        text = trafilatura.extract(raw, include_comments=False, include_tables=False, favor_precision=True)
        if not text or not text.strip():
            raise FormatError("no article text found in the HTML page")
        meta = trafilatura.extract_metadata(raw)
        found = find_date(raw, original_date=True, outputformat="%Y-%m-%d", extensive_search=True)
    except FormatError:
        raise
    except (RecursionError, ValueError, TypeError, LookupError, AttributeError) as e:
        raise FormatError(f"the HTML page cannot be parsed ({type(e).__name__}: {str(e)[:100]})") from None
    title = _cut(meta.title if meta else None)
    try:
        when = ArticleDate.parse(found) if found else default_date
    except ValueError:
        when = default_date  # htmldate keeps to plausible years; a date outside them is no date
    if title and not text.startswith(title):
        text = f"{title}\n\n{text}"
    article = Article(
        id=article_id,
        text=text,
        date=when,
        title=title,
        url=_cut(meta.url if meta else None),
        source=_cut(meta.sitename if meta else None),
        origin=origin,
    )
    return check_article(article, limits)


def _cut(value: str | None) -> str | None:
    """Metadata the page gives, cut to the length a field may have (the page, not the user, chose it)."""
    return value[:MAX_FIELD_CHARS] if isinstance(value, str) and value else None
