"""Export speed and memory: each format over N events made from the examples' records.

The records come from a generator (as `Store.events` yields them), so the traced peak shows whether a
writer streams: it should stay flat as N grows. tracemalloc sees Python's allocations only; for
Parquet the Arrow memory pool's own peak is printed too. The records repeat, so Parquet's compressed
size is far below what real data gives. Run: `.venv/bin/python bench/export.py [N]`.
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lagebild.export import FORMATS
from lagebild.pipeline import get_pipeline
from lagebild.reader import read_paths

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def events(templates: list[dict[str, Any]], n: int) -> Iterator[dict[str, Any]]:
    for i in range(n):
        e = dict(templates[i % len(templates)])
        e["event_id"] = f"{e['article_id']}#{i}"
        yield e


def run(fmt: str, templates: list[dict[str, Any]], n: int, path: Path, trace: bool) -> tuple[float, int]:
    spec = FORMATS[fmt]
    if trace:
        tracemalloc.start()
    t0 = time.perf_counter()
    with path.open("wb") if spec.binary else path.open("w", encoding="utf-8", newline="") as out:
        written = spec.write(events(templates, n), out)
    dt = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1] if trace else 0
    if trace:
        tracemalloc.stop()
    assert written == n
    return dt, peak


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 50_000
    pipe = get_pipeline("de")
    templates = [e for a in read_paths([str(EXAMPLES)]) for e in pipe.extract(a)]
    print(f"{n} events from {len(templates)} example records")
    with tempfile.TemporaryDirectory() as tmp:
        for fmt in ("jsonl", "acled", "geojson", "parquet"):
            path = Path(tmp) / f"events.{fmt}"
            dt, _ = run(fmt, templates, n, path, trace=False)
            _, peak = run(fmt, templates, n // 10, path, trace=True)
            _, peak_full = run(fmt, templates, n, path, trace=True)
            size = path.stat().st_size / 1e6
            print(
                f"{fmt:8} {n / dt:7.0f} events/s  {size:6.1f} MB  "
                f"peak traced memory {peak / 1e6:.2f} MB at N/10, {peak_full / 1e6:.2f} MB at N"
            )
        import pyarrow as pa

        print(f"Arrow memory pool peak over all runs: {pa.default_memory_pool().max_memory() / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
