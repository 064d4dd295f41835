"""The article's focus: the one place an event told without any place of its own may be given.

An article names places for many reasons besides where its events happened: the capitals whose
governments speak, the towns of an earlier war, the seat of a court. The place it names most often is
therefore only a guess for an event whose sentence and paragraph name none, and that guess is trusted
only when the headline backs it: the headline names the place (or opens with it, "Nordirak: ..."),
as the headline of a local report does ("Kundgebung in X gewaltsam beendet"). Without that an event
gets no place rather than the place of another story (an article's most named place was often a
capital where governments speak, or the scene of an earlier event).
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
        """The place the article is about, when its headline names it: the one named most often (first
        named on a tie), not counting where things came from or where a government sits."""
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
        best = max(counts, key=lambda p: counts[p])
        return best if best == kicker or self.in_headline(doc, best) else None

    @staticmethod
    def in_headline(doc: Doc, place: Place) -> bool:
        """Whether the article's first sentence (its headline, when it has one) names the place."""
        return any(s.data["place"] == place for s in doc.in_sent("place", 0))

    def kicker(self, doc: Doc) -> Place | None:
        """The place a headline opens with ('Nordirak: Türkischer Luftangriff ...'): the scene
        German news puts before the colon, read even when the headline line itself is no text (a teaser)."""
        title = doc.article.title or ""
        head, colon, _ = title.partition(":")
        if not colon or not 0 < len(head.split()) <= 4:
            return None
        found = [self.gaz.places[i] for i, q in self.gaz.lookup(head.strip()) if q >= 3]
        return next((p for p in found if p.kind != "country"), None)
