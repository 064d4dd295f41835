"""Invariants the fast paths rely on."""

from lagebild.lang import norm


def test_lemmas_are_normalised(run):
    # claims compare lemmas with normalised cue words directly
    doc = run("Die Straße wurde von GROSSEN Einheiten eingenommen. Die Rebellen schlossen die Stadt ein. ÄUSSERST.")
    assert doc.tokens and all(t.lemma == norm(t.lemma) for t in doc.tokens)
    assert next(t for t in doc.tokens if t.text == "Straße").lemma == "strasse"
