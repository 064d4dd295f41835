"""Invariants the fast paths rely on."""

from lagebild.lang import norm


def test_lemmas_are_normalised(run):
    # claims compare lemmas with normalised cue words directly
    doc = run("Die Straße wurde von GROSSEN Einheiten eingenommen. Die Rebellen schlossen die Stadt ein. ÄUSSERST.")
    assert doc.tokens and all(t.lemma == norm(t.lemma) for t in doc.tokens)
    assert next(t for t in doc.tokens if t.text == "Straße").lemma == "strasse"


def test_tokens_carry_their_lexicon_key(run):
    doc = run("Die STRASSE nach Kyjiw und die Straße nach Charkiw wurden gesperrt.")
    assert [t.norm for t in doc.tokens if t.text.lower().startswith("stra")] == ["strasse", "strasse"]
    assert all(t.norm == norm(t.text) for t in doc.tokens)
