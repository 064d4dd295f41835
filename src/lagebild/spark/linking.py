"""Incidents at scale: reports linked into incidents as a Spark job, by the store's own rules.

The store links each new report to the best compatible incident so far (`lagebild.incidents.link`).
That is sequential, but only within a group of reports that are compatible with one another: a report
can join an incident only if it is compatible with every report in it, so the reports of one incident
are always connected by compatible pairs. The job therefore

1. **blocks**: each report gets keys that every compatible report shares with it: its event family
   and a 32-day bucket of its day interval, and either a cell of a 3-D grid over the globe (cubes of
   50 km; a compatible precise report lies in its cell or one of the 26 around it, at any latitude)
   or, for a report placed only by its province, the province's name;
2. **compares** the pairs that share a key with `compatible` (the store's rule, not a copy);
3. **connects**: the connected components of the compatible pairs (min-label propagation with pointer
   jumping: a few rounds, each a small join);
4. **links** each component on its own with `link_reports`, in the canonical order (article id, then
   the event's position in its article), and summarises each incident with `summarise`.

So the incidents equal those the store builds when the articles are stored in id order, whatever the
partitioning or the order of the input rows (the tests compare both on real articles).
"""

from __future__ import annotations

import math
import pickle
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from lagebild.incidents.link import MAX_KM, Report, compatible, family_of, link_reports, summarise
from lagebild.places.gazetteer import admin_key
from lagebild.spark.schema import record_of, spark_schema

if TYPE_CHECKING:
    from pyspark.sql import DataFrame

BUCKET_DAYS = 32  # width of a date bucket: a day, a week or a month falls in one or two of them
EARTH_KM = 6371.0
CELL = max(MAX_KM.values()) / EARTH_KM  # cube side on the unit sphere: chord <= arc, so 50 km apart is within a cube
EPOCH = 719163  # dt.date(1970, 1, 1).toordinal()

REPORT_SCHEMA = pa.schema(
    [
        ("event_id", pa.string()),
        ("article_id", pa.string()),
        ("event_index", pa.int32()),
        ("start", pa.int32()),  # the day interval, as days since 1970-01-01
        ("end", pa.int32()),
        ("home", pa.list_(pa.string())),  # blocking keys of the report's own cell or province
        ("probe", pa.list_(pa.string())),  # the keys of every block a compatible report may sit in
        ("report", pa.binary()),  # the pickled `Report`
    ]
)
EDGE_SCHEMA = pa.schema([("a", pa.string()), ("b", pa.string())])
INCIDENT_SCHEMA = pa.schema(
    [
        ("incident_id", pa.string()),
        ("event_ids", pa.list_(pa.string())),  # in the order they were linked
        ("article_ids", pa.list_(pa.string())),
        ("event_type", pa.string()),
        ("sub_event_type", pa.string()),
        ("date", pa.string()),
        ("time_precision", pa.int32()),
        ("date_start", pa.string()),
        ("date_end", pa.string()),
        ("country", pa.string()),
        ("location", pa.string()),
        ("admin1", pa.string()),
        ("lat", pa.float64()),
        ("lon", pa.float64()),
        ("geo_precision", pa.int32()),
        ("actor1", pa.string()),
        ("actor2", pa.string()),
        ("fatalities", pa.int64()),
        ("fatalities_max", pa.int64()),
        ("n_reports", pa.int32()),
        ("sources", pa.string()),
        ("year", pa.int32()),
    ]
)


@dataclass
class Incidents:
    """The result of linking: `links` (event_id, incident_id) and `incidents` (one row per incident)."""

    links: DataFrame
    incidents: DataFrame


# --- in the Python workers ----------------------------------------------------------------------------


def cell_of(lat: float, lon: float) -> tuple[int, int, int]:
    """The 50 km cube of the 3-D grid that a point on the unit sphere falls in."""
    la, lo = math.radians(lat), math.radians(lon)
    x, y, z = math.cos(la) * math.cos(lo), math.cos(la) * math.sin(lo), math.sin(la)
    return math.floor(x / CELL), math.floor(y / CELL), math.floor(z / CELL)


