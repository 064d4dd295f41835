"""Sentences and tokens with offsets into the article text.

spaCy's German tokenizer does the tokenizing (abbreviations, ordinal dates such as "3. Mai");
sentences start where spaCy's rule-based sentencizer would start them, and lagebild adds paragraph and
heading boundaries, which news text marks by line breaks rather than punctuation.

Speed: segmenting was the pipeline's most expensive step. The tokens are read from the spaCy `Doc` as
one array of (offset, length) pairs instead of one Python `Token` object each, and the sentencizer's
rule runs inside the same pass over those pairs instead of as a second pass over spaCy tokens.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable

from spacy.attrs import IDX, LENGTH
from spacy.lang.lex_attrs import is_punct
from spacy.pipeline import Sentencizer

from lagebild.doc import Doc, Sentence, Token
from lagebild.lang import Language, norm

BLOCK = re.compile(r"[^\n]+")
# A lone UTF-16 surrogate (a JSON \ud800 escape, or text made with errors="surrogateescape") is no
# character: spaCy cannot hash it. The reader replaces them; text handed to the pipeline directly gets
# the same U+FFFD here, one character for one, so every offset stays.
SURROGATE = re.compile("[\ud800-\udfff]")
END_PUNCT = (".", "!", "?", ":", "“", '"', "»", "«", ")", "…")
# spaCy's sentencizer: a sentence ends after these, at the next token that is not punctuation
SENT_END = frozenset(Sentencizer.default_punct_chars)


class _Noise:
    """The noise spans (sorted, not overlapping, as `NoiseFinder.find` merges them) and how much of a
    stretch of text they cover, found by bisection: summing over every span for every token made an
    article with many noise lines quadratic."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans: list[tuple[int, int]] = []
        for s, e in sorted(spans):
            if self.spans and s <= self.spans[-1][1]:
                self.spans[-1] = (self.spans[-1][0], max(e, self.spans[-1][1]))
            else:
                self.spans.append((s, e))
        self.starts = [s for s, _ in self.spans]

    def __bool__(self) -> bool:
        return bool(self.spans)

    def overlap(self, start: int, end: int) -> int:
        """Characters of [start, end) inside noise spans."""
        total = 0
        # spans that start before `end`; going back, they end ever earlier (they do not overlap)
        for k in range(bisect_left(self.starts, end) - 1, -1, -1):
            s, e = self.spans[k]
            if e <= start:
                break
            total += min(end, e) - max(start, s)
        return total


def sentence_pieces(
    block: str, offsets: Iterable[tuple[int, int]], after_initial: frozenset[str] = frozenset()
) -> list[list[tuple[str, int]]]:
    """A block's tokens, (text, offset in block), grouped into sentences as spaCy's sentencizer groups them.

    Whitespace tokens are dropped (after they have played their part in the rule, as in spaCy). One
    addition: news shortens a suspect's surname to an initial ("Salah A."), which the tokenizer keeps
    with its full stop, so the sentence ends there when the next word is one of `after_initial` (an
    article or pronoun that opens a sentence: "... Brahim A. Der Franzose hatte ...").
    """
    sentences: list[list[tuple[str, int]]] = []
    pending: list[tuple[str, int]] = []
    seen_end = initial = False
    for idx, length in offsets:
        text = block[idx : idx + length]
        if text.isspace():
            pass
        elif initial and text in after_initial and pending:
            sentences.append(pending)
            pending = []
            seen_end = False
        elif text in SENT_END:
            seen_end = True
        elif seen_end and not is_punct(text):
            seen_end = False
            if pending:
                sentences.append(pending)
                pending = []
        if not text.isspace():
            initial = len(text) == 2 and text[1] == "." and text[0].isupper()
            pending.append((text, idx))
    if pending:
        sentences.append(pending)
    return sentences


class Segmenter:
    def __init__(self, lang: Language) -> None:
        self.tokenizer = lang.tokenizer.tokenizer
        self.after_initial = frozenset(lang.word_list("after_initial"))

    def __call__(self, doc: Doc, noise_spans: list[tuple[int, int]]) -> Doc:
        text = doc.text
        noise = _Noise(noise_spans)
        blocks = [(m.start(), SURROGATE.sub("\ufffd", m.group())) for m in BLOCK.finditer(text) if m.group().strip()]
        tokens: list[Token] = []
        sents: list[Sentence] = []
        for (offset, block), sdoc in zip(blocks, self.tokenizer.pipe(b for _, b in blocks), strict=True):
            stripped = block.strip()
            heading = len(stripped) < 120 and not stripped.endswith(END_PUNCT) and len(stripped.split()) <= 14
            # one flat array per attribute: a 2-D array's tolist() builds a list per token and was slower
            offsets = zip(sdoc.to_array(IDX).tolist(), sdoc.to_array(LENGTH).tolist(), strict=True)
            for pending in sentence_pieces(block, offsets, self.after_initial):
                self._sentence(pending, offset, tokens, sents, noise, heading)
        if noise:
            for tok in tokens:
                if noise.overlap(tok.start, tok.end):
                    tok.is_noise = True
        doc.tokens, doc.sents = tokens, sents
        return doc

    @staticmethod
    def _sentence(
        pending, offset: int, tokens: list[Token], sents: list[Sentence], noise: _Noise, heading: bool
    ) -> None:
        first, n = len(tokens), len(sents)
        i = first
        for text, idx in pending:
            s = offset + idx
            tokens.append(Token(i, text, s, s + len(text), n, "", text.lower(), False, None, norm(text)))
            i += 1
        start, end = tokens[first].start, tokens[-1].end
        noisy = noise.overlap(start, end) > (end - start) / 2
        sents.append(
            Sentence(
                i=n, start=start, end=end, tok_start=first, tok_end=len(tokens), is_noise=noisy, is_heading=heading
            )
        )
