"""Lemmas from simplemma, plus German separable verbs ("stieß ... vor" → "vorstoßen").

simplemma gives fast dictionary lemmas but reads each word alone. A separable verb's particle stands
at the end of its clause, so each clause is checked: when it ends in a particle and a verb before it
forms a known verb with that particle, the verb's lemma becomes the particle verb.

simplemma's dictionaries are read through MARISA tries (built once from the shipped data and cached
in the user cache directory) rather than as a Python dict: a tenth of the memory, and being outside
Python's object heap, a forked worker can look words up without copying the pages it reads.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping

import simplemma
from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy
from simplemma.strategies.dictionaries import TrieDictionaryFactory
from simplemma.strategies.dictionaries.dictionary_factory import DecodedStrMapping
from simplemma.utils import normalize_token

from lagebild.doc import Doc, Token
from lagebild.lang import Language, norm

# the endings of an inflected German adjective ("militärische", "israelischen", "lokaler")
ADJECTIVE_ENDINGS = ("e", "en", "er", "es", "em")
CLAUSE_END = {".", ",", ";", ":", "!", "?", "“", "„", '"', "–", "-", "(", ")"}


class _NulSafeTries(TrieDictionaryFactory):
    """The tries, where a word with a NUL character is not found, as in a dict: no dictionary word has
    one, and marisa, reading keys as C strings, would otherwise fail on it."""

    def _get_dictionary_uncached(self, lang: str) -> Mapping[str, str]:
        return _NulSafe(super()._get_dictionary_uncached(lang))


class _NulSafe(DecodedStrMapping):
    __slots__ = ("_inner",)

    def __init__(self, inner: DecodedStrMapping) -> None:
        self._inner = inner

    def _lookup(self, key: str) -> str | None:
        return None if "\x00" in key else self._inner.get(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._inner)

    def __len__(self) -> int:
        return len(self._inner)


_TRIES = _NulSafeTries()
_LEMMATIZER = simplemma.Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=_TRIES))
_LOOKUP = DictionaryLookupStrategy(_TRIES)


@functools.lru_cache(maxsize=200_000)
def lemma_of(word: str, lang: str = "de") -> str:
    return norm(_LEMMATIZER.lemmatize(word, lang))


def participle_infinitives(word: str, particles: tuple[str, ...], inseparable: tuple[str, ...]) -> list[str]:
    """Infinitives a past participle may come from, by German word formation: "bombardiert" →
    "bombardieren", "verschleppt" → "verschleppen", "abgefangen" → "abfangen", "gesprengt" → "sprengen".
    simplemma does not know many participles; the candidates are checked against its dictionary."""
    w = word.lower()
    out = []
    if w.endswith("iert"):
        out.append(w[:-1] + "en")
    for p in particles:
        rest = w[len(p) :]
        if w.startswith(p) and rest.startswith(inseparable) and rest.endswith("t") and len(rest) > 4:
            out += [p + rest[:-1] + "en", p + rest[:-1] + "n"]  # "zurückerobert" → "zurückerobern"
        rest = w[len(p) + 2 :]
        if w.startswith(p + "ge") and len(rest) > 2 and rest.endswith(("t", "en")):
            out += [p + rest] if rest.endswith("en") else [p + rest[:-1] + "en", p + rest[:-1] + "n"]
    rest = w[2:]
    if w.startswith("ge") and len(rest) > 3 and rest.endswith(("t", "en")):
        out += [rest] if rest.endswith("en") else [rest[:-1] + "en", rest[:-1] + "n"]
    if w.startswith(inseparable) and w.endswith("t"):
        out.append(w[:-1] + "en")
    return out


@functools.lru_cache(maxsize=50_000)
def is_known_verb(word: str, lang: str = "de") -> bool:
    """As `simplemma.is_known`, over the tries."""
    return _LOOKUP.get_lemma(normalize_token(word), lang) is not None


@functools.lru_cache(maxsize=50_000)
def is_known_noun(word: str, lang: str = "de") -> bool:
    """A word the dictionary knows as a noun: its lemma is capitalised ("Stellungen" → "Stellung"), unlike an
    adjective or a foreign word ("Rapid" → "rapid")."""
    lemma = _LOOKUP.get_lemma(normalize_token(word), lang)
    return lemma is not None and lemma[:1].isupper()


class Lemmatizer:
    def __init__(self, lang: Language) -> None:
        self.code = lang.code
        self.particles = {norm(p) for p in lang["grammar"]["separable_particles"]}
        self.by_particle_length = tuple(sorted(self.particles, key=len, reverse=True))
        self.inseparable = lang.word_list("inseparable_prefixes")
        self.irregular = {norm(k): norm(v) for k, v in lang["grammar"].get("participles", {}).items()}
        self._memo: dict[str, str] = {}

    def lemma(self, word: str) -> str:
        """simplemma's lemma; for a participle it does not know, the infinitive found by word formation."""
        found = self._memo.get(word)
        if found is None:
            found = lemma_of(word, self.code)
            if word.islower() and found == norm(word) and len(word) > 5:
                found = self.irregular.get(found) or next(
                    (
                        norm(c)
                        for c in participle_infinitives(word, self.by_particle_length, self.inseparable)
                        if is_known_verb(c, self.code)
                    ),
                    found,
                )
            self._memo[word] = found
        return found

    def __call__(self, doc: Doc) -> Doc:
        memo = self._memo  # most words were seen before: one dict look-up, no method call
        for tok in doc.tokens:
            tok.lemma = memo.get(tok.text) or self.lemma(tok.text)
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
        # "Am Morgen schlugen in Ariha, südlich von Idlib, Granaten ein.": a sentence-final particle whose
        # verb stands before an inserted phrase
        words = [t for t in toks if t.text not in CLAUSE_END]
        if len(words) > 2 and words[-1].lower in self.particles and words[-1].particle_of is None:
            self._join_particle(words)

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
