"""Which place mention is an event's place, and when an event gets none (events/scene.py, events/focus.py)."""

import pytest

from lagebild.doc import Article, ArticleDate


@pytest.fixture(scope="module")
def scene(pipe):
    return pipe.get("events").reader.scene


def _doc(pipe, text: str, date: str = "2024-05-10"):
    title = text.split("\n")[0]
    return pipe(Article(id="t", text=text, date=ArticleDate.parse(date), title=title))


def _sent_with(doc, word: str):
    return next(s for s in doc.sents if word in doc.sent_text(s))


def _anchor(doc, sent, word: str) -> int:
    return next(t.i for t in doc.sent_tokens(sent) if t.text == word)


def test_focus_is_the_most_named_place_not_a_dateline(pipe, scene):
    text = (
        "Bombe tötet zwei Polizisten\n\n"
        "Kabul/Islamabad - In Kandahar war am Montag eine Bombe explodiert. Auch in Kandahar wurde beraten.\n\n"
        "Die Lage sei ernst, hieß es.\n\n"
        "Eine Sprecherin kündigte Ermittlungen an. Am Abend wurden zwei Menschen erschossen."
    )
    doc = _doc(pipe, text)
    assert scene.focus.place(doc).name == "Kandahar"
    sent = _sent_with(doc, "erschossen")
    places, route = scene.places(doc, sent, _anchor(doc, sent, "erschossen"))
    assert route == "focus" and [p.name for p, _, _ in places] == ["Kandahar"]


def test_focus_counts_the_headline_kicker_twice(pipe, scene):
    doc = _doc(
        pipe,
        "Herat: Anschlag auf Markt\n\nIn Kandahar wurde beraten. In Kandahar tagte der Rat.\n\n"
        "Am Abend explodierte eine Autobombe.",
    )
    kicker = scene.focus.kicker(doc)
    assert kicker is not None and kicker.admin1 == "Herat"
    assert scene.focus.place(doc) == kicker  # two for the kicker (and one for the town) over two for Kandahar


def test_country_after_a_part_of_it_is_the_setting_not_the_subject(pipe, scene):
    doc = _doc(
        pipe,
        "Anführer gefasst\n\nGestern wurde im Süden der Philippinen der Anführer der Terrororganisation "
        "Abu Sayyaf festgenommen.",
    )
    sent = _sent_with(doc, "festgenommen")
    places, route = scene.places(doc, sent, _anchor(doc, sent, "festgenommen"))
    assert route == "sentence" and [p.country for p, _, _ in places] == ["PHL"]


def test_country_as_subject_is_still_the_actor(pipe, scene):
    doc = _doc(pipe, "Angriff\n\nRussland feuerte am Montag Raketen ab.")
    sent = _sent_with(doc, "feuerte")
    places, route = scene.places(doc, sent, _anchor(doc, sent, "feuerte"))
    assert route != "sentence" and all(p.country != "RUS" for p, _, _ in places)


@pytest.mark.parametrize("dateline", ["Gaza/Tel Aviv - ", "Beirut/Tel Aviv (dpa) - ", "Tel Aviv/Beirut/Teheran – "])
def test_places_of_a_slashed_dateline_are_not_the_event_s(pipe, scene, dateline):
    doc = _doc(
        pipe, f"Angriff im Norden\n\n{dateline}Bei einem Luftangriff sind am Montag fünf Menschen getötet worden."
    )
    sent = _sent_with(doc, "Luftangriff")
    assert doc.in_sent("place", sent.i)  # the dateline's places are read, but none is the event's
    assert scene.places(doc, sent, _anchor(doc, sent, "Luftangriff")) == ([], "none")


def test_a_slash_inside_the_sentence_is_no_dateline(pipe, scene):
    doc = _doc(
        pipe, "Angriff im Norden\n\nBei einem Luftangriff in Tel Aviv/Jaffa - so die Polizei - starben fünf Menschen."
    )
    sent = _sent_with(doc, "Luftangriff")
    places, route = scene.places(doc, sent, _anchor(doc, sent, "Luftangriff"))
    assert route == "sentence" and "Tel Aviv" in [p.name for p, _, _ in places]
