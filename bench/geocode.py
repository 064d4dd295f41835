"""Geocoding speed: mentions/s after the index is loaded, over tests/data/geocode_mentions.jsonl."""

from __future__ import annotations

import json
import time
from pathlib import Path

from lagebild.lang import load_language
from lagebild.places.geocode import Geocoder

DATA = Path(__file__).resolve().parents[1] / "tests" / "data" / "geocode_mentions.jsonl"


def main() -> None:
    t0 = time.perf_counter()
    geo = Geocoder(load_language("de"))
    print(f"index loaded in {time.perf_counter() - t0:.2f} s")
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    rounds = 50
    t1 = time.perf_counter()
    for _ in range(rounds):
        for r in rows:
            geo.resolve(r["mention"], r["text"], r["country_hint"])
    dt = time.perf_counter() - t1
    print(f"{rounds * len(rows)} mentions in {dt:.2f} s: {rounds * len(rows) / dt:.0f} mentions/s (one core)")


if __name__ == "__main__":
    main()
