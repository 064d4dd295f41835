"""How right the event places are, by the route each was found by (events/scene.py ROUTES).

    .venv/bin/python bench/place_routes.py [SET ...] [--explain]

For every predicted event of each gold set (default: dev, train, check): the route of the candidate
that opened it (its own sentence, the sentences before, the events just told, the article's focus) and
what became of it: `ok` (matched, place right), `place_field` (matched, place more than 10 km off),
`place_off` (unmatched, but a gold event of its type reads the same sentence: most likely the right
event at the wrong place) or `false`. `--explain` lists the place errors with the sentence's place
mentions, for sets whose errors may be read (never check: only its counts are printed).
"""

from __future__ import annotations

import argparse
from collections import Counter

from lagebild.doc import Doc
from lagebild.evaluate.scoring import evidence_overlaps, location_field_ok, match
from lagebild.evaluate.sets import default_sets, load_set
from lagebild.events.scene import ROUTES
from lagebild.pipeline import get_pipeline

OUTCOMES = ("ok", "place_field", "place_off", "false")


def route_of(doc: Doc, event: dict) -> str:
    """The route of the kept candidate that opened an event (the first sentence of its evidence)."""
    start = event["evidence"][0]["start"]
    for c in doc.candidates:
        if c.get("kept") and c["start"] == start and c["event_type"] == event["event_type"]:
            return next((k.split("=", 1)[1] for k in c["features"] if k.startswith("route=")), "?")
    return "?"


def outcome(gold: list[dict], event: dict, matched: dict | None) -> str:
    if matched is not None:
        return "ok" if location_field_ok(matched.get("location"), event.get("location")) else "place_field"
    same = any(g["event_type"] == event["event_type"] and evidence_overlaps(g, event) for g in gold)
    return "place_off" if same else "false"


def explain(doc: Doc, event: dict, gold: list[dict], route: str, what: str) -> str:
    sent = doc.sents[doc.sent_of(event["evidence"][0]["start"])]
    mentions = [f"{s.text}→{s.data['place'].name} ({s.data['place'].kind})" for s in doc.in_sent("place", sent.i)]
    golds = [(g.get("location") or {}).get("name") for g in gold if evidence_overlaps(g, event)]
    return (
        f"  [{doc.article.id}] {what} route={route} {event['sub_event_type']}: "
        f"{(event.get('location') or {}).get('name')} | gold {golds} | mentions {mentions}\n"
        f"      «{doc.sent_text(sent)[:200]}»"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("sets", nargs="*")
    ap.add_argument("--explain", action="store_true")
    args = ap.parse_args()
    pipe = get_pipeline()
    for name in args.sets or list(default_sets()):
        gs = load_set(name)
        counts: Counter[tuple[str, str]] = Counter()
        lines = []
        for art in gs.articles:
            doc = pipe(art)
            gold = gs.gold[art.id]
            pairs = {p: g for g, p in match(gold, doc.events)}
            for k, event in enumerate(doc.events):
                route = route_of(doc, event)
                what = outcome(gold, event, gold[pairs[k]] if k in pairs else None)
                counts[route, what] += 1
                if args.explain and gs.errors_readable and what in ("place_field", "place_off"):
                    lines.append(explain(doc, event, gold, route, what))
        print(f"{name}: predicted events by route ({', '.join(OUTCOMES)})")
        for route in (*ROUTES, "?"):
            row = [counts[route, o] for o in OUTCOMES]
            if any(row):
                print(f"  {route:<9}" + "".join(f"{n:>6}" for n in row))
        if args.explain and not gs.errors_readable:
            print(f"  (--explain: {name}'s errors are not to be read; counts only)")
        print("\n".join(lines))


if __name__ == "__main__":
    main()
