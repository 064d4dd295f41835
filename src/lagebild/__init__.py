"""lagebild: German conflict news in, ACLED-style event records out.

>>> import lagebild
>>> events = lagebild.extract_text("Die syrische Armee hat die Stadt Palmyra eingenommen.", "2017-03-02")
"""

from __future__ import annotations

__version__ = "0.1.0"


def extract_text(text: str, date: str | None = None, article_id: str = "article", lang: str = "de") -> list[dict]:
    """Events of one article given as text and ISO date prefix (None when unknown)."""
    from lagebild.doc import Article, ArticleDate
    from lagebild.pipeline import extract

    when = ArticleDate.parse(date) if date else None
    return extract(Article(id=article_id, text=text, date=when), lang)


__all__ = ["__version__", "extract_text"]
