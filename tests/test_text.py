"""The language layer: offsets, lemmas, separable verbs, mood, numbers, dates, noise."""

import pytest


def test_sentences_and_tokens_keep_offsets(run):
    text = "Lage in Syrien\n\nDie Armee rückte am 17. August vor. Dr. Müller u. a. sagte das.\nNeuer Absatz."
    doc = run(text)
    for s in doc.sents:
        assert doc.text[s.start : s.end] == doc.sent_text(s)
    for t in doc.tokens:
        assert doc.text[t.start : t.end] == t.text
    texts = [doc.sent_text(s) for s in doc.sents]
    assert texts[0] == "Lage in Syrien" and doc.sents[0].is_heading
    assert "Die Armee rückte am 17. August vor." in texts
    assert "Dr. Müller u. a. sagte das." in texts


def test_separable_verbs(run):
    doc = run("Die Armee stiess am Morgen bis in die Altstadt von Tikrit vor.")
    verb = next(t for t in doc.tokens if t.text == "stiess")
    assert verb.lemma == "vorstossen"
    doc = run("Die Armee griff die Stellungen im Umland der Stadt an.")
    assert next(t for t in doc.tokens if t.text == "griff").lemma == "angreifen"


@pytest.mark.parametrize(
    "word,lemma",
    [
        ("abgefangen", "abfangen"),
        ("verschleppt", "verschleppen"),
        ("bombardiert", "bombardieren"),
        ("abgefeuert", "abfeuern"),
        ("beschossen", "beschiessen"),
        ("gestern", "gestern"),
    ],
)
def test_participles_simplemma_does_not_know(pipe, word, lemma):
    lemmatizer = pipe.components[pipe.names.index("lemmas")]
    assert lemmatizer.lemma(word) == lemma


def test_konjunktiv_marks_reported_speech(run):
    doc = run("Die Armee habe die Stadt eingenommen, hieß es. Die Armee hat die Stadt eingenommen.")
    assert [s.konjunktiv for s in doc.sents] == [True, False]


@pytest.mark.parametrize(
    "text,value",
    [
        ("schätzungsweise 125.000 Zivilisten", 125000),
        ("über 200 Terroristen", 200),
        ("mehr als zweihundert Kämpfer", 200),
        ("zwei bis vier Mal", 2),
        ("Dutzende Menschen", 12),
        ("Hunderte Menschen", 100),
        ("20 bis 30 Tote", 20),
        ("1,5 Millionen Menschen", 1500000),
        ("mindestens zehn Menschen", 10),
    ],
)
def test_numbers(run, text, value):
    doc = run(f"Es waren {text} betroffen.")
    nums = doc.spans.get("number", [])
    assert nums and nums[0].data["value"] == value
    assert doc.text[nums[0].start : nums[0].end] == nums[0].text


def test_a_figure_that_ends_the_sentence_is_read_without_its_full_stop(run):
    doc = run("Die Zahl der Toten stieg am Abend auf mindestens 23.")
    (num,) = doc.spans["number"]
    assert num.data["value"] == 23 and num.text == "mindestens 23" and num.data["hedge"] == "lower_bound"


def test_no_number_in_dates_and_articles(run):
    doc = run("Am 17. August 2017 kam ein Auto um 14 Uhr.")
    assert not doc.spans.get("number")


@pytest.mark.parametrize(
    "phrase,iso,precision,past",
    [
        ("am Dienstag", "2024-05-07", 1, False),  # article date 2024-05-10 is a Friday
        ("gestern", "2024-05-09", 1, False),
        ("in der Nacht zum 9. Mai", "2024-05-09", 1, False),
        ("in der Nacht zum 14. April", "2024-04-14", 1, True),  # four weeks back: background
        ("am 3. Mai", "2024-05-03", 1, False),
        ("vor einer Woche", "2024-05-03", 2, False),
        ("vor einigen Wochen", "2024", 3, True),
        ("im vergangenen Jahr", "2023", 3, True),
        ("im Oktober 2023", "2023-10", 3, True),
        ("seit 2014", "2014", 3, True),
        ("14.04.2024", "2024-04-14", 1, True),
    ],
)
def test_dates_resolved_against_article_date(run, phrase, iso, precision, past):
    doc = run(f"Das geschah {phrase} in der Stadt.")
    d = doc.spans["date"][0]
    assert (d.data["iso"], d.data["precision"], d.data["past"]) == (iso, precision, past)


