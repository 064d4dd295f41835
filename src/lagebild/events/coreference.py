"""Coreference within the article: which sentences tell the same happening, before and as events merge.

A report tells one happening many times: the headline, the lead, the body; a re-mention ("nach dem
Anschlag", "Opfer des Beschusses", "bei dem Angriff") that adds a date or a toll; a sentence that only
adds a toll ("Dabei wurden 14 Menschen getötet"). Such a sentence is evidence of the event told before it,
not an event of its own: it lends that event its toll, its date when the event has none as specific, and
the weapon when it names one. Which event it is: the one at the place the sentence names (or at a site
near that town), else the one just told, of a family of acts the re-mention may name. After all sentences
are read, an event told only by its country gives its toll to the one located event like it, vague
explosions take the sub-type of the article's other strikes, and an event without attribution takes the
sources of the sentences around it. Merging proper (type, place, date and sides agree) is events/merge.py.
"""

from __future__ import annotations

from collections import Counter

from lagebild.doc import Doc, Sentence, Span, Token
from lagebild.events.candidate import Candidate
from lagebild.events.dating import Dating
from lagebild.places.gazetteer import distance_km

NEAR_KM = 25.0  # a site this near an event's place is part of the same town's story
VIOLENCE = frozenset({"Battles", "Explosions/Remote violence", "Violence against civilians"})


class Coreference:
    """Adds a sentence that tells no act of its own to the event it tells of (its date read by `dating`)."""

    def __init__(self, dating: Dating) -> None:
        self.dating = dating

    def add_to_told(
        self,
        doc: Doc,
        sent: Sentence,
        toks: list[Token],
        tolls: list[Span],
        referred: list[tuple[str, str]],
        candidates: list[Candidate],
    ) -> None:
        """A sentence that tells no act of its own but adds to one told before: its toll ("Dabei wurden
        14 Menschen getötet"), or a re-mention ("Nach dem Beschuss des Marktes am Mittwoch ...") that gives
        it a date or a toll. With a toll it adds to the event at its place or just before; a re-mention
        without one only to an event of the family of acts it names (`referred`)."""
        target = reported_event(doc, sent, candidates, None if tolls else {t for t, _ in referred})
        if target is not None:
            sharpen(target, referred)
            target.fatalities.extend((int(n.data["value"]), sent.sources, n) for n in tolls)
            target.evidence.append((sent.start, sent.end))
            self._lend_date(doc, sent, toks, target)

    def _lend_date(self, doc: Doc, sent: Sentence, toks: list[Token], target: Candidate) -> None:
        """A sentence that adds to an event told before ("Bei Kämpfen in X sind am Donnerstag fünf Soldaten
        getötet worden" after a headline) gives it its own date when the event has none as specific."""
        when, precision, rank, background = self.dating.date(doc, sent, toks, toks)
        if when is not None and not background and rank > target.date_rank:
            target.date, target.time_precision, target.date_rank = when, precision, rank
            target.date_from_sentence = rank == 2


def reported_event(
    doc: Doc, sent: Sentence, candidates: list[Candidate], types: set[str] | None = None
) -> Candidate | None:
    """The event a sentence adds to: the one at the place it names, else the one just before it (of
    one of `types`, when the sentence names the kind of act it refers to)."""
    if types is not None:
        candidates = [c for c in candidates if any(same_family(c.event_type, t) for t in types)]
    if not candidates:
        return None
    named = {s.data["place"] for s in doc.in_sent("place", sent.i)}
    if named:
        same = next((c for c in reversed(candidates) if c.place in named), None)
        if same is not None:
            return same
        # "Beim Angriff auf das Werksgelände ... starben drei Menschen" after "Anschlag in X": a site in
        # or by the town of the event told before
        near = [
            c
            for c in reversed(candidates)
            if c.place is not None
            and c.place.kind != "country"
            and any(p.kind != "country" and distance_km(p, c.place) <= NEAR_KM for p in named)
        ]
        return near[0] if near else None
    return candidates[-1] if candidates[-1].sent >= sent.i - 2 else None


def same_family(a: str, b: str) -> bool:
    """Whether an act named again may be one told before as another type: "der Anschlag" after a bomb
    blast, "der Angriff" after an air strike (violence names violence); a protest is no riot's re-mention."""
    return a == b or (a in VIOLENCE and b in VIOLENCE)


def sharpen(event: Candidate, named: list[tuple[str, str]]) -> None:
    """A re-mention that names the weapon ("nach dem Selbstmordanschlag") tells what an act first named only
    as an attack ("Anschlag in X") was: the bombing's type replaces the generic one."""
    if event.sub_event_type not in ("Attack", "Armed clash"):
        return
    remote = [(t, sub) for t, sub in named if t == "Explosions/Remote violence"]
    if remote:
        event.event_type, event.sub_event_type = remote[0]


def lead_tolls(candidates: list[Candidate]) -> None:
    """ "Bei einem Hinterhalt im Zentrum Malis sind elf Soldaten getötet worden" ... "Der Konvoi sei zwischen
    Niono und Diabaly angegriffen worden": an event told first only by its country carries its toll to the
    one located event of its sub-type the article tells in that country."""
    for c in candidates:
        if not c.fatalities or c.background or (c.place is not None and c.place.kind != "country"):
            continue
        same = [
            o
            for o in candidates
            if (o.event_type, o.sub_event_type) == (c.event_type, c.sub_event_type)
            and not o.background
            and o.place is not None
            and o.place.kind != "country"
            and (c.place is None or o.place.country == c.place.country)
        ]
        if len(same) == 1 and not same[0].fatalities:
            same[0].fatalities.extend(c.fatalities)


REMOTE = "Explosions/Remote violence"
BOMBS = ("Remote explosive/landmine/IED", "Suicide bomb")


def settle_vague(candidates: list[Candidate]) -> None:
    """Explosions "heard" or "reported" in an article about air or missile strikes are those strikes: a
    sub-type the trigger only defaulted becomes the one the article's other remote violence has most. An
    attack that names no weapon ("der Anschlag") in an article that tells of a bomb is that bombing."""
    counts = Counter(c.sub_event_type for c in candidates if c.event_type == REMOTE and not c.vague_sub)
    bombs = Counter(c.sub_event_type for c in candidates if c.event_type == REMOTE and c.sub_event_type in BOMBS)
    for c in candidates:
        if not c.vague_sub:
            continue
        if c.event_type == REMOTE and counts:
            c.sub_event_type = counts.most_common(1)[0][0]
        elif c.event_type != REMOTE and bombs:
            c.event_type, c.sub_event_type = REMOTE, bombs.most_common(1)[0][0]


def nearby_sources(doc: Doc, events: list[Candidate]) -> None:
    """An event read from a sentence without attribution takes the sources of the sentences around it,
    the report's usual shape: the fact, then "teilte das Ministerium mit" in the next sentence."""
    for e in events:
        if e.sources:
            continue
        first = doc.sent_of(e.evidence[0][0])
        for i in (first + 1, first - 1, first + 2):
            if 0 <= i < len(doc.sents):
                found = [s for s in doc.sents[i].sources if s.get("name") and (i < first or not s.get("inherited"))]
                if found:
                    e.sources = [dict(s, nearby=True) for s in found]
                    break
