"""What a sentence says about where its places lie, beyond their names.

- A border phrase puts a place beside a country, so not in it: "Belgorod nahe der ukrainischen Grenze", "an der
  Grenze zu Russland", "unweit der Grenze zum Libanon". Only "near" phrases count: "überschritten die russische
  Grenze" says nothing of the side.
- An occupation phrase says the occupier is not the owner: "im russisch besetzten Donezk", "von Russland
  annektiert".
- An administrative phrase after a town names the region it lies in: "Sudscha im Gebiet Kursk", "Pokrowsk
  (Oblast Donezk)".

The places component and `lagebild geocode` read sentences through this one module, with the words in
`place_words.yaml` (border_nouns, border_prepositions, border_links, occupation_stems).
"""

from __future__ import annotations

import re

from lagebild.actors.lexicon import lexicon_for
from lagebild.lang import Language, norm, per_language

ARTICLES = frozenset({"der", "die", "den", "dem"})


class Geography:
    """Reads border, occupation and region phrases out of a sentence's words."""

    def __init__(self, lang: Language) -> None:
        words = lang["place_words"]
        self.actors = lexicon_for(lang)
        self.border_nouns = frozenset(norm(w) for w in words.get("border_nouns", []))
        self.border_prepositions = frozenset(norm(w) for w in words.get("border_prepositions", []))
        self.border_links = frozenset(norm(w) for w in words.get("border_links", []))
        self.occupation_stems = tuple(norm(w) for w in words.get("occupation_stems", []))
        keys = sorted(self.border_nouns) + list(self.occupation_stems)
        # most sentences hold no such phrase: one search of the text rules them out before any word is read
        self._any = re.compile("|".join(re.escape(k) for k in keys), re.IGNORECASE) if keys else None
        self._word = re.compile(r"[\w\-]+")

    def _country(self, word: str) -> str | None:
        """ISO3 of a country adjective or name ('ukrainischen', 'Russland'); None for a compound of two
        ('russisch-ukrainischen': the border between them says nothing of the side)."""
        if "-" in word:
            return None
        return self.actors.adjective_country(word) or self.actors.country_nouns.get(word)

    def not_in_text(self, text: str) -> frozenset[str]:
        """`not_in` of a sentence given as text (`lagebild geocode`)."""
        if self._any is None or not self._any.search(text):
            return frozenset()
        return self.not_in(self._word.findall(text))

    def not_in(self, words: list[str]) -> frozenset[str]:
        """Countries a sentence says its places are not in: beside their border, or occupied by them."""
        out: set[str] = set()
        for k, word in enumerate(words):
            low = norm(word)
            if low in self.border_nouns:
                out.update(self._border(words, k))
            elif self.occupation_stems and low.startswith(self.occupation_stems) and k > 0:
                country = self.actors.adjective_country(words[k - 1])  # "russisch besetzten"
                if country is None and k > 1 and norm(words[k - 2]) == "von":
                    country = self.actors.country_nouns.get(words[k - 1])  # "von Russland besetzten"
                if country:
                    out.add(country)
        return frozenset(out)

    def _border(self, words: list[str], k: int) -> set[str]:
        """'nahe der ukrainischen Grenze', 'an der Grenze zur Ukraine': the country named at the border noun k,
        when a near preposition opens the phrase."""
        j = k - 1
        adjective = None
        if j >= 0 and words[j][:1].islower() and norm(words[j]) not in ARTICLES:
            adjective = self._country(words[j])
            j -= 1
        if j >= 0 and norm(words[j]) in ARTICLES:
            j -= 1
        if j < 0 or norm(words[j]) not in self.border_prepositions:
            return set()
        found = {adjective} if adjective else set()
        if k + 1 < len(words) and norm(words[k + 1]) in self.border_links:
            for word in words[k + 2 : k + 4]:
                country = self._country(word)
                if country:
                    found.add(country)
                    break
        return found


@per_language
def geography_for(lang: Language) -> Geography:
    """The sentence reader of a language, built once."""
    return Geography(lang)
