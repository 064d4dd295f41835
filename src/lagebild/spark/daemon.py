"""Spark's Python daemon with lagebild's pipeline loaded before it forks the workers.

Spark starts one Python daemon per executor, which forks a worker for each task slot. Set as
`spark.python.daemon.module` (`session()` does), this module loads the pipeline in the daemon first,
so every worker is born with it: loaded once per executor instead of once per worker, and its pages
shared copy-on-write between the workers (as `lagebild ingest` shares them between its forks).
`gc.freeze` in `get_pipeline` keeps the collector from dirtying those pages.

The languages to load come from $LAGEBILD_SPARK_PRELOAD (default `de`; `none` loads nothing). If
loading fails here, each worker loads the pipeline itself, as it would without this module. The
daemon reports its port to the JVM on stdout, so anything printed while loading goes to stderr.
"""

from __future__ import annotations

import contextlib
import os
import sys


def preload() -> None:
    codes = [c for c in os.environ.get("LAGEBILD_SPARK_PRELOAD", "de").split(",") if c and c != "none"]
    with contextlib.redirect_stdout(sys.stderr):
        from lagebild.pipeline import get_pipeline

        for code in codes:
            get_pipeline(code)


if __name__ == "__main__":
    try:
        preload()
    except Exception as e:  # noqa: BLE001 - the workers then load the pipeline themselves
        print(f"lagebild: preloading the pipeline in the Spark daemon failed ({e!r})", file=sys.stderr)
    from pyspark import daemon

    daemon.manager()
