"""The article text format of EVENTS.md: ` date YYYY[-MM[-DD]]|unknown <title or lead> ...`."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from lagebild.doc import Article, ArticleDate

if TYPE_CHECKING:
    from lagebild.reader.limits import Limits

# Optional leading white space, the word `date`, one space, the date token, then white space.
HEADER = re.compile(r"\s*date[ \t]+(\S+)\s*")


class FormatError(ValueError):
    """The input is not an article in a format lagebild reads; the message says why."""


def parse_text_article(
    raw: str,
    article_id: str,
    origin: str | None = None,
    default_date: ArticleDate | None = None,
    limits: Limits | None = None,
) -> Article:
    """Split the header from the article text; the text starts right after the date and its white space.

    A file without the header is refused, unless the caller gives its date (`--date`): then the
    whole file is the article text. The article is checked against `limits` (the default limits
    when None): see `reader.limits`.
    """
    from lagebild.reader.limits import DEFAULT, check_article, title_from_text

    if not raw.strip():
        raise FormatError("empty file")
    m = HEADER.match(raw)
    if not m and default_date is not None:
        article = Article(id=article_id, text=raw, date=default_date, title=title_from_text(raw.strip()), origin=origin)
        return check_article(article, limits or DEFAULT, derived_title=True)
    if not m:
        first = raw.strip().split(None, 1)[0][:40]
        raise FormatError(
            f"no `date` header: the first token is {first!r}, expected `date` (or give the article's date)"
        )
    token = m.group(1)
    if token == "unknown":
        when = None
    else:
        try:
            when = ArticleDate.parse(token)
        except ValueError:
            raise FormatError(f"unparsable date {token!r}: expected YYYY, YYYY-MM, YYYY-MM-DD or unknown") from None
    text = raw[m.end() :]
    if not text.strip():
        raise FormatError("the article has a header but no text")
    article = Article(id=article_id, text=text, date=when, title=title_from_text(text), origin=origin)
    return check_article(article, limits or DEFAULT, derived_title=True)
