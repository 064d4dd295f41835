"""What an analyst picks from when correcting an event: actors from the lexicon, places from the gazetteer.

Actors: every named group of `actors.yaml` (found by its English name or any German alias), the
state forces of every country ("Military Forces of Syria", "Police Forces of Iraq") and the people of
every country ("Civilians (Syria)", "Protesters (Georgia)"), as EVENTS.md actors. A name the lexicon
does not know stays a free-text actor.

Places: a written name through the gazetteer (any spelling it knows, as the place filter reads
names), or a point on the map: the places nearest to it. Either becomes an EVENTS.md location.
"""

from __future__ import annotations

import functools
import math
from typing import Any

from lagebild.actors.lexicon import lexicon_for
from lagebild.lang import load_language
from lagebild.places.gazetteer import Place, gazetteer_for

PEOPLE = {"civilians": "Civilians", "protesters": "Protesters", "rioters": "Rioters"}
NEAR_KINDS = ("city", "site", "area")  # a click on the map means a town or site, not the region around it


class Actors:
    """The lexicon's actors as EVENTS.md actor dicts, by lower-case name and alias."""

    def __init__(self, lang: str = "de") -> None:
        lex = lexicon_for(load_language(lang))
        self.by_key: dict[str, dict[str, Any]] = {}
        self.aliases: dict[str, str] = {}  # lower-case alias → lower-case name
        for spec in sorted(lex.named_groups, key=lambda a: a.name):
            self._add({"name": spec.name, "kind": spec.kind, "country": spec.country, "group": spec.group})
        for iso3, country in sorted(lex.countries.items()):
            for force in ("military", "police"):
                self._add({"name": lex.state_name(iso3, force), "kind": "state", "country": iso3, "group": None})
            for kind, word in PEOPLE.items():
                self._add({"name": f"{word} ({country.english})", "kind": kind, "country": iso3, "group": None})
        for words, spec in lex.phrases.items():
            key = spec.name.lower()
            if key in self.by_key and spec.group:
                self.aliases.setdefault(" ".join(words).lower(), key)

    def _add(self, actor: dict[str, Any]) -> None:
        self.by_key.setdefault(actor["name"].lower(), actor)

    def resolve(self, name: str) -> dict[str, Any]:
        """The lexicon's actor of that name or alias; else a free-text actor (kind, country unknown)."""
        key = name.strip().lower()
        found = self.by_key.get(key) or self.by_key.get(self.aliases.get(key, ""))
        return dict(found) if found else {"name": name.strip(), "kind": None, "country": None, "group": None}

    def search(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        """Actors whose name or alias contains the words, names that start with them first."""
        q = query.strip().lower()
        if not q:
            return []
        hits: dict[str, tuple[int, str]] = {}
        for key in self.by_key:
            if q in key:
                hits[key] = (0 if key.startswith(q) else 1, key)
        for alias, key in self.aliases.items():
            if q in alias and key not in hits:
                hits[key] = (0 if alias.startswith(q) else 2, key)
        return [dict(self.by_key[k]) for k in sorted(hits, key=lambda k: hits[k])[:limit]]


@functools.cache
def actors(lang: str = "de") -> Actors:
    return Actors(lang)


def location(place: Place, precision: int | None = None) -> dict[str, Any]:
    """A gazetteer place as an EVENTS.md location (as the extractor writes one)."""
    coarse = place.kind in ("region", "country")
    return {
        "name": place.name,
        "geonames_id": place.geonames_id,
        "lat": place.lat,
        "lon": place.lon,
        "admin1": (place.admin1 or place.name) if place.kind == "region" else place.admin1,
        "admin2": place.admin2,
        "country": place.country,
        "geo_precision": precision or (3 if coarse else 1),
    }


def _entry(place: Place, **extra: Any) -> dict[str, Any]:
    return {"kind": place.kind, "population": place.population, "location": location(place), **extra}


KIND_RANK = {"city": 0, "site": 0, "area": 1, "region": 2, "country": 3}


def search_places(query: str, limit: int = 10, lang: str = "de") -> list[dict[str, Any]]:
    """Places a written name may mean: the best spelling match first, then a town before the region
    of the same name ("Homs" the city, then the governorate), then the most populous."""
    gaz = gazetteer_for(load_language(lang))
    wanted = query.strip().casefold()
    found = [(gaz.places[idx], quality) for idx, quality in gaz.lookup(query.strip())]
    found.sort(key=lambda x: (-x[1], x[0].name.casefold() != wanted, KIND_RANK.get(x[0].kind, 1), -x[0].population))
    out, seen = [], set()
    for place, _quality in found:
        key = (place.name, place.country, place.kind)
        if key in seen:
            continue
        seen.add(key)
        out.append(_entry(place))
        if len(out) >= limit:
            break
    return out


@functools.cache
def _coordinates(lang: str) -> tuple[Any, Any, Any]:
    """The towns and sites of the gazetteer: their indexes, latitudes and longitudes (numpy arrays)."""
    import numpy as np

    table = gazetteer_for(load_language(lang)).places
    kinds = np.frombuffer(table.kind, dtype=np.uint32)
    wanted = [i for i, v in enumerate(table._values) if v in NEAR_KINDS]
    idx = np.flatnonzero(np.isin(kinds, wanted))
    lats, lons = np.frombuffer(table.lat, dtype=np.float64), np.frombuffer(table.lon, dtype=np.float64)
    return idx, lats[idx], lons[idx]


def nearest_places(lat: float, lon: float, limit: int = 8, max_km: float = 60.0, lang: str = "de") -> list[dict]:
    """The towns and sites nearest to a point on the map, with their distance (km), nearest first.

    A box around the point picks the candidates first, so a click costs a few milliseconds."""
    import numpy as np

    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise ValueError(f"{lat}, {lon} is not a point on the earth")
    idx, lats, lons = _coordinates(lang)
    cos = max(math.cos(math.radians(lat)), 0.01)
    dlat, dlon = max_km / 111.2, max_km / (111.2 * cos)
    near = np.flatnonzero((np.abs(lats - lat) <= dlat) & (np.abs(lons - lon) <= dlon))
    dy = lats[near] - lat
    dx = (lons[near] - lon) * cos
    km = np.sqrt(dx * dx + dy * dy) * 111.2
    places = gazetteer_for(load_language(lang)).places
    out, seen = [], set()
    for k in np.argsort(km, kind="stable"):
        if km[k] > max_km:
            break
        place = places[int(idx[near[k]])]
        keys = {(place.name, place.country), (round(place.lat, 2), round(place.lon, 2))}  # one place, two spellings
        if keys & seen:
            continue
        seen |= keys
        out.append(_entry(place, km=round(float(km[k]), 1)))
        if len(out) >= limit:
            break
    return out
