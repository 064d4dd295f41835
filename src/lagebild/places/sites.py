"""Airports and air bases from the `airportsdata` package, for the gazetteer's site index.

German news names conflict sites by a site noun and a name: "Luftwaffenstützpunkt Nevatim", "Flughafen
Aleppo", "Militärflugplatz Morosowsk". airportsdata (MIT; OurAirports/mwgg data) ships about 28,000 airports and
landing strips with ICAO and IATA codes, names, towns and coordinates, the military air bases of the conflict
countries included ("Al Asad Air Base", "Shayrat Air Base", "Engels Airbase"). Kept: every airport with an
ICAO code outside the United States, and those of the United States that have an IATA code or are military (the
other US rows are about 19,000 private strips, named after ranches and families).

These sites are not put among the gazetteer's names: "Ben Gurion", "Hassan I" or a farm strip's family name
would become places in running text. They are found only after a site noun (places/geocode.py): by their name
without its designator ("Nevatim"), or as the airport next to the town the noun names ("Flughafen Damaskus").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from importlib import metadata
from typing import NamedTuple

import airportsdata

MILITARY = re.compile(
    r"\b(Air Base|Airbase|Air Force|AFB|Air Station|Army Air Field|Army Airfield|Naval|Military|Marine Corps)\b",
    re.IGNORECASE,
)
# Designators that end an airport's name: "Nevatim Air Base" is found as "Nevatim", "Aleppo International
# Airport" as "Aleppo". Longer first.
DESIGNATOR = re.compile(
    r"\s+(International Airport|Regional Airport|Municipal Airport|National Airport|Air Force Base|Army Air Field|"
    r"Army Airfield|Naval Air Station|Air Base|Airbase|Air Station|Airport|Airfield|Air Field|Aerodrome|Airstrip|"
    r"Air Strip|Airpark|Heliport|Field)\.?$",
    re.IGNORECASE,
)
LEADING = re.compile(r"^(International Airport|Airport|Air Base)\s+(of\s+)?", re.IGNORECASE)


class Airport(NamedTuple):
    name: str  # "Nevatim Air Base"
    lat: float
    lon: float
    iso2: str  # country, ISO 3166-1 alpha-2
    keys: tuple[str, ...]  # the names it is found by after a site noun: its name, without its designator
    military: bool
    iata: str  # "" for none: an airport with an IATA code has scheduled flights


def version() -> str:
    """The installed airportsdata release (part of the gazetteer's cache key)."""
    return metadata.version("airportsdata")


def short_name(name: str) -> str:
    """'Nevatim Air Base' → 'Nevatim', 'Aleppo International Airport' → 'Aleppo'; a name that is only a
    designator stays."""
    short = LEADING.sub("", DESIGNATOR.sub("", name.strip())).strip(" -,")
    return short or name


def airports() -> Iterator[Airport]:
    """The airports and air bases kept for the site index (see the module docstring)."""
    for row in airportsdata.load("ICAO").values():
        name = (row.get("name") or "").strip()
        iso2 = (row.get("country") or "").strip()
        military = bool(MILITARY.search(name))
        if not name or not iso2:
            continue
        if iso2 == "US" and not (row.get("iata") or military):
            continue
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (KeyError, TypeError, ValueError):
            continue
        keys = tuple(dict.fromkeys(k for k in (name, short_name(name)) if k))
        yield Airport(name, lat, lon, iso2, keys, military, (row.get("iata") or "").strip())
