"""The event model: a logistic regression over the cues of events/features.py, read from a small JSON file.

`lagebild train` fits it on the project's annotations (the train split) and writes
`lang/<code>/models/events.json`: the weight of every feature, the intercept and the threshold above
which a candidate is kept. Applying it is a dot product, so extraction stays deterministic and needs
no learning library.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path

from lagebild.lang import Language

MODEL_FILE = Path("models") / "events.json"


class ModelMissing(RuntimeError):
    """The language has no trained event model."""


@dataclass(frozen=True)
class EventModel:
    weights: dict[str, float]
    intercept: float
    threshold: float
    meta: dict = field(default_factory=dict)

    @classmethod
    def load(cls, lang: Language) -> EventModel:
        path = lang.path / MODEL_FILE
        if not path.exists():
            raise ModelMissing(f"no event model at {path}: run `lagebild train` to build it")
        doc = json.loads(path.read_text(encoding="utf-8"))
        return cls(doc["weights"], doc["intercept"], doc["threshold"], doc.get("meta", {}))

    def probability(self, features: dict[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))
