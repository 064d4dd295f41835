"""Lemmas from simplemma, plus German separable verbs ("stieß ... vor" → "vorstoßen").

simplemma gives fast dictionary lemmas but reads each word alone. A separable verb's particle stands
at the end of its clause, so each clause is checked: when it ends in a particle and a verb before it
forms a known verb with that particle, the verb's lemma becomes the particle verb.
"""

from __future__ import annotations

import functools

import simplemma

from lagebild.doc import Doc, Token
from lagebild.lang import Language, norm

CLAUSE_END = {".", ",", ";", ":", "!", "?", "“", "„", '"', "–", "-", "(", ")"}


@functools.lru_cache(maxsize=200_000)
def lemma_of(word: str, lang: str = "de") -> str:
    return norm(simplemma.lemmatize(word, lang=lang))


@functools.lru_cache(maxsize=50_000)
def is_known_verb(word: str, lang: str = "de") -> bool:
    return simplemma.is_known(word, lang=lang)


class Lemmatizer:
    def __init__(self, lang: Language) -> None:
        self.code = lang.code
        self.particles = {norm(p) for p in lang["grammar"]["separable_particles"]}

    def __call__(self, doc: Doc) -> Doc:
        for tok in doc.tokens:
            tok.lemma = lemma_of(tok.text, self.code)
        for sent in doc.sents:
            self._separable(doc.sent_tokens(sent))
        return doc

    def _separable(self, toks: list[Token]) -> None:
        clause: list[Token] = []
        for tok in [*toks, None]:
            if tok is None or tok.text in CLAUSE_END:
                self._join_particle(clause)
                clause = []
            else:
                clause.append(tok)

    def _join_particle(self, clause: list[Token]) -> None:
        if len(clause) < 3:
            return
        last = clause[-1]
        if last.lower not in self.particles:
            return
        for verb in clause[1:-1]:
            if verb.is_title or not verb.lemma.endswith(("en", "ern", "eln")):
                continue
            joined = last.lower + verb.lemma
            if is_known_verb(joined, self.code):
                verb.lemma = norm(joined)
                last.particle_of = verb.i
                return
