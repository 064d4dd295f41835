"""Exporters: events JSONL (the EVENTS.md contract) and ACLED-compatible CSV."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import IO, Any

from lagebild.export.acled import write_acled_csv
from lagebild.export.jsonl import write_jsonl

Writer = Callable[[Iterable[dict[str, Any]], IO[str]], int]
FORMATS: dict[str, Writer] = {"jsonl": write_jsonl, "csv": write_acled_csv, "acled": write_acled_csv}

__all__ = ["FORMATS", "write_acled_csv", "write_jsonl"]
