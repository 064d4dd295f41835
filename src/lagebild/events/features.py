"""What the event model weighs: the cues of one candidate event and of the article it stands in.

Each feature names a cue, not a sentence: the kind of trigger (its weight, whether it is a noun or a
compound), the sides the clause names, a toll, a source, how the place was found and what kind of
place it is, whether the date is the sentence's own, the clause's modality cues (events/modality.py),
where the sentence stands, and how much of the article tells of violence at all (a sport report's one
"Schuss" is not a war report's). `lagebild train` learns how much each counts from the annotations.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field

from lagebild.doc import Doc, Sentence
from lagebild.events.candidate import Candidate
from lagebild.events.triggers import Hit

ARMED = ("state", "external", "rebel", "political_militia", "identity_militia")


@dataclass(frozen=True)
class ArticleCues:
    """How much an article tells of armed conflict, read once before its candidates are weighed."""

    sentences: int
    hit_sentences: int  # sentences with a trigger that no modality cue qualifies
    hits: int
    armed_mentions: int  # mentions of armed actors (forces, groups)
    tolls: int
    main_country: str | None  # the country its places lie in most often
    type_sentences: dict[str, int] = field(default_factory=dict)  # sentences with a clean trigger of each type
    headline_types: frozenset[str] = frozenset()  # the types of the clean triggers of its first sentence

    def features(self) -> dict[str, float]:
        n = max(1, self.sentences)
        return {
            "art_hit_share": self.hit_sentences / n,
            "art_hits_log": math.log1p(self.hits),
            "art_armed_share": min(1.0, self.armed_mentions / n),
            "art_tolls_log": math.log1p(self.tolls),
            "art_sentences_log": math.log1p(self.sentences),
        }


def article_cues(
    doc: Doc, readable: list[Sentence], hits_of: dict[int, list[tuple[Hit, frozenset[str]]]], tolls: int
) -> ArticleCues:
    clean = {i: [h for h, cues in hs if not cues] for i, hs in hits_of.items()}
    countries = Counter(
        s.data["place"].country for s in doc.spans.get("place", []) if s.data["place"].country is not None
    )
    armed = sum(1 for s in doc.spans.get("actor", []) if s.data["actor"].kind in ARMED)
    per_type = Counter(t for hs in clean.values() for t in {h.type for h in hs})
    first = readable[0].i if readable else None
    return ArticleCues(
        sentences=len(readable),
        hit_sentences=sum(1 for hs in clean.values() if hs),
        hits=sum(len(hs) for hs in clean.values()),
        armed_mentions=armed,
        tolls=tolls,
        main_country=countries.most_common(1)[0][0] if countries else None,
        type_sentences=dict(per_type),
        headline_types=frozenset(h.type for h in clean.get(first, [])),
    )


def candidate_features(doc: Doc, c: Candidate, hit: Hit, art: ArticleCues, generic: float) -> dict[str, float]:
    """The features of one candidate event (names are cue kinds; values 1.0 unless a measure)."""
    sent = doc.sents[c.sent]
    tok = doc.tokens[hit.tok]
    f: dict[str, float] = {
        f"type={c.event_type}": 1.0,
        f"sub={c.sub_event_type}": 1.0,
        "trigger_weight": hit.trigger.weight,
        f"route={c.place_route}": 1.0,
        f"a1={c.actor1.kind if c.actor1 else 'none'}": 1.0,
        f"a2={c.actor2.kind if c.actor2 else 'none'}": 1.0,
        f"time_precision={c.time_precision}": 1.0,
    }
    if hit.trigger.weight < generic:
        f["trigger_generic"] = 1.0
    if tok.is_title:
        f["trigger_noun"] = 1.0
    if hit.modifier:
        f["trigger_compound"] = 1.0
    if hit.trigger.vague:
        f["trigger_vague"] = 1.0
    if c.actor1 is not None and c.actor1.group:
        f["a1_named_group"] = 1.0
    if c.actor2 is not None and c.actor2.group:
        f["a2_named_group"] = 1.0
    if c.fatalities:
        f["toll"] = 1.0
        f["toll_log"] = math.log10(1 + min(n for n, _, _ in c.fatalities))
    if c.sources:
        f["sourced"] = 1.0
        f[f"source={c.sources[0].get('kind') or 'other'}"] = 1.0
    if c.place is not None:
        f[f"place={c.place.kind}"] = 1.0
        f[f"geo_precision={c.precision}"] = 1.0
        if art.main_country and c.place.country == art.main_country:
            f["place_main_country"] = 1.0
    else:
        f["place=none"] = 1.0
    if c.date_from_sentence:
        f["date_in_sentence"] = 1.0
    if c.background:
        f["background"] = 1.0
    if sent.konjunktiv:
        f["konjunktiv"] = 1.0
    if sent.quoted:
        f["quoted"] = 1.0
    if sent.is_heading:
        f["heading"] = 1.0
        f[f"heading&route={c.place_route}"] = 1.0
    if c.sent <= 1:
        f["lead"] = 1.0
        f[f"lead&route={c.place_route}"] = 1.0
    f["sentence_position"] = c.sent / max(1, len(doc.sents) - 1)
    for cue in c.cues:
        f[f"cue={cue}"] = 1.0
    # the article's own story: how many of its sentences tell an act of this type, and whether its
    # first sentence (the headline, or the lead) does
    f["type_share"] = art.type_sentences.get(c.event_type, 0) / max(1, art.sentences)
    if c.event_type in art.headline_types:
        f["type_in_headline"] = 1.0
    # how much the article's war vocabulary counts depends on the kind of event: a protest or an arrest
    # is news in any article, a shot or a blast in a sport or business report hardly ever
    for name, value in art.features().items():
        f[name] = value
        f[f"{c.event_type}*{name}"] = value
    return f
