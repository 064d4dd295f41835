"""Claims of responsibility: an attack with no attacker named was made by the group that claimed it.

"Die Miliz reklamierte den Angriff für sich", "X übernahm die Verantwortung": a sentence anywhere in the
article that credits an attack to a group names the attacker of the attacks whose own sentences gave
none, or gave only a kind of group ("bewaffnete Terroristen"). A claim that names a place covers only the
attacks there. Read after merging, before the sides across the article are filled in (events/sides.py),
since a claimed attack has its side.
"""

from __future__ import annotations

from lagebild.actors.lexicon import ActorLexicon, ActorSpec
from lagebild.doc import Doc, Sentence
from lagebild.events.candidate import Candidate
from lagebild.lang import Language, norm

CLAIMABLE = ("Explosions/Remote violence", "Violence against civilians", "Battles")


class Responsibility:
    """The claim words (function_words.yaml) and the negators (modality.yaml) a claim is read with."""

    def __init__(self, lang: Language, actors: ActorLexicon) -> None:
        self.actors = actors
        self.claim_verbs = lang.words("claim_verbs")
        self.claim_nouns = lang.words("claim_nouns")
        self.claim_responsibility = lang.words("claim_responsibility")
        self.negators = {norm(w) for w in lang["modality"]["negators"]}

    def credit(self, doc: Doc, events: list[Candidate]) -> None:
        """An attack no sentence names an attacker for, or names only as a kind of group ("bewaffnete
        Terroristen"), was made by the group that claimed it ("Die Miliz reklamierte den Angriff für sich"); a
        claim naming a place covers only the attacks there."""
        for sent in doc.sents:
            claim = self._claim(doc, sent)
            if claim is None:
                continue
            actor, where = claim
            for e in events:
                here = not where or (e.place is not None and e.place in where)
                if (
                    self._unnamed(e.actor1)
                    and e.event_type in CLAIMABLE
                    and here
                    and e.sub_event_type != "Disrupted weapons use"
                ):
                    e.actor1 = actor
                    if e.actor2 == actor:
                        e.actor2 = None

    def _unnamed(self, actor: ActorSpec | None) -> bool:
        """No attacker, or one the text gives only as a kind of group ("bewaffnete Terroristen", "Rebellen")."""
        if actor is None:
            return True
        armed_group = actor.kind in ("rebel", "political_militia", "identity_militia")
        return armed_group and actor not in self.actors.named_groups and not actor.country

    def _claim(self, doc: Doc, sent: Sentence) -> tuple[ActorSpec, set] | None:
        """The group a sentence says claimed an attack, with the places the sentence names."""
        toks = doc.sent_tokens(sent)
        words = {t.lower for t in toks} | {t.lemma for t in toks}
        verb = next((t for t in toks if t.lower in self.claim_verbs or t.lemma in self.claim_verbs), None)
        cue = (verb if verb is not None and "sich" in words else None) or next(
            (
                t
                for t in toks
                if t.lower in self.claim_nouns or (t.lower in self.claim_responsibility and "übernehmen" in words)
            ),
            None,
        )
        if cue is None or words & self.negators or "niemand" in words:
            return None
        said_by = [(s["start"], s["end"]) for s in sent.sources if "start" in s and not s.get("inherited")]
        spans = [
            a
            for a in doc.in_sent("actor", sent.i)
            if a.data["actor"].kind in ("rebel", "political_militia", "identity_militia", "external", "state")
            and not any(x <= a.start < y for x, y in said_by)
        ]
        if not spans:
            return None
        before = [a for a in spans if a.start < cue.start]
        claimant = before[-1] if before else spans[0]
        return claimant.data["actor"], {p.data["place"] for p in doc.in_sent("place", sent.i)}
