"""An event as the extractor builds it, before merging and before it becomes an EVENTS.md record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from lagebild.actors.lexicon import ActorSpec
from lagebild.doc import ArticleDate
from lagebild.places.gazetteer import Place


@dataclass
class Candidate:
    sent: int
    event_type: str
    sub_event_type: str
    actor1: ActorSpec | None
    actor2: ActorSpec | None
    assoc1: list[ActorSpec]
    assoc2: list[ActorSpec]
    place: Place | None
    precision: int
    place_from_sentence: bool
    date: ArticleDate | None
    time_precision: int
    date_from_sentence: bool
    fatalities: list[tuple[int, list[dict], Any]]  # (figure, its sources, its number span) for every toll read
    sources: list[dict]
    evidence: list[tuple[int, int]]  # (start, end) of each sentence read
    background: bool = False
    trigger: str = ""
    actor1_text: str = ""
    place_goal: bool = False  # the place is where the actors advance to ("rücken auf Aleppo vor"), not a scene
    vague_sub: bool = False  # the sub-type is the trigger's default ("Explosionen"): the article's strikes decide
    date_rank: int = 0  # where the date came from: the sentence 2, its paragraph 1, the article 0
    place_route: str = "sentence"  # how the place was found (events/scene.py ROUTES)
    cues: frozenset[str] = frozenset()  # modality cues of the trigger's clause (events/modality.py)
    features: dict[str, float] | None = None  # what the event model weighed (events/features.py)
    confidence: float | None = None  # the event model's probability that this is a true event
