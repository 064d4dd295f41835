"""ACLED-compatible CSV: ACLED's column names and order, its actor-type codes and disorder types.

ACLED records one concrete day per event and says in `time_precision` how much of it is known. The
ACLED Codebook (acleddata.com/methodology/acled-codebook, section "Event Time", "Time precision
codes") gives the day to record:

- precision 1: the actual date;
- precision 2 (an event "sometime during the week or within a similar period"): the middle of the
  period, e.g. the Wednesday or Thursday of last week;
- precision 3 (only the month is known, also "in the past two or three weeks"): the month's
  midpoint; the first or last day when the text says the beginning or end of the month.

lagebild's records already carry a day for a week or range (the reference day the text names, as
EVENTS.md defines the date), so a full date is written as it is. A month-only date becomes the 15th
(the midpoint). A year-only date, which ACLED would not record at all, becomes 1 July, the year's
midpoint, so the row still sorts into the right year; its `time_precision` stays 3. Beginning or end
of a month is not kept in the record, so the midpoint is used for every month-only date.

`inter1`/`inter2`/`interaction` are ACLED's numeric actor-type codes (the form ACLED's API gives with
`inter_numeric`); the codebook's current CSV spells them as text. Fatalities unknown are 0, as the
codebook says; coordinates have four decimals (EPSG:4326), as ACLED publishes them.
"""

from __future__ import annotations

import csv
import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

from lagebild.countries import countries, country_name
from lagebild.export.conventions import actor1_of, actor2_of, region, source_scale

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


MIDPOINT = {1: "-07-01", 2: "-15"}  # appended to a date with 1 (year) or 2 (year, month) parts


def acled_date(date: str | None) -> str:
    """ACLED's event_date for an EVENTS.md date: the day itself, else the midpoint of the period."""
    if not date:
        return ""
    return date + MIDPOINT.get(date.count("-") + 1, "")


def acled_precision(date: str | None, precision: int | None) -> int:
    """The record's time_precision, at least 3 when the date has no day (a midpoint was filled in)."""
    if not date or date.count("-") < 2:
        return max(precision or 3, 3)
    return precision or 1


def timestamp(stored_at: str | None) -> int | str:
    """ACLED's `timestamp`: when the row was last changed, as Unix seconds (here: when it was stored)."""
    if not stored_at:
        return ""
    when = dt.datetime.fromisoformat(stored_at)
    return int((when if when.tzinfo else when.replace(tzinfo=dt.UTC)).timestamp())


def _coord(value: float | None) -> float | str:
    return "" if value is None else round(value, 4)


def acled_row(e: dict[str, Any]) -> dict[str, Any]:
    """One EVENTS.md record as one ACLED row (a dict keyed by COLUMNS); it needs a date and a country."""
    loc = e.get("location") or {}
    iso3 = loc.get("country") or ""
    a1, a2 = actor1_of(e, iso3), actor2_of(e, iso3)
    i1, i2 = INTER.get(a1.get("kind"), 0), INTER.get(a2.get("kind"), 0)
    interaction = int(f"{min(i1, i2)}{max(i1, i2)}") if i1 and i2 else (i1 or i2) * 10
    country = countries().get(iso3)
    return {
        "event_id_cnty": e["event_id"],
        "event_date": acled_date(e.get("date")),
        "year": int(e["date"][:4]),
        "time_precision": acled_precision(e.get("date"), e.get("time_precision")),
        "disorder_type": DISORDER.get(e["event_type"], ""),
        "event_type": e["event_type"],
        "sub_event_type": e["sub_event_type"],
        "actor1": a1.get("name", ""),
        "assoc_actor_1": "; ".join(a["name"] for a in e.get("assoc_actor_1", [])),
        "inter1": i1,
        "actor2": a2.get("name", ""),
        "assoc_actor_2": "; ".join(a["name"] for a in e.get("assoc_actor_2", [])),
        "inter2": i2,
        "interaction": interaction,
        "civilian_targeting": "Civilians targeted" if a2.get("kind") == "civilians" else "",
        "iso": country.isonumeric if country and country.isonumeric is not None else 0,
        "region": region(iso3),
        "country": country_name(iso3, "en"),
        "admin1": loc.get("admin1") or "",
        "admin2": loc.get("admin2") or "",
        "admin3": "",
        "location": loc.get("name", ""),
        "latitude": _coord(loc.get("lat")),
        "longitude": _coord(loc.get("lon")),
        "geo_precision": loc.get("geo_precision") or 3,
        "source": "; ".join(s["name"] for s in e.get("sources", [])),
        "source_scale": source_scale(e.get("sources", []), iso3),
        "notes": e.get("notes") or "",
        "fatalities": e.get("fatalities") or 0,
        "tags": "",
        "timestamp": timestamp(e.get("stored_at")),
    }


def exportable(e: dict[str, Any]) -> bool:
    """ACLED rows need a date (year, event_date) and a country (iso, region): others are left out."""
    return bool(e.get("date")) and bool((e.get("location") or {}).get("country"))


REVIEW_COLUMNS = ["review_status", "reviewed_by", "reviewed_at"]


def write_acled_csv(
    records: Iterable[dict[str, Any]], out: IO[str], *, incident_id: bool = False, review: bool = False
) -> int:
    """Write a header and one row per record that has a date and a country; returns the rows written.

    `incident_id` appends that column after ACLED's 31, for deduplicating report-level rows; `review`
    appends the review state (review_status, reviewed_by, reviewed_at) after them.
    """
    fields = [*COLUMNS, *(["incident_id"] if incident_id else []), *(REVIEW_COLUMNS if review else [])]
    writer = csv.DictWriter(out, fieldnames=fields)
    writer.writeheader()
    n = 0
    for rec in records:
        if not exportable(rec):
            continue
        row = acled_row(rec)
        if incident_id:
            row["incident_id"] = rec.get("incident_id") or ""
        if review:
            row |= {k: rec.get(k) or ("unreviewed" if k == "review_status" else "") for k in REVIEW_COLUMNS}
        writer.writerow(row)
        n += 1
    return n