def block_keys(report: Report) -> tuple[list[str], list[str]]:
    """(home, probe) keys: two reports can be compatible only if one's home key is among the other's probes.

    Compatible reports are of one family and have overlapping day intervals (so share a bucket).
    When both are placed precisely (geo_precision 1 or 2) they lie within 50 km, so in neighbouring
    cubes; when either is placed only by its province, both name that province.
    """
    iv = report.interval()
    if iv is None:  # an undated report is compatible with nothing
        return [], []
    fam = "+".join(sorted(family_of(report.sub_event_type)))
    first, last = (d.toordinal() - EPOCH for d in iv)
    buckets = range(first // BUCKET_DAYS, last // BUCKET_DAYS + 1)
    home: list[str] = []
    probe: list[str] = []
    coarse = (report.geo_precision or 3) >= 3
    if not coarse and report.lat is not None and report.lon is not None:
        cx, cy, cz = cell_of(report.lat, report.lon)
        around = [(cx + i, cy + j, cz + k) for i in (-1, 0, 1) for j in (-1, 0, 1) for k in (-1, 0, 1)]
        for b in buckets:
            home.append(f"g|{fam}|{b}|{cx},{cy},{cz}")
            probe.extend(f"g|{fam}|{b}|{x},{y},{z}" for x, y, z in around)
    if report.admin1:
        province = admin_key(report.admin1)
        for b in buckets:
            if coarse:
                home.append(f"a|{fam}|{b}|{province}")
            probe.append(f"a|{fam}|{b}|{province}")
    return home, probe


def _reports(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    from lagebild.store.incidents import report_of

    for batch in batches:
        out = []
        for row in batch.to_pylist():
            report = report_of(record_of(row))
            home, probe = block_keys(report)
            iv = report.interval()
            out.append(
                {
                    "event_id": report.event_id,
                    "article_id": report.article_id,
                    "event_index": row["event_index"],
                    "start": iv[0].toordinal() - EPOCH if iv else None,
                    "end": iv[1].toordinal() - EPOCH if iv else None,
                    "home": home,
                    "probe": probe,
                    "report": pickle.dumps(report, protocol=pickle.HIGHEST_PROTOCOL),
                }
            )
        yield pa.RecordBatch.from_pylist(out, schema=REPORT_SCHEMA)


def _compatible_pairs(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    for batch in batches:
        cols = batch.to_pydict()
        keep = [
            {"a": a, "b": b}
            for a, b, ra, rb in zip(cols["a"], cols["b"], cols["ra"], cols["rb"], strict=True)
            if compatible(pickle.loads(ra), pickle.loads(rb))
        ]
        yield pa.RecordBatch.from_pylist(keep, schema=EDGE_SCHEMA)


def incident_row(incident_id: str, members: list[Report]) -> dict[str, Any]:
    """One incident as a row of INCIDENT_SCHEMA: the store's summary of its reports."""
    summary = summarise(members)
    date = summary["date"]
    return {
        "incident_id": incident_id,
        "event_ids": [m.event_id for m in members],
        "article_ids": sorted({m.article_id for m in members}),
        **summary,
        "year": int(date[:4]) if date else None,
    }


def _link_components(batches: Iterator[pa.RecordBatch]) -> Iterator[pa.RecordBatch]:
    """Rows sorted by component, then canonical order: each run of one component is linked on its own."""
    group: list[Report] = []
    current = None
    for batch in batches:
        out: list[dict[str, Any]] = []
        cols = batch.to_pydict()
        for component, blob in zip(cols["component"], cols["report"], strict=True):
            if component != current and group:
                out.extend(incident_row(i, m) for i, m in link_reports(group).items())
                group = []
            current = component
            group.append(pickle.loads(blob))
        yield pa.RecordBatch.from_pylist(out, schema=INCIDENT_SCHEMA)
    if group:
        yield pa.RecordBatch.from_pylist(
            [incident_row(i, m) for i, m in link_reports(group).items()], schema=INCIDENT_SCHEMA
        )


# --- on the driver ------------------------------------------------------------------------------------


def components(edges: DataFrame, max_rounds: int = 100) -> DataFrame:
    """(v, component) for every vertex of an edge list (a, b): the smallest vertex id of its component.

    Min-label propagation with pointer jumping: each round a vertex takes the smallest label among its
    own and its neighbours', then the label of that label. Labels only fall and stay within the
    component, so at the fixed point every vertex holds its component's minimum.
    """
    from pyspark.sql import functions as F

    both = edges.select("a", "b").unionByName(edges.select(F.col("b").alias("a"), F.col("a").alias("b")))
    both = both.localCheckpoint()
    labels = both.select(F.col("a").alias("v")).distinct().withColumn("l", F.col("v")).localCheckpoint()
    for _ in range(max_rounds):
        spread = both.join(labels, both.a == labels.v).select(F.col("b").alias("v"), "l")
        low = labels.unionByName(spread).groupBy("v").agg(F.min("l").alias("l"))
        up = low.select(F.col("v").alias("u"), F.col("l").alias("ul"))
        jumped = low.join(up, low.l == up.u, "left").select("v", F.least("l", F.coalesce("ul", "l")).alias("l"))
        jumped = jumped.localCheckpoint()
        changed = jumped.join(labels.withColumnRenamed("l", "old"), "v").where("l != old").limit(1).count()
        labels = jumped
        if not changed:
            return labels.withColumnRenamed("l", "component")
    raise RuntimeError(f"incident components did not settle in {max_rounds} rounds")


def link_incidents(events: DataFrame, partitions: int | None = None) -> Incidents:
    """Link the events (rows of EVENT_SCHEMA) into incidents, as the store would in article id order."""
    from pyspark.sql import functions as F

    spark = events.sparkSession
    n = partitions or max(4 * spark.sparkContext.defaultParallelism, 1)
    reports = events.mapInArrow(_reports, spark_schema(REPORT_SCHEMA)).localCheckpoint()
    home = reports.select("event_id", F.explode("home").alias("key"))
    probe = reports.select(F.col("event_id").alias("other"), F.explode("probe").alias("key"))
    pairs = (
        home.join(probe, "key")
        .where("event_id != other")
        .select(F.least("event_id", "other").alias("a"), F.greatest("event_id", "other").alias("b"))
        .distinct()
    )
    r = reports.select("event_id", "article_id", "start", "end", "report")
    ra, rb = r.alias("ra"), r.alias("rb")
    candidates = (
        pairs.join(ra, pairs.a == F.col("ra.event_id"))
        .join(rb, pairs.b == F.col("rb.event_id"))
        .where(
            (F.col("ra.article_id") != F.col("rb.article_id"))
            & (F.col("ra.start") <= F.col("rb.end"))
            & (F.col("rb.start") <= F.col("ra.end"))
        )
        .select("a", "b", F.col("ra.report").alias("ra"), F.col("rb.report").alias("rb"))
    )
    edges = candidates.mapInArrow(_compatible_pairs, spark_schema(EDGE_SCHEMA))
    labels = components(edges)
    keyed = (
        reports.join(labels, reports.event_id == labels.v, "left")
        .select(F.coalesce("component", "event_id").alias("component"), "article_id", "event_index", "report")
        .repartition(n, "component")
        .sortWithinPartitions("component", "article_id", "event_index")
    )
    incidents = keyed.mapInArrow(_link_components, spark_schema(INCIDENT_SCHEMA))
    incidents = incidents.localCheckpoint()
    links = incidents.select(F.explode("event_ids").alias("event_id"), "incident_id")
    return Incidents(links, incidents)
