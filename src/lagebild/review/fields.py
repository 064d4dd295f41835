"""An analyst's corrections read strictly, field by field, into EVENTS.md values.

The page sends JSON, the command line sends `field=value` words; both end here, so a value means the
same from either, and one that means nothing is refused with a FieldError naming the field:

- `sub_event_type` from the ACLED taxonomy (any case, or a start that fits one); `event_type` follows
  from it, or must be its type;
- `date` as the filters read dates (ISO or German, checked against the calendar); `time_precision`
  follows from it (a day: 1, a month or year: 3) unless given;
- `actor1`, `actor2` (and the associated lists): a name the lexicon knows, or free text, or an actor
  object; `null` for none;
- `location`: a location object (a gazetteer pick from the page) or a place name the gazetteer knows;
- `fatalities`: a whole number from 0, or null; `sources`: names or source objects; `notes`: text.
"""

from __future__ import annotations

import math
from typing import Any

from lagebild.filters import FilterError, parse_date, parse_type
from lagebild.review.lookup import actors, search_places
from lagebild.taxonomy import EVENT_TYPE_OF, TAXONOMY

ACTOR_KINDS = (
    *("state", "rebel", "political_militia", "identity_militia", "rioters", "protesters", "civilians", "external"),
)
SOURCE_KINDS = ("government", "military", "state_media", "media", "ngo", "un", "armed_group", "local", "witness")
SOURCE_KINDS = (*SOURCE_KINDS, "other")
MAX_TEXT = 500


