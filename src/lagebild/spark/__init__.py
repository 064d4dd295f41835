"""lagebild on Apache Spark: the same events and incidents from millions of articles (`lagebild[spark]`).

    from lagebild.spark import session, extract, link_incidents
    spark = session("local[2]")
    x = extract(spark.read.json("articles.jsonl"))          # x.events, x.claims, x.rejects
    incidents = link_incidents(x.events)                    # incidents.links, incidents.incidents

`extract` runs the same pipeline as `lagebild ingest` in every Python worker; `link_incidents` links
reports into incidents by the store's rules. `lagebild spark extract IN OUT` does both and writes
Parquet. pyspark is imported only when these are called, so `import lagebild.spark` works without it.
"""

from __future__ import annotations

from lagebild.spark.context import session
from lagebild.spark.extraction import Extraction, extract

__all__ = ["Extraction", "extract", "session"]
