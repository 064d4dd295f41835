"""Scores of several gold sets as one table, sets side by side (as `lagebild eval` and `make eval` print it)."""

from __future__ import annotations

from lagebild.evaluate.scoring import FIELDS, Result


def score_table(results: dict[str, tuple[int, Result]]) -> str:
    names = list(results)
    width = max(13, *(len(n) + 2 for n in names))
    rows = [f"{'':<18}" + "".join(f"{n:>{width}}" for n in names)]

    def row(label: str, cells: list[str]) -> None:
        rows.append(f"{label:<18}" + "".join(f"{c:>{width}}" for c in cells))

    row("articles", [str(k) for k, _ in results.values()])
    row("gold events", [str(r.tp + r.fn) for _, r in results.values()])
    row("predicted", [str(r.tp + r.fp) for _, r in results.values()])
    row("precision", [f"{r.precision:.3f}" for _, r in results.values()])
    row("recall", [f"{r.recall:.3f}" for _, r in results.values()])
    row("event F1", [f"{r.f1:.3f}" for _, r in results.values()])
    row("strict F1", [f"{r.strict_f1:.3f}" for _, r in results.values()])
    for f in FIELDS:
        cells = []
        for _, r in results.values():
            acc = r.accuracy(f)
            cells.append("-" if acc is None else f"{acc:.3f} ({r.fields[f][1]})")
        row(f"  {f}", cells)
    return "\n".join(rows)
