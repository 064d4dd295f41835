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


# a capital named in every paragraph, as where the government speaks, but not in the headline
UNNAMED_HEADLINE = (
    "Bombe tötet zwei Polizisten\n\n"
    "Der Innenminister sprach in Kabul von einem feigen Verbrechen.\n\n"
    "Auch in Kabul wurde die Sicherheitslage im Parlament beraten.\n\n"
    "Eine Sprecherin in Kabul kündigte Ermittlungen an.\n\n"
    "Am Montag war eine Bombe am Straßenrand explodiert."
)


def test_focus_abstains_when_the_headline_names_no_place(pipe, scene):
    doc = _doc(pipe, UNNAMED_HEADLINE)
    assert scene.focus.place(doc) is None
    sent = _sent_with(doc, "explodiert")
    places, route = scene.places(doc, sent, _anchor(doc, sent, "Bombe"))
    assert (places, route) == ([], "none")


def test_focus_is_the_place_the_headline_names(pipe, scene):
    doc = _doc(pipe, UNNAMED_HEADLINE.replace("Bombe tötet zwei Polizisten", "Bombe tötet zwei Polizisten in Kabul"))
    assert scene.focus.place(doc).name == "Kabul"
    sent = _sent_with(doc, "explodiert")
    places, route = scene.places(doc, sent, _anchor(doc, sent, "Bombe"))
    assert route == "focus" and [p.name for p, _, _ in places] == ["Kabul"]


def test_previous_place_reaches_back_two_sentences_only(pipe, scene):
    text = (
        "Lage im Land bleibt angespannt\n\n"
        "Der Gouverneur besuchte am Montag die Stadt Herat. Er sprach mit den Ältesten. "
        "Die Lage sei ruhig, sagte er. Am Abend explodierte eine Autobombe, zwei Menschen starben."
    )
    doc = _doc(pipe, text)
    sent = _sent_with(doc, "Autobombe")
    assert scene.places(doc, sent, _anchor(doc, sent, "Autobombe")) == ([], "none")
    near = text.replace("Er sprach mit den Ältesten. ", "")
    doc = _doc(pipe, near)
    sent = _sent_with(doc, "Autobombe")
    places, route = scene.places(doc, sent, _anchor(doc, sent, "Autobombe"))
    assert route == "previous" and [p.name for p, _, _ in places] == ["Herat"]


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
