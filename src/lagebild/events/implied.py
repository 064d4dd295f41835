"""Actors a sentence implies without naming them as nouns.

Roles (events/roles.py) come from the actor names a sentence holds; many sentences give a side
otherwise: an adjective on the act ("ein russischer Drohnenangriff": the attacker's country), "man" in a
state's own report, where a shell came from ("aus dem Libanon"), the victims a toll counts or a home
that was hit (civilians), the crowd of a protest or riot (and the force that faced it), the suspects'
group in an arrest, a pronoun for the armed group of the sentence before, and the side an event type
implies when none is named (an arrest's police: actors.yaml `implied_sides`).
"""

from __future__ import annotations

from lagebild.actors.lexicon import ActorLexicon, ActorSpec
from lagebild.doc import Doc, Sentence, Span, Token
from lagebild.events.roles import ARMED, Roles
from lagebild.events.triggers import Hit, TriggerIndex
from lagebild.events.victims import Victims
from lagebild.lang import Language, norm

SIDES = ("military", "government")  # source kinds that speak for a state's side
ONE_SIDED = ("Explosions/Remote violence", "Violence against civilians")  # types whose victims may be people


class ImpliedActors:
    """The lexicon, the victims reader and the trigger index an implied side is read with."""

    def __init__(self, lang: Language, triggers: TriggerIndex, actors: ActorLexicon, victims: Victims) -> None:
        self.triggers = triggers
        self.actors = actors
        self.victims = victims
        self.origin = lang.words("origin_prepositions")

    def fill(self, doc: Doc, hit: Hit, roles: Roles, tolls: list[Span], etype: str = "") -> None:
        """Actors the sentence gives without naming them as nouns: "ein russischer Drohnenangriff" (the
        attacker's country), "zwei Menschen wurden getötet" (civilian victims), the crowd of a riot."""
        crowd = {"Riots": ("rioters", "Rioters"), "Protests": ("protesters", "Protesters")}.get(etype)
        if crowd and (roles.actor1 is None or roles.actor1.kind != crowd[0]):
            if roles.actor1 is not None and self._broke_up(doc, hit, roles.actor1, etype):
                roles.actor2 = roles.actor1  # the police, or the armed men, that faced them
            roles.actor1 = ActorSpec(crowd[1], crowd[0])
        iso3 = None
        if doc.tokens[hit.tok].is_title:  # "ein erneuter türkischer Luftangriff": adjectives right before the noun
            for tok in reversed(doc.tokens[max(0, hit.tok - 2) : hit.tok]):
                iso3 = self.actors.adjective_country(tok.text)
                if iso3 or tok.is_title:
                    break
        a1 = roles.actor1
        if iso3 and (a1 is None or a1.kind in ("state", "external") and not a1.group and a1.country != iso3):
            # "Ein erneuter türkischer Angriff setzt die syrische Armee unter Druck": the attack's own
            # adjective names who attacked; a state named otherwise in the sentence is the other side
            # ("Die ukrainischen Streitkräfte hätten zehn russische Angriffe abgewehrt": not Russia against itself)
            if a1 is not None and (roles.actor2 is None or roles.actor2.country == iso3):
                roles.actor2 = a1
            roles.actor1 = self.actors.military(iso3)
        sent = doc.sents[doc.tokens[hit.tok].sent]
        if roles.actor1 is None and any(t.lower == "man" for t in doc.sent_tokens(sent)):
            # "Das russische Verteidigungsministerium teilte mit, man habe ... angegriffen": the side reporting
            side = next((s["country"] for s in sent.sources if s.get("country") and s.get("kind") in SIDES), None)
            if side:
                roles.actor1 = self.actors.military(side)
        if roles.actor1 is None:
            for tok in doc.tokens[max(0, hit.tok - 2) : hit.tok]:
                iso3 = self.actors.adjective_country(tok.text)
                if iso3:
                    roles.actor1 = self.actors.military(iso3)
        if roles.actor1 is None and etype == "Explosions/Remote violence":
            # "Mörserbeschuss aus dem Libanon": fired by the armed side of where it came from
            roles.actor1 = self.victims.launcher(doc, hit.tok, self.origin)
            if roles.actor1 is not None and roles.actor1 == roles.actor2:
                roles.actor2 = None
        if roles.actor2 is None:
            for n in tolls:
                end = n.data["tok_end"]
                if end < len(doc.tokens) and self.actors.people.get(norm(doc.tokens[end].text)) == "civilians":
                    roles.actor2 = ActorSpec("Civilians", "civilians")
                    break
        if roles.actor2 is None and etype in ONE_SIDED:
            sent = doc.sents[doc.tokens[hit.tok].sent]
            said_by = [(s["start"], s["end"]) for s in sent.sources if "start" in s]
            hit_objects = [t for t in doc.sent_tokens(sent) if not any(a <= t.start < b for a, b in said_by)]
            if any(self._civilian_target(t) for t in hit_objects):
                roles.actor2 = ActorSpec("Civilians", "civilians")  # "ein Wohnhaus getroffen": civilians hit

    def implied_sides(self, roles: Roles, sub: str) -> None:
        """The side an event type implies when the text names none (actors.yaml `implied_sides`): an
        arrest's police, the force that broke up a protest. Its country is the place's."""
        for role, force in self.actors.implied_sides.get(sub, {}).items():
            if getattr(roles, role) is None:
                setattr(roles, role, self.actors.home_force(force))

    def _broke_up(self, doc: Doc, hit: Hit, actor: ActorSpec, etype: str) -> bool:
        """Whether the armed side of a protest sentence faced the crowd: the state's forces always, an armed
        group when the sentence tells an intervention ("Taliban-Kämpfer lösten eine Kundgebung auf")."""
        if actor.kind in ("state", "external"):
            return True
        lemmas = {t.lemma for t in doc.sent_tokens(doc.sents[doc.tokens[hit.tok].sent])}
        stopped = lemmas & (self.triggers.protest_intervention | self.triggers.protest_lethal)
        return actor.kind in ARMED and etype == "Protests" and bool(stopped)

    def _civilian_target(self, tok: Token) -> bool:
        """A home, hospital, market or school ("Wohnhaus", "Kinderkrankenhäuser"), as a word or a compound head."""
        return tok.is_title and tok.lemma.endswith(self.actors.civilian_targets)


def pronoun_subject(doc: Doc, sent: Sentence) -> ActorSpec | None:
    """ "Sie sollen 100 Kämpfer getötet haben": the armed group named in the sentence before."""
    first = doc.tokens[sent.tok_start]
    if first.lower not in ("sie", "er") or sent.i == 0:
        return None
    before = [s.data["actor"] for s in doc.in_sent("actor", sent.i - 1)]
    return next((a for a in reversed(before) if a.group or a.kind in ("rebel", "political_militia")), None)


def arrested(doc: Doc, sent: Sentence, roles: Roles) -> None:
    """Those arrested are suspects, not an army: a people's name ("ein Algerier festgenommen") reads as
    its state's forces elsewhere, here the armed group the sentence ties the suspects to is actor2."""
    if roles.actor2 is not None and roles.actor2.kind not in ("state", "external", "civilians"):
        return
    if roles.actor2 is not None and roles.actor2.kind != "civilians" and roles.actor2.force != "military":
        return
    groups = [s.data["actor"] for s in doc.in_sent("actor", sent.i)]
    roles.actor2 = next((a for a in groups if a.kind in ("rebel", "political_militia")), None)
