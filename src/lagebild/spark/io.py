"""Reading articles into Spark and writing the tables out: what `lagebild spark extract` does around `extract`.

Inputs, as Spark reads them (local paths, `hdfs://`, `s3a://`, globs):
- **JSON Lines** (`.jsonl`, `.json`, `.ndjson`, compressed too): Spark's JSON reader with the article
  columns as text; a line that is not a JSON object becomes a reject;
- **Parquet** (`.parquet`, or a folder of them): any table with `id`, `date`, `text` columns;
- **a folder of article files**: every file read as `lagebild ingest` reads it (the ` date` text
  format, HTML, JSON Lines), by `lagebild.reader.read_source` in the Python workers.

Outputs are Parquet tables in one folder: `events/`, `claims/` and `incidents/`, partitioned by
`country=ISO3/year=YYYY` (hive-style, so DuckDB, pandas/pyarrow and Spark read the partition columns
back; `country=XXX` holds rows without a country, `year=0` undated rows), and `rejects/` (article id,
origin, reason).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pyarrow as pa

from lagebild.spark.schema import ARTICLE_COLUMNS, REJECT_SCHEMA, spark_schema

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession

FORMATS = ("auto", "jsonl", "parquet", "text")
JSONL_SUFFIXES = (".jsonl", ".json", ".ndjson")
PARSED_SCHEMA = pa.schema([*((c, pa.string()) for c in ARTICLE_COLUMNS), ("error", pa.string())])
PARTITIONS = ("country", "year")
NO_COUNTRY = "XXX"  # the partition of rows without a country (ISO 3166's code for "unspecified")
NO_YEAR = 0  # the partition of undated rows: the value keeps `year` an integer for every reader


def input_format(path: str) -> str:
    """The format of an input path by its name, or by a local folder's contents."""
    name = path.rstrip("/").lower()
    for suffix in (".gz", ".bz2", ".zst", ".lz4", ".snappy"):
        name = name.removesuffix(suffix)
    if name.endswith(JSONL_SUFFIXES):
        return "jsonl"
    if name.endswith((".parquet", ".pq")):
        return "parquet"
    local = Path(path)
    if "://" not in path and local.is_dir():
        files = [p for p in local.rglob("*") if p.is_file() and not p.name.startswith((".", "_"))]
        if files and all(p.suffix == ".parquet" for p in files):
            return "parquet"
        return "text"
    raise ValueError(f"{path}: cannot tell the input format from the name; give --format jsonl, parquet or text")


def _parse_files(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Whole files (path, content) into article rows, with `error` set for what cannot be read."""
    from lagebild.reader.discover import ARTICLE_SUFFIXES, ReadError, read_source

    for batch in batches:
        out = []
        cols = batch.to_pydict()
        for path, content in zip(cols["path"], cols["content"], strict=True):
            name = path.rsplit("/", 1)[-1]
            suffix = name[name.rfind(".") :].lower() if "." in name else ""
            if suffix not in ARTICLE_SUFFIXES or name.endswith(".gold.json"):  # what `ingest DIR` reads of a folder
                continue
            for item in read_source(content, path, path.rsplit("/", 1)[-1]):
                if isinstance(item, ReadError):
                    out.append({"origin": item.origin, "error": item.reason})
                else:
                    out.append(
                        {
                            "id": item.id,
                            "date": item.date.iso() if item.date else None,
                            "text": item.text,
                            "title": item.title,
                            "source": item.source,
                            "url": item.url,
                            "origin": item.origin,
                        }
                    )
        yield pa.RecordBatch.from_pylist(out, schema=PARSED_SCHEMA)


def read_articles(spark: SparkSession, path: str, fmt: str = "auto") -> tuple[DataFrame, DataFrame]:
    """(articles, rejects) from an input path: articles with ARTICLE_COLUMNS, rejects with REJECT_SCHEMA."""
    from pyspark.sql import functions as F

    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}, not {fmt!r}")
    fmt = input_format(path) if fmt == "auto" else fmt
    none = spark.createDataFrame([], spark_schema(REJECT_SCHEMA))
    if fmt == "parquet":
        df = spark.read.parquet(path)
        if "origin" not in df.columns:
            df = df.withColumn("origin", F.col("_metadata.file_path"))
        return df, none
    if fmt == "jsonl":
        fields = ", ".join(f"`{c}` string" for c in ARTICLE_COLUMNS if c != "origin")
        lines = spark.read.text(path).select("value", F.col("_metadata.file_path").alias("origin"))
        options = {"mode": "PERMISSIVE", "columnNameOfCorruptRecord": "_corrupt_record"}
        parsed = lines.where(F.trim("value") != "").select(
            F.from_json("value", f"{fields}, _corrupt_record string", options).alias("j"), "origin"
        )
        parsed = parsed.select("j.*", "origin")
        bad = parsed.where(F.col("_corrupt_record").isNotNull()).select(
            F.lit(None).cast("string").alias("article_id"),
            "origin",
            F.concat(F.lit("not a JSON object: "), F.substring("_corrupt_record", 1, 80)).alias("reason"),
        )
        return parsed.where(F.col("_corrupt_record").isNull()).drop("_corrupt_record"), bad
    files = spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(path).select("path", "content")
    parsed = files.mapInArrow(_parse_files, spark_schema(PARSED_SCHEMA))  # parsed twice: cheap, and memory stays flat
    bad = parsed.where(F.col("error").isNotNull()).select(
        F.col("id").alias("article_id"), "origin", F.col("error").alias("reason")
    )
    return parsed.where(F.col("error").isNull()).drop("error"), bad


def write_table(df: DataFrame, path: str, partitioned: bool = True, mode: str = "errorifexists") -> None:
    """Write one table as Parquet, hive-partitioned by country and year (one file per partition value).

    Rows without a country go to `country=XXX` and undated rows to `year=0`: Spark would name them
    `__HIVE_DEFAULT_PARTITION__`, which pyarrow cannot type when a table has no other value (an
    undated corpus). Inside the rows, `location.country` and `date` stay null.
    """
    from pyspark.sql import functions as F

    if partitioned:
        df = df.withColumn("country", F.coalesce("country", F.lit(NO_COUNTRY)))
        df = df.withColumn("year", F.coalesce("year", F.lit(NO_YEAR)))
    writer = (df.repartition(*PARTITIONS) if partitioned else df.coalesce(1)).write.mode(mode)
    if partitioned:
        writer = writer.partitionBy(*PARTITIONS)
    writer.option("compression", "zstd").parquet(path)
