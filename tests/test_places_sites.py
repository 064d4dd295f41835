"""Sites: airportsdata's airports and air bases after a site noun, and site nouns as a kind cue (issue 12, item 4)."""

import pytest

from lagebild.lang import load_language
from lagebild.places.geocode import Geocoder, SiteNouns
from lagebild.places.sites import airports, short_name


@pytest.fixture(scope="module")
def geo():
    return Geocoder(load_language("de"))


def test_short_names():
    assert short_name("Nevatim Air Base") == "Nevatim"
    assert short_name("Aleppo International Airport") == "Aleppo"
    assert short_name("Al Sahra Army Air Field") == "Al Sahra"
    assert short_name("Airport") == "Airport"


def test_the_package_holds_conflict_air_bases():
    kept = {a.name: a for a in airports()}
    assert len(kept) > 15_000
    assert kept["Shayrat Air Base"].military and kept["Shayrat Air Base"].iso2 == "SY"
    assert not kept["Aleppo International Airport"].military and kept["Aleppo International Airport"].iata


def test_site_nouns_and_their_case_forms():
    nouns = SiteNouns(load_language("de")["place_words"])
    assert nouns.split("Luftwaffenstützpunkt Nevatim") == ("Nevatim", "military")
    assert nouns.split("des Flughafens Erbil") == ("Erbil", "airfield")
    assert nouns.split("Mossul-Staudamm") == ("Mossul", "site")
    assert nouns.split("Grenzübergang Bab al-Salam") == ("Bab al-Salam", "site")
    assert nouns.split("Homs") == ("Homs", None)


def test_sites_are_not_names_in_running_text(geo):
    gaz = geo.gaz
    assert gaz.sites.named("Dumair") and gaz.sites.named("Shayrat")  # after a site noun, by name or transliteration
    assert not gaz.lookup("Dumayr Air Base") and not gaz.lookup("Ben Gurion International Airport")


def test_an_air_base_by_its_name(geo):
    ans = geo.resolve("Luftwaffenstützpunkt Dumair", "Raketen trafen den Luftwaffenstützpunkt Dumair.", None)
    assert (ans["kind"], ans["country"], ans["admin1"]) == ("site", "SYR", "Rural Damascus")
    assert "Air Base" in ans["name"] and ans["geo_precision"] == 1
    ans = geo.resolve("Al-Asad", "Raketen schlugen auf der Luftwaffenbasis Al-Asad ein.", None)  # the noun before it
    assert ans["kind"] == "site" and ans["admin1"] == "Al-Anbar"


def test_a_town_after_an_airfield_noun_is_its_airfield(geo):
    town = geo.resolve("Damaskus", "Explosionen in Damaskus", None)
    airport = geo.resolve("Flughafen Damaskus", "Der Flughafen Damaskus wurde beschossen.", None)
    assert town["kind"] == "city" and airport["kind"] == "site" and airport["country"] == "SYR"
    assert "Damascus" in airport["name"] and airport["name"] != town["name"]
    military = geo.resolve("Militärflughafen Hama", "Rebellen beschossen den Militärflughafen Hama.", None)
    assert military["kind"] == "site" and "Air Base" in military["name"]


def test_another_site_noun_falls_back_to_its_town_as_near(geo):
    ans = geo.resolve("Flüchtlingslager Bureidsch", "Ein Angriff traf das Flüchtlingslager Bureidsch.", None)
    assert ans["country"] == "PSE" and ans["kind"] == "city" and ans["geo_precision"] == 2


def test_a_site_named_after_a_town_needs_the_town_s_own_name(geo):
    # "Askar" is an alias of a Bulgarian town: a camp named so is not there
    ans = geo.resolve("Flüchtlingslager Askar", "Eine Razzia im Flüchtlingslager Askar bei Nablus.", None)
    assert ans["lat"] is None


def test_a_site_found_by_name_is_no_foreign_homonym(geo):
    # the sentence names Israel only (an adjective of an attack, not of forces): the airport is still Aleppo's
    ans = geo.resolve("Flughafen Aleppo", "Der Flughafen Aleppo ist nach einem israelischen Angriff zu.", None)
    assert ans["country"] == "SYR" and ans["kind"] == "site"
