"""ACLED-grade geography: every first-level region of the conflict countries has one English name, as ACLED
writes it, and the export writes ACLED's country names."""

import re

import pytest

from lagebild.countries import country_name
from lagebild.export.acled import acled_row
from lagebild.lang import load_language
from lagebild.places.admin import acled_admin1, english_name, strip_designator
from lagebild.places.gazetteer import gazetteer_for

CONFLICT_COUNTRIES = ["SYR", "IRQ", "UKR", "RUS", "ISR", "PSE", "LBN", "YEM", "AFG"]
CONFLICT_COUNTRIES += ["SDN", "COD", "MLI", "BFA", "NER", "NGA", "SOM", "TUR", "IRN"]
# Names as ACLED's data writes them, a few per country (the examples first).
ACLED = {
    "SYR": ["Aleppo", "Deir ez Zor", "Rural Damascus", "Idleb", "Homs", "Hama", "Damascus", "Ar Raqqa"],
    "UKR": ["Kharkiv", "Donetsk", "Luhansk", "Kherson", "Zaporizhia", "Kyiv", "Kyiv City", "Odesa", "Sumy"],
    "PSE": ["Gaza Strip", "West Bank"],
    "NGA": ["Borno", "Yobe", "Adamawa", "Zamfara", "Plateau"],
    "IRQ": ["Baghdad", "Ninewa", "Kirkuk", "Salah al-Din", "Al-Anbar"],
    "RUS": ["Belgorod", "Kursk", "Bryansk", "Moscow", "Rostov"],
    "ISR": ["HaDarom", "HaZafon", "Jerusalem", "Tel Aviv", "Haifa"],
    "LBN": ["Beirut", "South", "Mount Lebanon", "Akkar"],
    "YEM": ["Marib", "Taizz", "Aden", "Al Hudaydah"],
    "AFG": ["Kabul", "Kandahar", "Helmand", "Nangarhar"],
    "SDN": ["Khartoum", "North Darfur", "West Darfur", "South Kordofan"],
    "COD": ["Nord-Kivu", "Sud-Kivu", "Ituri"],
    "MLI": ["Mopti", "Gao", "Timbuktu", "Kidal", "Menaka"],
    "BFA": ["Sahel", "Centre-Nord", "Est"],
    "NER": ["Tillaberi", "Diffa", "Tahoua"],
    "SOM": ["Banadir", "Lower Shabelle", "Middle Shabelle", "Bay"],
    "TUR": ["Hatay", "Sirnak", "Hakkari", "Istanbul"],
    "IRN": ["Tehran", "Kurdistan", "Sistan and Baluchestan"],
}
# Aliases in other languages that used to come out as admin1 (the list), and doubled region names.
NOT_ENGLISH = {"Wikonekina", "Wakinekona", "Kekeka", "Mikouli", "Lloegr", "Utert", "Gradišće", "Grigioni"}
PLAIN = re.compile(r"^[A-Za-z][A-Za-z' .\-()]*$")


@pytest.fixture(scope="module")
def gaz():
    return gazetteer_for(load_language("de"))


def _regions(gaz, iso3: str) -> dict[str, str]:
    """admin1 code → name of the country's first-level regions (GeoNames codes only, not our own rows)."""
    places = gaz.places
    return {
        code: places[idx].name for code, idx in gaz.admin1.items() if ":" not in code and places[idx].country == iso3
    }


@pytest.mark.parametrize("iso3", CONFLICT_COUNTRIES)
def test_first_level_regions_have_one_english_name(gaz, iso3):
    regions = _regions(gaz, iso3)
    assert len(regions) >= 2, f"{iso3}: no regions in the gazetteer"
    names = list(regions.values())
    bad = [n for n in names if not PLAIN.match(n) or n in NOT_ENGLISH]
    assert not bad, f"{iso3}: names not in plain English letters: {bad}"
    assert len(set(names)) == len(names), f"{iso3}: two regions share a name: {sorted(names)}"
    # a designator stays only where it tells two regions apart ("Moscow", "Moscow Oblast")
    # (or where ACLED writes it so: "Federal Capital Territory", acled_admin1.tsv)
    acled_spelt = set(acled_admin1().values())
    designated = [
        n for n in names if strip_designator(n) != n and strip_designator(n) not in names and n not in acled_spelt
    ]
    assert not designated, f"{iso3}: names still carry their designator: {designated}"
    missing = [n for n in ACLED[iso3] if n not in names]
    assert not missing, f"{iso3}: ACLED's names missing: {missing}; have {sorted(names)}"


