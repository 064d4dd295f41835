"""Dates in German text, resolved against the article date (CODING_RULES 7).

Absolute dates ("am 3. Mai", "14.04.2024", "im Oktober 2023"), weekdays ("am Dienstag", "in der
Nacht zum Sonntag": the latest such day on or before the article date), day words ("gestern"),
relative phrases ("vor einer Woche", "vor einigen Wochen", "im vergangenen Jahr") and periods ("seit
2014"). Calendar arithmetic is dateutil's; the German phrases are the data in `dates.yaml`.

Each match becomes a `date` span with `iso`, `precision` (1 day, 2 week/range, 3 month or coarser)
and `past`: whether it reaches clearly back before the article's news (background).
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from lagebild.doc import ArticleDate, Doc, Span
from lagebild.lang import Language

MIN_YEAR, MAX_YEAR = 1, 9999  # the years a date can have (datetime's range, and ISO's four digits)
SINCE = re.compile(r"\bseit(?:\s+\w+)?\s*$")  # "seit dem 3. März", "seit vergangenem Oktober": ongoing


def _alt(words) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


class DateFinder:
    def __init__(self, lang: Language) -> None:
        spec = lang["dates"]
        self.months = spec["months"]
        self.weekdays = spec["weekdays"]
        self.days_ago = spec["days_ago"]
        self.units = spec["units"]
        self.vague_counts = spec["vague_counts"]
        self.past_periods = spec["past_periods"]
        self.number_words = {k: v for k, v in lang["numbers"]["words"].items() if " " not in k}
        m, wd = _alt(self.months), _alt(self.weekdays)
        count = _alt([*self.vague_counts, *self.number_words]) + r"|\d+"
        flags = re.IGNORECASE
        words = [
            *self.months,
            *self.weekdays,
            *self.days_ago,
            *(p.split()[0] for p in self.past_periods),
            "vor",
            "seit",
        ]
        # the patterns need a month, weekday or day word, "vor"/"seit", a year or a numeric date
        self.gate = re.compile(rf"\b(?:{_alt(set(words))})|\b(?:19|20)\d\d\b|\d\.\s*\d|\d\.\s+[A-ZÄÖÜ]", flags)
        self.patterns = [
            ("dmy", re.compile(r"\b(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b", flags)),
            (
                "day_month",
                re.compile(
                    rf"\b(?:(?:in der )?nacht (?:zum|zu|auf den) )?(\d{{1,2}})\.\s*({m})\.?(?:\s+(\d{{4}}))?\b", flags
                ),
            ),
            ("month", re.compile(rf"\b(?:(anfang|mitte|ende|im|seit|bis)\s+)?({m})(?:\s+(\d{{4}}))?\b", flags)),
            (
                "weekday",
                re.compile(
                    rf"\b(?:(?:in der )?nacht (?:zum|zu|auf) )?(?:(?:am|vom|seit|vergangenen|letzten|diesen)\s+)*"
                    rf"({wd})(?:morgen|abend|nachmittag|vormittag|mittag|nacht)?\b",
                    flags,
                ),
            ),
            (
                "ago",
                re.compile(
                    rf"\bvor\s+(?:(?:gut|knapp|fast|mehr als|über|etwa|rund)\s+)?(?P<n>einer|einem|{count})\s+"
                    rf"(?P<unit>{_alt(self.units)})\b",
                    flags,
                ),
            ),
            (
                "since_span",
                re.compile(
                    rf"\bseit\s+(?:(?:gut|knapp|fast|mehr als|über|etwa|rund)\s+)?(?P<n>einer|einem|{count})\s+"
                    rf"(?P<unit>{_alt(self.units)})\b",
                    flags,
                ),
            ),
            (
                "since_year",
                re.compile(r"\b(seit|im jahr|im jahre|ab|bis|anfang|ende|mitte)\s+((?:19|20)\d{2})\b", flags),
            ),
            ("period", re.compile(rf"\b({_alt(self.past_periods)})\b", flags)),
            ("day_word", re.compile(rf"\b({_alt(self.days_ago)})\b", flags)),
            ("year_start", re.compile(r"^((?:19|20)\d{2})\b(?!\s*[A-ZÄÖÜ])")),
            # "..., dass 1996 zwei Flugzeuge abgeschossen wurden": a year opening a clause, not a count of a noun
            (
                "year_clause",
                re.compile(r"\b(?:dass|daß|als|weil|nachdem|bevor|wo|wie)\s+((?:19|20)\d{2})\b(?!\s*[A-ZÄÖÜ])"),
            ),
            ("year", re.compile(r"\b(?:im|in|des|von|aus)\s+((?:19|20)\d{2})\b", flags)),
        ]
        # words one of which each pattern cannot match without (checked as plain substrings first)
        month_words = tuple(self.months)
        self.needs = {
            "dmy": (".",),
            "day_month": month_words,
            "month": month_words,
            "weekday": tuple(self.weekdays),
            "ago": ("vor ",),
            "since_span": ("seit ",),
            "since_year": ("19", "20"),
            "period": tuple(p.split()[-1] for p in self.past_periods),
            "day_word": tuple(self.days_ago),
            "year": ("19", "20"),
            "year_clause": ("19", "20"),
        }

    def __call__(self, doc: Doc) -> Doc:
        base = doc.article.date
        for sent in doc.sents:
            if sent.is_noise:
                continue
            text = doc.sent_text(sent)
            if not self.gate.search(text):
                continue  # most sentences name no date: one quick look instead of ten patterns
            taken: list[tuple[int, int]] = []
            low = text.lower()
            for kind, rx in self.patterns:
                needs = self.needs.get(kind)
                if needs and not any(k in low for k in needs):
                    continue  # the pattern's key word is absent: skip the costly regex
                for m in rx.finditer(text):
                    if any(m.start() < e and s < m.end() for s, e in taken):
                        continue
                    resolved = self._checked(kind, m, base)
                    if resolved is None:
                        continue
                    taken.append((m.start(), m.end()))
                    when, precision, past = resolved
                    start = sent.start + m.start()
                    since = m.group().lower().startswith("seit") or bool(SINCE.search(text[: m.start()].lower()))
                    doc.add(
                        Span(
                            start,
                            sent.start + m.end(),
                            sent.i,
                            "date",
                            m.group(),
                            {"iso": when.iso(), "precision": precision, "past": past, "kind": kind, "since": since},
                        )
                    )
        return doc

    # --- resolution -------------------------------------------------------------------------------
    def _checked(self, kind: str, m: re.Match, base: ArticleDate | None):
        """`_resolve`, with a date the calendar cannot hold read as no date.

        "vor 3000 Jahren" in a 2024 article, "am Dienstag" in an article dated 0001-01-01 or "vor
        99999999999999999999 Tagen" reach outside years 1-9999: date arithmetic raises there
        (ValueError, OverflowError), and one such phrase must not cost the article its other dates.
        """
        try:
            resolved = self._resolve(kind, m, base)
        except (ValueError, OverflowError):
            return None
        if resolved is None or resolved[0] is None or not MIN_YEAR <= resolved[0].year <= MAX_YEAR:
            return None
        return resolved

    def _resolve(self, kind: str, m: re.Match, base: ArticleDate | None):
        anchor = base.anchor() if base else None
        low = m.group(0).lower()
        if kind == "dmy":
            d, mo, y = int(m.group(1)), int(m.group(2)), int(m.group(3))
            y = y + 2000 if y < 100 else y
            return self._day(y, mo, d, anchor, explicit_year=True)
        if kind == "day_month":
            d, mo = int(m.group(1)), self.months[m.group(2).lower()]
            if m.group(3):
                return self._day(int(m.group(3)), mo, d, anchor, explicit_year=True)
            if not anchor:
                return None
            y = anchor.year if (mo, d) <= (anchor.month, anchor.day) or not base.day else anchor.year - 1
            if not base.day and mo > anchor.month:
                y = anchor.year - 1
            return self._day(y, mo, d, anchor, explicit_year=False)
        if kind == "month":
            mo = self.months[m.group(2).lower()]
            if m.group(2)[0].islower() and len(m.group(2)) <= 4:
                return None  # "mai" as a word, abbreviations in lower case
            if m.group(3):
                y = int(m.group(3))
            elif anchor:
                y = anchor.year if mo <= anchor.month else anchor.year - 1
            else:
                return None
            when = ArticleDate(y, mo)
            return when, 3, self._is_past(when, base, weeks=4)
        if kind == "weekday":
            if not anchor or not base or not base.day:
                return (base, 3, False) if base else None
            wd = self.weekdays[m.group(1).lower()]
            back = (anchor.weekday() - wd) % 7
            d = anchor - timedelta(days=back)
            return ArticleDate(d.year, d.month, d.day), 1, False
        if kind in ("ago", "since_span"):
            if not anchor:
                return None
            raw = m.group("n").lower()
            raw = "1" if raw in ("einer", "einem") else raw
            vague = raw in self.vague_counts
            n = int(raw) if raw.isdigit() else self.vague_counts.get(raw) or self.number_words.get(raw, 1)
            unit = self.units[m.group("unit").lower()]
            d = anchor - relativedelta(**{f"{unit}s": n})
            past = unit in ("month", "year") or (unit == "week" and n >= 2)
            if unit == "day" and base.day and not vague:
                return ArticleDate(d.year, d.month, d.day), 1, False
            if unit in ("day", "week") and base.day and not vague:
                return ArticleDate(d.year, d.month, d.day), 2, past
            if unit in ("day", "week", "month") and not vague and (base.month or unit == "month"):
                return ArticleDate(d.year, d.month), 3, past
            return ArticleDate(d.year), 3, past
        if kind == "since_year":
            y = int(m.group(2))
            return ArticleDate(y), 3, bool(base and y < base.year) or m.group(1).lower() == "seit"
        if kind == "period":
            if not anchor:
                return None
            what = self.past_periods[low]
            if what == "year-1":
                return ArticleDate(anchor.year - 1), 3, True
            if what == "month-1":
                d = anchor - relativedelta(months=1)
                return ArticleDate(d.year, d.month), 3, True
            if what == "week-1" and base.day:
                d = anchor - timedelta(days=7)
                return ArticleDate(d.year, d.month, d.day), 2, False
            if what in ("week-start", "week-mid") and base.day:
                monday = anchor - timedelta(days=anchor.weekday())
                d = min(anchor, monday + timedelta(days=1 if what == "week-start" else 2))
                return ArticleDate(d.year, d.month, d.day), 2, False
            if what == "weekend" and base.day:
                back = (anchor.weekday() - 5) % 7
                d = anchor - timedelta(days=back)
                return ArticleDate(d.year, d.month, d.day), 2, False
            return base, 3, False
        if kind == "day_word":
            if not base:
                return None
            if not base.day:
                return base, 3, False
            d = anchor - timedelta(days=self.days_ago[low])
            return ArticleDate(d.year, d.month, d.day), 1, False
        if kind in ("year", "year_start", "year_clause"):
            y = int(m.group(1))
            return ArticleDate(y), 3, bool(base and y < base.year)
        return None

    def _day(self, y: int, mo: int, d: int, anchor: date | None, explicit_year: bool):
        try:
            when = date(y, mo, d)
        except ValueError:
            return None
        past = bool(anchor and (anchor - when).days > 14)
        return ArticleDate(y, mo, d), 1, past

    @staticmethod
    def _is_past(when: ArticleDate, base: ArticleDate | None, weeks: int) -> bool:
        if not base:
            return False
        if when.year != base.year:
            return when.year < base.year
        if base.month and when.month:
            return when.month < base.month - (1 if weeks <= 4 else 0)
        return False