class FieldError(ValueError):
    """A correction that means nothing; `field` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


def _text(field: str, value: Any, *, limit: int = 200) -> str:
    if not isinstance(value, str) or not value.strip():
        raise FieldError(field, "give a non-empty text")
    if len(value) > limit:
        raise FieldError(field, f"at most {limit} characters")
    return value.strip()


def actor(field: str, value: Any) -> dict[str, Any] | None:
    """An actor from a name (the lexicon's, or free text) or an object with name, kind, country, group."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        return actors().resolve(_text(field, value))
    if not isinstance(value, dict):
        raise FieldError(field, "give a name or an object with name, kind, country and group")
    name = _text(f"{field}.name", value.get("name"))
    known = actors().resolve(name)
    kind = value.get("kind", known["kind"])
    if kind is not None and kind not in ACTOR_KINDS:
        raise FieldError(f"{field}.kind", f"{kind!r} is none of {', '.join(ACTOR_KINDS)}")
    country = value.get("country", known["country"])
    if country is not None and (not isinstance(country, str) or len(country) != 3 or not country.isalpha()):
        raise FieldError(f"{field}.country", "an ISO3 code (SYR) or null")
    group = value.get("group", known["group"])
    if group is not None and not isinstance(group, str):
        raise FieldError(f"{field}.group", "a group key (IS, HTS, ...) or null")
    return {"name": name, "kind": kind, "country": country.upper() if country else None, "group": group}


def location(value: Any) -> dict[str, Any] | None:
    """A location object (name, lat, lon, country, ...) or a place name the gazetteer knows."""
    if value is None or value == "":
        return None
    if isinstance(value, str):
        found = search_places(_text("location", value), limit=1)
        if not found:
            raise FieldError("location", f"the gazetteer knows no place {value.strip()!r}")
        return found[0]["location"]
    if not isinstance(value, dict):
        raise FieldError("location", "give a place name or a location object")
    out = {"name": _text("location.name", value.get("name"))}
    for key, lo, hi in (("lat", -90, 90), ("lon", -180, 180)):
        v = value.get(key)
        if not isinstance(v, int | float) or isinstance(v, bool) or not math.isfinite(v) or not lo <= v <= hi:
            raise FieldError(f"location.{key}", f"a number from {lo} to {hi}")
        out[key] = float(v)
    gid = value.get("geonames_id")
    if gid is not None and (not isinstance(gid, int) or isinstance(gid, bool) or gid < 0):
        raise FieldError("location.geonames_id", "a GeoNames id (a whole number) or null")
    out["geonames_id"] = gid
    for key in ("admin1", "admin2"):
        v = value.get(key)
        out[key] = _text(f"location.{key}", v) if v else None
    country = value.get("country")
    if not isinstance(country, str) or len(country) != 3 or not country.isalpha():
        raise FieldError("location.country", "an ISO3 code (SYR)")
    out["country"] = country.upper()
    precision = value.get("geo_precision", 1)
    if precision not in (1, 2, 3):
        raise FieldError("location.geo_precision", "1 (the place), 2 (near it) or 3 (its region)")
    out["geo_precision"] = precision
    return out


def sources(value: Any) -> list[dict[str, Any]]:
    """Sources from names ("SOHR; Reuters" or a list) or source objects (name, kind, country)."""
    if value is None or value == "":
        return []
    items = [s for s in value.split(";")] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise FieldError("sources", "give names separated by ';' or a list")
    out = []
    for i, s in enumerate(items):
        if isinstance(s, str):
            if s.strip():
                out.append({"name": _text(f"sources.{i}", s), "kind": "other", "country": None})
            continue
        if not isinstance(s, dict):
            raise FieldError(f"sources.{i}", "a name or an object with name, kind and country")
        kind = s.get("kind") or "other"
        if kind not in SOURCE_KINDS:
            raise FieldError(f"sources.{i}.kind", f"{kind!r} is none of {', '.join(SOURCE_KINDS)}")
        country = s.get("country")
        if country is not None and (not isinstance(country, str) or len(country) != 3):
            raise FieldError(f"sources.{i}.country", "an ISO3 code or null")
        out.append({"name": _text(f"sources.{i}.name", s.get("name")), "kind": kind, "country": country})
    return out


def _fatalities(value: Any) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 10**7:
        raise FieldError("fatalities", "a whole number from 0, or empty when the text gives none")
    return value


def _date(value: Any) -> str | None:
    if value is None or value == "":
        return None
    if not isinstance(value, str):
        raise FieldError("date", "a date as text (YYYY-MM-DD, YYYY-MM, YYYY or DD.MM.YYYY)")
    try:
        return parse_date(value, "date")
    except FilterError as e:
        raise FieldError("date", str(e)) from None


def _type(field: str, value: Any) -> str:
    if not isinstance(value, str):
        raise FieldError(field, "an ACLED type as text")
    try:
        return parse_type(value, field)
    except FilterError as e:
        raise FieldError(field, str(e)) from None


def check(raw: dict[str, Any], current: dict[str, Any] | None = None) -> dict[str, Any]:
    """The corrections as EVENTS.md values: {field: value}; FieldError names the first bad one.

    `current` is the event as it is: a new sub-type must fit the event type (given or current).
    """
    if not isinstance(raw, dict) or not raw:
        raise FieldError("changes", "name at least one field to correct")
    out: dict[str, Any] = {}
    for key, value in raw.items():
        if key in ("event_type", "sub_event_type"):
            continue
        if key == "date":
            out["date"] = _date(value)
        elif key == "time_precision":
            if value not in (1, 2, 3, None):
                raise FieldError("time_precision", "1 (a day), 2 (a week or a few days) or 3 (a month or longer)")
            out["time_precision"] = value
        elif key in ("actor1", "actor2"):
            out[key] = actor(key, value)
        elif key in ("assoc_actor_1", "assoc_actor_2"):
            if not isinstance(value, list):
                raise FieldError(key, "a list of actors")
            out[key] = [a for i, v in enumerate(value) if (a := actor(f"{key}.{i}", v))]
        elif key == "location":
            out["location"] = location(value)
        elif key == "fatalities":
            out["fatalities"] = _fatalities(value)
        elif key == "sources":
            out["sources"] = sources(value)
        elif key == "notes":
            out["notes"] = _text("notes", value, limit=MAX_TEXT) if value else None
        else:
            raise FieldError(key, "no field an analyst corrects (evidence stays as read)")
    if "date" in out and "time_precision" not in raw:
        date = out["date"]
        out["time_precision"] = None if date is None else 1 if len(date) == 10 else 3
    _types(raw, current or {}, out)
    return out


def _types(raw: dict[str, Any], current: dict[str, Any], out: dict[str, Any]) -> None:
    """Sub-type and type together: a sub-type sets its type; a type alone keeps a sub-type that fits it."""
    sub = _type("sub_event_type", raw["sub_event_type"]) if raw.get("sub_event_type") else None
    et = _type("event_type", raw["event_type"]) if raw.get("event_type") else None
    if sub is not None and sub not in EVENT_TYPE_OF:
        raise FieldError("sub_event_type", f"{sub!r} is an event type; choose one of its sub-types")
    if et is not None and et not in TAXONOMY:  # a sub-type given as the type
        if sub is not None and sub != et:
            raise FieldError("event_type", f"{et!r} is a sub-type, not an event type")
        sub, et = et, EVENT_TYPE_OF[et]
    if sub is not None:
        if et is not None and EVENT_TYPE_OF[sub] != et:
            raise FieldError("sub_event_type", f"{sub!r} is a sub-type of {EVENT_TYPE_OF[sub]!r}, not of {et!r}")
        out["event_type"], out["sub_event_type"] = EVENT_TYPE_OF[sub], sub
    elif et is not None:
        if EVENT_TYPE_OF.get(current.get("sub_event_type") or "") != et:
            raise FieldError("sub_event_type", f"a new type needs its sub-type: one of {', '.join(TAXONOMY[et])}")
        out["event_type"] = et


def parse_assignments(words: list[str]) -> dict[str, Any]:
    """`field=value` words from the command line as a raw change set (numbers stay text until `check`)."""
    out: dict[str, Any] = {}
    for word in words:
        field, sep, value = word.partition("=")
        if not sep or not field.strip():
            raise FieldError(word or "=", "write field=value (sub_event_type=Armed clash, fatalities=4, ...)")
        field = field.strip()
        if field == "time_precision":
            out[field] = int(value) if value.strip().isdigit() else value
        else:
            out[field] = value.strip()
    return out
