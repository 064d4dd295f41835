"""Geocoding single mentions in their sentence: the `lagebild geocode` service.

A light path beside the pipeline: no tokenizer, only dictionary look-ups, so that tens of thousands of
mentions a second can be resolved. The sentence still decides: region and settlement words before the
name ("Provinz Idlib"), near cues ("nahe"), countries named by nouns or adjectives ("im syrischen"),
and the caller's `country_hint`. An answer in a country other than the hint is never given: the
mention is then unresolved, with a reason.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from lagebild.actors.lexicon import lexicon_for
from lagebild.lang import Language
from lagebild.places.component import AVOID_PENALTY, FOREIGN_TOWN_POPULATION, PlaceFinder
from lagebild.places.gazetteer import Place
from lagebild.places.normalize import fold, skeleton
from lagebild.places.variants import variants_for

WORD = re.compile(r"[\w\-]+")
MAX_CANDIDATES = 25  # best matches by quality and population; more never change the answer in practice
AIRFIELD_KM = 30.0  # "Flughafen Damaskus": the airfield within this distance of the town stands for it
SIDE_MARGIN = 5.0  # the score a named country adds (PlaceResolver.score): closer twins are decided by the sentence
ARTICLES = frozenset({"der", "die", "das", "des", "dem", "den", "im", "am", "beim", "vom", "zum"})


class SiteNouns:
    """Site nouns and their case forms ("Flughafen", "des Flughafens", "Staudamms"), from `place_words.yaml`:
    a kind cue before or after a name ("Grenzübergang Bab al-Hawa", "Mossul-Staudamm"), never part of it.
    Each form is a site, an airfield or a military airfield noun."""

    def __init__(self, words: dict) -> None:
        self.kinds: dict[str, str] = {}
        lists = (("site_words", "site"), ("airfield_words", "airfield"), ("military_airfield_words", "military"))
        for key, kind in lists:
            for word in words.get(key, []):
                for form in (word, word + "s", word + "es"):
                    self.kinds[form.casefold()] = kind

    def kind(self, word: str) -> str | None:
        return self.kinds.get(word.casefold())

    def split(self, mention: str) -> tuple[str, str | None]:
        """ "Luftwaffenstützpunkt Nevatim" → ("Nevatim", "military"), "des Flughafens Erbil" → ("Erbil", "airfield"),
        "Mossul-Staudamm" → ("Mossul", "site"), "Homs" → ("Homs", None)."""
        words = mention.split()
        while len(words) > 2 and words[0].casefold() in ARTICLES:
            words = words[1:]
        if len(words) >= 2 and (kind := self.kind(words[0])):
            return " ".join(words[1:]), kind
        head, dash, last = mention.rpartition("-")
        if dash and head.strip() and (kind := self.kind(last)):
            return head.strip(), kind
        return mention, None


class Geocoder:
    def __init__(self, lang: Language) -> None:
        self.finder = PlaceFinder(lang)
        self.gaz = self.finder.gaz
        self.admin = self.finder.admin  # the one normaliser of administrative nouns (places.normalize)
        self.variants = variants_for(lang)  # spelling variants, tried only for a name not found
        self.geography = self.finder.geography  # border, occupation and region phrases (places.context)
        self.actors = lexicon_for(lang)
        self.site_nouns = SiteNouns(lang["place_words"])

    def _countries(self, text: str, hint: str | None) -> Counter:
        """The countries a sentence names, by nouns and adjectives. An adjective before a force or weapon noun
        names whose forces they are, not where they are ("Russische Truppen stehen vor Pokrowsk", "die ukrainische
        Armee besetzte Sudscha", "Amerikanische Drohnen griffen bei Jilib an"): it is not counted."""
        counts: Counter = Counter()
        words = WORD.findall(text)
        for k, w in enumerate(words):
            iso3 = self.actors.adjective_country(w)
            if iso3 and k + 1 < len(words) and self._forces(words[k + 1].lower()):
                continue
            iso3 = iso3 or self.actors.country_nouns.get(w)
            if iso3 is None and w.endswith("s"):
                iso3 = self.actors.country_nouns.get(w[:-1])
            if iso3:
                counts[iso3] += 1
        if hint:
            counts[hint] += 10 * (max(counts.values()) if counts else 1)
        return counts

    def _side(self, scored: list, text: str, mention: str, cue: str | None) -> list:
        """Twins across a border ("Nikolajewka", "Rafah") in a sentence that names no country: the side of the
        other places it names ("..., meldete der Gouverneur von Belgorod"). Asked only when the best two are
        close enough (less than the bonus of a named country apart) to be decided by it, so rarely."""
        if scored[0][1] - scored[1][1] >= SIDE_MARGIN:
            return scored
        counts = self._place_countries(text, mention)
        if not counts:
            return scored
        score, none = self.finder.resolver.score, Counter()
        rescored = [(p, s + score(p, q, cue, counts) - score(p, q, cue, none), q) for p, s, q in scored]
        return sorted(rescored, key=lambda x: -x[1])

    def _place_countries(self, text: str, mention: str) -> Counter:
        """The countries of the other large places a sentence names ("in Beirut", "sagte der Gouverneur in
        Belgorod"): each capitalised word but the first is looked up, and a town of 50,000 or more, a region or a
        country written so (quality 2 or more) counts for its country. A few look-ups a word: for rare cases only."""
        counts: Counter = Counter()
        skip = set(WORD.findall(mention))
        places = self.gaz.places
        for w in WORD.findall(text)[1:]:  # a sentence's first word is capitalised whatever it is
            if w in skip or len(w) < 4 or not w[:1].isupper():
                continue
            for idx, q in self.gaz.lookup(w)[:3]:
                p = places[idx]
                if q >= 2 and p.country and (p.kind in ("region", "country") or p.population >= 50_000):
                    counts[p.country] += 1
                    break
        return counts

    def _forces(self, lower: str) -> bool:
        """Whether a lower-case noun names forces or their weapons ("Truppen", "Armee", "Drohnen")."""
        return lower in self.actors.force_nouns or lower in self.actors.weapon_nouns

    def candidates(self, mention: str) -> list[tuple[int, int]]:
        best = dict(self.gaz.lookup(mention))
        if mention.endswith("s") and len(mention) > 4:  # "Aleppos", "Charkiws"
            for idx, q in self.gaz.lookup(mention[:-1]):
                best[idx] = max(q, best.get(idx, 0))
        if not best:  # "Tahanroh", "Schebekyne": another romanisation, or the Ukrainian form of a Russian name
            best = self._variant_candidates(mention)
        return sorted(best.items(), key=lambda x: -x[1])

    def _variant_candidates(self, mention: str) -> dict[int, int]:
        """Places found by a spelling variant (variants.py), as guesses (quality 1): those of the first round
        of variants that finds any, the fewest forms changed."""
        for spellings in self.variants.rounds(mention):
            found: dict[int, int] = {}
            for spelling in spellings:
                for idx, _ in self.gaz.lookup(spelling):
                    found[idx] = 1
            if found:
                return found
        return {}

    def resolve(self, mention: str, text: str = "", country_hint: str | None = None) -> dict[str, Any]:
        start = max(0, text.find(mention))
        # "Provinz Homs", "des Gebiets Cherson": the region named so; "Rajon Pokrowsk": near its seat
        name, admin = self.admin.split(mention)
        site_name, site = self.site_nouns.split(name)
        if site is None and start and mention in text:  # "auf den Luftwaffenstützpunkt Nevatim", mention "Nevatim"
            before = WORD.findall(text[max(0, start - 40) : start])
            site = self.site_nouns.kind(before[-1]) if before else None
        if site:
            # a site of the whole name ("Luftwaffenstützpunkt Nevatim" is one of our own), else an airfield of that
            # name ("Nevatim Air Base"), else the town the name alone finds (the site's town)
            places = self.gaz.places
            cands = [(idx, q) for idx, q in self.gaz.lookup(name) if places[idx].kind == "site"]
            cands = cands or self._sites(site_name, site)
            cands = cands or (self._towns(site_name) if site_name != name else self.candidates(name))
        else:
            cands = self.candidates(name)
        named_site = bool(site) and any(idx >= self.gaz.sites.first for idx, _ in cands)
        if not cands:
            return _unresolved(mention, f"no gazetteer entry matches {mention!r}")
        within: str | None = None
        if admin == "region":
            regions = [(idx, q) for idx, q in cands if self.gaz.places[idx].kind in ("region", "area")]
            cands = regions or cands
        else:  # "Sudscha im Gebiet Kursk": the town in that region, when it has a candidate there
            cands, within = self._in_region(cands, text[start + len(mention) :] if mention in text else "")
        cands = cands[:MAX_CANDIDATES]
        cue, near = self.finder.cues(WORD.findall(text[max(0, start - 60) : start])[-5:])
        if admin == "region":
            cue = "region"
        near = near or admin == "district"
        countries = self._countries(text, country_hint)
        if within:
            countries[within] += 1  # the region's country is named, through its region
        scored = [
            (self.gaz.places[idx], self.finder.resolver.score(self.gaz.places[idx], q, cue, countries), q)
            for idx, q in cands
        ]
        avoid = self.geography.not_in_text(text)  # "nahe der ukrainischen Grenze", "russisch besetzt"
        if avoid and any(p.country not in avoid for p, _, _ in scored):
            scored = [(p, s - AVOID_PENALTY if p.country in avoid else s, q) for p, s, q in scored]
        scored.sort(key=lambda x: -x[1])
        if not countries and len(scored) > 1 and scored[0][0].country != scored[1][0].country:
            scored = self._side(scored, text, mention, cue)
        if country_hint:
            scored = [s for s in scored if s[0].country == country_hint]
            if not scored:
                return _unresolved(mention, f"no candidate in {country_hint}", cands=self._top(cands))
        place, _, quality = scored[0]
        if site and place.kind == "city":  # "Flughafen Damaskus": the airfield by the town, else the town, as near
            airfield = self._airfield_near(place, site) if site in ("airfield", "military") else None
            place, near = (airfield, near) if airfield else (place, True)
        if (
            quality == 1
            and not place.own
            and not countries.get(place.country or "")
            and not self._place_countries(text, mention).get(place.country or "")  # "Schatila ... in Beirut"
        ):
            return _unresolved(
                mention, "only a spelling guess in a country the text does not name", cands=self._top(cands)
            )
        if (
            countries
            and not avoid  # "nahe der ukrainischen Grenze": the sentence puts the place in a country it does not name
            and not countries.get(place.country or "")
            and not place.own
            and not named_site  # "Flughafen Aleppo" in a sentence naming only Israel: a site named so is no homonym
            and place.kind in ("city", "site")
            and place.population < FOREIGN_TOWN_POPULATION
        ):
            # "Explosionen in X" in a sentence about Syria: a small town of a country the text does not name is
            # a homonym, not news from there (the places component's rule for running text)
            return _unresolved(mention, "a small town in a country the text does not name", cands=self._top(cands))
        precision = 3 if place.kind in ("region", "country", "area") else (2 if near else 1)
        return {
            "mention": mention,
            "name": place.name,
            "lat": place.lat,
            "lon": place.lon,
            "country": place.country,
            "admin1": (place.admin1 or place.name) if place.kind == "region" else place.admin1,
            "admin2": place.admin2,
            "geonames_id": place.geonames_id,
            "kind": place.kind,
            "geo_precision": precision,
            "candidates": [_candidate(p, s) for p, s, _ in scored[:5]],
        }

    def _in_region(self, cands: list[tuple[int, int]], after: str) -> tuple[list[tuple[int, int]], str | None]:
        """The candidates in the region an administrative phrase right after the mention names ("im Gebiet
        Kursk", "(Oblast Donezk)"), and that region's country, when there are any; else all, and None.

        A twin across a border goes to the side the phrase names: when no candidate lies in the region
        ("Nikolajewka im Gebiet Belgorod" finds only Ukraine's Mykolajiwka), the name's spelling variants are
        tried there, and when none lies there either, the region itself is the answer (its centre, precision 3):
        the right side of the border and the right region, rather than a homonym across it."""
        words = WORD.findall(after[:80])[:6]
        noun = next((k for k, w in enumerate(words[:3]) if self.admin.is_noun(w)), None)
        if noun is None or not all(w.islower() for w in words[:noun]):
            return cands, None
        name = " ".join(w for w in words[noun + 1 : noun + 3] if w[:1].isupper())
        places = self.gaz.places
        for key in (name, name.split(" ")[0]) if name else ():
            found = self.gaz.lookup(key)
            regions = {(places[i].country, places[i].admin1) for i, _ in found if places[i].kind == "region"}
            if regions:
                inside = [(i, q) for i, q in cands if (places[i].country, places[i].admin1) in regions]
                if not inside and cands:
                    mention = places[cands[0][0]].name
                    variants = self._variant_candidates(mention).items()
                    inside = [(i, q) for i, q in variants if (places[i].country, places[i].admin1) in regions]
                    if not inside:
                        region = next(i for i, _ in found if places[i].kind == "region")
                        inside = [(region, 2)]
                return (inside, places[inside[0][0]].country) if inside else (cands, None)
        return cands, None

    def _towns(self, name: str) -> list[tuple[int, int]]:
        """The places a site is named after ("Flüchtlingslager Nuseirat"): those written so by their own name or
        by one of the project's own names, not by another language's alias ("Moria", "Askar" and "Kalma" are
        aliases of Jerusalem, of a Bulgarian and of an American town)."""
        places, key = self.gaz.places, fold(name)
        return [(idx, q) for idx, q in self.candidates(name) if places[idx].own or fold(places[idx].name) == key
                or skeleton(places[idx].name) == skeleton(name)]

    def _sites(self, name: str, noun: str) -> list[tuple[int, int]]:
        """The airfields named so after an airfield noun (quality 2), air bases first after a military one."""
        if noun not in ("airfield", "military"):
            return []
        sites = self.gaz.sites
        found = sites.named(name)
        if noun == "military":
            found = [i for i in found if sites.military(i)] or found
        return [(idx, 2) for idx in found]

    def _airfield_near(self, town: Place, noun: str) -> Place | None:
        """The airfield a town's name stands for after an airfield noun: within AIRFIELD_KM of the town, in its
        country; an air base first after a military noun, an airport with scheduled flights first after another;
        then the nearest."""
        sites = self.gaz.sites
        near = [(i, d) for i, d in sites.near(self.gaz.places, town.lat, town.lon, AIRFIELD_KM)
                if self.gaz.places[i].country == town.country]
        if not near:
            return None
        prefer = sites.military if noun == "military" else sites.scheduled
        idx, _ = min(near, key=lambda x: (not prefer(x[0]), x[1]))
        return self.gaz.places[idx]

    def _top(self, cands: list[tuple[int, int]]) -> list[dict[str, Any]]:
        return [_candidate(self.gaz.places[idx], float(q)) for idx, q in cands[:5]]


def _candidate(p: Place, score: float) -> dict[str, Any]:
    return {
        "name": p.name,
        "country": p.country,
        "kind": p.kind,
        "lat": p.lat,
        "lon": p.lon,
        "geonames_id": p.geonames_id,
        "score": round(score, 2),
    }


def _unresolved(mention: str, reason: str, cands: list | None = None) -> dict[str, Any]:
    return {
        "mention": mention,
        "name": None,
        "lat": None,
        "lon": None,
        "country": None,
        "admin1": None,
        "admin2": None,
        "geonames_id": None,
        "geo_precision": None,
        "reason": reason,
        "candidates": cands or [],
    }
