"""Events from a Spark DataFrame of articles: the library function behind `lagebild spark extract`.

Each Python worker runs `lagebild.batch.extract_dicts`, the same function `lagebild ingest` maps, over
its share of the articles, so Spark's events are the single-process events. The costs that matter at
scale, and what is done about each:

- **the pipeline** is built once per Python worker process (`get_pipeline` keeps it in the process;
  Spark reuses its Python workers across tasks by default) and never pickled;
- **the gazetteer index** is built once, on the driver, and shipped with the job (`SparkContext.addFile`):
  a worker finds it in its job folder instead of building it (20 CPU-s and 1 GB per worker on a cold
  machine); a worker of another lagebild version builds its own under a lock, once per machine;
- **transfer** between the JVM and Python is Arrow (`mapInArrow`, record batches of typed columns);
  `transfer="rows"` (RDD `mapPartitions`, pickled rows) is kept to measure against (bench/spark.py);
- **one pass**: each article's events, claims and rejection come back in one row, which is persisted
  (on disk by default) and split into the three tables, so no article is extracted twice.

Articles are rows with `id`, `date`, `text` and optional `title`, `source`, `url`, `origin` (any other
column is ignored; a date may be a string, a date or a timestamp). A bad article never fails the job:
it becomes a row of `rejects` with its reason. Two articles with one id are one article told twice: the
first by content hash is extracted and the others are rejected, whatever the partitioning.
"""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from lagebild.batch import Outcome, extract_dicts
from lagebild.spark.schema import (
    ARTICLE_COLUMNS,
    RESULT_SCHEMA,
    claim_row,
    event_row,
    spark_schema,
)

if TYPE_CHECKING:
    from pyspark import StorageLevel
    from pyspark.sql import DataFrame

OUT_BATCH = 64  # articles per Arrow batch sent back: small enough to keep a worker's memory flat
TRANSFERS = ("arrow", "rows")


@dataclass
class Extraction:
    """The three tables of one extraction; they share one persisted pass over the articles."""

    events: DataFrame
    claims: DataFrame
    rejects: DataFrame
    results: DataFrame  # one row per article (persisted): what the three are selected from

    def unpersist(self) -> None:
        """Drop the persisted pass (the three tables would be extracted again when used)."""
        self.results.unpersist()


# --- in the Python workers ----------------------------------------------------------------------------


_prepared = False


def prepare_worker(gazetteer_file: str | None) -> None:
    """Once per Python worker: use the gazetteer index shipped with the job, if it was shipped."""
    global _prepared
    if _prepared:
        return
    _prepared = True
    if gazetteer_file and not os.environ.get("LAGEBILD_CACHE_DIR"):
        from pyspark import SparkFiles

        from lagebild.places.gazetteer import set_cache_dir

        try:
            shipped = Path(SparkFiles.get(gazetteer_file))
        except Exception:  # noqa: BLE001 - no job folder (not in a Spark worker): the default cache is used
            return
        if shipped.exists():
            set_cache_dir(shipped.parent)


def result_row(o: Outcome) -> dict[str, Any]:
    """One article's outcome as a row of RESULT_SCHEMA."""
    return {
        "article_id": o.article_id,
        "origin": o.origin,
        "error": o.error,
        "events": [event_row(e, i) for i, e in enumerate(o.events)],
        "claims": [claim_row(c, o.article_id or "") for c in o.claims],
    }


def _arrow_partition(batches: Iterator[pa.RecordBatch], lang: str, gazetteer_file: str | None):
    prepare_worker(gazetteer_file)
    for batch in batches:
        rows = batch.to_pylist()
        for i in range(0, len(rows), OUT_BATCH):
            out = [result_row(o) for o in extract_dicts(rows[i : i + OUT_BATCH], lang)]
            yield pa.RecordBatch.from_pylist(out, schema=RESULT_SCHEMA)


def _row_partition(rows: Iterator[Any], lang: str, gazetteer_file: str | None):
    prepare_worker(gazetteer_file)
    for o in extract_dicts((r.asDict() for r in rows), lang):
        yield result_row(o)


# --- on the driver ------------------------------------------------------------------------------------


_shipped: dict[tuple[str, str], str] = {}


def ship_gazetteer(spark: Any, lang: str = "de") -> str:
    """Build the gazetteer index here if needed and ship it with the job; returns the shipped file name.

    What is shipped is a private copy, once per application: Spark refuses a file that changes after it
    was added, and the user's cache may be rewritten by another lagebild process meanwhile.
    """
    from lagebild.lang import load_language
    from lagebild.places.gazetteer import Gazetteer

    sc = spark.sparkContext
    key = (sc.applicationId, lang)
    if key not in _shipped:
        path = Gazetteer.ensure_cached(load_language(lang))
        folder = Path(tempfile.mkdtemp(prefix="lagebild-ship-"))
        atexit.register(shutil.rmtree, folder, True)
        copy = folder / path.name
        shutil.copyfile(path, copy)
        sc.addFile(str(copy))
        _shipped[key] = copy.name
    return _shipped[key]