def test_towns_carry_their_regions_english_name(gaz):
    def first(name):
        return gaz.places[gaz.lookup(name)[0][0]]

    assert first("Maiduguri").admin1 == "Borno"
    assert first("Isjum").admin1 == "Kharkiv"
    assert first("Chan Junis").admin1 == "Gaza Strip"
    assert first("Saraqib").admin1 == "Idleb"
    assert first("Bachmut").admin2 == "Bakhmut"
    # our own rows take the same name as the region's towns: no "Kharkiv" beside "Kharkiv Oblast"
    kharkiv = {gaz.places[i].admin1 for i, _ in gaz.lookup("Charkiw") if gaz.places[i].country == "UKR"}
    assert kharkiv == {"Kharkiv"}


def test_english_name_rule():
    assert english_name("Ḩalab", ["Aleppo", "Aleppo Governorate", "حلب"]) == "Aleppo"
    assert english_name("Kandahār", ["Qandahor viloyati"]) == "Kandahar"
    assert english_name("Diyarbakır", []) == "Diyarbakir"


def test_export_uses_acled_country_names():
    rec = {
        "event_id": "a#1",
        "date": "2024-05-10",
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "location": {
            "name": "Rafah",
            "country": "PSE",
            "admin1": "Gaza Strip",
            "admin2": "Rafah",
            "lat": 31.3,
            "lon": 34.2,
        },
    }
    row = acled_row(rec)
    assert (row["country"], row["admin1"], row["admin2"], row["iso"]) == ("Palestine", "Gaza Strip", "Rafah", 275)
    assert country_name("NLD") == "Netherlands" and country_name("SYR") == "Syria"


# Regions German news writes about beyond the conflict countries (issue 12, item 6): English as ACLED writes it.
EUROPE = {
    "DEU": ["Bavaria", "North Rhine-Westphalia", "Lower Saxony", "Hesse", "Saxony", "Thuringia", "Berlin"],
    "AUT": ["Vienna", "Lower Austria", "Upper Austria", "Carinthia", "Styria", "Tyrol"],
    "CHE": ["Zurich", "Geneva", "Bern", "Grisons"],
    "BEL": ["Brussels", "Flanders", "Wallonia"],
    "NLD": ["North Holland", "South Holland", "Utrecht"],
    "GBR": ["England", "Scotland", "Wales", "Northern Ireland"],
}
NOT_ACLED = {"Bayern", "Brussel", "Flemish", "Wallonische", "Wien", "Kärnten", "Noord-Holland", "Utert", "Lloegr",
             "Graubünden", "Grigioni", "Nordrhein-Westfalen"}


@pytest.mark.parametrize("iso3", sorted(EUROPE))
def test_regions_german_news_writes_about_are_english(gaz, iso3):
    names = set(_regions(gaz, iso3).values())
    assert all(n.isascii() and PLAIN.match(n) for n in names), sorted(names)
    assert not names & NOT_ACLED, sorted(names & NOT_ACLED)
    assert set(EUROPE[iso3]) <= names, sorted(set(EUROPE[iso3]) - names)


def test_a_town_carries_the_english_name_of_its_land(gaz):
    def first(name):
        return gaz.places[gaz.lookup(name)[0][0]]

    assert first("München").admin1 == "Bavaria"
    assert first("Köln").admin1 == "North Rhine-Westphalia"
    assert first("Graz").admin1 == "Styria"
    assert first("Antwerpen").admin1 == "Flanders"
