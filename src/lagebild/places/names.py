"""Names that look like places but are not: persons, outlets, organisations and plain German words.

A gazetteer of 240,000 towns has a homonym for many surnames ("Makatsch", "Bade"), outlets ("Tass"),
and German nouns ("die Räume", "der Pest"). A false place sends an event to the wrong country, so a name
found in the gazetteer is checked against the words around it before it becomes a place:

- a person: a common given name right before it ("Heike Makatsch", "Frank Ulrich Montgomery"), or the
  name itself is a given name and a surname follows ("Hamilton Gamble", "Paris Hilton");
- an outlet: a media name the sources tables or `media_names` list ("Tass", "NTV Türk", "Haaretz");
- an organisation: the name continues a club's, court's or university's name ("Universität Wien",
  "Landgericht Berlin", "Hertha BSC Berlin"); the town of such a name is still where the institution
  stands ("Protestcamp an der Universität Bremen"), so the places component keeps it, marked `seat`;
- a plain word: a town's name right after an article ("die Räume", "der Pest", "zum Derby") is a German
  noun (a country or region does take an article: "die Ukraine", "im Irak"), and a genitive read off an
  inflected adjective ("wild lebende Pandas") is a plural.

The measure is bench/germeval.py (GermEval 2014's LOC entities).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.lang.de.stop_words import STOP_WORDS

from lagebild.doc import Token
from lagebild.lang import Language, norm
from lagebild.places.normalize import fold

if TYPE_CHECKING:
    from lagebild.places.component import PlaceFinder

ARTICLES = frozenset(
    [
        "der",
        "die",
        "das",
        "den",
        "dem",
        "des",
        "ein",
        "eine",
        "einen",
        "einem",
        "eines",
        "einer",
        "zum",
        "zur",
        "vom",
        "beim",
        "ins",
    ]
)  # "im"/"am" are left out: "im Gaza", "am Tigris" stand before names
INDEFINITE = frozenset(["ein", "eine", "einen", "einem", "eines", "einer"])
SURNAME_ZIPF = 3.0  # a capitalised word after a given name that is rarer than this in German is a surname


class OtherNames:
    """The word lists that tell a person, outlet, organisation or plain word from a place."""

    def __init__(self, lang: Language) -> None:
        words = lang["place_words"]
        self.org_heads = tuple(norm(w) for w in words.get("organisation_heads", []))
        media = {k for k, v in (lang["sources"].get("kinds") or {}).items() if v == "media"}
        media |= {norm(w) for w in words.get("media_names", [])}
        self.media = {tuple(m.split()) for m in media}
        self.genitive_prepositions = {norm(w) for w in words.get("genitive_prepositions", [])}

    def reason(self, finder: PlaceFinder, toks: list[Token], i: int, n: int, after_place: bool) -> str | None:
        """Why the name toks[i:i+n] is no place here ("person", "outlet", "organisation", "word", "noun"), or None."""
        words = [t.lower for t in toks]
        for k in range(max(0, i - 1), i + n):
            for m in range(1, 4):
                if tuple(words[k : k + m]) in self.media and k < i + n and k + m > i:
                    return "outlet"  # "Tass", "NTV Türk", "Kyiv Independent"
        if i > 0 and not after_place:
            prev = toks[i - 1]
            if _name_word(prev) and finder.gaz.is_first_name(prev.text) and not finder.admin.kind(prev.text):
                return "person"  # "Heike Makatsch", "Joaquin Phoenix"; not "Rajon Pokrowsk"
            if prev.text[:1].isupper() and prev.lower.endswith(self.org_heads):
                return "organisation"  # "Universität Wien", "Landgericht Berlin", "Bistum Augsburg"
        if n == 1 and i + 1 < len(toks) and finder.gaz.is_first_name(toks[i].text):
            nxt = toks[i + 1]
            if _name_word(nxt) and finder.zipf(nxt.lower) < SURNAME_ZIPF and not finder.is_known_place(nxt.text):
                return "person"  # "Hamilton Gamble", "Paris Hilton", "Israel Katz"
        if i > 0 and toks[i - 1].lower in INDEFINITE:
            return "noun"  # "in einem Zug", "eine Bank": no place, not even a region, takes "ein"
        if i > 0 and toks[i - 1].lower in ARTICLES:
            return "word"  # "die Räume", "der Pest", "zum Derby" (the caller lets countries and regions through)
        if (
            i > 0
            and n == 1
            and toks[i].text.endswith("s")
            and toks[i - 1].text.islower()
            and toks[i - 1].lower.endswith(("e", "en", "er", "es", "em"))
            and toks[i - 1].lower not in self.genitive_prepositions
            and not finder.gaz.by_fold.get(fold(toks[i].text))
        ):
            return "word"  # "wild lebende Pandas": a plural after an adjective, not the genitive of Panda
        return None


def _name_word(tok: Token) -> bool:
    """A capitalised word that may be a given name or a surname: letters only, no function word."""
    return tok.text[:1].isupper() and tok.text.replace("-", "").isalpha() and tok.lower not in STOP_WORDS
