"""The document object that flows through the pipeline.

One `Doc` holds an article's text and everything the components learn about it. Every span keeps
character offsets into `Doc.text` (the article text as EVENTS.md defines it), so any fact can be
traced back to the exact characters it was read from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class ArticleDate:
    """An article or event date at the precision the source gives: a day, a month or a year."""

    year: int
    month: int | None = None
    day: int | None = None

    @property
    def precision(self) -> int:
        """EVENTS.md time_precision: 1 day, 3 month or coarser."""
        return 1 if self.day else 3

    def iso(self) -> str:
        if self.day:
            return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"
        if self.month:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}"

    def anchor(self) -> date:
        """A concrete day to resolve relative expressions against: the day, else the period's last day.

        The last day is used because an article dated only by month was written some time in that
        month, and "vor einer Woche" must not land after it.
        """
        import calendar

        if self.day:
            return date(self.year, self.month or 1, self.day)
        if self.month:
            return date(self.year, self.month, calendar.monthrange(self.year, self.month)[1])
        return date(self.year, 12, 31)

    @classmethod
    def parse(cls, value: str) -> ArticleDate:
        """Parse an ISO prefix (YYYY, YYYY-MM, YYYY-MM-DD); raise ValueError otherwise."""
        parts = value.strip().split("-")
        if not 1 <= len(parts) <= 3 or len(parts[0]) != 4 or not all(p.isdigit() for p in parts):
            raise ValueError(f"not an ISO date prefix: {value!r}")
        year = int(parts[0])
        month = int(parts[1]) if len(parts) > 1 else None
        day = int(parts[2]) if len(parts) > 2 else None
        date(year, month or 1, day or 1)  # validates ranges
        return cls(year, month, day)


@dataclass
class Article:
    """An input article: its id, date (None for `date unknown`) and text, plus optional metadata."""

    id: str
    text: str
    date: ArticleDate | None
    title: str | None = None
    source: str | None = None
    url: str | None = None
    origin: str | None = None  # the file or stream it came from


@dataclass(slots=True)
class Token:
    i: int
    text: str
    start: int
    end: int
    sent: int
    lemma: str = ""
    lower: str = ""
    is_noise: bool = False
    particle_of: int | None = None  # index of the verb a separable particle belongs to
    norm: str = ""  # `lang.norm(text)`, the lexicon key, computed once rather than by each component

    @property
    def is_title(self) -> bool:
        return self.text[:1].isupper()


@dataclass(slots=True)
class Sentence:
    i: int
    start: int
    end: int
    tok_start: int
    tok_end: int
    is_noise: bool = False
    is_heading: bool = False
    konjunktiv: bool = False
    quoted: bool = False
    sources: list[dict[str, Any]] = field(default_factory=list)  # who the sentence's content comes from


@dataclass(slots=True)
class Span:
    """A labelled stretch of text (a place, an actor, a number, a date, a source ...)."""

    start: int
    end: int
    sent: int
    label: str
    text: str
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class Doc:
    article: Article
    tokens: list[Token] = field(default_factory=list)
    sents: list[Sentence] = field(default_factory=list)
    spans: dict[str, list[Span]] = field(default_factory=dict)
    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    # every candidate event the extractor weighed: its sentence, type, features and the event model's
    # decision (what `lagebild train` learns from, and what explains a kept or dropped event)
    candidates: list[dict[str, Any]] = field(default_factory=list)
    # spans of a label grouped by sentence, with the list and length they were built from
    _by_sent: dict[str, tuple[int, int, dict[int, list[Span]]]] = field(default_factory=dict, repr=False)

    @property
    def text(self) -> str:
        return self.article.text

    def sent_text(self, sent: Sentence) -> str:
        return self.text[sent.start : sent.end]

    def sent_tokens(self, sent: Sentence) -> list[Token]:
        return self.tokens[sent.tok_start : sent.tok_end]

    def add(self, span: Span) -> None:
        self.spans.setdefault(span.label, []).append(span)

    def in_sent(self, label: str, sent: int) -> list[Span]:
        """A sentence's spans of one label, in the order they were added.

        Components ask this for every sentence, so the spans are grouped once per label (and again
        only when spans were added): scanning them per sentence made long articles quadratic.
        """
        spans = self.spans.get(label)
        if not spans:
            return []
        cached = self._by_sent.get(label)
        if cached is None or cached[0] != id(spans) or cached[1] != len(spans):
            index: dict[int, list[Span]] = {}
            for span in spans:
                index.setdefault(span.sent, []).append(span)
            cached = (id(spans), len(spans), index)
            self._by_sent[label] = cached
        return list(cached[2].get(sent, ()))

    def opens_paragraph(self, k: int) -> bool:
        """Whether sentence k begins a paragraph: the first sentence, or one after a line break."""
        return k == 0 or "\n" in self.text[self.sents[k - 1].end : self.sents[k].start]

    def sent_of(self, offset: int) -> int:
        """Index of the sentence that contains a character offset (or the nearest before it)."""
        lo, hi = 0, len(self.sents) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sents[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo
