"""Figures in German text: "48.000", "1,5 Millionen", "zweihundert", "drei bis fünf", "Dutzende",
"über 300", "mehr als zweihundert".

Each figure becomes a `number` span whose `value` follows ACLED's conservative rule (EVENTS.md): a
lower-bound hedge keeps the figure, a range takes its low end, a vague word its agreed figure. The
hedge, the range and the noun counted are kept, so a claim can be shown as written.
"""

from __future__ import annotations

import functools
import re

from text_to_num import text2num

from lagebild.doc import Doc, Span, Token
from lagebild.lang import Language, norm

DIGITS = re.compile(r"^\d{1,3}(?:\.\d{3})+$|^\d+$|^\d+,\d+$")
# The largest figure read as one: beyond it a float no longer holds every integer (2**53), and a
# 20-digit "toll" or a 400-digit number (which a float turns into infinity) is no count of anything.
MAX_FIGURE = 10**15
MAX_WORD = 64  # letters in a figure written as one word
NUMBER_MORPHEMES = re.compile(
    r"^(?:ein|zwei|drei|vier|fünf|sechs|sieben|acht|neun|zehn|elf|zwölf|zwan|dreißig|vierzig|fünfzig|sechzig|"
    r"siebzig|achtzig|neunzig|zig|hundert|tausend|und|s)+$"
)


@functools.lru_cache(maxsize=10_000)
def word_value(word: str) -> float | None:
    """A figure written as one word ("zweihundert"); None for longer words than any such figure.

    The morphemes overlap ("achtzig" is also "acht" + "zig"), so on a long word that fails at its end
    the pattern backtracks through 2**n splits: 22 repetitions took a second. The longest figure word
    ("neunhundertneunundneunzigtausendneunhundertneunundneunzig") has 57 letters.
    """
    if len(word) > MAX_WORD or not NUMBER_MORPHEMES.match(word):
        return None
    try:
        return float(text2num(word, "de"))
    except (ValueError, TypeError):
        return None


def digits_value(text: str) -> float | None:
    """A figure written in digits ("125.000", "1,5", "17"), or None; none above MAX_FIGURE."""
    if len(text) > 40 or not DIGITS.match(text):  # 40: MAX_FIGURE's digits with separators, and room
        return None
    value = float(text.replace(",", ".")) if "," in text else float(text.replace(".", ""))
    return value if value <= MAX_FIGURE else None


