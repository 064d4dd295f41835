"""When an event happened: the date its clause or sentence gives, the paragraph's, a ticker entry's, or the article's.

A past date or a pluperfect with a background cue makes an event background (CODING_RULES 3): dated
on its own, never with the article's date. A "seit" date is a state of affairs, not an event's date.
"""

from __future__ import annotations

from lagebild.doc import ArticleDate, Doc, Sentence, Span, Token
from lagebild.lang import Language, norm


class Dating:
    def __init__(self, lang: Language) -> None:
        self.pluperfect = {norm(w) for w in lang["grammar"]["pluperfect_aux"]}
        self.background_cues = {norm(w) for w in lang["dates"]["background_cues"] if " " not in w}
        self.last_month = lang.words("past_month_cues")
        self.ticker_words = lang.words("ticker_headers")
        self.first_report = lang.word_list("ticker_headers")[-1]

    def date(self, doc: Doc, sent: Sentence, toks: list[Token], clause: list[Token], told: list[tuple[int, int]] = ()):
        """(date, precision, where it came from, background?): from the sentence 2, the paragraph or ticker
        entry 1, the article 0; dates within `told` belong to another act."""
        base = doc.article.date
        spans = [s for s in doc.in_sent("date", sent.i) if not any(a <= s.start < b for a, b in told)]
        words = {t.lower for t in toks}
        past = [s for s in spans if s.data["past"]]
        background = bool(past) or bool(words & self.pluperfect and words & self.background_cues)
        pick = past[0] if past else (spans[0] if spans else None)
        if pick is not None and pick.data.get("since") and any(t.start <= pick.start < t.end for t in clause):
            return None, 3, 0, True  # "steht seit dem 3. März unter Beschuss": a state of affairs, not an event
        if pick is not None and pick.data.get("since"):
            pick = next((s for s in spans if not s.data.get("since")), None)  # "..., die seit Oktober ..."
            background = bool(pick and pick.data["past"]) or background and pick is not None
        month = pick is not None and len(pick.data["iso"]) == 7 and (base is None or pick.data["iso"] != base.iso())
        if month and (words & self.pluperfect or words & self.last_month):
            background = True  # "Im Mai waren bei einem Überfall ... getötet worden": told as the past
        if pick is not None and pick.data["precision"] == 3 and background:
            return ArticleDate.parse(pick.data["iso"]), 3, 2, True  # "Bereits im Juni hatte die Armee ..."
        if pick is not None:
            when = ArticleDate.parse(pick.data["iso"])
            # "Bereits am Montag hatten ..." is recent news, not background: only a past date makes it so
            return when, pick.data["precision"], 2, bool(pick.data["past"])
        if background:
            return None, 3, 0, True
        context = self.paragraph_date(doc, sent)
        if context is not None:
            return ArticleDate.parse(context.data["iso"]), context.data["precision"], 1, False
        return base, base.precision if base else 3, 0, False

    def paragraph_date(self, doc: Doc, sent: Sentence) -> Span | None:
        """The date the paragraph set before this sentence ("Update vom 17. November: ...", "Am Dienstag
        griffen ... an. Dabei ..."): a sentence without its own date continues it."""
        for back in range(sent.i - 1, -1, -1):
            if doc.opens_paragraph(back + 1):
                return self._ticker_date(doc, back + 1)
            spans = [
                s
                for s in doc.in_sent("date", back)
                if not s.data["past"] and not s.data.get("since") and s.data["precision"] == 1
            ]
            if spans:
                return spans[-1]
        return None

    def _ticker_date(self, doc: Doc, first: int) -> Span | None:
        """In a live ticker, the date of the entry a paragraph belongs to: the last "Update vom 15. November"
        above it; under the "Erstmeldung" (the first report, at the bottom) the oldest update's date."""
        headers = [
            k
            for k in range(len(doc.sents))
            if doc.opens_paragraph(k)
            and doc.sent_tokens(doc.sents[k])[:1]
            and doc.sent_tokens(doc.sents[k])[0].lower in self.ticker_words
        ]
        above = [k for k in headers if k < first]
        if not above:
            return None

        def dated(k: int) -> Span | None:
            found = [s for s in doc.in_sent("date", k) if s.data["precision"] == 1 and not s.data.get("since")]
            return found[0] if found else None

        own = dated(above[-1])
        if own is not None or doc.sent_tokens(doc.sents[above[-1]])[0].lower != self.first_report:
            return own
        return next((d for d in (dated(k) for k in reversed(above[:-1])) if d is not None), None)
