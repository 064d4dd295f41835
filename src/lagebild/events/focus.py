"""The article's focus: the place an event told without any place of its own, in its sentence or its
paragraph, is given as a last resort: the place the article names most often, the one its headline
opens with counting double ("Nordirak: ...").

Measured and not kept (2026-12-08): giving the focus only when the headline names it. On the 71-article
check split of the day before it removed false events (check 0.556 -> 0.576 with the model refit); on
today's larger train and check (219 / 102 articles) the refit model lost right focus places with it
(cross-validated event F1 0.574 -> 0.553, train 0.608 -> 0.595, check 0.523 -> 0.521), and a focus named
three times and by half of the mentions as well did no better (0.573, 0.610, 0.519).
"""

from __future__ import annotations

from collections.abc import Callable

from lagebild.doc import Doc, Span
from lagebild.events.datelines import is_dateline
from lagebild.places.gazetteer import Gazetteer, Place

HEADLINE_WEIGHT = 2  # the place a headline opens with counts as often as two mentions


class Focus:
    def __init__(self, gaz: Gazetteer, is_origin: Callable[[Doc, Span], bool]) -> None:
        """`is_origin` says whether a place span names where something came from or where a government sits."""
        self.gaz = gaz
        self.is_origin = is_origin

    def place(self, doc: Doc) -> Place | None:
        """The place the article is about: the one named most often (first named on a tie), not counting
        where things came from, where a government sits, or datelines."""
        counts: dict[Place, int] = {}
        kicker = self.kicker(doc)
        if kicker is not None:
            counts[kicker] = HEADLINE_WEIGHT
        for s in doc.spans.get("place", []):
            p = s.data["place"]
            if p.kind != "country" and p.country and not is_dateline(doc, s) and not self.is_origin(doc, s):
                counts[p] = counts.get(p, 0) + 1
        if not counts:
            return None
        return max(counts, key=lambda p: counts[p])

    def kicker(self, doc: Doc) -> Place | None:
        """The place a headline opens with ('Nordirak: Türkischer Luftangriff ...'): the scene
        German news puts before the colon, read even when the headline line itself is no text (a teaser)."""
        title = doc.article.title or ""
        head, colon, _ = title.partition(":")
        if not colon or not 0 < len(head.split()) <= 4:
            return None
        found = [self.gaz.places[i] for i, q in self.gaz.lookup(head.strip()) if q >= 3]
        return next((p for p in found if p.kind != "country"), None)
