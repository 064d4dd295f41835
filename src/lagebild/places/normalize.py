"""Name keys that make spelling variants of one place meet.

German news transliterates Arabic, Cyrillic and Persian names its own way ("Dschisr asch-Schughur",
"Charkiw", "Dschenin") while GeoNames mostly uses English forms ("Jisr ash-Shughur", "Kharkiv", "Jenin"). Two keys are
kept for every name: `fold` (case, accents and punctuation removed) for exact matches, and `skeleton`,
which also drops Arabic articles (al-/el-/ez-/as- ..., assimilated ones such as "Ezzor" included) and
merges letters that the transliteration schemes write differently (k/q/c, sch/sh/š, dsch/j, kh/ch,
tsch/ch, z/ts, aj/ai, w/v, z/s, vowel pairs). 'ow' stays as written: German -ow/-owka is the -ov/-ovka of
English Slavic spellings (Rostow, Rostov), far more common than an Arabic ow/u pair.
The rule is general: no spelling is listed for it.
"""

from __future__ import annotations

import functools
import re

from unidecode import unidecode

from lagebild.lang import Language, load_language, norm, per_language

ARABIC_ARTICLES = {
    "al",
    "el",
    "ez",
    "es",
    "as",
    "ad",
    "ar",
    "an",
    "at",
    "ash",
    "asch",
    "esch",
    "ed",
    "er",
    "az",
    "ul",
    "ech",
    "et",
}
ASSIMILATED = re.compile(r"^[ae]([dnrstz])\1(.{2,})$")
SEPARATORS = re.compile(r"[\s\-‐‑–—_/.,]+")
APOSTROPHES = re.compile(r"['’‘`ʿʾ´]")
DOUBLED = re.compile(r"(.)\1+")

# Ordered: longer letter groups first.
LETTER_GROUPS = [
    ("dsch", "j"),
    ("tsch", "h"),  # German tsch is the ch of English Slavic spellings (Tschernihiw, Chernihiv)
    ("ts", "s"),  # English ts is German z (Chernivtsi, Tscherniwzi)
    ("sch", "s"),
    ("zh", "s"),
    ("sh", "s"),
    ("kh", "h"),
    ("ch", "h"),
    ("gh", "g"),
    ("th", "t"),
    ("dh", "d"),
    ("ph", "f"),
    ("ck", "k"),
    ("dj", "j"),
    ("aw", "u"),
    ("au", "u"),
    ("ou", "u"),
    ("oo", "u"),
    ("ee", "i"),
    ("ai", "i"),
    ("aj", "i"),  # German aj is English ai/ay (Mykolajiwka, Mykolaivka; Madaja, Madaya)
    ("ay", "i"),
    ("ei", "i"),
    ("ey", "i"),
    ("ie", "i"),
]
LETTERS = str.maketrans({"q": "k", "c": "k", "z": "s", "w": "v", "y": "i", "j": "i", "e": "i", "o": "u"})


@functools.lru_cache(maxsize=500_000)
def fold(name: str) -> str:
    """Lower case, ASCII, no apostrophes, separators as single spaces: 'Al-Qa'im' → 'al qaim'."""
    s = APOSTROPHES.sub("", unidecode(name).lower())
    return SEPARATORS.sub(" ", s).strip()


@functools.lru_cache(maxsize=500_000)
def skeleton(name: str) -> str:
    """The transliteration-blind key: 'Dschisr asch-Schughur', 'Jisr ash-Shughur', 'Jisr al-Shughur' → 'isrsugur'."""
    parts = fold(name).split()
    kept = []
    for i, part in enumerate(parts):
        if part in ARABIC_ARTICLES and len(parts) > 1 and i < len(parts) - 1:
            continue
        if i > 0 and (m := ASSIMILATED.match(part)):
            part = m.group(1) + m.group(2)
        kept.append(part)
    s = "".join(kept)
    for a, b in LETTER_GROUPS:
        s = s.replace(a, b)
    s = s.translate(LETTERS)
    s = DOUBLED.sub(r"\1", s)
    if len(s) > 4 and s.endswith("h"):
        s = s[:-1]
    return s


class AdminNouns:
    """The one reading of administrative nouns ("Provinz", "Gebiet", "Oblast", ... with their case forms), from
    `place_words.yaml`. `lagebild geocode`, the places component and the place filters all ask it, so a mention
    means the same region wherever it is typed or read: the noun is a cue that the name is a region, never part
    of the name."""

    def __init__(self, words: dict) -> None:
        endings = ("", *words.get("region_noun_endings", []))
        self.forms = frozenset(norm(n) + e for n in words["region_nouns"] for e in endings)
        self.district_forms = frozenset(norm(n) + e for n in words.get("district_nouns", []) for e in endings)
        self.heads = tuple(norm(h) + e for h in words.get("region_noun_heads", []) for e in endings)
        lead = sorted(words.get("region_noun_lead_words", []), key=len, reverse=True)
        alternatives = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in lead)
        self._lead = re.compile(rf"^(?:(?:{alternatives})\s+)", re.IGNORECASE) if lead else None
        after = "|".join(re.escape(n) for n in words.get("region_nouns_after", []))
        self._after = re.compile(rf"^(?P<name>.+?)(?:-|\s+)(?:{after})$", re.IGNORECASE) if after else None

    def kind(self, word: str) -> str | None:
        """What an administrative noun makes the name after it: "region" ("Gebiets", "Provinzen",
        "Grenzprovinz"), "district" ("Rajon", "Landkreis"), or None for any other word."""
        low = norm(word)
        if low in self.forms or (self.heads and low.endswith(self.heads)):
            return "region"
        return "district" if low in self.district_forms else None

    def is_noun(self, word: str) -> bool:
        """Whether a word is a first-level administrative noun in any case form."""
        return self.kind(word) == "region"

    def split(self, mention: str) -> tuple[str, str | None]:
        """A mention without its administrative noun and case words, and what the noun made it: "des Gebiets
        Cherson" → ("Cherson", "region"), "Provinz Homs" → ("Homs", "region"), "Idlib-Provinz" → ("Idlib",
        "region"), "Rajon Pokrowsk" → ("Pokrowsk", "district"), "Homs" → ("Homs", None). A mention that is only
        a noun stays as it is."""
        text = " ".join(mention.split())
        rest = self._lead.sub("", text, count=1) if self._lead else text
        first, _, name = rest.partition(" ")
        kind = self.kind(first) if name.strip() else None
        if kind:
            return name.strip(), kind
        if self._after and (m := self._after.match(rest)) and m.group("name").strip():
            return m.group("name").strip(), "region"
        return text, None


@per_language
def admin_nouns_for(lang: Language) -> AdminNouns:
    """The administrative nouns of a language, read once per language."""
    return AdminNouns(lang["place_words"])


def split_admin(mention: str, lang: Language | str = "de") -> tuple[str, str | None]:
    """`AdminNouns.split` with the nouns of a language: "des Gebiets Cherson" → ("Cherson", "region")."""
    return admin_nouns_for(load_language(lang) if isinstance(lang, str) else lang).split(mention)
