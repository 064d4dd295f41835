"""Exporters: events JSONL (the EVENTS.md contract), ACLED-compatible CSV, GeoJSON and Parquet.

Each format is a writer `(records, file) -> rows written` plus what the file must be: Parquet is
binary and is written to a named file only (its bytes are no use on a terminal). Every writer takes
EVENTS.md records: one per report, or one per incident (`export.incidents.incident_record`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import IO, Any

from lagebild.export.acled import write_acled_csv
from lagebild.export.geojson import write_geojson
from lagebild.export.jsonl import write_jsonl

Writer = Callable[[Iterable[dict[str, Any]], IO[Any]], int]


def _write_parquet(records: Iterable[dict[str, Any]], out: IO[bytes]) -> int:
    from lagebild.export.parquet import write_parquet  # pyarrow is imported only when it is needed

    return write_parquet(records, out)


@dataclass(frozen=True)
class Format:
    write: Writer
    help: str
    binary: bool = False  # the writer gets a file opened in binary mode and needs -o
    skips: str = ""  # why the writer may leave records out, for the message that counts them
    media_type: str = "text/plain"
    suffix: str = ".txt"


ACLED_SKIPS = "no date or no country (ACLED rows need both; JSON Lines and Parquet keep them)"
FORMATS: dict[str, Format] = {
    "jsonl": Format(write_jsonl, "EVENTS.md records, one per line", media_type="application/x-ndjson", suffix=".jsonl"),
    "acled": Format(
        write_acled_csv,
        "CSV with ACLED's columns, codes and conventions",
        skips=ACLED_SKIPS,
        media_type="text/csv",
        suffix=".csv",
    ),
    "csv": Format(write_acled_csv, "the same as acled", skips=ACLED_SKIPS, media_type="text/csv", suffix=".csv"),
    "geojson": Format(
        write_geojson,
        "RFC 7946 FeatureCollection of points",
        skips="no coordinates",
        media_type="application/geo+json",
        suffix=".geojson",
    ),
    "parquet": Format(
        _write_parquet,
        "typed columns, lists as list<struct> (needs -o)",
        binary=True,
        media_type="application/vnd.apache.parquet",
        suffix=".parquet",
    ),
}

__all__ = ["FORMATS", "Format", "write_acled_csv", "write_geojson", "write_jsonl"]
