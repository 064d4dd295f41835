"""Sentences and tokens with offsets into the article text.

spaCy's German tokenizer and rule-based sentencizer do the work (abbreviations, ordinal dates such as
"17. August"); lagebild adds paragraph and heading boundaries, which news text marks by line breaks
rather than punctuation.
"""

from __future__ import annotations

import re

from lagebild.doc import Doc, Sentence, Token
from lagebild.lang import Language

BLOCK = re.compile(r"[^\n]+")
END_PUNCT = (".", "!", "?", ":", "“", '"', "»", "«", ")", "…")


def _overlap(start: int, end: int, spans: list[tuple[int, int]]) -> int:
    if not spans:
        return 0
    return sum(max(0, min(end, e) - max(start, s)) for s, e in spans if s < end and start < e)


class Segmenter:
    def __init__(self, lang: Language) -> None:
        self.nlp = lang.tokenizer

    def __call__(self, doc: Doc, noise: list[tuple[int, int]]) -> Doc:
        text = doc.text
        blocks = [(m.start(), m.group()) for m in BLOCK.finditer(text) if m.group().strip()]
        tokens: list[Token] = []
        sents: list[Sentence] = []
        for (offset, block), sdoc in zip(blocks, self.nlp.pipe(b for _, b in blocks), strict=True):
            stripped = block.strip()
            heading = len(stripped) < 120 and not stripped.endswith(END_PUNCT) and len(stripped.split()) <= 14
            pending: list[tuple[str, int]] = []  # (text, offset) of the current sentence's tokens
            # one pass over the tokens (sentence starts are marked on them) is cheaper than spaCy's spans
            for t in sdoc:
                if t.is_sent_start and pending:
                    self._sentence(pending, tokens, sents, noise, heading)
                    pending = []
                if not t.is_space:
                    pending.append((t.text, offset + t.idx))
            if pending:
                self._sentence(pending, tokens, sents, noise, heading)
        if noise:
            for tok in tokens:
                if _overlap(tok.start, tok.end, noise):
                    tok.is_noise = True
        doc.tokens, doc.sents = tokens, sents
        return doc

    @staticmethod
    def _sentence(pending, tokens: list[Token], sents: list[Sentence], noise, heading: bool) -> None:
        first, n = len(tokens), len(sents)
        for text, s in pending:
            tokens.append(Token(i=len(tokens), text=text, start=s, end=s + len(text), sent=n, lower=text.lower()))
        start, end = pending[0][1], pending[-1][1] + len(pending[-1][0])
        noisy = _overlap(start, end, noise) > (end - start) / 2
        sents.append(
            Sentence(
                i=n, start=start, end=end, tok_start=first, tok_end=len(tokens), is_noise=noisy, is_heading=heading
            )
        )
