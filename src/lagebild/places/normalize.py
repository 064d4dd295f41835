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


ADMIN_NOUN = re.compile(
    r"^(?:(?:in|im|in der|in dem|aus|aus dem|aus der|der|des|dem|die|das|den)\s+)?"
    r"(?P<noun>Provinzen|Provinz|Gouvernements?|Gouvernorats?|Oblast|Gebiets?|Gebietes|Regionen|Region|"
    r"Bezirks?|Bezirkes|Distrikts?|Distriktes|Bundesstaats?|Bundesstaates|Bundesstaat|Kantons?|Kantones|"
    r"Landkreis(?:es)?|Kreis(?:es)?|Rajons?|Rayons?|Departements?|Départements?|Präfektur|Governorate|Province)"
    r"\s+(?P<name>.+)$",
    re.IGNORECASE,
)
ADMIN_AFTER = re.compile(r"^(?P<name>.+?)(?:-|\s+)(?P<noun>Provinz|Region|Gebiet|Oblast|Gouvernement)$")


def split_admin(mention: str) -> tuple[str, bool]:
    """A mention without its administrative noun and case words, and whether it had one: "des Gebiets
    Cherson" → ("Cherson", True), "Provinz Homs" → ("Homs", True), "Idlib-Provinz" → ("Idlib", True),
    "Homs" → ("Homs", False). The noun makes the name a region, it is no part of the name."""
    text = " ".join(mention.split())
    m = ADMIN_NOUN.match(text) or ADMIN_AFTER.match(text)
    if m and m.group("name").strip():
        return m.group("name").strip(), True
    return text, False
