"""Error analysis: every missed, spurious and half-right event, with its evidence sentence."""

from __future__ import annotations

from lagebild.evaluate.scoring import Result


def _line(e: dict) -> str:
    loc = e.get("location") or {}
    a1, a2 = e.get("actor1") or {}, e.get("actor2") or {}
    return (
        f"{e.get('sub_event_type')} | {e.get('date')} | {a1.get('name', '-')} -> {a2.get('name', '-')} | "
        f"{loc.get('name', '-')} p{loc.get('geo_precision', '-')} | dead {e.get('fatalities')} | "
        f"src {[s.get('name') for s in e.get('sources', [])]}"
    )


def _evidence(e: dict) -> str:
    ev = (e.get("evidence") or [{}])[0]
    return f"      «{ev.get('text', '')[:220]}»"


def explain_result(res: Result) -> str:
    out = ["", f"MISSED ({len(res.missed)})"]
    for aid, g in res.missed:
        out += [f"  [{aid}] gold: {_line(g)}", _evidence(g)]
    out += ["", f"SPURIOUS ({len(res.spurious)})"]
    for aid, p in res.spurious:
        out += [f"  [{aid}] pred: {_line(p)}", _evidence(p)]
    out += ["", f"HALF-RIGHT ({len(res.partial)})"]
    for aid, g, p, wrong in res.partial:
        out += [f"  [{aid}] wrong: {', '.join(wrong)}", f"    gold: {_line(g)}", f"    pred: {_line(p)}", _evidence(p)]
    return "\n".join(out)
