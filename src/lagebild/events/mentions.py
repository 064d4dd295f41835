"""New act or re-mention: what the words before a trigger noun tell of the act it names.

A report names one act many times. "Ein Angriff" tells a new one; "nach dem Angriff", "bei dem
Anschlag", "Opfer des Beschusses" (a definite article after a preposition of reference or a genitive
owner) name an act told before, or the time of another act ("seit Beginn der Offensive"); "frühere
Angriffe" compares with the past. A generic word ("Angriff", "Kämpfe") with neither a side nor a toll
is a reference or a summary, unless it is bare fighting at a named town ("Gefechte toben in X"); with a
toll at the place of an act told before it gives that act's toll. A re-mention (TOLD) is handed to
events/coreference.py, which adds the sentence to the act it names; NOT_NEW tells nothing of its own.
"""

from __future__ import annotations

from lagebild.doc import Doc, Sentence, Span
from lagebild.events.candidate import Candidate
from lagebild.events.coreference import reported_event, same_family
from lagebild.events.roles import Roles
from lagebild.events.subtypes import adjective
from lagebild.events.triggers import Hit
from lagebild.lang import Language

TOLD, NOT_NEW = "told", "not new"  # what a trigger that tells no new act names: an act told before, or none


class Mentions:
    """The article words (function_words.yaml) that tell a re-mention from a new act."""

    def __init__(self, lang: Language) -> None:
        self.definite = lang.words("definite")
        self.reference_preps = lang.words("reference_prepositions")
        self.indefinite = lang.words("number_articles")
        self.earlier = lang.words("earlier_adjectives")

    def classify(
        self,
        doc: Doc,
        sent: Sentence,
        hit: Hit,
        etype: str,
        generic: bool,
        roles: Roles,
        hits: list[Hit],
        tolls: list[Span],
        before: list[Candidate],
    ) -> str | None:
        """Whether a trigger names an act told before (TOLD), tells no new act (NOT_NEW), or a new one (None)."""
        det = self._determiner(doc, hit.tok)
        if generic and not (roles.actor1 or tolls) and not self._bare_at_town(doc, sent, hit, det):
            return NOT_NEW  # "bei dem Angriff", "die Kämpfe": a reference or a summary, not a new act
        definite = det is not None and doc.tokens[det].lower in self.definite
        ahead = doc.tokens[det - 1] if definite and det > 0 else None
        genitive = ahead is not None and doc.tokens[det].lower == "des" and ahead.is_title
        # "Kurz nach dem Attentat schlug die Armee zurück", "Opfer des Beschusses": an attack told
        # before, or the time of another act; but "Nach dem Anschlag in X stieg die Zahl der Toten" tells it
        told = any(same_family(c.event_type, etype) for c in before) or any(h.type != hit.type for h in hits)
        # "Nach Inkrafttreten einer Feuerpause", "seit Beginn der Offensive": the time of an act told before
        timed = det is not None and det > 1 and doc.tokens[det - 1].is_title
        timed = timed and doc.tokens[det].lower in self.definite | self.indefinite
        if told and timed and doc.tokens[det - 2].lower in self.reference_preps:
            return TOLD
        if told and ahead is not None and (ahead.lower in self.reference_preps or genitive):
            return TOLD
        if hit.tok > 0 and doc.tokens[hit.tok - 1].lower in self.earlier:
            return NOT_NEW  # "der an frühere Angriffe der Miliz erinnert": past events as comparison
        if definite and not tolls and (generic or not doc.in_sent("place", sent.i)):
            return TOLD  # "die Angriffe aus dem Nachbarland", "reklamierte den Anschlag": events named again
        if definite and generic and tolls and reported_event(doc, sent, before) is not None:
            return NOT_NEW  # "bei den Angriffen auf Hodeida seien fünf Menschen getötet worden": its toll
        if (
            generic
            and roles.actor1 is None
            and tolls
            and doc.in_sent("place", sent.i)
            and reported_event(doc, sent, before) is not None
        ):
            return NOT_NEW  # "Bei einem weiteren Angriff auf eine Schule in X wurden ... getötet": X's event's toll
        return None

    def _determiner(self, doc: Doc, tok: int) -> int | None:
        """The token before a noun past its adjectives ("nach dem verheerenden Angriff"): the article, if
        any, which tells whether the noun names an act already told."""
        k = tok - 1
        articles = self.definite | self.indefinite
        while k >= 0 and tok - k <= 2 and doc.tokens[k].lower not in articles and adjective(doc.tokens[k]):
            k -= 1
        return k if k >= 0 else None

    def _bare_at_town(self, doc: Doc, sent: Sentence, hit: Hit, det: int | None) -> bool:
        """ "Gefechte toben in X", "Kämpfe nahe Y": fighting with no article at a town the
        sentence names is a clash there, though no side is named."""
        definite = det is not None and doc.tokens[det].lower in self.definite
        if not hit.trigger.bare_at_town or definite or doc.tokens[hit.tok].lower == doc.tokens[hit.tok].lemma:
            return False  # the plural only: "Kampf gegen den Terror" is no fight at a place
        return any(s.data["place"].kind in ("city", "site") for s in doc.in_sent("place", sent.i))
