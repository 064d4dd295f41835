"""Parquet: one row per event with typed columns, for pandas, DuckDB, Spark or R's arrow.

The scalar parts of a record are flat columns (`actor1_name`, `location_lat`, ...), so a reader can
filter and group without unpacking anything. `date` keeps the EVENTS.md ISO prefix as a string, and
`event_date` is a real date32 chosen by ACLED's convention (export/acled.py: a month-only date is its
15th), so date arithmetic works on every row while `date` and `time_precision` say what is known.
Integers are nullable (a missing toll is null, not 0 as in ACLED's CSV). `incident_id` links a report
to the other reports of its happening; `fatalities_max` and `n_reports` are filled in an
incident-level export and null for single reports; `stored_at` is when the row was stored (UTC).

The lists (assoc actors, sources, evidence) are list<struct> columns rather than JSON strings: they
keep their types (evidence offsets are integers), DuckDB reads them with `unnest` and dotted names,
pandas gets lists of dicts, and nobody has to parse JSON inside a column. Fields a record has beyond
this schema (e.g. `trigger`) are left out; events JSONL keeps everything.

Rows are written in batches as the records arrive, so memory stays bounded by one batch.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import IO, Any

import pyarrow as pa
import pyarrow.parquet as pq

from lagebild.export.acled import acled_date

BATCH = 1000
ACTOR = pa.struct([("name", pa.string()), ("kind", pa.string()), ("country", pa.string()), ("group", pa.string())])
SOURCE = pa.struct([("name", pa.string()), ("kind", pa.string()), ("country", pa.string())])
EVIDENCE = pa.struct([("article_id", pa.string()), ("start", pa.int32()), ("end", pa.int32()), ("text", pa.string())])


def _actor_fields(prefix: str) -> list[pa.Field]:
    return [pa.field(f"{prefix}_{k}", pa.string()) for k in ("name", "kind", "country", "group")]


SCHEMA = pa.schema(
    [
        pa.field("event_id", pa.string(), nullable=False),
        pa.field("incident_id", pa.string()),
        pa.field("article_id", pa.string()),
        pa.field("date", pa.string()),
        pa.field("event_date", pa.date32()),
        pa.field("year", pa.int16()),
        pa.field("time_precision", pa.int8()),
        pa.field("event_type", pa.string()),
        pa.field("sub_event_type", pa.string()),
        *_actor_fields("actor1"),
        pa.field("assoc_actor_1", pa.list_(ACTOR)),
        *_actor_fields("actor2"),
        pa.field("assoc_actor_2", pa.list_(ACTOR)),
        pa.field("location_name", pa.string()),
        pa.field("location_geonames_id", pa.int64()),
        pa.field("location_lat", pa.float64()),
        pa.field("location_lon", pa.float64()),
        pa.field("location_admin1", pa.string()),
        pa.field("location_country", pa.string()),
        pa.field("location_geo_precision", pa.int8()),
        pa.field("fatalities", pa.int32()),
        pa.field("fatalities_max", pa.int32()),
        pa.field("n_reports", pa.int32()),
        pa.field("sources", pa.list_(SOURCE)),
        pa.field("evidence", pa.list_(EVIDENCE)),
        pa.field("notes", pa.string()),
        pa.field("stored_at", pa.timestamp("ms", tz="UTC")),  # Parquet has no seconds unit
        pa.field("review_status", pa.string()),
        pa.field("reviewed_by", pa.string()),
        pa.field("reviewed_at", pa.timestamp("us", tz="UTC")),
    ]
)


def _event_date(date: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(acled_date(date)) if date else None
    except ValueError:
        return None


def _stored_at(value: str | None) -> dt.datetime | None:
    if not value:
        return None
    when = dt.datetime.fromisoformat(value)
    return when if when.tzinfo else when.replace(tzinfo=dt.UTC)


def row(e: dict[str, Any]) -> dict[str, Any]:
    """One record as one row of SCHEMA."""
    out: dict[str, Any] = {k: e.get(k) for k in ("event_id", "incident_id", "article_id", "date", "time_precision")}
    out |= {k: e.get(k) for k in ("event_type", "sub_event_type", "fatalities", "fatalities_max", "n_reports", "notes")}
    out["stored_at"] = _stored_at(e.get("stored_at"))
    out["review_status"] = e.get("review_status") or "unreviewed"
    out["reviewed_by"] = e.get("reviewed_by")
    out["reviewed_at"] = _stored_at(e.get("reviewed_at"))
    out["event_date"] = _event_date(e.get("date"))
    out["year"] = out["event_date"].year if out["event_date"] else None
    for side in ("actor1", "actor2"):
        actor = e.get(side) or {}
        out |= {f"{side}_{k}": actor.get(k) for k in ("name", "kind", "country", "group")}
    loc = e.get("location") or {}
    out |= {f"location_{k}": loc.get(k) for k in ("geonames_id", "lat", "lon", "admin1", "country", "geo_precision")}
    out["location_name"] = loc.get("name")
    for key in ("assoc_actor_1", "assoc_actor_2", "sources", "evidence"):
        out[key] = e.get(key) or []
    return out


def write_parquet(records: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    """Write the records to a binary file object as one Parquet file; returns the number of rows."""
    n = 0
    with pq.ParquetWriter(out, SCHEMA, compression="zstd") as writer:
        batch: list[dict[str, Any]] = []
        for rec in records:
            batch.append(row(rec))
            if len(batch) >= BATCH:
                writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=SCHEMA))
                n, batch = n + len(batch), []
        if batch or not n:
            writer.write_batch(pa.RecordBatch.from_pylist(batch, schema=SCHEMA))
            n += len(batch)
    return n
