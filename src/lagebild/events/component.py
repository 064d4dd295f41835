"""From sentences to events: triggers, modality, roles, places, dates, tolls, sources, merging.

For every sentence that is not noise or a heading, the trigger words give event types; cues of
hypotheticals, threats, denials and summaries rule events out (CODING_RULES 2); actors take their roles;
each event gets its places from events/scene.py (one event per place when several towns are named),
the sentence's own date or the article's, the sentence's death tolls and sources. Sentences that only
add a toll ("Dabei wurden 14 Menschen getötet") add it to the event before them. Finally candidates
that describe one happening are merged (events/merge.py) and written as EVENTS.md records.
"""

from __future__ import annotations

from lagebild.actors.lexicon import lexicon_for
from lagebild.doc import Doc, Sentence, Span, Token
from lagebild.events.candidate import Candidate
from lagebild.events.claims import background_claim, toll_claims
from lagebild.events.coreference import (
    Coreference,
    lead_tolls,
    nearby_sources,
    reported_event,
    same_family,
    settle_vague,
)
from lagebild.events.dating import Dating
from lagebild.events.fatalities import TollReader
from lagebild.events.features import ArticleCues, article_cues, candidate_features
from lagebild.events.implied import ImpliedActors, arrested, pronoun_subject
from lagebild.events.merge import attach_mentions, merge
from lagebild.events.modality import Modality, clause_of
from lagebild.events.model import EventModel, ModelMissing
from lagebild.events.record import to_record
from lagebild.events.responsibility import Responsibility
from lagebild.events.roles import RoleWords, assign
from lagebild.events.scene import SceneFinder
from lagebild.events.sides import Sides, acting_forces, war_enemies, with_sides_for_ground
from lagebild.events.subtypes import SubTypes, adjective, attributes, territory
from lagebild.events.triggers import Hit, TriggerIndex
from lagebild.events.victims import Victims
from lagebild.lang import Language
from lagebild.places.gazetteer import gazetteer_for
from lagebild.registry import component

LETHAL_FORCE = "Excessive force against protesters"  # the one protest sub-type that counts its dead
GENERIC = 0.85  # triggers weighing less ("Angriff", "Kämpfe") need an actor or a toll to be an event


