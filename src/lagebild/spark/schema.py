"""The declared schemas of the Spark tables, and the exact round trip between records and rows.

An event row is the EVENTS.md record with types: nested structs for the actors and the location,
lists of structs for associated actors, sources and evidence, integers for offsets, precisions and
tolls, doubles for coordinates. Beside the record's own fields a row carries what a table needs and
the record does not say directly: `event_index` (the event's position in its article, the order in
which the store links), `event_date` (a real date by ACLED's convention: a month-only date is its
15th; export/parquet.py), and `country` and `year`, by which the output is partitioned.

Nothing of a record is lost: `extra` holds, as JSON, every field the typed columns cannot hold
exactly (a field the events module adds later, or a value of another type than declared) and the
names of declared fields the record lacks. `record_of(row_of(r)) == r` for every JSON-able record,
which the tests check on real output. The schemas are written once, in Arrow, and Spark's are derived
from them, so the Python workers and the JVM cannot disagree.

This module needs pyarrow only; `spark_schema` imports pyspark when called.
"""

from __future__ import annotations

import json
from typing import Any

import pyarrow as pa

from lagebild.export.parquet import _event_date

ACTOR = pa.struct([("name", pa.string()), ("kind", pa.string()), ("country", pa.string()), ("group", pa.string())])
LOCATION = pa.struct(
    [
        ("name", pa.string()),
        ("geonames_id", pa.int64()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("admin1", pa.string()),
        ("country", pa.string()),
        ("geo_precision", pa.int32()),
    ]
)
SOURCE = pa.struct([("name", pa.string()), ("kind", pa.string()), ("country", pa.string())])
EVIDENCE = pa.struct([("article_id", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])

# The record's fields (EVENTS.md, plus the trigger word the extractor reports), in the contract's order.
EVENT_FIELDS = [
    pa.field("event_id", pa.string(), nullable=False),
    pa.field("article_id", pa.string()),
    pa.field("date", pa.string()),
    pa.field("time_precision", pa.int32()),
    pa.field("event_type", pa.string()),
    pa.field("sub_event_type", pa.string()),
    pa.field("actor1", ACTOR),
    pa.field("assoc_actor_1", pa.list_(ACTOR)),
    pa.field("actor2", ACTOR),
    pa.field("assoc_actor_2", pa.list_(ACTOR)),
    pa.field("location", LOCATION),
    pa.field("fatalities", pa.int64()),
    pa.field("sources", pa.list_(SOURCE)),
    pa.field("evidence", pa.list_(EVIDENCE)),
    pa.field("notes", pa.string()),
    pa.field("trigger", pa.string()),
]
EVENT_SCHEMA = pa.schema(
    [
        *EVENT_FIELDS,
        pa.field("extra", pa.string()),
        pa.field("event_index", pa.int32()),
        pa.field("event_date", pa.date32()),
        pa.field("country", pa.string()),
        pa.field("year", pa.int32()),
    ]
)

CLAIM_FIELDS = [
    pa.field("event_id", pa.string()),
    pa.field("kind", pa.string()),
    pa.field("value", pa.float64()),
    pa.field("text", pa.string()),
    pa.field("source", pa.string()),
    pa.field("start", pa.int32()),
    pa.field("end", pa.int32()),
    pa.field("date", pa.string()),
    pa.field("place", pa.string()),
    pa.field("country", pa.string()),
    pa.field("lat", pa.float64()),
    pa.field("lon", pa.float64()),
    pa.field("actor", pa.string()),
]
CLAIM_SCHEMA = pa.schema(
    [pa.field("article_id", pa.string()), *CLAIM_FIELDS, pa.field("extra", pa.string()), pa.field("year", pa.int32())]
)

REJECT_SCHEMA = pa.schema([("article_id", pa.string()), ("origin", pa.string()), ("reason", pa.string())])

# One row per input article: what the Python workers send back to the JVM in one pass.
RESULT_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string()),
        pa.field("origin", pa.string()),
        pa.field("error", pa.string()),
        pa.field("events", pa.list_(pa.struct(list(EVENT_SCHEMA)))),
        pa.field("claims", pa.list_(pa.struct(list(CLAIM_SCHEMA)))),
    ]
)

