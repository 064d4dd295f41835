"""A place named as a reference point ("20 Kilometer westlich von X", "südlich der Stadt"), not as
the scene itself: the words that tie a direction to its place, and the test whether a name follows one."""

from __future__ import annotations

from collections.abc import Collection, Sequence

from lagebild.doc import Token

OF = ("von", "vom", "der", "des", "dem")  # the words between a direction and its place


def after_direction(tokens: Sequence[Token], k: int, directions: Collection[str]) -> bool:
    """Whether the name at token k follows a direction word ("nordöstlich von X"), at most three back."""
    for tok in reversed(tokens[max(0, k - 3) : k]):
        if tok.lower in directions:
            return True
        if tok.lower not in OF:
            return False
    return False
