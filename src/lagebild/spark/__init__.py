"""lagebild on Apache Spark: the same events and incidents from millions of articles (`lagebild[spark]`).

    from lagebild.spark import session, extract, link_incidents
    spark = session("local[2]")
    x = extract(spark.read.parquet("articles.parquet"))     # x.events, x.claims, x.rejects
    linked = link_incidents(x.events)                       # linked.links, linked.incidents

`extract` runs the same pipeline as `lagebild ingest` in every Python worker; `link_incidents` links
reports into incidents by the store's rules. `lagebild spark extract IN OUT` does both and writes
Parquet. Nothing here imports pyspark until it is called, so the command line starts fast without it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["extract", "link_incidents", "session"]

_WHERE = {
    "extract": "lagebild.spark.extraction",
    "link_incidents": "lagebild.spark.linking",
    "session": "lagebild.spark.context",
}


def __getattr__(name: str) -> Any:
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'lagebild.spark' has no attribute {name!r}")
