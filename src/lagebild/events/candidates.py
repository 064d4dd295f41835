"""Sentence candidates: the triggers a sentence holds become typed candidate events with their sides,
place, date and toll.

Each trigger word (events/triggers.py) is read in its clause: its roles (events/roles.py) and the actors
the sentence implies (events/implied.py), the type its compound, instrument and sides settle on
(events/subtypes.py). Not every trigger tells a new act. A killing verb alone tells none; a generic word
("Angriff", "Kämpfe") yields to a specific one; a noun with a definite article after "nach", "bei" or a
genitive owner ("Opfer des Beschusses") names an act told before (events/mentions.py), a re-mention that
events/coreference.py adds to that act. A sentence tells at most one act per event type, and some
types give way to others told with them (the strike that set houses on fire, the protest whose
demonstrators were arrested). The acts left get the sentence's places (events/scene.py: one candidate per
place), their clause's date (events/dating.py), the sentence's tolls and sources, and the features the
event model weighs (events/features.py).
"""

from __future__ import annotations

from lagebild.actors.lexicon import ActorLexicon
from lagebild.doc import Doc, Sentence, Span, Token
from lagebild.events.candidate import Candidate
from lagebild.events.dating import Dating
from lagebild.events.fatalities import TollReader
from lagebild.events.features import ArticleCues, candidate_features
from lagebild.events.implied import ImpliedActors, arrested, pronoun_subject
from lagebild.events.mentions import TOLD, Mentions
from lagebild.events.modality import Modality, clause_of
from lagebild.events.roles import Roles, RoleWords, assign
from lagebild.events.scene import SceneFinder
from lagebild.events.subtypes import SubTypes, attributes, territory
from lagebild.events.triggers import Hit, TriggerIndex
from lagebild.events.victims import Victims
from lagebild.lang import Language

LETHAL_FORCE = "Excessive force against protesters"  # the one protest sub-type that counts its dead
GENERIC = 0.85  # triggers weighing less ("Angriff", "Kämpfe") need an actor or a toll to be an event

Chosen = dict[str, tuple[Hit, str, str, Roles]]  # event type -> (its trigger, type, sub-type, roles)


