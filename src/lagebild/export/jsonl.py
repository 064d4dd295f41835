"""Events JSONL: one EVENTS.md record per line, UTF-8, nothing else on the line."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import IO, Any


def write_jsonl(records: Iterable[dict[str, Any]], out: IO[str]) -> int:
    n = 0
    for rec in records:
        out.write(json.dumps(rec, ensure_ascii=False) + "\n")
        n += 1
    return n
