"""What an article may be: its fields' types and sizes, checked once where it is read.

Everything downstream (the pipeline, the store, the exporters, the web app) may then rely on an
`Article` being sound: an id that is a short string without control characters, a text of at most
`max_chars` characters, metadata that is text or nothing, a date within years 1-9999 (ArticleDate
parses only those), and no lone UTF-16 surrogates (they cannot be encoded as UTF-8, so neither
spaCy nor SQLite nor a JSON writer takes them). A check that fails raises `FormatError` with a
message that names the field and the problem; the batch reports it and goes on.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from lagebild.doc import Article
from lagebild.reader.textfile import FormatError

# The default limit on an article's text. The longest of the 1,979 corpus articles has 39,221
# characters; 200,000 (about 30,000 words) leaves five times that, and extracts in a few seconds.
# Longer input is refused with a message, so one pasted book cannot hold a batch for minutes.
MAX_CHARS = 200_000
MAX_ID_CHARS = 512  # an id names a file or a corpus record; it is part of every event id and URL
MAX_FIELD_CHARS = 10_000  # title, source, url
SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class Limits:
    """The per-article limit, and the byte budgets the reader derives from it before decoding."""

    max_chars: int = MAX_CHARS

    def __post_init__(self) -> None:
        if self.max_chars < 1:
            raise ValueError(f"max_chars must be at least 1, not {self.max_chars}")

    @property
    def text_bytes(self) -> int:
        """A text file longer than this cannot hold an article within the limit (UTF-8: 4 bytes a
        character at most, plus the header)."""
        return 4 * self.max_chars + 4096

    @property
    def html_bytes(self) -> int:
        """HTML pages carry markup, scripts and styles around their text: 10 MB at least."""
        return max(10 * 1024 * 1024, 8 * self.max_chars)

    @property
    def line_bytes(self) -> int:
        """A JSON Lines record: the text in escapes (\\uXXXX is 6 bytes a character), plus metadata."""
        return 6 * self.max_chars + 6 * 3 * MAX_FIELD_CHARS + 4096


DEFAULT = Limits()


def clean_text(value: str) -> str:
    """Lone surrogates as U+FFFD: one character for one, so every offset into the text stays."""
    return SURROGATE.sub("\ufffd", value) if SURROGATE.search(value) else value


def check_id(value: object) -> str:
    """An article id: a non-empty string of at most MAX_ID_CHARS characters, without control characters."""
    if value is None or (isinstance(value, str) and not value.strip()):
        raise FormatError("missing `id`")
    if not isinstance(value, str):
        raise FormatError(f"`id` must be a string, not {type(value).__name__}")
    if len(value) > MAX_ID_CHARS:
        raise FormatError(f"`id` has {len(value):,} characters, more than {MAX_ID_CHARS}")
    bad = next((c for c in value if unicodedata.category(c) in ("Cc", "Cs")), None)
    if bad is not None:
        raise FormatError(f"`id` {value[:60]!r} contains the control character U+{ord(bad):04X}")
    return value


def check_field(name: str, value: object) -> str | None:
    """Optional metadata (title, source, url): text or nothing, of a sensible length."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise FormatError(f"`{name}` must be a string or null, not {type(value).__name__}")
    if len(value) > MAX_FIELD_CHARS:
        raise FormatError(f"`{name}` has {len(value):,} characters, more than {MAX_FIELD_CHARS:,}")
    return clean_text(value) or None


def check_article(article: Article, limits: Limits = DEFAULT, derived_title: bool = False) -> Article:
    """The article with its fields checked and cleaned; FormatError names the first problem.

    `derived_title`: the title is the text's first line (the text format), not a field of its own.
    """
    aid = check_id(article.id)
    where = f"article {aid!r}: "
    try:
        if article.text is None or (isinstance(article.text, str) and not article.text.strip()):
            raise FormatError("missing or empty `text`")
        if not isinstance(article.text, str):
            raise FormatError(f"`text` must be a string, not {type(article.text).__name__}")
        if len(article.text) > limits.max_chars:
            raise FormatError(
                f"the text has {len(article.text):,} characters, more than the limit of {limits.max_chars:,} "
                "(raise it with --max-chars)"
            )
        # a title taken from the text itself is as long as its first line: only a given one is checked
        title = article.title if derived_title else check_field("title", article.title)
        source, url = (check_field(k, getattr(article, k)) for k in ("source", "url"))
    except FormatError as e:
        raise FormatError(where + str(e)) from None
    title = clean_text(title) if title else None
    return replace(article, id=aid, text=clean_text(article.text), title=title, source=source, url=url)


def title_from_text(text: str) -> str | None:
    """The first line of the text as its title (the pipeline reads it as the headline, so it is not cut:
    the text's own limit bounds it)."""
    return text.split("\n", 1)[0].strip() or None