class CandidateReader:
    """The readers a sentence's candidates are built with."""

    def __init__(
        self,
        lang: Language,
        triggers: TriggerIndex,
        modality: Modality,
        dating: Dating,
        actors: ActorLexicon,
        victims: Victims,
    ) -> None:
        self.triggers = triggers
        self.modality = modality
        self.dating = dating
        self.tolls = TollReader(lang)
        self.implied = ImpliedActors(lang, triggers, actors, victims)
        self.subtypes = SubTypes(lang, triggers)
        self.scene = SceneFinder(lang, triggers.tells_act)
        self.mentions = Mentions(lang)
        particles = tuple(lang["grammar"]["separable_particles"])
        self.role_words = RoleWords(
            lang.words("passive_aux"), lang.words("ally_cues"), particles, lang.words("victim_verbs")
        )

    def triggers_of(
        self, doc: Doc, readable: list[Sentence]
    ) -> tuple[dict[int, list[tuple[Hit, frozenset[str]]]], dict[int, list[Span]]]:
        """Every readable sentence's triggers with the modality cues of their clauses, and its death tolls."""
        hits_of: dict[int, list[tuple[Hit, frozenset[str]]]] = {}
        tolls_of: dict[int, list[Span]] = {}
        article_words: set[str] | None = None
        for sent in readable:
            toks = doc.sent_tokens(sent)
            hits = self.triggers.hits(toks)
            if any(h.trigger.article_without for h in hits):
                # "Nach der Befreiung wurden die vier Israelis ... geflogen" in an article about hostages
                article_words = article_words or {t.lemma for t in doc.tokens} | {t.lower for t in doc.tokens}
                hits = [h for h in hits if not article_words.intersection(h.trigger.article_without)]
            hits_of[sent.i] = [(h, self.modality.cues(h, toks, doc)) for h in hits]
            tolls_of[sent.i] = self.tolls.tolls(doc, sent)
        return hits_of, tolls_of

    def candidates(
        self,
        doc: Doc,
        sent: Sentence,
        toks: list[Token],
        cued_hits: list[tuple[Hit, frozenset[str]]],
        tolls: list[Span],
        before: list[Candidate],
        art: ArticleCues,
    ) -> tuple[list[Candidate], list[tuple[str, str]]]:
        """The candidate events of a sentence, and the types of the acts it names as told before."""
        cues_of = {h.tok: cues for h, cues in cued_hits}
        chosen, vague, referenced, referred = self._choose(doc, sent, toks, cued_hits, cues_of, tolls, before)
        _one_act_of_two(doc, sent, toks, chosen, before)
        return self._build(doc, sent, toks, chosen, vague, referenced, cues_of, tolls, before, art), referred

    def _choose(
        self,
        doc: Doc,
        sent: Sentence,
        toks: list[Token],
        cued_hits: list[tuple[Hit, frozenset[str]]],
        cues_of: dict[int, frozenset[str]],
        tolls: list[Span],
        before: list[Candidate],
    ) -> tuple[Chosen, set[int], list[int], list[tuple[str, str]]]:
        """The trigger that tells each type of new act in the sentence, with its roles; the hits whose
        sub-type only defaulted; the acts named as told before, and their types."""
        said_by = [(s["start"], s["end"]) for s in sent.sources if "start" in s and not s.get("inherited")]
        actor_spans = [
            a for a in doc.in_sent("actor", sent.i) if not any(a.start < y and x < a.end for x, y in said_by)
        ]
        chosen: Chosen = {}
        vague: set[int] = set()  # hits whose sub-type only defaulted ("Explosionen"): see coreference.settle_vague
        referenced: list[int] = []  # acts named as told before ("nach dem Angriff des Irans vom Sonntag")
        referred: list[tuple[str, str]] = []  # their event types and sub-types
        hits = [h for h, _ in cued_hits]
        specific = {h.tok for h in hits if h.trigger.with_words}
        hits = [h for h in hits if h.tok not in specific or h.trigger.with_words]  # "Minen räumen" ≠ a mine blast
        # a trigger its clause tells plainly goes before one under a modality cue ("droht mit Angriffen")
        for hit in sorted(hits, key=lambda h: (bool(cues_of[h.tok]), -h.trigger.weight, h.tok)):
            roles = assign(hit, actor_spans, toks, doc.tokens, clause_of(toks, hit.tok), self.role_words)
            heads = {roles.actor1_head} if roles.actor1_head else set()
            found = self.triggers.refined(hit, toks, heads)
            if hit.trigger.vague and hit.type == "Explosions/Remote violence" and found and found[0] != hit.type:
                found = None  # "von der Flugabwehr ausgelöste Explosionen": something did explode
            etype, sub = found or (hit.type, hit.sub)
            if hit.trigger is self.triggers.violence and etype == hit.type:
                # a killing verb alone is no event; with a toll and a killer it is a clash or an attack
                roles.actor1 = roles.actor1 or pronoun_subject(doc, sent)
                if not tolls or roles.actor1 is None:
                    continue
            if hit.trigger.weight < 1.0 and etype == hit.type and any(h.trigger.weight >= 1.0 for h in hits):
                continue  # a generic word yields to a specific one
            generic = hit.trigger.weight < GENERIC and (etype, sub) == (hit.type, hit.sub)
            mention = self.mentions.classify(doc, sent, hit, etype, generic, roles, hits, tolls, before)
            if mention == TOLD:
                referenced.append(hit.tok)
                referred.append((etype, sub))
            if mention is not None:
                continue
            mob = hit.trigger.mob_unless_demonstration and etype == hit.type
            told = (doc, _with_next(doc, sent))
            etype, sub = self.subtypes.settle_type(etype, sub, roles, toks, attributes(doc, hit.tok), told, mob)
            if etype not in chosen:
                chosen[etype] = (hit, etype, sub, roles)
                if hit.trigger.vague and found is None:
                    vague.add(hit.tok)
        return chosen, vague, referenced, referred

    def _build(
        self,
        doc: Doc,
        sent: Sentence,
        toks: list[Token],
        chosen: Chosen,
        vague: set[int],
        referenced: list[int],
        cues_of: dict[int, frozenset[str]],
        tolls: list[Span],
        before: list[Candidate],
        art: ArticleCues,
    ) -> list[Candidate]:
        """The chosen acts as candidates: one per place the sentence gives, with date, sides, toll, sources."""
        anchor = min((h.tok for h, *_ in chosen.values()), default=sent.tok_start)
        places, route = self.scene.places(doc, sent, anchor, before)
        from_sentence = route == "sentence"
        out = []
        for hit, etype, sub, roles in chosen.values():
            # a date right after an act told before ("nach dem Angriff ... in der Nacht auf Sonntag") is that act's
            told_span = [(doc.tokens[r].end, doc.tokens[hit.tok].start) for r in referenced if r < hit.tok]
            clause = clause_of(toks, hit.tok)
            when, precision, from_text, background = self.dating.date(doc, sent, toks, clause, told_span)
            if background and when is None:
                continue  # long past with no date to give it, or an ongoing state ("seit 25 Jahren inhaftiert")
            self.implied.fill(doc, hit, roles, tolls, etype)
            if sub == "Arrests":
                arrested(doc, sent, roles)
            self.implied.implied_sides(roles, sub)
            for place, geo_precision, goal in places or [(None, 3, False)]:
                if sub == "TERRITORY":
                    sub = territory(roles, place)
                if self.subtypes.strike_abroad(hit, etype, sub, roles, place):
                    etype, sub = "Explosions/Remote violence", "Air/drone strike"
                cand = Candidate(
                    sent=sent.i,
                    event_type=etype,
                    sub_event_type=sub,
                    actor1=roles.actor1,
                    actor2=roles.actor2,
                    assoc1=list(roles.assoc1),
                    assoc2=list(roles.assoc2),
                    place=place,
                    precision=geo_precision,
                    place_from_sentence=from_sentence,
                    place_route=route,
                    date=when,
                    time_precision=precision,
                    date_from_sentence=from_text == 2,
                    date_rank=from_text,
                    fatalities=[(int(n.data["value"]), sent.sources, n) for n in tolls]
                    if etype not in ("Strategic developments", "Protests") or sub == LETHAL_FORCE
                    else [],
                    sources=list(sent.sources),
                    evidence=[(sent.start, sent.end)],
                    background=background,
                    trigger=doc.tokens[hit.tok].text,
                    actor1_text=roles.actor1_text,
                    vague_sub=hit.tok in vague and etype == hit.type,
                    place_goal=goal,
                    cues=cues_of[hit.tok],
                )
                cand.features = candidate_features(doc, cand, hit, art, GENERIC)
                out.append(cand)
        return out