# The input: an article as `lagebild.batch.article_from_dict` reads it (`origin` names where it came from).
ARTICLE_COLUMNS = ("id", "date", "text", "title", "source", "url", "origin")

INT_RANGE = {pa.int32(): 2**31, pa.int64(): 2**63}


def fits(value: Any, t: pa.DataType) -> bool:
    """Whether a JSON value converts to Arrow type `t` and back unchanged."""
    if value is None:
        return True
    if pa.types.is_string(t):
        return isinstance(value, str)
    if pa.types.is_integer(t):
        return isinstance(value, int) and not isinstance(value, bool) and -INT_RANGE[t] <= value < INT_RANGE[t]
    if pa.types.is_floating(t):
        if isinstance(value, int) and not isinstance(value, bool):
            return abs(value) <= 2**53  # larger integers do not survive a double
        return isinstance(value, float)
    if pa.types.is_struct(t):
        names = [t.field(i).name for i in range(t.num_fields)]
        return (
            isinstance(value, dict)
            and set(value) == set(names)
            and all(fits(value[t.field(i).name], t.field(i).type) for i in range(t.num_fields))
        )
    if pa.types.is_list(t):
        return isinstance(value, list) and all(fits(v, t.value_type) for v in value)
    return False


def _split(record: dict[str, Any], fields: list[pa.Field]) -> tuple[dict[str, Any], str | None]:
    """The typed part of a record, and the JSON of everything else (see the module docstring)."""
    typed: dict[str, Any] = {}
    rest: dict[str, Any] = {}
    absent = []
    for f in fields:
        if f.name not in record:
            absent.append(f.name)
            typed[f.name] = None
        elif fits(record[f.name], f.type):
            typed[f.name] = record[f.name]
        else:
            typed[f.name] = None
            rest[f.name] = record[f.name]
    declared = {f.name for f in fields}
    rest |= {k: v for k, v in record.items() if k not in declared}
    extra = {}
    if rest:
        extra["fields"] = rest
    if absent:
        extra["absent"] = absent
    return typed, (json.dumps(extra, ensure_ascii=False, sort_keys=True) if extra else None)


def _join(row: dict[str, Any], fields: list[pa.Field]) -> dict[str, Any]:
    extra = json.loads(row["extra"]) if row.get("extra") else {}
    absent = set(extra.get("absent", ()))
    rest = extra.get("fields", {})
    out = {f.name: row.get(f.name) for f in fields if f.name not in absent}
    for name, value in rest.items():  # keeps the record's own key order for declared fields held in extra
        out[name] = value
    return out


def event_row(record: dict[str, Any], index: int) -> dict[str, Any]:
    """One EVENTS.md record as a row of EVENT_SCHEMA; `index` is its position in its article."""
    typed, extra = _split(record, EVENT_FIELDS)
    loc = record.get("location") if isinstance(record.get("location"), dict) else {}
    country = loc.get("country") if isinstance(loc.get("country"), str) else None
    when = _event_date(typed.get("date"))
    return typed | {
        "extra": extra,
        "event_index": index,
        "event_date": when,
        "country": country,
        "year": when.year if when else None,
    }


def record_of(row: dict[str, Any]) -> dict[str, Any]:
    """The EVENTS.md record a row of EVENT_SCHEMA was made from, exactly (nested rows as dicts)."""
    return _join(_plain(row), EVENT_FIELDS)


def claim_row(claim: dict[str, Any], article_id: str) -> dict[str, Any]:
    """One claim as a row of CLAIM_SCHEMA, with its article and the year of its date."""
    typed, extra = _split(claim, CLAIM_FIELDS)
    when = _event_date(typed.get("date"))
    return {"article_id": article_id} | typed | {"extra": extra, "year": when.year if when else None}


def claim_of(row: dict[str, Any]) -> dict[str, Any]:
    """The claim dict a row of CLAIM_SCHEMA was made from, exactly."""
    return _join(_plain(row), CLAIM_FIELDS)


def _plain(value: Any) -> Any:
    """Spark `Row`s (and their lists) as plain dicts and lists."""
    if hasattr(value, "asDict"):
        return {k: _plain(v) for k, v in value.asDict().items()}
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def spark_schema(schema: pa.Schema):
    """The Spark StructType of an Arrow schema (imports pyspark)."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema)
