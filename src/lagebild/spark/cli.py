"""`lagebild spark extract INPUT OUTPUT`: articles in, Parquet tables of events, claims, incidents out."""

from __future__ import annotations

import json
import sys
import time

import click


def _require_pyspark() -> None:
    try:
        import pyspark  # noqa: F401
    except ImportError:
        raise click.ClickException("lagebild spark needs pyspark: pip install 'lagebild[spark]'") from None


@click.group()
def spark() -> None:
    """Run lagebild on Apache Spark (needs the `spark` extra and Java)."""


@spark.command("extract")
@click.argument("input_path", metavar="INPUT")
@click.argument("output", metavar="OUTPUT")
@click.option(
    "--master",
    default=None,
    help="Spark master: local[2], yarn, k8s://..., spark://... (default: $MASTER or spark-submit's, else local[*]).",
)
@click.option(
    "--partitions", type=click.IntRange(1), default=None, help="Tasks to split the articles into (default: 4 per core)."
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["auto", "jsonl", "parquet", "text"]),
    default="auto",
    show_default=True,
    help="Input format (auto: by name; a local folder by its files).",
)
@click.option(
    "--transfer",
    type=click.Choice(["arrow", "rows"]),
    default="arrow",
    show_default=True,
    help="How articles and events cross between the JVM and Python.",
)
@click.option("--no-incidents", is_flag=True, help="Do not link the events into incidents.")
@click.option("--overwrite", is_flag=True, help="Replace OUTPUT if it exists.")
@click.option("--lang", default="de", show_default=True)
def extract_command(input_path, output, master, partitions, fmt, transfer, no_incidents, overwrite, lang) -> None:
    """Extract INPUT (JSON Lines, Parquet or a folder of articles) into Parquet tables under OUTPUT.

    OUTPUT gets events/, claims/ and incidents/ (partitioned by country and year) and rejects/ (every
    article that could not be read or extracted, with its reason). Bad articles never fail the job.
    """
    _require_pyspark()
    from lagebild.spark.context import session
    from lagebild.spark.extraction import extract
    from lagebild.spark.io import read_articles, write_table
    from lagebild.spark.linking import link_incidents

    t0 = time.perf_counter()
    spark = session(master)
    try:
        articles, unread = read_articles(spark, input_path, fmt)
    except ValueError as e:
        raise click.ClickException(str(e)) from None
    except Exception as e:  # noqa: BLE001 - Spark's AnalysisException for a missing path, in one line
        raise click.ClickException(f"{input_path}: {str(e).splitlines()[0]}") from None
    mode = "overwrite" if overwrite else "errorifexists"
    out = output.rstrip("/")
    x = extract(articles, lang, partitions=partitions, transfer=transfer)

    def write(df, name: str, partitioned: bool = True) -> None:
        try:
            write_table(df, f"{out}/{name}", partitioned=partitioned, mode=mode)
        except Exception as e:
            if "PATH_ALREADY_EXISTS" in str(e) or "already exists" in str(e):
                raise click.ClickException(f"{out}/{name} already exists (give --overwrite to replace it)") from None
            raise

    write(x.events, "events")
    write(x.claims, "claims")
    rejects = x.rejects.unionByName(unread)
    write(rejects, "rejects", partitioned=False)
    counts = {
        "articles": x.results.count(),
        "events": x.events.count(),
        "claims": x.claims.count(),
        "rejects": rejects.count(),
    }
    if not no_incidents:
        linked = link_incidents(x.events)
        write(linked.incidents, "incidents")
        counts["incidents"] = linked.incidents.count()
    x.unpersist()
    counts["seconds"] = round(time.perf_counter() - t0, 1)
    click.echo(json.dumps(counts))
    if counts["rejects"]:
        click.echo(f"lagebild: {counts['rejects']} article(s) rejected, see {out}/rejects", err=True)
    sys.stdout.flush()


if __name__ == "__main__":  # spark-submit .../lagebild/spark/cli.py extract INPUT OUTPUT
    spark()
