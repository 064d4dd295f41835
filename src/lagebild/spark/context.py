"""A Spark session set up for lagebild: the venv's Python on the workers, Arrow batches, quiet logs.

On a cluster the session usually comes from `spark-submit` (or Databricks), and only the settings
it lacks matter; locally `session("local[2]")` is all a test or a laptop needs.
"""

from __future__ import annotations

import os
import sys
from typing import Any

ARROW_BATCH = 256  # articles per Arrow batch to a Python worker: a few MB of text, and work for every core


def session(master: str | None = None, app_name: str = "lagebild", conf: dict[str, str] | None = None) -> Any:
    """Get or create the SparkSession; `master` as spark-submit takes it (`local[2]`, `yarn`, `k8s://...`).

    Without `master`, the one spark-submit or $MASTER gives is used, else `local[*]`. In local mode
    the workers run this interpreter (`spark.pyspark.python`), not the `python3` on the PATH, which
    lacks lagebild.
    """
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName(app_name)
    master = master or os.environ.get("MASTER")
    if master:
        builder = builder.master(master)
    settings = {
        "spark.sql.execution.arrow.maxRecordsPerBatch": str(ARROW_BATCH),
        "spark.sql.session.timeZone": "UTC",
        "spark.ui.showConsoleProgress": "false",
        "spark.python.daemon.module": "lagebild.spark.daemon",  # workers forked with the pipeline loaded
    }
    # no master and not started by spark-submit (which sets PYSPARK_GATEWAY_PORT): Spark's default, local[*]
    local = master.startswith("local") if master else "PYSPARK_GATEWAY_PORT" not in os.environ
    if local:
        # pyspark's SparkContext reads the workers' interpreter from the environment, not from the conf
        os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
        settings |= {
            "spark.ui.enabled": "false",
            "spark.sql.shuffle.partitions": "8",
        }
    for key, value in (settings | (conf or {})).items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark
