"""What an analyst types into a filter, read strictly: dates, countries, event types and places.

The command line and the web API share these readers, so `--since 14.01.2024` and
`?since=2024-01-14` mean the same, and a value that means nothing is refused with a message that
names it (and, where it helps, lists what would work) instead of silently matching everything or
nothing:

- dates: ISO prefixes (2024, 2024-01, 2024-01-14) or German day-first dates (14.01.2024, 1.2024),
  checked against the calendar;
- countries: an ISO3 code or a German or English name (`lagebild.countries`);
- event types and sub-types: the exact ACLED name in any case, or a prefix that fits only one;
- places: any spelling the gazetteer knows ("Saporischschja", "Zaporizhzhia", "Saporoschje"), which
  becomes the stored names of the places it may mean, besides a plain substring match.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from lagebild.countries import UnknownCountry, resolve_country
from lagebild.errors import FilterError
from lagebild.taxonomy import TAXONOMY

ISO_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
GERMAN_DATE = re.compile(r"^(?:(\d{1,2})\.)?(\d{1,2})\.(\d{4})$")
DATE_FORMS = "YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY"
TYPES: tuple[str, ...] = tuple(t for et, subs in TAXONOMY.items() for t in (et, *subs))
MAX_PLACES = 12  # gazetteer candidates a place filter may stand for: more are spelling noise




def parse_date(value: str, field: str = "date") -> str:
    """An ISO date prefix (YYYY, YYYY-MM or YYYY-MM-DD) for an ISO or German date; FilterError otherwise."""
    text = (value or "").strip()
    if m := ISO_DATE.match(text):
        year, month, day = m.group(1), m.group(2), m.group(3)
    elif m := GERMAN_DATE.match(text):
        day, month, year = m.group(1), m.group(2), m.group(3)
    else:
        raise FilterError(field, f"{value!r} is not a date: use {DATE_FORMS}")
    try:
        if day:
            return dt.date(int(year), int(month), int(day)).isoformat()
        if month:
            return dt.date(int(year), int(month), 1).isoformat()[:7]
        return f"{int(year):04d}"
    except ValueError as e:
        raise FilterError(field, f"{value!r} is not a date: {e}") from None


def check_period(since: str | None, until: str | None) -> None:
    """A period must not end before it starts (`until` is a whole period: 2024-01 ends on the 31st)."""
    if since and until and since[: len(until)] > until:
        raise FilterError("until", f"the period ends ({until}) before it starts ({since})")


def parse_country(value: str, field: str = "country") -> str:
    try:
        return resolve_country(value)
    except UnknownCountry as e:
        raise FilterError(field, str(e)) from None


def parse_type(value: str, field: str = "type") -> str:
    """The ACLED event type or sub-type a name or an unambiguous prefix stands for (any case)."""
    key = (value or "").strip().casefold()
    exact = [t for t in TYPES if t.casefold() == key]
    if exact:
        return exact[0]
    fits = [t for t in TYPES if t.casefold().startswith(key)] if key else []
    if len(fits) == 1:
        return fits[0]
    if fits:
        raise FilterError(field, f"{value!r} fits several types: {'; '.join(fits)}")
    listing = "; ".join(f"{et}: {', '.join(subs)}" for et, subs in TAXONOMY.items())
    raise FilterError(field, f"unknown event type {value!r}. Event types and their sub-types: {listing}")


@dataclass(frozen=True)
class PlaceMatch:
    """One stored place a place filter stands for: a location name, or a province by its admin1 name."""

    column: str  # "location" or "admin1"
    name: str
    country: str | None


def place_matches(value: str, lang: str = "de") -> tuple[PlaceMatch, ...]:
    """The stored places a written place name may mean, through the gazetteer.

    Exact spellings (lagebild's own exonyms and GeoNames' names, without case or accents) are used
    when there are any; otherwise the transliteration-blind skeleton matches, the most populous first.
    A province matches the events whose admin1 is that province. An administrative noun ("Provinz Idlib",
    "Gebiet Charkiw", "Idlib-Provinz") is read as `lagebild geocode` and the extractor read it
    (`places.normalize.split_admin`): the name is the region's, so the province matches, not the town.
    """
    from lagebild.lang import load_language
    from lagebild.places.gazetteer import gazetteer_for
    from lagebild.places.normalize import split_admin

    language = load_language(lang)
    gaz = gazetteer_for(language)
    name, admin = split_admin(value, language)
    found = gaz.lookup(name)
    if admin == "region":
        found = [(i, q) for i, q in found if gaz.places[i].kind == "region"] or found
    best = [i for i, q in found if q >= 2] or [i for i, _ in found]
    out: dict[PlaceMatch, None] = {}
    for idx in best[:MAX_PLACES]:
        p = gaz.places[idx]
        if p.kind == "region" and p.admin1:
            out[PlaceMatch("admin1", p.admin1, p.country)] = None
        out[PlaceMatch("location", p.name, p.country)] = None
    return tuple(out)
