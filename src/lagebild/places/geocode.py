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
from lagebild.places.variants import variants_for

WORD = re.compile(r"[\w\-]+")
MAX_CANDIDATES = 25  # best matches by quality and population; more never change the answer in practice


class Geocoder:
    def __init__(self, lang: Language) -> None:
        self.finder = PlaceFinder(lang)
        self.gaz = self.finder.gaz
        self.admin = self.finder.admin  # the one normaliser of administrative nouns (places.normalize)
        self.variants = variants_for(lang)  # spelling variants, tried only for a name not found
        self.geography = self.finder.geography  # border, occupation and region phrases (places.context)
        self.actors = lexicon_for(lang)
        self.site_words = sorted(lang["place_words"].get("site_words", []), key=len, reverse=True)

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

    def _forces(self, lower: str) -> bool:
        """Whether a lower-case noun names forces or their weapons ("Truppen", "Armee", "Drohnen")."""
        return lower in self.actors.force_nouns or lower in self.actors.weapon_nouns

    def candidates(self, mention: str) -> list[tuple[int, int]]:
        best = dict(self.gaz.lookup(mention))
        if not best:
            rest = self._without_site_word(mention)
            if rest:
                best = dict(self.gaz.lookup(rest))
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
        cands = self.candidates(name)
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
        if country_hint:
            scored = [s for s in scored if s[0].country == country_hint]
            if not scored:
                return _unresolved(mention, f"no candidate in {country_hint}", cands=self._top(cands))
        place, _, quality = scored[0]
        if quality == 1 and not place.own and not countries.get(place.country or ""):
            return _unresolved(
                mention, "only a spelling guess in a country the text does not name", cands=self._top(cands)
            )
        if (
            countries
            and not avoid  # "nahe der ukrainischen Grenze": the sentence puts the place in a country it does not name
            and not countries.get(place.country or "")
            and not place.own
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
        Kursk", "(Oblast Donezk)"), and that region's country, when there are any; else all, and None."""
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
                if inside:
                    return inside, places[inside[0][0]].country
                return cands, None
        return cands, None

    def _without_site_word(self, mention: str) -> str | None:
        """ "Grenzübergang Bab al-Hawa" → "Bab al-Hawa", "Mossul-Staudamm" → "Mossul"."""
        for word in self.site_words:
            if mention.startswith(word + " "):
                return mention[len(word) + 1 :]
            if mention.endswith("-" + word):
                return mention[: -len(word) - 1]
        return None

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
