"""A desk simulated from gold annotations: what an analyst who agrees with the gold would do to the
extractor's events, done through the review desk itself (so it also tests the desk end to end).

For each article: the extractor's events are stored; each is paired with a gold event as the referee
pairs them (`evaluate.scoring.match`); a paired event is confirmed when every field the referee
checks is right, else corrected to the gold's values; an event without a partner is rejected ("not
an event"); a gold event without a partner is added from its evidence sentence. Optional gold events
(background and borderline happenings, which the referee neither demands nor counts) are what a
strict desk leaves out: an event paired with one is rejected as background, and none is added.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import Any

from lagebild.doc import Article
from lagebild.evaluate.scoring import field_checks, match
from lagebild.store import Store
from lagebild.store.db import EventFilter
from lagebild.store.reviews import ReviewDesk

ADDED_FIELDS = (
    *("date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2"),
    *("assoc_actor_2", "location", "fatalities", "sources", "notes"),
)
FIXES = {  # referee field → the record fields a correction sets
    "sub_event_type": ("event_type", "sub_event_type"),
    "date": ("date", "time_precision"),
    "location": ("location",),
    "actor1": ("actor1",),
    "actor2": ("actor2",),
    "fatalities": ("fatalities",),
    "sources": ("sources",),
}


def corrections(gold: dict[str, Any], pred: dict[str, Any]) -> dict[str, Any]:
    """The gold's values of the fields the referee finds wrong in the prediction."""
    out: dict[str, Any] = {}
    for name, ok in field_checks(gold, pred).items():
        if ok is False:
            out |= {k: gold.get(k) for k in FIXES[name]}
    return out


def review_like_gold(
    store: Store, pipe: Any, items: Iterable[tuple[Article, list[dict[str, Any]]]], reviewer: str = "desk"
) -> Counter:
    """Extract, store and review every article as its gold says; returns how many of each action."""
    desk = ReviewDesk(store)
    done: Counter = Counter()
    for article, gold in items:
        store.save(pipe(article))
        pred = list(store.events(EventFilter(article_id=article.id)))
        pairs = match(gold, pred)
        for gi, pi in pairs:
            if gold[gi].get("optional"):
                desk.review(pred[pi]["event_id"], "reject", reviewer, reason="background")
                done["reject"] += 1
                continue
            changes = corrections(gold[gi], pred[pi])
            if changes:
                desk.review(pred[pi]["event_id"], "correct", reviewer, changes=changes)
                done["correct"] += 1
            else:
                desk.review(pred[pi]["event_id"], "confirm", reviewer)
                done["confirm"] += 1
        for pi in sorted(set(range(len(pred))) - {p for _, p in pairs}):
            desk.review(pred[pi]["event_id"], "reject", reviewer, reason="not_event")
            done["reject"] += 1
        for gi in sorted(set(range(len(gold))) - {g for g, _ in pairs}):
            g = gold[gi]
            spans = g.get("evidence") or []
            if not spans or g.get("optional"):
                continue
            fields = {k: g.get(k) for k in ADDED_FIELDS}
            selection = (min(s["start"] for s in spans), max(s["end"] for s in spans))
            desk.add(article.id, fields, selection, reviewer)
            done["add"] += 1
    return done
