"""Name keys: folding is idempotent, which lets the gazetteer take a skeleton of a folded name."""

import pytest

from lagebild.places.normalize import fold, skeleton

NAMES = ["Al-Qa'im", "Deir ez-Zor", "  Dair  as-Saur. ", "Ḩalab", "Kʼiv/Kyjiw", "Straße – Süd", "Ŝ’ar`ʿa", "ǅurđevac"]


@pytest.mark.parametrize("name", NAMES)
def test_fold_is_idempotent_and_skeleton_reads_the_fold(name):
    assert fold(fold(name)) == fold(name)
    assert skeleton(fold(name)) == skeleton(name)


def test_spelling_variants_share_a_skeleton():
    assert skeleton("Deir El Sor") == skeleton("Dair as-Saur") == skeleton("Deir Ezzor") == "dirsur"
