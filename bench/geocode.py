"""Geocoding quality and speed over tests/data/geocode_mentions.jsonl (and its sites apart).

Quality: the share of mentions within 25 km of the expected place (150 km of a region's centre, the
referee's rule for regions), in a wrong country, and unresolved. Speed: mentions/s after the index is
loaded, on one core, for all mentions and for the names found as written (the transliteration variant
path runs only on misses, so those must stay fast).
"""

from __future__ import annotations

import json
import math
import time
from pathlib import Path

from lagebild.lang import load_language
from lagebild.places.geocode import Geocoder

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "geocode_mentions.jsonl"


def km(a_lat: float, a_lon: float, b_lat: float, b_lon: float) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a_lat, a_lon, b_lat, b_lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def quality(geo: Geocoder, rows: list[dict]) -> tuple[int, int, int, list[str]]:
    """(within, wrong country, unresolved, the mentions that were not within)."""
    within = wrong = unresolved = 0
    misses = []
    for r in rows:
        ans = geo.resolve(r["mention"], r["text"], r["country_hint"])
        exp = r["expected"]
        if ans["lat"] is None:
            unresolved += 1
            misses.append(f"unresolved  {r['mention']!r}: {ans.get('reason')}")
            continue
        limit = 150 if exp.get("kind") == "region" else 25
        if km(ans["lat"], ans["lon"], exp["lat"], exp["lon"]) <= limit:
            within += 1
            continue
        if ans["country"] != exp["country"]:
            wrong += 1
        misses.append(f"{'wrong ctry' if ans['country'] != exp['country'] else 'too far   '}  {r['mention']!r} → "
                      f"{ans['name']} ({ans['country']}), expected {exp['name']} ({exp['country']})")
    return within, wrong, unresolved, misses


def speed(geo: Geocoder, rows: list[dict], rounds: int) -> float:
    t = time.perf_counter()
    for _ in range(rounds):
        for r in rows:
            geo.resolve(r["mention"], r["text"], r["country_hint"])
    return rounds * len(rows) / (time.perf_counter() - t)


def main() -> None:
    import sys

    t0 = time.perf_counter()
    geo = Geocoder(load_language("de"))
    print(f"index loaded in {time.perf_counter() - t0:.2f} s")
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    within, wrong, unresolved, misses = quality(geo, rows)
    n = len(rows)
    print(f"{n} mentions: within 25 km {within / n:.3f} ({within}), wrong country {wrong / n:.3f} ({wrong}), "
          f"unresolved {unresolved / n:.3f} ({unresolved})")
    sites = [r for r in rows if r["expected"].get("kind") == "site"]
    if sites:
        s_within, s_wrong, s_unresolved, _ = quality(geo, sites)
        print(f"  of them {len(sites)} sites (crossings, bases, airports, dams, camps): within 25 km {s_within}, "
              f"wrong country {s_wrong}, unresolved {s_unresolved}")
    if "-v" in sys.argv:
        print("\n".join(misses))
    written = [r for r in rows if geo.gaz.by_fold.get(_fold(r["mention"]))]
    print(f"{speed(geo, rows, 50):.0f} mentions/s, all mentions (one core)")
    print(f"{speed(geo, written, 50):.0f} mentions/s, the {len(written)} found as written (one core)")


def _fold(mention: str) -> str:
    from lagebild.places.normalize import fold, split_admin

    return fold(split_admin(mention)[0])


if __name__ == "__main__":
    main()