class NumberFinder:
    def __init__(self, lang: Language) -> None:
        spec = lang["numbers"]
        self.vague = {norm(k): v for k, v in spec["vague"].items()}
        self.scale = {norm(k): v for k, v in spec["scale"].items()}
        self.words = {norm(k): v for k, v in spec["words"].items() if " " not in k}
        self.hedges = {
            kind: sorted((tuple(norm(p).split()) for p in phrases), key=len, reverse=True)
            for kind, phrases in spec["hedges"].items()
        }
        self.range_words = {norm(w) for w in spec["range_words"]}
        self.months = {norm(m) for m in lang["dates"]["months"]}
        self.articles = lang.words("number_articles")
        self.single_people = {norm(w) for w in spec.get("single_people", [])}
        self._memo: dict[str, tuple[float, bool] | None] = {}

    def value_of(self, tok: Token) -> tuple[float, bool] | None:
        """The token's figure and whether it is vague ("Dutzende"); None if it is no figure."""
        if tok.text not in self._memo:
            self._memo[tok.text] = self._value_of(tok)
        return self._memo[tok.text]

    def _value_of(self, tok: Token) -> tuple[float, bool] | None:
        low = norm(tok.text)
        if tok.text.endswith(".") and tok.text[:-1].isdigit():
            return None  # an ordinal ("17.") or a date part
        v = digits_value(tok.text)
        if v is not None:
            return v, False
        if low in self.vague:
            return float(self.vague[low]), True
        if low in self.words:
            return float(self.words[low]), False
        v = word_value(low)
        return (v, False) if v is not None else None

    def _hedge(self, toks: list[Token], i: int) -> tuple[str | None, int]:
        """The hedge phrase right before token i: its kind and its first token index."""
        for kind, phrases in self.hedges.items():
            for phrase in phrases:
                n = len(phrase)
                if i - n >= 0 and tuple(t.lower for t in toks[i - n : i]) == phrase:
                    return kind, i - n
        return None, i

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sents:
            toks = doc.sent_tokens(sent)
            i = 0
            while i < len(toks):
                tok = toks[i]
                found = None if tok.is_noise else self.value_of(tok)
                final = found is None and i == len(toks) - 1 and tok.text[:-1].isdigit() and tok.text.endswith(".")
                if final:
                    # "stieg die Zahl der Toten auf 23.": a figure that ends the sentence, its full stop
                    # written onto it (an ordinal stands before a noun)
                    value = float(tok.text[:-1])
                    self._add(doc, sent, tok.start, tok.end - 1, value, tok.i, hedge=self._hedge(toks, i))
                    i += 1
                    continue
                if found is None:
                    i += 1
                    continue
                value, vague = found
                end = i + 1
                nxt = toks[end].lower if end < len(toks) else ""
                if (
                    nxt in self.months
                    or nxt == "uhr"
                    or (len(tok.text) == 4 and tok.text.isdigit() and 1900 <= value <= 2100)
                ):
                    i += 1
                    continue
                one_person = end < len(toks) and toks[end].lemma in self.single_people
                if tok.lower in self.articles and not (nxt in self.scale or nxt in self.range_words or one_person):
                    # "ein" is a figure only before a scale word or in a range ("eine Million", "ein bis zwei")
                    i += 1
                    continue
                if end < len(toks) and norm(toks[end].text) in self.scale:
                    value *= self.scale[norm(toks[end].text)]
                    end += 1
                high = value
                if end + 1 < len(toks) and toks[end].lower in self.range_words and toks[end].lower != "und":
                    other = self.value_of(toks[end + 1])
                    if other is not None and other[0] > value:
                        high = other[0]
                        end += 2
                        if end < len(toks) and norm(toks[end].text) in self.scale:
                            mult = self.scale[norm(toks[end].text)]
                            high *= mult
                            value = value * mult if value < high / mult + 1 else value
                            end += 1
                if high > MAX_FIGURE:  # "999.999.999.999.999 Milliarden": no count, and beyond 64 bits
                    i = end
                    continue
                hedge, first = self._hedge(toks, i)
                start_tok, end_tok = toks[first], toks[end - 1]
                noun = toks[end].lemma if end < len(toks) else ""
                doc.add(
                    Span(
                        start_tok.start,
                        end_tok.end,
                        sent.i,
                        "number",
                        doc.text[start_tok.start : end_tok.end],
                        {
                            "value": int(value) if value == int(value) else value,
                            "high": high,
                            "hedge": hedge,
                            "vague": vague,
                            "noun": noun,
                            "tok_start": start_tok.i,
                            "tok_end": end_tok.i + 1,
                        },
                    )
                )
                i = end
        return doc

    @staticmethod
    def _add(doc: Doc, sent, start: int, end: int, value: float, tok_i: int, hedge: tuple[str | None, int]) -> None:
        """A figure read from one token, its span ending at `end` (before a full stop written onto it)."""
        kind, first = hedge
        first_tok = doc.sent_tokens(sent)[first]
        begin = first_tok.start if kind else start
        doc.add(
            Span(
                begin,
                end,
                sent.i,
                "number",
                doc.text[begin:end],
                {
                    "value": int(value) if value == int(value) else value,
                    "high": value,
                    "hedge": kind,
                    "vague": False,
                    "noun": "",
                    "tok_start": first_tok.i if kind else tok_i,
                    "tok_end": tok_i + 1,
                },
            )
        )