class EventExtractor:
    def __init__(self, lang: Language) -> None:
        self.triggers = TriggerIndex(lang)
        self.code = lang.code
        try:
            self.model: EventModel | None = EventModel.load(lang)
        except ModelMissing:
            self.model = None
        self.keep_all = False  # training: every candidate is kept and recorded, whatever the model says
        self.veto = frozenset(lang["modality"].get("veto", ()))  # cue kinds that alone rule an event out
        self.modality = Modality(lang)
        self.dating = Dating(lang)
        self.coreference = Coreference(self.dating)
        self.tolls = TollReader(lang)
        self.actors = lexicon_for(lang)
        self.victims = Victims(self.actors, lang.words("same_again"), lang.words("definite"))
        self.gaz = gazetteer_for(lang)
        self.responsibility = Responsibility(lang, self.actors)
        self.sides = Sides(self.actors)
        self.implied = ImpliedActors(lang, self.triggers, self.actors, self.victims)
        self.subtypes = SubTypes(lang, self.triggers)
        self.definite = lang.words("definite")
        self.reference_preps = lang.words("reference_prepositions")
        self.indefinite = lang.words("number_articles")
        self.earlier = lang.words("earlier_adjectives")
        particles = tuple(lang["grammar"]["separable_particles"])
        self.role_words = RoleWords(
            lang.words("passive_aux"), lang.words("ally_cues"), particles, lang.words("victim_verbs")
        )
        self.scene = SceneFinder(lang, self.triggers.tells_act)

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None and not self.keep_all:
            raise ModelMissing(f"no event model for language {self.code!r}: run `lagebild train`")
        # headings too: a headline often tells the event first ("Mönche protestieren weiter"); the event
        # model knows them by the `heading` cue
        readable = [s for s in doc.sents if not s.is_noise]
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
        art = article_cues(doc, readable, hits_of, sum(len(t) for t in tolls_of.values()))
        candidates: list[Candidate] = []
        doubted: list[Candidate] = []  # mentions the model doubts as events of their own
        for sent in readable:
            toks = doc.sent_tokens(sent)
            tolls = tolls_of[sent.i]
            summary = self.modality.is_summary(toks) or toks[-1].text == "?"
            # a trigger under a vetoing cue is never an event: recorded, but not read for sides, places and dates
            live = [(h, cues) for h, cues in hits_of[sent.i] if not cues & self.veto]
            for h, cues in hits_of[sent.i]:
                if cues & self.veto:
                    doc.candidates.append(_vetoed(sent, h, cues))
            found, referred = self._events(doc, sent, toks, live, tolls, candidates, art) if live else ([], [])
            kept = [c for c in found if self._decide(doc, c)]
            doubted.extend(c for c in found if c not in kept and not c.cues & self.veto)
            if kept:
                candidates.extend(kept)
            elif not found and (tolls or referred) and not summary and not self.scene.is_background_sentence(doc, sent):
                # a sentence that tells no act of its own but adds to one told before: its toll or a re-mention
                self.coreference.add_to_told(doc, sent, toks, tolls, referred, candidates)
        settle_vague(candidates)
        lead_tolls(candidates)
        self.victims.carry_over(doc, candidates)
        located = [c for c in candidates if c.place is not None and c.place.kind != "country"]
        # Background (an event long before the article's news, told in the pluperfect with a time phrase:
        # "vor einigen Wochen hatten die Rebellen X verloren") is kept as a dated claim, not reported as the
        # article's event.
        events = merge([c for c in located if not c.background], self.gaz)
        background = [c for c in located if c.background]
        unplaced = [c for c in candidates if c not in located and not c.background]
        attach_mentions(events, unplaced + [c for c in doubted if not c.background], self.gaz)
        self.responsibility.credit(doc, events)
        self.sides.war_sides(events)
        self.victims.fill(doc, events, war_enemies(events))
        self.sides.fill_opponents(doc, events)
        self.victims.front(events, war_enemies(events))
        nearby_sources(doc, events)
        forces = acting_forces(doc, events)
        self.sides.territory_abroad(events, forces)
        events = with_sides_for_ground(events)
        doc.events = [to_record(doc, n, c, self.actors, forces) for n, c in enumerate(events, 1)]
        doc.claims = [claim for e, c in zip(doc.events, events, strict=True) for claim in toll_claims(e, c)]
        doc.claims += [background_claim(doc, c) for c in background]
        return doc

    def _decide(self, doc: Doc, c: Candidate) -> bool:
        """Keep a candidate when the event model finds it likely enough a true event (all, when training)."""
        vetoed = bool(c.cues & self.veto)
        c.confidence = self.model.probability(c.features) if self.model is not None and not vetoed else None
        keep = not vetoed and (self.keep_all or c.confidence >= self.model.threshold)
        start, end = c.evidence[0]
        doc.candidates.append(
            {
                "start": start,
                "end": end,
                "event_type": c.event_type,
                "sub_event_type": c.sub_event_type,
                "date": c.date.iso() if c.date else None,
                "location": {"lat": c.place.lat, "lon": c.place.lon} if c.place is not None else None,
                "features": c.features,
                "confidence": c.confidence,
                "kept": keep,
                "vetoed": vetoed,
            }
        )
        return keep

    # --- triggers and what rules them out ---------------------------------------------------------

    def _determiner(self, doc: Doc, tok: int) -> int | None:
        """The token before a noun past its adjectives ("nach dem verheerenden Angriff"): the article, if
        any, which tells whether the noun names an act already told."""
        k = tok - 1
        articles = self.definite | self.indefinite
        while k >= 0 and tok - k <= 2 and doc.tokens[k].lower not in articles and adjective(doc.tokens[k]):
            k -= 1
        return k if k >= 0 else None

    # --- building events --------------------------------------------------------------------------
    def _events(
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
        said_by = [(s["start"], s["end"]) for s in sent.sources if "start" in s and not s.get("inherited")]
        actor_spans = [
            a for a in doc.in_sent("actor", sent.i) if not any(a.start < y and x < a.end for x, y in said_by)
        ]
        chosen: dict[str, tuple[Hit, str, str, object]] = {}
        vague: set[int] = set()  # hits whose sub-type only defaulted ("Explosionen"): see _settle_vague
        referenced: list[int] = []  # acts named as told before ("nach dem Angriff des Irans vom Sonntag")
        referred: list[tuple[str, str]] = []  # their event types and sub-types
        cues_of = {h.tok: cues for h, cues in cued_hits}
        hits = [h for h, _ in cued_hits]
        specific = {h.tok for h in hits if h.trigger.with_words}
        hits = [h for h in hits if h.tok not in specific or h.trigger.with_words]  # "Minen räumen" ≠ a mine blast
        # a trigger its clause tells plainly goes before one under a modality cue ("droht mit Angriffen")
        for hit in sorted(hits, key=lambda h: (bool(cues_of[h.tok]), -h.trigger.weight, h.tok)):
            roles = assign(hit, actor_spans, toks, doc.tokens, clause_of(toks, hit.tok), self.role_words)
            heads = {roles.actor1_head} if roles.actor1_head else set()
            found = self.triggers.refined(hit, toks, heads)
            if hit.trigger.vague and found and found[0] != hit.type:
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
            det = self._determiner(doc, hit.tok)
            if generic and not (roles.actor1 or tolls) and not self._bare_at_town(doc, sent, hit, det):
                continue  # "bei dem Angriff", "die Kämpfe": a reference or a summary, not a new act
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
                referenced.append(hit.tok)
                referred.append((etype, sub))
                continue
            if told and ahead is not None and (ahead.lower in self.reference_preps or genitive):
                referenced.append(hit.tok)
                referred.append((etype, sub))
                continue
            if hit.tok > 0 and doc.tokens[hit.tok - 1].lower in self.earlier:
                continue  # "der an frühere Angriffe der Miliz erinnert": past events as comparison
            if definite and not tolls and (generic or not doc.in_sent("place", sent.i)):
                referenced.append(hit.tok)
                referred.append((etype, sub))
                continue  # "die Angriffe aus dem Nachbarland", "reklamierte den Anschlag": events named again
            if definite and generic and tolls and reported_event(doc, sent, before) is not None:
                continue  # "bei den Angriffen auf Hodeida seien fünf Menschen getötet worden": its toll
            if (
                generic
                and roles.actor1 is None
                and tolls
                and doc.in_sent("place", sent.i)
                and reported_event(doc, sent, before) is not None
            ):
                continue  # "Bei einem weiteren Angriff auf eine Schule in X wurden ... getötet": X's event's toll
            etype, sub = self.subtypes.settle_type(etype, sub, roles, toks, attributes(doc, hit.tok))
            if etype not in chosen:
                chosen[etype] = (hit, etype, sub, roles)
                if hit.trigger.vague and found is None:
                    vague.add(hit.tok)
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
            c.event_type == "Protests" and c.sent >= sent.i - 3 for c in before
        )  # "... räumte das Protestcamp. US-Medien zufolge wurden 33 Menschen festgenommen."
        if arrests and arrests[2] == "Arrests" and (chosen.keys() & {"Protests", "Riots"} or after_protest):
            del chosen["Strategic developments"]  # "räumte das Protestcamp und nahm Demonstranten fest": the protest's
        dwu = chosen.get("Strategic developments")
        if dwu and dwu[2] == "Disrupted weapons use" and "Explosions/Remote violence" in chosen:
            fired = chosen["Explosions/Remote violence"][0].tok
            if any(t.i == fired for t in clause_of(toks, dwu[0].tok)):
                del chosen["Explosions/Remote violence"]  # "Marschflugkörper seien abgefangen worden": none hit
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
        return out, referred

    def _bare_at_town(self, doc: Doc, sent: Sentence, hit: Hit, det: int | None) -> bool:
        """ "Gefechte toben in X", "Kämpfe nahe Y": fighting with no article at a town the
        sentence names is a clash there, though no side is named."""
        definite = det is not None and doc.tokens[det].lower in self.definite
        if not hit.trigger.bare_at_town or definite or doc.tokens[hit.tok].lower == doc.tokens[hit.tok].lemma:
            return False  # the plural only: "Kampf gegen den Terror" is no fight at a place
        return any(s.data["place"].kind in ("city", "site") for s in doc.in_sent("place", sent.i))


def _vetoed(sent: Sentence, hit: Hit, cues: frozenset[str]) -> dict:
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


component("events")(EventExtractor)
