"""Exporters: events JSONL (the EVENTS.md contract), ACLED-compatible CSV, GeoJSON and Parquet.

Each format is a writer `(records, file) -> rows written` plus what the file must be: Parquet is
binary and is written to a named file only (its bytes are no use on a terminal).
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


FORMATS: dict[str, Format] = {
    "jsonl": Format(write_jsonl, "EVENTS.md records, one per line"),
    "acled": Format(write_acled_csv, "CSV with ACLED's columns, codes and date conventions"),
    "csv": Format(write_acled_csv, "the same as acled"),
    "geojson": Format(write_geojson, "RFC 7946 FeatureCollection of points", skips="no coordinates"),
    "parquet": Format(_write_parquet, "typed columns, lists as list<struct> (needs -o)", binary=True),
}

__all__ = ["FORMATS", "Format", "write_acled_csv", "write_geojson", "write_jsonl"]
