"""Spark against a plain single process, in one run: articles/s, ratios, memory, identical output.

    python bench/spark.py [CORPUS.jsonl] [--articles N] [--modes plain,local[1],local[2]]
                          [--transfer arrow|rows] [--incidents]

The input is the corpus repeated under new ids up to N articles (default: the corpus once), written
once to a JSON Lines file that every mode reads. Each mode runs in a fresh child process, so each
Spark mode pays its own JVM start, as a real job does:

- `plain`: one Python process, `lagebild.batch.extract_dicts` over the articles (what `extract` does);
- `local[K]`: `lagebild.spark.extract` on a local Spark with K cores, until every article is done.

Printed per mode: wall time (and of it the session start and the first Python work), articles/s,
the ratio to plain and to local[1], peak memory summed over the process tree (the JVM and its Python
workers: PSS, shared pages counted once) with samples at 10/50/100 % of the run, CPU seconds of the
whole tree (sampled every half second: on a busy machine a fairer measure than wall time), and a
digest of the events, which must be the same for all modes. `--incidents` also links the events into
incidents on Spark and times it. Machines with other work on their cores give lower, noisier ratios.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from tree_memory import TreeMemory  # noqa: E402 - the benchmarks' one sampler

DEFAULT = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "german-news" / "articles.jsonl"
MB = 2**20


def write_input(corpus: Path, n: int | None, path: Path) -> int:
    """The corpus repeated under new ids up to n articles (once when n is None); returns the count."""
    lines = [json.loads(line) for line in corpus.open(encoding="utf-8") if line.strip()]
    n = n or len(lines)
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            row = dict(lines[i % len(lines)])
            if i >= len(lines):
                row["id"] = f"{row['id']}~{i // len(lines)}"
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return n


def digest(records: list[dict]) -> str:
    blob = json.dumps(sorted(records, key=lambda e: e["event_id"]), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:16]


def run_plain(path: Path) -> dict:
    from lagebild.batch import extract_dicts

    t0 = time.perf_counter()
    with path.open(encoding="utf-8") as fh:
        outcomes = list(extract_dicts(json.loads(line) for line in fh))
    wall = time.perf_counter() - t0
    events = [e for o in outcomes for e in o.events]
    return {"wall": wall, "articles": len(outcomes), "events": len(events), "digest": digest(events), "start": 0.0}


def run_spark(path: Path, master: str, transfer: str, incidents: bool, mem: TreeMemory) -> dict:
    t0 = time.perf_counter()
    from lagebild.spark import extract, session
    from lagebild.spark.io import read_articles
    from lagebild.spark.schema import record_of

    spark = session(master)
    started = time.perf_counter() - t0
    articles, _ = read_articles(spark, str(path), "jsonl")
    x = extract(articles, transfer=transfer)
    n = x.results.count()
    wall = time.perf_counter() - t0
    out = {"wall": wall, "start": started, "articles": n, "at": [mem.at(f, 0, wall) for f in (0.1, 0.5, 1.0)]}
    events = [record_of(r.asDict(recursive=True)) for r in x.events.collect()]
    out |= {"events": len(events), "digest": digest(events), "rejects": x.rejects.count()}
    if incidents:
        from lagebild.spark.linking import link_incidents

        t1 = time.perf_counter()
        out["incidents"] = link_incidents(x.events).incidents.count()
        out["link_s"] = time.perf_counter() - t1
    spark.stop()
    return out


def child(args: argparse.Namespace) -> int:
    with TreeMemory() as mem:
        if args.child == "plain":
            res = run_plain(Path(args.input))
            res["at"] = [mem.at(f, 0, res["wall"]) for f in (0.1, 0.5, 1.0)]
        else:
            res = run_spark(Path(args.input), args.child, args.transfer, args.incidents, mem)
    res["peak"] = mem.peak_pss
    res["jvm_peak"] = mem.jvm_peak
    res["cpu"] = sum(mem.cpu.values())  # every process of the tree (the JVM, Python workers), as last sampled
    print("RESULT " + json.dumps(res), flush=True)
    return 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", nargs="?", default=str(DEFAULT))
    ap.add_argument("--articles", type=int, default=None, help="articles to make from the corpus (default: it once)")
    ap.add_argument("--modes", default="plain,local[1],local[2]")
    ap.add_argument("--transfer", default="arrow", choices=["arrow", "rows"])
    ap.add_argument("--incidents", action="store_true", help="also link the events into incidents (Spark modes)")
    ap.add_argument("--child", help=argparse.SUPPRESS)
    ap.add_argument("--input", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.child:
        return child(args)
    if not Path(args.corpus).exists():
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    # A cache of our own: other lagebild checkouts on the machine must not rebuild or remove it mid-run.
    os.environ.setdefault("LAGEBILD_CACHE_DIR", str(Path(tempfile.gettempdir()) / "lagebild-bench-cache"))
    from lagebild.lang import load_language
    from lagebild.places.gazetteer import Gazetteer

    Gazetteer.ensure_cached(load_language("de"))
    results: dict[str, dict] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "articles.jsonl"
        n = write_input(Path(args.corpus), args.articles, path)
        load = os.getloadavg()[0]
        size = path.stat().st_size / MB
        print(f"{n} articles ({size:.0f} MB), transfer {args.transfer}, load {load:.1f}", flush=True)
        for mode in args.modes.split(","):
            cmd = [sys.executable, __file__, "--child", mode, "--input", str(path), "--transfer", args.transfer]
            if args.incidents:
                cmd.append("--incidents")
            proc = subprocess.run(cmd, capture_output=True, text=True)
            line = next((x for x in proc.stdout.splitlines() if x.startswith("RESULT ")), None)
            if line is None:
                print(f"{mode}: failed\n{proc.stderr[-3000:]}", file=sys.stderr)
                return 1
            res = results[mode] = json.loads(line[7:])
            plain = results.get("plain", {}).get("wall")
            one = results.get("local[1]", {}).get("wall")
            ratios = []
            if plain and mode != "plain":
                ratios.append(f"{res['wall'] / plain:.2f}x plain's time")
            if one and mode != "local[1]":
                ratios.append(f"{one / res['wall']:.2f}x faster than local[1]")
            at = "/".join(f"{a / MB:.0f}" for a in res["at"])
            print(
                f"{mode:9} wall {res['wall']:7.1f} s (start {res['start']:4.1f} s)"
                f"  {res['articles'] / res['wall']:6.1f} art/s"
                f"  events {res['events']}  digest {res['digest']}  PSS peak {res['peak'] / MB:5.0f} MB"
                f" (JVM {res['jvm_peak'] / MB:.0f})"
                f" (10/50/100 %: {at} MB)  CPU {res['cpu']:.0f} s" + ("  " + ", ".join(ratios) if ratios else ""),
                flush=True,
            )
            if "incidents" in res:
                print(f"{'':9} incidents {res['incidents']} linked in {res['link_s']:.1f} s", flush=True)
    digests = {r["digest"] for r in results.values()}
    print("events identical in every mode" if len(digests) == 1 else f"EVENTS DIFFER: {digests}")
    return 0 if len(digests) == 1 else 1


if __name__ == "__main__":
    sys.exit(main())
