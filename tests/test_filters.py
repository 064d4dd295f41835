"""Filter values read strictly: dates, countries, event types, places; and the country tables behind them."""

from __future__ import annotations

import pytest

from lagebild.countries import countries, country_name, resolve_country
from lagebild.export.conventions import REGION_OF, REGIONS, region
from lagebild.filters import FilterError, check_period, parse_date, parse_type, place_matches
from lagebild.lang import LANG_DIR, read_tsv


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("2024", "2024"),
        ("2024-01", "2024-01"),
        ("2024-01-14", "2024-01-14"),
        ("14.01.2024", "2024-01-14"),
        ("4.1.2024", "2024-01-04"),
        ("01.2024", "2024-01"),
        (" 29.02.2024 ", "2024-02-29"),
    ],
)
def test_dates_in_iso_and_german_form(text, iso):
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["14/01/2024", "2024-1-14", "29.02.2023", "2024-13", "14.01.24", "", "gestern"])
def test_anything_else_is_refused_with_the_forms_that_work(text):
    with pytest.raises(FilterError, match="is not a date") as e:
        parse_date(text, "since")
    assert e.value.field == "since"


def test_a_period_must_not_end_before_it_starts():
    check_period("2024-03-10", "2024-03")  # until is the whole of March
    check_period("2024", "2024-01-01")
    with pytest.raises(FilterError, match="before it starts"):
        check_period("2024-04-01", "2024-03")


def test_types_exact_in_any_case_or_by_a_prefix_that_fits_one():
    assert parse_type("battles") == "Battles"
    assert parse_type("Air") == "Air/drone strike"
    assert parse_type("shelling") == "Shelling/artillery/missile attack"
    assert parse_type("Protests") == "Protests"  # exact beats prefix
    with pytest.raises(FilterError, match="fits several types: Protests; Protest with intervention"):
        parse_type("protest")
    with pytest.raises(FilterError, match="Explosions/Remote violence: Chemical weapon, Air/drone strike"):
        parse_type("airstrike")


@pytest.mark.parametrize(
    ("name", "iso3"),
    [
        ("SYR", "SYR"),
        ("syr", "SYR"),
        ("Syrien", "SYR"),
        ("Syria", "SYR"),
        ("Ägypten", "EGY"),
        ("Aegypten", "EGY"),
        ("Elfenbeinküste", "CIV"),
        ("Côte d’Ivoire", "CIV"),
        ("Vereinigte Staaten", "USA"),  # CLDR's German name, not in countries.tsv's forms
        ("Kongo-Kinshasa", "COD"),
        ("Demokratische Republik Kongo", "COD"),
        ("Palästina", "PSE"),
        ("Russland", "RUS"),
    ],
)
def test_countries_by_code_or_german_or_english_name(name, iso3):
    assert resolve_country(name) == iso3


def test_an_unknown_country_suggests_close_names():
    with pytest.raises(ValueError, match="unknown country 'Ukriane'.*did you mean Ukraine"):
        resolve_country("Ukriane")


def test_country_names_follow_the_project_and_acled():
    assert country_name("SYR", "de") == "Syrien" and country_name("SYR") == "Syria"
    assert country_name("PSE") == "Palestine" and country_name("COD") == "Democratic Republic of Congo"
    assert country_name("ZZZ") == "ZZZ" and country_name(None) == ""
    assert countries()["SYR"].isonumeric == 760


def test_every_country_lagebild_knows_has_an_acled_region():
    own = {row["iso3"] for row in read_tsv(LANG_DIR / "de" / "countries.tsv")}
    assert own - set(REGION_OF) == set()
    assert region("SYR") == "Middle East" and region("IRN") == "Middle East" and region("CYP") == "Europe"
    assert region("GEO") == "Caucasus and Central Asia" and region("MLI") == "Western Africa"
    assert region("COD") == "Middle Africa" and region("SOM") == "Eastern Africa" and region("") == ""
    assert len(REGION_OF) == sum(len(codes.split()) for codes in REGIONS.values())  # no country in two regions


def test_places_in_any_spelling_become_stored_names():
    names = {(m.column, m.name, m.country) for m in place_matches("Saporischschja")}
    assert ("location", "Zaporizhzhia", "UKR") in names and ("admin1", "Zaporizhia", "UKR") in names  # ACLED spelling
    assert ("location", "Khan Yunis", "PSE") in {(m.column, m.name, m.country) for m in place_matches("Chan Junis")}
    assert place_matches("Xqzwv") == ()
