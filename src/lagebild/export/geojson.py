"""GeoJSON (RFC 7946): one Point feature per event, for QGIS, geopandas and web maps.

RFC 7946 fixes the coordinate reference system to WGS84 lon/lat (no `crs` member) and the position
order to [longitude, latitude]. An event without coordinates has no place on a map and is left out;
the writer returns how many it wrote, so the caller can report the rest. Features are written one by
one as the records arrive, so an export of any size needs memory for one event only.

The properties are flat scalars (strings, numbers, null): GIS tools turn every property into one
attribute-table column and do not read nested objects well. The full record stays in events JSONL.
`fatalities_max` and `n_reports` are filled in an incident-level export and null for single reports.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any


def _actor(actor: dict[str, Any] | None, key: str) -> Any:
    return (actor or {}).get(key)


def properties(e: dict[str, Any]) -> dict[str, Any]:
    """The flat attribute columns of one event."""
    loc = e.get("location") or {}
    a1, a2 = e.get("actor1"), e.get("actor2")
    evidence = e.get("evidence") or []
    return {
        "event_id": e["event_id"],
        "incident_id": e.get("incident_id"),
        "article_id": e.get("article_id"),
        "date": e.get("date"),
        "time_precision": e.get("time_precision"),
        "event_type": e.get("event_type"),
        "sub_event_type": e.get("sub_event_type"),
        "actor1": _actor(a1, "name"),
        "actor1_kind": _actor(a1, "kind"),
        "actor2": _actor(a2, "name"),
        "actor2_kind": _actor(a2, "kind"),
        "location": loc.get("name"),
        "admin1": loc.get("admin1"),
        "country": loc.get("country"),
        "geo_precision": loc.get("geo_precision"),
        "fatalities": e.get("fatalities"),
        "fatalities_max": e.get("fatalities_max"),
        "n_reports": e.get("n_reports"),
        "sources": "; ".join(s["name"] for s in e.get("sources") or []),
        "notes": e.get("notes"),
        "evidence": evidence[0].get("text") if evidence else None,
        "stored_at": e.get("stored_at"),
        "review_status": e.get("review_status") or "unreviewed",
        "reviewed_by": e.get("reviewed_by"),
        "reviewed_at": e.get("reviewed_at"),
    }


def feature(e: dict[str, Any]) -> dict[str, Any] | None:
    """The event as a GeoJSON Feature, or None when it has no coordinates."""
    loc = e.get("location") or {}
    lat, lon = loc.get("lat"), loc.get("lon")
    if lat is None or lon is None:
        return None
    return {
        "type": "Feature",
        "id": e["event_id"],
        "geometry": {"type": "Point", "coordinates": [lon, lat]},
        "properties": properties(e),
    }


def write_geojson(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    """Write a FeatureCollection, one feature per line; returns the number of features written."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    n = 0
    for rec in records:
        feat = feature(rec)
        if feat is None:
            continue
        out.write((",\n" if n else "") + json.dumps(feat, ensure_ascii=False))
        n += 1
    out.write("\n]}\n")
    return n
