"""The language layer on hostile text: dates outside the calendar, numbers beyond 64 bits, lone
surrogates, and the loops that were quadratic in a word's or an article's length."""

from __future__ import annotations

import time

from hypothesis import given, settings
from hypothesis import strategies as st

from lagebild.text.numbers import MAX_FIGURE, digits_value, word_value
from lagebild.text.segment import _Noise


def _dates(doc) -> list[dict]:
    return [s.data for s in doc.spans.get("date", [])]


def test_relative_dates_before_year_one_are_no_dates_and_keep_the_others(run):
    doc = run("Vor 3000 Jahren lag hier eine Stadt. Am Dienstag griff die Armee Aleppo an.", "2024-05-10")
    isos = [d["iso"] for d in _dates(doc)]
    assert "2024-05-07" in isos  # the Tuesday before the article date
    assert all(1 <= int(i[:4]) <= 9999 for i in isos)


def test_a_weekday_in_an_article_of_year_one_is_no_date(run):
    doc = run("Am Dienstag griff die Armee die Stadt Aleppo an. Drei Menschen starben.", "0001-01-01")
    assert all(int(d["iso"][:4]) >= 1 for d in _dates(doc))


def test_a_twenty_digit_count_of_days_is_no_date(run):
    doc = run("Vor 99999999999999999999 Tagen griff die Armee Aleppo an. Vor drei Tagen auch.", "2024-05-10")
    assert [d["iso"] for d in _dates(doc)] == ["2024-05-07"]


def test_years_at_the_end_of_the_calendar(run):
    doc = run("Am Dienstag und im kommenden Jahr griff die Armee Aleppo an.", "9999-12-31")
    assert all(int(d["iso"][:4]) <= 9999 for d in _dates(doc))


def test_figures_beyond_what_a_count_can_be_are_no_figures(run):
    assert digits_value("9" * 400) is None  # a float would make this infinity
    assert digits_value("99999999999999999999") is None
    assert digits_value("125.000") == 125000
    doc = run("Bei dem Angriff auf Aleppo wurden 99999999999999999999 Menschen getötet.")
    assert not doc.spans.get("number")
    doc = run("Es starben " + "9" * 400 + " und 999.999.999.999 Milliarden Menschen, dazu 12 Soldaten.")
    assert [s.data["value"] for s in doc.spans.get("number", [])] == [12]
    assert all(s.data["high"] <= MAX_FIGURE for s in doc.spans.get("number", []))


def test_a_long_number_word_is_read_in_linear_time():
    start = time.perf_counter()
    assert word_value("achtzig" * 30 + "x") is None  # 2**30 splits to backtrack through before
    assert word_value("neunhundertneunundneunzigtausendneunhundertneunundneunzig") == 999999
    assert time.perf_counter() - start < 0.5


def test_a_lone_surrogate_is_read_as_a_replacement_character(run):
    text = "Bei einem Angriff auf Aleppo \ud800 wurden drei Menschen getötet."
    doc = run(text)
    k = text.index("\ud800")
    assert any(t.start == k and t.text == "\ufffd" for t in doc.tokens)
    assert doc.text == text  # offsets into the article as given
    assert len(doc.sents) == 1


@given(
    st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40)), max_size=30),
    st.integers(0, 340),
    st.integers(0, 40),
)
@settings(max_examples=300, deadline=None)
def test_noise_overlap_by_bisection_is_the_plain_sum(raw, start, length):
    spans = [(s, s + n) for s, n in raw]
    merged = _Noise(spans)
    end = start + length
    covered = set()
    for s, e in spans:
        covered.update(range(max(s, start), min(e, end)))
    assert merged.overlap(start, end) == len(covered)


def _old_lookup(index, lemma: str):
    """TriggerIndex._lookup as it was: every suffix from the word's start."""
    from lagebild.events.triggers import MIN_MODIFIER

    for k in range(len(lemma) - 2):
        suffix = lemma[k:]
        if suffix not in index.single and k:
            suffix = index._inflected.get(suffix, suffix)
        if suffix not in index.single:
            continue
        if k and k < MIN_MODIFIER:
            continue
        found = [
            t
            for t in index.single[suffix]
            if k == 0 or (not t.exact and (t.weight >= 1.0 or lemma[:k] in index.generic_modifiers))
        ]
        if found:
            return found, lemma[:k]
    return [], ""


def test_trigger_lookup_gives_the_old_answers_in_linear_time(pipe):
    from lagebild.events.triggers import TriggerIndex

    index = TriggerIndex(pipe.lang)
    words = sorted(index.single)[:400] + sorted(index._inflected)[:400]
    for w in words:
        for lemma in (w, "regierungs" + w, "x" * 40 + w, "raketen" + w + "n", w[:-1]):
            assert index._lookup(lemma) == _old_lookup(index, lemma), lemma
    start = time.perf_counter()
    index._lookup("angriff" + "a" * 200_000)
    assert time.perf_counter() - start < 1.0  # the old loop took about 20 s on this word


def test_force_nouns_in_compounds_give_the_old_answers_in_linear_time(pipe):
    from lagebild.actors.component import ActorFinder

    finder = ActorFinder(pipe.lang)
    nouns = finder.lex.force_nouns

    def old(low: str):
        if low in nouns:
            return nouns[low]
        for k in range(3, len(low) - 4):
            if low[k:] in nouns:
                return nouns[low[k:]]
        return None

    for noun in sorted(nouns):
        for low in (noun, "regierungs" + noun, "ab" + noun, "x" * 30 + noun, noun + "x"):
            assert finder._force_of(low) == old(low), low
    start = time.perf_counter()
    finder._force_of("regierungs" + "a" * 200_000 + "truppen")
    assert time.perf_counter() - start < 1.0
