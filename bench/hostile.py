"""The issue's hostile inputs through the real command line, and the time a very long article takes.

    python bench/hostile.py [--big-mb 5]

1. Builds the inputs that used to abort a batch or hang (dates before year 1, 20- and 400-digit
   numbers, a dict as title, 100,000-deep JSON, a lone surrogate, an 80 KB token, two files named
   alike, a link loop, a dangling link, a FIFO, /dev/zero, a quoted glob over the loop) and runs
   `lagebild extract` and `lagebild ingest` on them as subprocesses, each under a time limit. Prints,
   per command, the exit status, the failures it named, the articles stored, and whether stderr
   held a traceback or the command was killed.
2. Times `lagebild extract` on a single article of --big-mb megabytes: refused by the default
   limit, with the message, and the extraction time of articles at the limit and below it, which
   shows what is still super-linear.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAGEBILD = [sys.executable, "-m", "lagebild"]
STRIKE = "Bei einem Luftangriff der Armee auf Aleppo wurden am Dienstag drei Menschen getötet."


def build(folder: Path) -> list[str]:
    """The hostile inputs; returns the paths to give the commands (some are not files)."""
    (folder / "a").mkdir(parents=True)
    (folder / "b").mkdir()
    texts = {
        "vor3000.txt": f" date 2024-05-10\n\nVor 3000 Jahren war hier eine Stadt. {STRIKE}",
        "jahr1.txt": f" date 0001-01-01\n\nAm Dienstag geschah es. {STRIKE}",
        "riesig-tage.txt": f" date 2024-05-10\n\nVor 99999999999999999999 Tagen. {STRIKE}",
        "maut.txt": " date 2024-05-10\n\nIn Aleppo wurden 99999999999999999999 Menschen getötet.",
        "zahl.txt": " date 2024-05-10\n\nIn Aleppo wurden " + "9" * 400 + " Menschen getötet.",
        "token.txt": " date 2024-05-10\n\nAngriff" + "a" * 80_000 + f" {STRIKE}",
        "a/bericht.txt": f" date 2024-05-10\n\n{STRIKE}",
        "b/bericht.txt": f" date 2024-05-11\n\n{STRIKE.replace('Aleppo', 'Idlib')}",
        "a/index.html": "<html><body><article><p>" + STRIKE * 5 + "</p></article></body></html>",
        "b/index.html": "<html><body><article><p>" + STRIKE.replace("Aleppo", "Homs") * 5 + "</p></article></body>",
    }
    for name, text in texts.items():
        (folder / name).write_text(text, encoding="utf-8")
    lines = [
        json.dumps({"id": "dict", "date": "2024-05-10", "text": STRIKE, "title": {"a": 1}, "url": ["x"]}),
        json.dumps({"id": "surrogat", "date": "2024-05-10", "text": "Angriff auf Aleppo \ud800 mit drei Toten."}),
        '{"id": "tief", "text": ' + "[" * 100_000 + "]" * 100_000 + "}",
        json.dumps({"id": "bericht", "date": "2024-05-10", "text": STRIKE}),
    ]
    (folder / "korpus.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "a" / "schleife").symlink_to(folder)
    (folder / "weg.txt").symlink_to(folder / "gibt-es-nicht.txt")
    os.mkfifo(folder / "rohr.txt")
    return [str(folder), "/dev/zero", str(folder / "rohr.txt"), str(folder / "**" / "*.txt")]


def run(args: list[str], timeout: float = 300) -> tuple[int | str, str, float]:
    t = time.perf_counter()
    try:
        p = subprocess.run([*LAGEBILD, *args], capture_output=True, text=True, timeout=timeout)
        return p.returncode, p.stderr, time.perf_counter() - t
    except subprocess.TimeoutExpired as e:
        return "killed (timeout)", (e.stderr or b"").decode() if isinstance(e.stderr, bytes) else "", timeout


def part_inputs(tmp: Path) -> int:
    paths = build(tmp / "in")
    db = tmp / "h.db"
    bad = 0
    for name, args in (
        ("extract", ["extract", *paths, "-o", str(tmp / "out.jsonl")]),
        ("ingest", ["ingest", *paths, "--db", f"sqlite:///{db}", "-w", "2", "--no-progress"]),
    ):
        status, err, took = run(args)
        named = [line for line in err.splitlines() if line.startswith("lagebild: ") and "input(s) failed" not in line]
        traceback = "Traceback" in err
        bad += traceback or not isinstance(status, int)
        shown = "YES" if traceback else "no"
        print(f"{name:8s} exit {status}  {len(named)} inputs named  {took:5.1f} s  traceback: {shown}")
        for line in named:
            print(f"           {line[:150]}")
    stored = sqlite3.connect(db).execute("SELECT id FROM articles ORDER BY id").fetchall()
    print(f"stored {len(stored)} articles: {', '.join(i for (i,) in stored)}")
    return bad


def part_big(tmp: Path, megabytes: float) -> int:
    seeds = [p.read_text(encoding="utf-8").split("\n", 1)[1] for p in sorted((ROOT / "examples").glob("*.txt"))]
    base = "\n\n".join(seeds)
    bad = 0
    size = int(megabytes * 1_000_000)
    big = tmp / "gross.txt"
    big.write_text(" date 2024-05-10\n\n" + (base * (size // len(base) + 1))[:size], encoding="utf-8")
    status, err, took = run(["extract", str(big), "-o", os.devnull])
    msg = err.strip().splitlines()[0] if err.strip() else ""
    bad += "Traceback" in err or took > 10
    print(f"{megabytes} MB article, default limit: exit {status} in {took:.1f} s  ({msg[:160]})")
    for chars in (50_000, 100_000, 200_000, 400_000):
        part = tmp / f"teil-{chars}.txt"
        part.write_text(" date 2024-05-10\n\n" + (base * (chars // len(base) + 1))[:chars], encoding="utf-8")
        status, err, took = run(["extract", str(part), "-o", os.devnull, "--max-chars", str(chars)], timeout=600)
        bad += "Traceback" in err
        print(f"{chars:>9,} characters: exit {status} in {took:6.1f} s (with loading the pipeline)")
    return bad


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--big-mb", type=float, default=5.0)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        bad = part_inputs(Path(tmp))
        bad += part_big(Path(tmp), args.big_mb)
    print(f"\ntracebacks, kills or a slow refusal: {bad}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
