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
from lagebild.doc import Doc
from lagebild.events.candidate import Candidate
from lagebild.events.candidates import CandidateReader, vetoed_record
from lagebild.events.claims import background_claim, toll_claims
from lagebild.events.coreference import (
    Coreference,
    lead_tolls,
    nearby_sources,
    settle_vague,
)
from lagebild.events.dating import Dating
from lagebild.events.features import article_cues
from lagebild.events.merge import attach_mentions, merge
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
        hits_of, tolls_of = self.reader.triggers_of(doc, readable)
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


component("events")(EventExtractor)
