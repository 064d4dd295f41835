"""The sentence's geography: border and occupation phrases, and 'X im Gebiet Y' (places/context.py), in
`lagebild geocode` and in the places component."""

import re

import pytest

from lagebild.lang import load_language
from lagebild.places.context import geography_for
from lagebild.places.geocode import Geocoder


@pytest.fixture(scope="module")
def geo():
    return Geocoder(load_language("de"))


@pytest.mark.parametrize(
    ("sentence", "countries"),
    [
        ("Die Stadt Sudscha nahe der ukrainischen Grenze wurde beschossen.", {"UKR"}),
        ("Belgorod liegt an der Grenze zur Ukraine.", {"UKR"}),
        ("unweit der Grenze zum Libanon", {"LBN"}),
        ("Im russisch besetzten Donezk meldeten die Behörden Beschuss.", {"RUS"}),
        ("Die von Russland annektierte Krim", {"RUS"}),
        # crossing a border says nothing of the side; nor does a border between two named countries
        ("Ukrainische Truppen überschritten die russische Grenze bei Sudscha.", set()),
        ("Dörfer an der russisch-ukrainischen Grenze", set()),
        ("Die russische Grenzregion Kursk", set()),
    ],
)
def test_border_and_occupation_phrases(sentence, countries):
    assert geography_for(load_language("de")).not_in(re.findall(r"[\w\-]+", sentence)) == countries


def test_geocode_occupied_place_is_not_in_the_occupier(geo):
    ans = geo.resolve("Donezk", "Im russisch besetzten Donezk meldeten die Behörden Beschuss.", None)
    assert ans["country"] == "UKR"


def test_geocode_border_phrase_moves_a_homonym_across(geo):
    near_ukraine = geo.resolve("Nikolajewka", "Nikolajewka nahe der ukrainischen Grenze wurde beschossen.", None)
    in_ukraine = geo.resolve("Nikolajewka", "Nikolajewka in der Ukraine wurde beschossen.", None)
    assert in_ukraine["country"] == "UKR"
    assert near_ukraine["country"] not in (None, "UKR")


@pytest.mark.parametrize(
    ("name", "region", "admin1"),
    [
        ("Mykolajiwka", "Saporischschja", "Zaporizhia"),
        ("Mykolajiwka", "Sumy", "Sumy"),
        ("Iwaniwka", "Saporischschja", "Zaporizhia"),
        ("Iwaniwka", "Donezk", "Donetsk"),
        ("Pokrowske", "Donezk", "Donetsk"),
    ],
)
def test_geocode_region_phrase_after_the_town(geo, name, region, admin1):
    ans = geo.resolve(name, f"Beschuss auf {name} im Gebiet {region}.", None)
    assert (ans["country"], ans["admin1"], ans["kind"]) == ("UKR", admin1, "city")
    bracketed = geo.resolve(name, f"Beschuss auf {name} (Oblast {region}) am Morgen.", None)
    assert bracketed["admin1"] == admin1


def test_component_region_phrase_after_the_town(run):
    def admin1(text):
        spans = run(text).spans["place"]
        return [(s.text, s.data["place"].admin1) for s in spans if s.data["place"].kind == "city"]

    assert admin1("Russische Truppen beschossen Iwaniwka im Gebiet Saporischschja.") == [("Iwaniwka", "Zaporizhia")]
    assert admin1("Russische Truppen beschossen Iwaniwka (Gebiet Donezk).") == [("Iwaniwka", "Donetsk")]


def test_component_border_phrase_keeps_the_place_out_of_that_country(run):
    text = "Russische Truppen griffen an. Das Dorf Pokrowka{} wurde getroffen, teilte die ukrainische Armee mit."
    plain = [s.data["place"].country for s in run(text.format("")).spans["place"] if s.text == "Pokrowka"]
    border = [
        s.data["place"].country
        for s in run(text.format(" an der Grenze zu Russland")).spans["place"]
        if s.text == "Pokrowka"
    ]
    assert plain == ["RUS"]  # without the phrase, the article's Russian actors pull the village into Russia
    assert "RUS" not in border


def test_geocode_force_adjective_names_the_forces_not_the_place(geo):
    # "Russische Truppen" are Russia's, wherever they stand; "im russischen Pokrowsk" is a place in Russia
    assert geo.resolve("Pokrowsk", "Russische Truppen stehen vor Pokrowsk.", None)["country"] == "UKR"
    assert geo.resolve("Pokrowsk", "Explosionen im russischen Pokrowsk.", None)["country"] == "RUS"
    assert geo.resolve("Sudscha", "Die ukrainische Armee besetzte die Kleinstadt Sudscha.", None)["country"] == "RUS"


def test_geocode_small_town_abroad_abstains(geo):
    # a sentence about Syria: a small Somali town of that name is a homonym, not news from Somalia
    ans = geo.resolve("Jilib", "In Syrien griffen Drohnen bei Jilib an.", None)
    assert ans["lat"] is None and "does not name" in ans["reason"]
    assert geo.resolve("Jilib", "Amerikanische Drohnen griffen bei Jilib an.", None)["country"] == "SOM"
    assert geo.resolve("Jilib", "In Syrien griffen Drohnen bei Jilib an.", "SOM")["country"] == "SOM"
    assert geo.resolve("Mogadischu", "In Syrien und in Mogadischu gab es Anschläge.", None)["country"] == "SOM"