def articles_frame(df: DataFrame) -> DataFrame:
    """The article columns lagebild reads, as strings (missing optional ones as nulls)."""
    from pyspark.sql import functions as F

    missing = [c for c in ("id", "text") if c not in df.columns]
    if missing:
        raise ValueError(f"the articles need the columns id and text (missing: {', '.join(missing)}); got {df.columns}")
    cols = []
    for c in ARTICLE_COLUMNS:
        if c not in df.columns:
            cols.append(F.lit(None).cast("string").alias(c))
        elif c == "date":  # a date or timestamp becomes its ISO day; a string stays as written
            cols.append(F.col(c).cast("string").alias(c))
        else:
            cols.append(F.col(c).cast("string").alias(c))
    return df.select(*cols)


def split_duplicates(articles: DataFrame) -> tuple[DataFrame, DataFrame]:
    """(articles with unique ids, rejects): of several articles with one id, the first by content hash stays.

    Only the ids that occur more than once are shuffled (a small table, broadcast), so the articles
    themselves are not moved for this.
    """
    from pyspark.sql import Window
    from pyspark.sql import functions as F

    keyed = articles.withColumn("_h", F.xxhash64("text", "date", "title", "source", "url", "origin"))
    dup_ids = (
        keyed.where(F.col("id").isNotNull()).groupBy("id").agg(F.count(F.lit(1)).alias("_n")).where("_n > 1")
    ).select("id", F.lit(True).alias("_dup"))
    marked = keyed.join(F.broadcast(dup_ids), "id", "left")
    order = Window.partitionBy("id").orderBy("_h", "text", "date", "origin")
    dups = marked.where("_dup").withColumn("_rank", F.row_number().over(order))
    keep = (
        marked.where("_dup IS NULL").drop("_dup", "_h").unionByName(dups.where("_rank = 1").drop("_dup", "_h", "_rank"))
    )
    rejected = dups.where("_rank > 1").select(
        F.col("id").alias("article_id"),
        F.col("origin"),
        F.format_string("article %s: duplicate id (another article with this id was extracted)", F.col("id")).alias(
            "reason"
        ),
    )
    return keep, rejected


def extract(
    articles: DataFrame,
    lang: str = "de",
    *,
    partitions: int | None = None,
    transfer: str = "arrow",
    storage_level: StorageLevel | None = None,
    ship: bool = True,
    dedupe: bool = True,
) -> Extraction:
    """Extract every article of a DataFrame: events (EVENT_SCHEMA), claims (CLAIM_SCHEMA) and rejects.

    `partitions` sets how many tasks share the work (default: the input's partitions, and at least
    four per core, so a slow article does not leave a core idle at the end). The pass is persisted at `storage_level`
    (default: on disk, so executor memory stays flat however many articles there are).
    """
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    if transfer not in TRANSFERS:
        raise ValueError(f"transfer must be one of {TRANSFERS}, not {transfer!r}")
    spark = articles.sparkSession
    gazetteer_file = ship_gazetteer(spark, lang) if ship else None
    frame = articles_frame(articles)
    # read before the duplicate check: on the plain scan this is free, after its join it runs a job
    want = partitions or max(4 * spark.sparkContext.defaultParallelism, frame.rdd.getNumPartitions())
    early_rejects = None
    if dedupe:
        frame, early_rejects = split_duplicates(frame)
    frame = frame.repartition(want)
    schema = spark_schema(RESULT_SCHEMA)
    if transfer == "arrow":
        results = frame.mapInArrow(lambda it: _arrow_partition(it, lang, gazetteer_file), schema)
    else:
        rdd = frame.rdd.mapPartitions(lambda it: _row_partition(it, lang, gazetteer_file))
        results = spark.createDataFrame(rdd, schema, verifySchema=False)
    results = results.persist(storage_level or StorageLevel.DISK_ONLY)
    events = results.select(F.explode("events").alias("e")).select("e.*")
    claims = results.select(F.explode("claims").alias("c")).select("c.*")
    rejects = results.where(F.col("error").isNotNull()).select("article_id", "origin", F.col("error").alias("reason"))
    if early_rejects is not None:
        rejects = rejects.unionByName(early_rejects)
    return Extraction(events, claims, rejects, results)
