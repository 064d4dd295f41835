"""The events component: from an article's sentences to its events, stage by stage.

1. Triggers (events/triggers.py) in every readable sentence, headings too, with the modality cues of
   their clauses (events/modality.py; a vetoing cue rules a trigger out alone) and the sentence's
   death tolls (events/fatalities.py).
2. Sentence candidates (events/candidates.py): each trigger that tells a new act becomes a typed
   candidate with its sides (events/roles.py, events/implied.py), type (events/subtypes.py), places
   (events/scene.py), date (events/dating.py), toll and sources; a re-mention (events/mentions.py)
   names an act told before.
3. The decision: the event model (events/model.py) weighs each candidate's features and keeps it or
   not (`_decide`; every decision is recorded in `doc.candidates`).
4. Coreference within the article (events/coreference.py): a sentence with no act of its own but a
   toll or a re-mention adds to the event it tells of; vague explosions and country-only tolls settle;
   victims carry over (events/victims.py).
5. Merging (events/merge.py): candidates of one happening become one event; doubted and country-only
   mentions lend to the one event they fit; background events are kept apart.
6. Sides across the article: claims of responsibility (events/responsibility.py), the sides of a war
   and of the article's fights (events/sides.py, events/victims.py), sources of nearby sentences.
7. Records (events/record.py) and the claims an event's reading makes (events/claims.py).
"""

from __future__ import annotations

from lagebild.actors.lexicon import lexicon_for
from lagebild.doc import Doc
from lagebild.events.candidate import Candidate
from lagebild.events.candidates import CandidateReader, vetoed_record
from lagebild.events.claims import background_claim, toll_claims
from lagebild.events.coreference import Coreference, lead_tolls, nearby_sources, settle_vague
from lagebild.events.dating import Dating
from lagebild.events.features import article_cues
from lagebild.events.merge import merge_article
from lagebild.events.modality import Modality
from lagebild.events.model import EventModel, ModelMissing
from lagebild.events.record import to_record
from lagebild.events.responsibility import Responsibility
from lagebild.events.sides import Sides, acting_forces, war_enemies, with_sides_for_ground
from lagebild.events.triggers import TriggerIndex
from lagebild.events.victims import Victims
from lagebild.lang import Language
from lagebild.places.gazetteer import gazetteer_for
from lagebild.registry import component


class EventExtractor:
    """The stages, each built once per language from `lang` (word lists, lexicon, gazetteer, model)."""

    def __init__(self, lang: Language) -> None:
        self.code = lang.code
        try:
            self.model: EventModel | None = EventModel.load(lang)
        except ModelMissing:
            self.model = None
        self.keep_all = False  # training: every candidate is kept and recorded, whatever the model says
        self.veto = frozenset(lang["modality"].get("veto", ()))  # cue kinds that alone rule an event out
        self.modality = Modality(lang)
        self.actors = lexicon_for(lang)
        self.victims = Victims(self.actors, lang.words("same_again"), lang.words("definite"))
        self.gaz = gazetteer_for(lang)
        dating = Dating(lang)
        self.reader = CandidateReader(lang, TriggerIndex(lang), self.modality, dating, self.actors, self.victims)
        self.coreference = Coreference(dating)
        self.responsibility = Responsibility(lang, self.actors)
        self.sides = Sides(self.actors)

    def __call__(self, doc: Doc) -> Doc:
        if self.model is None and not self.keep_all:
            raise ModelMissing(f"no event model for language {self.code!r}: run `lagebild train`")
        # headings too: a headline often tells the event first ("Mönche protestieren weiter"); the event
        # model knows them by the `heading` cue
        readable = [s for s in doc.sents if not s.is_noise]
        # 1. triggers, their clauses' cues and the tolls of every sentence; how much the article tells of violence
        hits_of, tolls_of = self.reader.triggers_of(doc, readable)
        art = article_cues(doc, readable, hits_of, sum(len(t) for t in tolls_of.values()))
        candidates: list[Candidate] = []
        doubted: list[Candidate] = []  # mentions the model doubts as events of their own
        # 2.-4. sentence by sentence, in order: its candidates, the decision on each, or what it adds to one before
        for sent in readable:
            toks = doc.sent_tokens(sent)
            tolls = tolls_of[sent.i]
            summary = self.modality.is_summary(toks) or toks[-1].text == "?"
            # a trigger under a vetoing cue is never an event: recorded, but not read for sides, places and dates
            live = [(h, cues) for h, cues in hits_of[sent.i] if not cues & self.veto]
            for h, cues in hits_of[sent.i]:
                if cues & self.veto:
                    doc.candidates.append(vetoed_record(sent, h, cues))
            found, referred = (
                self.reader.candidates(doc, sent, toks, live, tolls, candidates, art) if live else ([], [])
            )
            kept = [c for c in found if self._decide(doc, c)]
            doubted.extend(c for c in found if c not in kept and not c.cues & self.veto)
            if kept:
                candidates.extend(kept)
            elif (
                not found
                and (tolls or referred)
                and not summary
                and not self.reader.scene.is_background_sentence(doc, sent)
            ):
                # a sentence that tells no act of its own but adds to one told before: its toll or a re-mention
                self.coreference.add_to_told(doc, sent, toks, tolls, referred, candidates)
        # 4. coreference within the article, once all its sentences are read
        settle_vague(candidates)
        lead_tolls(candidates)
        self.victims.carry_over(doc, candidates)
        # 5. merging
        events, background = merge_article(candidates, doubted, self.gaz)
        # 6. sides across the article
        self.responsibility.credit(doc, events)
        self.sides.war_sides(events)
        self.victims.fill(doc, events, war_enemies(events))
        self.sides.fill_opponents(doc, events)
        self.victims.front(events, war_enemies(events))
        nearby_sources(doc, events)
        forces = acting_forces(doc, events)
        self.sides.territory_abroad(events, forces)
        events = with_sides_for_ground(events)
        # 7. records and the claims of their reading
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


component("events")(EventExtractor)