def test_weekday_in_month_dated_article_keeps_month(run):
    doc = run("Am Dienstag griffen sie an.", date="2017-08")
    assert doc.spans["date"][0].data["iso"] == "2017-08"


def test_noise_is_ignored_without_moving_offsets(run):
    text = (
        "Die Armee rückte vor.\n\n"
        "'Life goes on' https://t.co/abc pic.twitter.com/xyz — RT (@RT_com) 17. August 2017\n\n"
        "Stand: 08.05.2024 22:43 Uhr\n\nEin Angriff (Foto: dpa/Picture Alliance) traf die Stadt."
    )
    doc = run(text)
    noisy = [doc.sent_text(s) for s in doc.sents if s.is_noise]
    assert any("twitter" in t for t in noisy) and any(t.startswith("Stand:") for t in noisy)
    credit = next(t for t in doc.tokens if t.text == "Foto")
    assert credit.is_noise
    assert all(doc.text[t.start : t.end] == t.text for t in doc.tokens)


def test_lemmas_from_the_tries_are_simplemmas_own():
    """The trie-backed dictionaries give the lemmas simplemma's default dict does, a NUL in a word included."""
    import simplemma

    from lagebild.lang import norm
    from lagebild.text.lemmas import is_known_verb, lemma_of

    words = ["Häuser", "griffen", "Raketen", "bombardiert", "Kämpfern", "Streitkräfte", "Xyzzy", "Montag\x00", "\x00"]
    assert [lemma_of(w) for w in words] == [norm(simplemma.lemmatize(w, lang="de")) for w in words]
    for verb in ("vorstoßen", "einnehmen", "zurückerobern", "vorstossenx", "ab\x00fangen"):
        assert is_known_verb(verb) == simplemma.is_known(verb, lang="de")


def test_week_parts_of_the_articles_own_week(run):
    """'Anfang der Woche' in a Sunday article is its Tuesday give or take (precision 2), not the Sunday."""
    dates = run("Anfang der Woche griffen Kämpfer die Stadt an.", "2024-05-12").spans["date"]
    assert [(d.data["iso"], d.data["precision"]) for d in dates] == [("2024-05-07", 2)]
    dates = run("Mitte der Woche kam es zu Gefechten.", "2024-05-09").spans["date"]
    assert [(d.data["iso"], d.data["precision"]) for d in dates] == [("2024-05-08", 2)]


def test_a_photo_gallery_teaser_line_is_noise(run):
    doc = run(
        "Die Armee rückte vor.\n\nUkraine-Krieg: Die Ursprünge des Konflikts Fotostrecke ansehen\n\n"
        "Dann kam es zu Kämpfen."
    )
    assert [doc.sent_text(s) for s in doc.sents if s.is_noise] == [
        "Ukraine-Krieg: Die Ursprünge des Konflikts Fotostrecke ansehen"
    ]


def test_an_advertising_word_is_noise_only_as_a_whole_word(run):
    doc = run("Jetzt im Abo lesen: alles zum Krieg\n\nSoldaten erschossen Polizisten, die kollaboriert hatten.")
    assert [doc.sent_text(s) for s in doc.sents if s.is_noise] == ["Jetzt im Abo lesen: alles zum Krieg"]


def test_a_sentence_opens_a_paragraph_after_a_line_break(run):
    doc = run("Raketen trafen Charkiw. Zwei Menschen starben.\nIn Odessa fiel der Strom aus.")
    assert [doc.opens_paragraph(k) for k in range(len(doc.sents))] == [True, False, True]
