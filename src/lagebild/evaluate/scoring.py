"""Scoring extracted events against gold events, with the matching rules of the shared referee.

Per article, a prediction matches a gold event when the event types are equal, the dates are
compatible (their periods overlap, with 3 days of slack) and the locations agree (within 50 km, or
150 km when the gold location is a region, geo_precision 3; a gold event without a location accepts
any). Pairs are taken greedily, best first: required gold events before optional ones, the same
sub-type before another, a prediction whose evidence overlaps the gold's before one that reads another
sentence, the nearer location before the farther. Optional gold events ("optional":
true) cost nothing when missed and earn nothing when found. Over matched required pairs each field is
checked: sub-type, date (same day ±2 when gold knows the day, else the same period), location within
10 km (50 km when the gold place is a region), actor1 and actor2 (group key, or kind and country for
state forces), fatalities, and sources
(any of the gold's `source_keywords` in a predicted source name).
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SLACK = dt.timedelta(days=3)
FIELDS = ("sub_event_type", "date", "location", "actor1", "actor2", "fatalities", "sources")


def period(date: str | None) -> tuple[dt.date, dt.date] | None:
    if not date:
        return None
    try:
        parts = [int(p) for p in date.split("-")]
        if len(parts) == 1:
            return dt.date(parts[0], 1, 1), dt.date(parts[0], 12, 31)
        if len(parts) == 2:
            return dt.date(parts[0], parts[1], 1), dt.date(parts[0], parts[1], calendar.monthrange(*parts)[1])
        d = dt.date(*parts[:3])
        return d, d
    except (ValueError, TypeError):
        return None


def dates_compatible(a: str | None, b: str | None) -> bool:
    pa, pb = period(a), period(b)
    if pa is None or pb is None:
        return pa is None and pb is None
    return pa[0] - SLACK <= pb[1] and pb[0] - SLACK <= pa[1]


def date_exact(gold: str | None, pred: str | None) -> bool:
    pg, pp = period(gold), period(pred)
    if pg is None or pp is None:
        return pg is None and pp is None
    if pg[0] == pg[1]:
        return pp[0] == pp[1] and abs((pp[0] - pg[0]).days) <= 2
    return pg == pp


def km(a: dict | None, b: dict | None) -> float:
    if not a:
        return 0.0
    if not b:
        return math.inf
    try:
        la1, lo1, la2, lo2 = map(math.radians, (float(a["lat"]), float(a["lon"]), float(b["lat"]), float(b["lon"])))
    except (KeyError, TypeError, ValueError):
        return math.inf
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def location_ok(gold: dict | None, pred: dict | None) -> bool:
    if not gold:
        return True
    return km(gold, pred) <= (150.0 if gold.get("geo_precision") == 3 else 50.0)


def actor_ok(gold: dict | None, pred: dict | None) -> bool:
    if not gold:
        return not pred
    if not pred:
        return False
    if gold.get("group"):
        return pred.get("group") == gold["group"]
    if gold.get("kind") in ("state", "external"):
        return pred.get("kind") in ("state", "external") and pred.get("country") == gold.get("country")
    return pred.get("kind") == gold.get("kind") and not pred.get("group")


def location_field_ok(gold: dict | None, pred: dict | None) -> bool:
    """Within 10 km, or 50 km when the gold place is a region (geo_precision 3: centres differ by convention)."""
    if not gold:
        return not pred
    return km(gold, pred) <= (50.0 if gold.get("geo_precision") == 3 else 10.0)


def _spans(ev: dict) -> list[tuple[int, int]]:
    return [(e["start"], e["end"]) for e in ev.get("evidence") or [] if isinstance(e, dict) and "start" in e]


def evidence_overlaps(gold: dict, pred: dict) -> bool:
    """A predicted evidence span overlaps a gold one: both read the same sentence."""
    return any(ps < ge and gs < pe for gs, ge in _spans(gold) for ps, pe in _spans(pred))


def source_ok(gold: dict, pred: dict) -> bool | None:
    keys = [k.lower() for k in gold.get("source_keywords") or []]
    if not keys:
        return None
    names = " | ".join(str(s.get("name", "")) for s in pred.get("sources") or []).lower()
    return any(k in names for k in keys)


def field_checks(g: dict, p: dict) -> dict[str, bool | None]:
    return {
        "sub_event_type": p.get("sub_event_type") == g.get("sub_event_type"),
        "date": date_exact(g.get("date"), p.get("date")),
        "location": location_field_ok(g.get("location"), p.get("location")),
        "actor1": actor_ok(g.get("actor1"), p.get("actor1")),
        "actor2": actor_ok(g.get("actor2"), p.get("actor2")),
        "fatalities": p.get("fatalities") == g.get("fatalities"),
        "sources": source_ok(g, p),
    }


def match(gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    cands = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if p.get("event_type") != g.get("event_type") or not dates_compatible(g.get("date"), p.get("date")):
                continue
            if not location_ok(g.get("location"), p.get("location")):
                continue
            rank = (
                bool(g.get("optional")),
                p.get("sub_event_type") != g.get("sub_event_type"),
                not evidence_overlaps(g, p),
                km(g.get("location"), p.get("location")),
            )
            cands.append((rank, gi, pi))
    cands.sort()
    used_g: set[int] = set()
    used_p: set[int] = set()
    pairs = []
    for _, gi, pi in cands:
        if gi not in used_g and pi not in used_p:
            used_g.add(gi)
            used_p.add(pi)
            pairs.append((gi, pi))
    return pairs


@dataclass
class Result:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    strict_tp: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: {k: [0, 0] for k in FIELDS})
    missed: list[tuple[str, dict]] = field(default_factory=list)
    spurious: list[tuple[str, dict]] = field(default_factory=list)
    partial: list[tuple[str, dict, dict, list[str]]] = field(default_factory=list)

    @staticmethod
    def _f1(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        return self._f1(self.precision, self.recall)

    @property
    def strict_f1(self) -> float:
        p = self.strict_tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.strict_tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        return self._f1(p, r)

    def accuracy(self, name: str) -> float | None:
        ok, n = self.fields[name]
        return ok / n if n else None

    def summary(self) -> dict[str, Any]:
        return {
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "f1": round(self.f1, 4),
            "strict_f1": round(self.strict_f1, 4),
            "field_accuracy": {k: (round(v, 4) if (v := self.accuracy(k)) is not None else None) for k in FIELDS},
        }


def load_gold(gold_dir: Path) -> dict[str, list[dict]]:
    out = {}
    for f in sorted(Path(gold_dir).glob("*.gold.json")):
        doc = json.loads(f.read_text(encoding="utf-8"))
        out[doc["article_id"]] = doc["events"]
    return out


def score(gold: dict[str, list[dict]], pred: dict[str, list[dict]]) -> Result:
    res = Result()
    for aid, gevents in gold.items():
        pevents = pred.get(aid, [])
        pairs = match(gevents, pevents)
        mg, mp = {g for g, _ in pairs}, {p for _, p in pairs}
        res.tp += sum(1 for g, _ in pairs if not gevents[g].get("optional"))
        res.fn += sum(1 for i, g in enumerate(gevents) if i not in mg and not g.get("optional"))
        res.fp += sum(1 for i in range(len(pevents)) if i not in mp)
        res.missed += [(aid, g) for i, g in enumerate(gevents) if i not in mg and not g.get("optional")]
        res.spurious += [(aid, p) for i, p in enumerate(pevents) if i not in mp]
        for gi, pi in pairs:
            g, p = gevents[gi], pevents[pi]
            if g.get("optional"):
                continue
            checks = field_checks(g, p)
            res.strict_tp += bool(checks["sub_event_type"])
            for k, v in checks.items():
                if v is not None:
                    res.fields[k][0] += bool(v)
                    res.fields[k][1] += 1
            wrong = [k for k, v in checks.items() if v is False]
            if wrong:
                res.partial.append((aid, g, p, wrong))
    return res
