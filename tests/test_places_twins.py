"""Twin towns across a border go to the side the sentence is about (issue 12, item 2): a country named, an
administrative phrase after the name, or the other places the sentence names. Sentences written for these tests."""

import pytest

from lagebild.lang import load_language
from lagebild.places.geocode import Geocoder


@pytest.fixture(scope="module")
def geo():
    return Geocoder(load_language("de"))


@pytest.mark.parametrize(
    ("mention", "text", "side"),
    [
        ("Rafah", "Ägyptische Grenzschützer schlossen die Grenze bei Rafah in Ägypten.", "EGY"),
        ("Rafah", "Die ägyptische Stadt Rafah liegt direkt an der Grenze.", "EGY"),
        ("Rafah", "Israelische Panzer rückten in Rafah im Gazastreifen vor.", "PSE"),
        ("Illela", "Bewaffnete überfielen Illela im Niger.", "NER"),
        ("Illela", "Bewaffnete überfielen Illela im nigerianischen Bundesstaat Sokoto.", "NGA"),
        ("Nikolajewka", "In Nikolajewka in Russland wurden zwei Menschen verletzt.", "RUS"),
        ("Mykolajiwka", "In der Ukraine wurde Mykolajiwka beschossen.", "UKR"),
    ],
)
def test_a_named_country_takes_the_twin_on_its_side(geo, mention, text, side):
    assert geo.resolve(mention, text, None)["country"] == side


def test_the_side_flips_with_the_country(geo):
    egypt = geo.resolve("Rafah", "Auf der ägyptischen Seite von Rafah warten Lastwagen.", None)
    gaza = geo.resolve("Rafah", "Auf der palästinensischen Seite von Rafah warten Lastwagen.", None)
    assert (egypt["country"], gaza["country"]) == ("EGY", "PSE")
    assert egypt["admin1"] != gaza["admin1"]


def test_an_admin_phrase_keeps_the_twin_on_its_side(geo):
    # the gazetteer knows a Mykolajiwka in Ukraine's Sumy and Donetsk regions, but none in Russia's Belgorod region:
    # the answer is that region (precision 3), not a Ukrainian namesake across the border
    ukraine = geo.resolve("Mykolajiwka", "Russische Truppen griffen Mykolajiwka im Gebiet Sumy an.", None)
    assert (ukraine["country"], ukraine["admin1"], ukraine["kind"]) == ("UKR", "Sumy", "city")
    russia = geo.resolve("Mykolajiwka", "Der Gouverneur meldete Beschuss von Mykolajiwka im Gebiet Belgorod.", None)
    assert (russia["country"], russia["admin1"], russia["geo_precision"]) == ("RUS", "Belgorod", 3)
    pokrowka = geo.resolve("Pokrowka", "Eine Rakete traf Pokrowka im Gebiet Kursk.", None)  # was a Polish Pokrówka
    assert (pokrowka["country"], pokrowka["admin1"]) == ("RUS", "Kursk")


def test_the_sentence_s_other_places_pick_the_side(geo):
    # no country named ("ukrainische Armee" says whose forces, not where): the governor's town is Russian
    text = "Die ukrainische Armee beschoss Nikolajewka, sagte der Gouverneur in Belgorod."
    assert geo.resolve("Nikolajewka", text, None)["country"] == "RUS"
    assert geo.resolve("Nikolajewka", "Die ukrainische Armee beschoss Nikolajewka.", None)["country"] == "UKR"
    cairo = "Hilfsgüter stauten sich in Rafah, sagte ein Sprecher in Kairo."
    assert geo.resolve("Rafah", cairo, None)["country"] == "EGY"
    assert geo.resolve("Rafah", "Hilfsgüter stauten sich in Rafah.", None)["country"] == "PSE"


def test_a_spelling_guess_is_taken_in_the_country_of_a_place_the_sentence_names(geo):
    # a Ukrainian spelling of a Russian border village: a guess, taken only when the sentence points to Russia
    assert geo.resolve("Nowa Tawolschanka", "Granaten trafen Nowa Tawolschanka.", None)["lat"] is None
    text = "Granaten trafen Nowa Tawolschanka, meldete der Gouverneur in Belgorod."
    ans = geo.resolve("Nowa Tawolschanka", text, None)
    assert ans["country"] == "RUS" and ans["admin1"] == "Belgorod"