def _with_next(doc: Doc, sent: Sentence) -> list[Sentence]:
    """`sent`, and the sentence after it when that goes on in the same paragraph (often its details)."""
    nxt = doc.sents[sent.i + 1] if sent.i + 1 < len(doc.sents) else None
    if nxt is None or nxt.is_noise or "\n" in doc.text[sent.end : nxt.start]:
        return [sent]
    return [sent, nxt]


def _one_act_of_two(doc: Doc, sent: Sentence, toks: list[Token], chosen: Chosen, before: list[Candidate]) -> None:
    """Of two acts a sentence tells together, the one that is the event: a strike over the fight a generic
    word names, the strike over the fire it set, the protest over its arrests, an interception over the
    strike it stopped."""
    if "Battles" in chosen and "Explosions/Remote violence" in chosen and chosen["Battles"][0].trigger.weight < 1:
        del chosen["Battles"]
    strategic = chosen.get("Strategic developments")
    if (
        strategic
        and strategic[2] == "Looting/property destruction"
        and (chosen.keys() & {"Battles", "Explosions/Remote violence", "Violence against civilians"})
    ):
        del chosen["Strategic developments"]  # "Raketen setzten drei Häuser in Brand": the strike is the event
    arrests = chosen.get("Strategic developments")
    after_protest = not doc.in_sent("place", sent.i) and any(
        c.event_type in ("Protests", "Riots") and c.sent >= sent.i - 3 for c in before
    )  # "... räumte das Protestcamp. US-Medien zufolge wurden 33 Menschen festgenommen."
    if arrests and arrests[2] == "Arrests" and (chosen.keys() & {"Protests", "Riots"} or after_protest):
        del chosen["Strategic developments"]  # "räumte das Protestcamp und nahm Demonstranten fest": the protest's
    dwu = chosen.get("Strategic developments")
    if dwu and dwu[2] == "Disrupted weapons use" and "Explosions/Remote violence" in chosen:
        fired = chosen["Explosions/Remote violence"][0].tok
        if any(t.i == fired for t in clause_of(toks, dwu[0].tok)):
            del chosen["Explosions/Remote violence"]  # "Marschflugkörper seien abgefangen worden": none hit


def vetoed_record(sent: Sentence, hit: Hit, cues: frozenset[str]) -> dict:
    """The record of a trigger a vetoing cue ruled out, for `doc.candidates`."""
    return {
        "start": sent.start,
        "end": sent.end,
        "event_type": hit.type,
        "sub_event_type": hit.sub,
        "date": None,
        "location": None,
        "features": {f"cue={c}": 1.0 for c in sorted(cues)},
        "confidence": None,
        "kept": False,
        "vetoed": True,
    }
