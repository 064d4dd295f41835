"""Country outlines for the map, from the Natural Earth-derived GeoJSON that the `countryinfo` package ships.

Nothing is downloaded: the outlines are read from the installed package once per process, their
coordinates rounded to 0.01° (about 1 km, finer than a 110m-scale outline) and collapsed points
dropped, which keeps the whole world at a few hundred kilobytes for the browser.
"""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any


def _ring(coords: list[list[float]]) -> list[list[float]]:
    out: list[list[float]] = []
    for lon, lat, *_ in coords:
        p = [round(lon, 2), round(lat, 2)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def _geometry(geom: dict[str, Any]) -> dict[str, Any] | None:
    if geom.get("type") == "Polygon":
        polys = [geom["coordinates"]]
    elif geom.get("type") == "MultiPolygon":
        polys = geom["coordinates"]
    else:
        return None
    kept = [[r for r in map(_ring, poly) if len(r) >= 4] for poly in polys]
    kept = [p for p in kept if p]
    return {"type": "MultiPolygon", "coordinates": kept} if kept else None


def features() -> list[dict[str, Any]]:
    """One GeoJSON feature per country that has an outline, with its ISO3 code and English and German name."""
    from countryinfo import all_countries

    from lagebild.countries import country_name

    out = []
    for country in all_countries():
        iso3 = (country.iso() or {}).get("alpha3")
        for feat in (country.geo_json() or {}).get("features", []):
            geom = _geometry(feat.get("geometry") or {})
            if geom and iso3:
                out.append(
                    {
                        "type": "Feature",
                        "id": iso3,
                        "properties": {"iso3": iso3, "name": country.name(), "name_de": country_name(iso3, "de")},
                        "geometry": geom,
                    }
                )
    out.sort(key=lambda f: f["id"])
    return out


@lru_cache(maxsize=1)
def countries_geojson() -> bytes:
    """The FeatureCollection as compact JSON bytes, built once per process."""
    return json.dumps({"type": "FeatureCollection", "features": features()}, separators=(",", ":")).encode()
