"""One reading of administrative nouns ("Provinz Homs", "des Gebiets Cherson", "Idlib-Provinz", "Rajon
Pokrowsk") for `lagebild geocode`, the places component and the place filters."""

import pytest

from lagebild.filters import place_matches
from lagebild.lang import load_language
from lagebild.places.geocode import Geocoder
from lagebild.places.normalize import admin_nouns_for, split_admin


@pytest.mark.parametrize(
    ("mention", "expected"),
    [
        ("Provinz Homs", ("Homs", "region")),
        ("des Gebiets Cherson", ("Cherson", "region")),
        ("im Gebiet Saporischschja", ("Saporischschja", "region")),
        ("aus der Provinz Idlib", ("Idlib", "region")),
        ("Gebietes Luhansk", ("Luhansk", "region")),
        ("der Oblast  Donezk", ("Donezk", "region")),
        ("Bundesstaat Borno", ("Borno", "region")),
        ("Grenzprovinz Idlib", ("Idlib", "region")),
        ("Idlib-Provinz", ("Idlib", "region")),
        ("Donezk Oblast", ("Donezk", "region")),
        ("Rajon Pokrowsk", ("Pokrowsk", "district")),
        ("im Landkreis Gütersloh", ("Gütersloh", "district")),
        ("Homs", ("Homs", None)),
        ("Den Haag", ("Den Haag", None)),  # a lead word alone is no noun
        ("Provinz", ("Provinz", None)),  # a noun alone names nothing
        ("Regionalzug Berlin", ("Regionalzug Berlin", None)),
        ("Provinzhauptstadt Idlib", ("Provinzhauptstadt Idlib", None)),
    ],
)
def test_split_admin(mention, expected):
    assert split_admin(mention) == expected


@pytest.fixture(scope="module")
def geo():
    return Geocoder(load_language("de"))


def test_geocode_and_extraction_share_the_one_table(geo, pipe):
    nouns = admin_nouns_for(load_language("de"))
    assert geo.admin is nouns
    finder = next(c for c in pipe.components if type(c).__name__ == "PlaceFinder")
    assert finder.admin is nouns


def test_province_prefers_the_region_over_the_town_everywhere(geo, run):
    # geocode
    assert geo.resolve("Idlib", "Bomben auf die Stadt Idlib", None)["kind"] == "city"
    for mention in ("Provinz Idlib", "der Idlib-Provinz", "Gouvernements Idlib"):
        ans = geo.resolve(mention, f"Kämpfe in {mention}", None)
        assert (ans["kind"], ans["admin1"], ans["geo_precision"]) == ("region", "Idleb", 3), mention
    # the extraction pipeline's place component
    for text in ("Russische Jets bombardierten Dörfer in der Idlib-Provinz.", "Kämpfe in der Provinz Idlib."):
        spans = run(text).spans["place"]
        assert [(s.data["place"].kind, s.data["place"].admin1) for s in spans] == [("region", "Idleb")], text
    town = run("Kämpfe in der Stadt Idlib.").spans["place"]
    assert [s.data["place"].kind for s in town] == ["city"]
    # the place filter of the command line and the web app: the province, not the town
    for value in ("Provinz Idlib", "Idlib-Provinz"):
        matches = place_matches(value)
        assert ("admin1", "Idleb") in {(m.column, m.name) for m in matches}
        assert ("location", "Idlib") not in {(m.column, m.name) for m in matches}, value
    assert ("location", "Idlib") in {(m.column, m.name) for m in place_matches("Idlib")}


def test_district_noun_is_stripped_and_near_its_seat(geo, run):
    ans = geo.resolve("Rajon Pokrowsk", "Beschuss im Rajon Pokrowsk", "UKR")
    assert (ans["name"], ans["kind"], ans["geo_precision"]) == ("Pokrovsk", "city", 2)
    # "Rajon" is also a given name: after the noun, the name is no surname
    spans = run("Im Rajon Pokrowsk wurden zwei Menschen getötet.").spans.get("place", [])
    assert [(s.data["place"].name, s.data["precision"]) for s in spans] == [("Pokrovsk", 2)]
