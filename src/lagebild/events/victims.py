"""Who was acted upon when no sentence names the side (CODING_RULES 5, after ACLED's codebook).

A sentence often tells a strike or an attack without naming its victims as an actor noun, yet the kind of
event or its target says who they were:
- violence against civilians is, by definition, against civilians ("Mehrere Menschen seien verschleppt
  worden");
- a strike on a military place or unit ("ein Stützpunkt der Luftwaffe bei X", "die Kaserne am
  Stadtrand") is aimed at the forces of the side holding it: the state of the place when the attacker
  is foreign or a non-state group, and the attacker's enemy in a war between two states when the place is
  the attacker's own country.
"""

from __future__ import annotations

from lagebild.actors.lexicon import ActorLexicon, ActorSpec
from lagebild.doc import Doc, Token
from lagebild.events.candidate import Candidate
from lagebild.events.roles import ARMED
from lagebild.lang import norm

CIVILIANS = ActorSpec("Civilians", "civilians")
STATE = ("state", "external")


class Victims:
    def __init__(self, lex: ActorLexicon, same_again: frozenset[str], definite: frozenset[str]) -> None:
        self.lex = lex
        self.same_again = same_again
        self.definite = definite

    def carry_over(self, doc: Doc, candidates: list[Candidate]) -> None:
        """ "Gleichzeitig explodierten auch in Y Sprengsätze" after "In X explodierten Sprengsätze in Autos
        von Milizionären": an act told as one more of the kind just told hit the same side."""
        for k, c in enumerate(candidates):
            if c.actor2 is not None or c.event_type == "Strategic developments":
                continue
            toks = doc.sent_tokens(doc.sents[c.sent])
            again = bool({t.lower for t in toks} & self.same_again)
            named = {t.lemma for n, t in enumerate(toks) if n and toks[n - 1].lower in self.definite and t.is_title}
            before = [
                o
                for o in candidates[:k]
                if o.sent < c.sent
                and (o.event_type, o.sub_event_type) == (c.event_type, c.sub_event_type)
                and o.actor1 == c.actor1
            ]
            if again and c.actor1 is None:
                # "Auch der Flughafen von Sanaa sei bombardiert worden": the same attacker, the same side hit
                before = [o for o in candidates[:k] if o.sent < c.sent and o.sub_event_type == c.sub_event_type]
                if before and before[-1].actor1 is not None:
                    c.actor1, c.actor2 = before[-1].actor1, before[-1].actor2
                    continue
            if again and before and before[-1].actor2 is not None:
                c.actor2 = before[-1].actor2
                continue
            # "ein Angriff auf einen Stützpunkt der Miliz ... hatten den Stützpunkt angegriffen": the place named
            # again with its article is the owner's
            owned = next((o for o in reversed(before) if o.actor2 is not None and self._owned(doc, o) & named), None)
            if owned is not None:
                c.actor2 = owned.actor2

    @staticmethod
    def _owned(doc: Doc, c: Candidate) -> set[str]:
        """The nouns a candidate's side acted upon owns in its sentence ("ein Lager der Miliz": Lager)."""
        return {
            doc.tokens[s.data["tok_start"] - 1].lemma
            for s in doc.in_sent("actor", c.sent)
            if s.data["actor"] == c.actor2 and s.data["genitive"]
        }

    def fill(self, doc: Doc, events: list[Candidate], enemies: dict[str, set[str]]) -> None:
        """Give each event without a side acted upon the one its type or target implies."""
        for e in events:
            if e.sub_event_type == "Peaceful protest" and e.actor2 is not None and e.actor2.kind != "protesters":
                e.actor2 = None  # "Tausende protestierten gegen die Hamas": what they protest is no side acted upon
                continue
            if e.event_type == "Violence against civilians" and e.actor2 is None:
                e.actor2 = CIVILIANS  # attacks, abductions, sexual violence are against civilians
                continue
            if e.actor2 is None and e.event_type in ("Battles", "Explosions/Remote violence"):
                e.actor2 = self._armed_dead(doc, e)  # "Seit Freitag seien mindestens 14 Rebellen getötet worden"
            vague = e.actor2 is not None and e.actor2.force and not e.actor2.country
            if e.event_type != "Explosions/Remote violence" or (e.actor2 is not None and not vague):
                continue
            if e.actor2 is None and self._civilian_dead(doc, e):
                e.actor2 = CIVILIANS  # "Die Bombe detonierte in X. Laut Polizei starben neun Menschen."
                continue
            if e.sub_event_type == "Disrupted weapons use" or not self._military_target(doc, e):
                continue
            holder = self._holder(e, enemies)
            if holder is not None:
                e.actor2 = self.lex.military(holder)

    def launcher(self, doc: Doc, hit: int, origin: frozenset[str]) -> ActorSpec | None:
        """Who fired what came "aus dem Gazastreifen" or "aus dem Libanon" (next to the attack or its weapon:
        "Mörserbeschuss aus dem Libanon", "aus X sechs Raketen abgefeuert"): the armed group of that
        country the article names most, else that country's forces when the article names them."""
        countries = []
        for s in doc.in_sent("place", doc.tokens[hit].sent):
            k = s.data["tok_start"]
            at = next((j for j in (k - 1, k - 2) if j >= 0 and doc.tokens[j].lower in origin), None)
            if at is None or not s.data["place"].country:
                continue
            near = doc.tokens[max(0, at - 4) : at + 8]
            if abs(hit - at) <= 4 or any(t.is_title and self._weapon(t.lower) for t in near):
                countries.append(s.data["place"].country)
        if not countries:
            return None
        where = countries[0]
        groups: dict[ActorSpec, int] = {}
        forces = 0
        for a in (s.data["actor"] for s in doc.spans.get("actor", [])):
            if a.country == where and a.kind in ARMED and not a.force:
                groups[a] = groups.get(a, 0) + 1
            forces += bool(a.force and a.country == where and not a.metonymy)
        if groups:
            return max(groups, key=lambda a: groups[a])
        if forces and where not in self.lex.stateless:
            return self.lex.military(where)
        return None

    def _weapon(self, low: str) -> bool:
        weapons = self.lex.weapon_nouns
        return low in weapons or (low.endswith("n") and low[:-1] in weapons)

    def front(self, events: list[Candidate], enemies: dict[str, set[str]]) -> None:
        """Sides hit where the article shows fighting: a strike on a town where the attacker also fights on
        the ground ("Die russische Armee hat die Stadt X erneut aus der Luft angegriffen" beside
        "zehn russische Angriffe auf die Stadt abgewehrt") hit the forces it fights there; missiles or drones
        a state's air defence shot down in a war between two states were the enemy's."""
        for e in events:
            a1 = e.actor1
            if e.actor2 is not None or a1 is None or a1.kind not in STATE:
                continue
            if e.sub_event_type == "Disrupted weapons use":
                foes = enemies.get(a1.country or "", set())
                if len(foes) == 1:
                    foe = next(iter(foes))
                    e.actor2 = self.lex.military(foe)
                continue
            if e.event_type != "Explosions/Remote violence" or e.place is None or e.place.kind != "city":
                continue
            fought = [
                b.actor2
                for b in events
                if b.event_type == "Battles"
                and b.place == e.place
                and b.precision == 1  # in the town itself, not "bei der Großstadt X"
                and b.actor1 == a1
                and b.actor2 is not None
            ]
            if fought and fought[0].kind in ARMED:
                e.actor2 = fought[0]

    def _armed_dead(self, doc: Doc, e: Candidate) -> ActorSpec | None:
        """The armed side a toll of the event counts ("14 Rebellen", "zwölf Soldaten"), if not the attacker."""
        for _, _, span in e.fatalities:
            for s in doc.in_sent("actor", span.sent):
                actor = s.data["actor"]
                if s.data["tok_start"] == span.data["tok_end"] and actor.kind in ARMED and actor != e.actor1:
                    return actor
        return None

    def _civilian_dead(self, doc: Doc, e: Candidate) -> bool:
        """Whether a toll of the event counts people ("neun Menschen", "fünf Kinder"), also one read from a
        sentence that only adds the toll."""
        for _, _, span in e.fatalities:
            end = span.data["tok_end"]
            if end < len(doc.tokens) and self.lex.people.get(norm(doc.tokens[end].text)) == "civilians":
                return True
        return False

    def _military_target(self, doc: Doc, e: Candidate) -> bool:
        """Whether the event's sentences name a military place or unit, outside the attacker's own name."""
        attacker = [
            (s.start, s.end)
            for start, _ in e.evidence
            for s in doc.in_sent("actor", doc.sent_of(start))
            if e.actor1 is not None and s.data["actor"] == e.actor1
        ]
        for start, _ in e.evidence:
            for tok in doc.sent_tokens(doc.sents[doc.sent_of(start)]):
                if self._is_military(tok) and not any(a <= tok.start < b for a, b in attacker):
                    return True
        return False

    def _is_military(self, tok: Token) -> bool:
        if not tok.is_title:
            return False
        lemma = norm(tok.lemma)
        return lemma in self.lex.military_target_words or lemma.endswith(self.lex.military_targets)

    def _holder(self, e: Candidate, enemies: dict[str, set[str]]) -> str | None:
        """The state whose forces hold the place: the place's own, unless the attacker is that state."""
        where = e.place.country if e.place is not None else None
        if where is None or where in self.lex.stateless:
            return None
        a1 = e.actor1
        if a1 is None or a1.kind not in STATE or (a1.country and a1.country != where):
            return where
        foes = enemies.get(where, set())
        return next(iter(foes)) if len(foes) == 1 else None
