"""The segmenter splits sentences exactly where spaCy's rule-based sentencizer splits them."""

import pytest
import spacy

from lagebild.text.segment import sentence_pieces

TRICKY = [
    "Die Armee rückte am 17. August vor. Dr. Müller u. a. sagte das.",
    "„Wir greifen an!“ sagte er. Dann: nichts mehr…  Zwei Leerzeichen.  Und hier?! Ja.",
    "Drei Tote (nach Angaben der UN). Weitere 2.500 Menschen flohen... Ende",
    "Er sagte: «Es ist vorbei.» Die Kämpfe gingen weiter. ?? ! Schluss",
    "Am 3.4.2017 um 14.30 Uhr. Danach !!! noch ein Satz. 'Zitat.' Ende.",
]


@pytest.mark.parametrize("text", TRICKY)
def test_sentences_as_spacys_sentencizer(text):
    nlp = spacy.blank("de")
    nlp.add_pipe("sentencizer")
    expected = [[(t.text, t.idx) for t in s if not t.is_space] for s in nlp(text).sents]
    expected = [s for s in expected if s]
    offsets = [(t.idx, len(t.text)) for t in nlp.make_doc(text)]
    assert sentence_pieces(text, offsets) == expected


def test_a_sentence_ends_after_a_surname_initial_before_an_article():
    text = "Dort wohnte Brahim A. Der Franzose floh. Er traf Dr. A. Müller."
    nlp = spacy.blank("de")
    offsets = [(t.idx, len(t.text)) for t in nlp.make_doc(text)]
    pieces = sentence_pieces(text, offsets, frozenset({"Der", "Er"}))
    assert [" ".join(w for w, _ in p) for p in pieces] == [
        "Dort wohnte Brahim A.",
        "Der Franzose floh .",
        "Er traf Dr. A. Müller .",
    ]
