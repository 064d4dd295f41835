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
from collections.abc import Iterable

from spacy.attrs import IDX, LENGTH
from spacy.lang.lex_attrs import is_punct
from spacy.pipeline import Sentencizer

from lagebild.doc import Doc, Sentence, Token
from lagebild.lang import Language, norm

BLOCK = re.compile(r"[^\n]+")
END_PUNCT = (".", "!", "?", ":", "“", '"', "»", "«", ")", "…")
# spaCy's sentencizer: a sentence ends after these, at the next token that is not punctuation
SENT_END = frozenset(Sentencizer.default_punct_chars)


def _overlap(start: int, end: int, spans: list[tuple[int, int]]) -> int:
    if not spans:
        return 0
    return sum(max(0, min(end, e) - max(start, s)) for s, e in spans if s < end and start < e)


def sentence_pieces(block: str, offsets: Iterable[tuple[int, int]]) -> list[list[tuple[str, int]]]:
    """A block's tokens, (text, offset in block), grouped into sentences as spaCy's sentencizer groups them.

    Whitespace tokens are dropped (after they have played their part in the rule, as in spaCy).
    """
    sentences: list[list[tuple[str, int]]] = []
    pending: list[tuple[str, int]] = []
    seen_end = False
    for idx, length in offsets:
        text = block[idx : idx + length]
        if text in SENT_END:
            seen_end = True
        elif seen_end and not is_punct(text):
            seen_end = False
            if pending:
                sentences.append(pending)
                pending = []
        if not text.isspace():
            pending.append((text, idx))
    if pending:
        sentences.append(pending)
    return sentences


class Segmenter:
    def __init__(self, lang: Language) -> None:
        self.tokenizer = lang.tokenizer.tokenizer

    def __call__(self, doc: Doc, noise: list[tuple[int, int]]) -> Doc:
        text = doc.text
        blocks = [(m.start(), m.group()) for m in BLOCK.finditer(text) if m.group().strip()]
        tokens: list[Token] = []
        sents: list[Sentence] = []
        for (offset, block), sdoc in zip(blocks, self.tokenizer.pipe(b for _, b in blocks), strict=True):
            stripped = block.strip()
            heading = len(stripped) < 120 and not stripped.endswith(END_PUNCT) and len(stripped.split()) <= 14
            # one flat array per attribute: a 2-D array's tolist() builds a list per token and was slower
            offsets = zip(sdoc.to_array(IDX).tolist(), sdoc.to_array(LENGTH).tolist(), strict=True)
            for pending in sentence_pieces(block, offsets):
                self._sentence(pending, offset, tokens, sents, noise, heading)
        if noise:
            for tok in tokens:
                if _overlap(tok.start, tok.end, noise):
                    tok.is_noise = True
        doc.tokens, doc.sents = tokens, sents
        return doc

    @staticmethod
    def _sentence(pending, offset: int, tokens: list[Token], sents: list[Sentence], noise, heading: bool) -> None:
        first, n = len(tokens), len(sents)
        i = first
        for text, idx in pending:
            s = offset + idx
            tokens.append(Token(i, text, s, s + len(text), n, "", text.lower(), False, None, norm(text)))
            i += 1
        start, end = tokens[first].start, tokens[-1].end
        noisy = _overlap(start, end, noise) > (end - start) / 2
        sents.append(
            Sentence(
                i=n, start=start, end=end, tok_start=first, tok_end=len(tokens), is_noise=noisy, is_heading=heading
            )
        )
