"""Evaluation against gold annotations: event matching, precision/recall/F1, per-field accuracy."""

from lagebild.evaluate.scoring import Result, load_gold, score

__all__ = ["Result", "load_gold", "score"]
