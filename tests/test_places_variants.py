"""Spelling variants from the one rule set (lang/de/transliteration.tsv), tried by `lagebild geocode` on misses."""

import math

import pytest

from lagebild.lang import load_language
from lagebild.places.geocode import Geocoder
from lagebild.places.variants import Variants, variants_for


@pytest.fixture(scope="module")
def geo():
    return Geocoder(load_language("de"))


def km(a, lat, lon):
    la1, lo1, la2, lo2 = map(math.radians, (a["lat"], a["lon"], lat, lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def test_rule_file_reads_and_rounds_grow_by_one_change():
    rules = variants_for(load_language("de"))
    assert len(rules.rules) >= 20
    rounds = list(rules.rounds("Tahanroh"))
    assert 1 <= len(rounds) <= 2
    assert "taganroh" in rounds[0]  # one h → g
    assert "taganrog" in rounds[1]  # both
    assert "armjansk" in next(rules.rounds("Armjanske"))  # an ending row applies at the end of a word only
    end_only = Variants([{"where": "end", "forms": "ske|sk"}])
    assert list(end_only.rounds("Skelos")) == []
    assert list(end_only.rounds("Orske")) == [["orsk"]]


@pytest.mark.parametrize(
    "row",
    [{"where": "middle", "forms": "a|b"}, {"where": "any", "forms": "a"}, {"where": "any", "forms": "Ä|a"}],
)
def test_bad_rule_rows_are_named(row):
    with pytest.raises(ValueError, match="row 1"):
        Variants([row])


@pytest.mark.parametrize(
    ("mention", "hint", "lat", "lon"),
    [
        ("Tahanroh", "RUS", 47.22, 38.90),  # Ukrainian h for Russian g: Taganrog
        ("Schebekyne", "RUS", 50.41, 36.90),  # -yne for -ino: Shebekino
        ("Armjanske", "UKR", 46.11, 33.69),  # -ske for -sk: Armyansk
        ("Hukowo", "RUS", 48.06, 39.94),  # Gukovo
    ],
)
def test_variant_finds_the_town(geo, mention, hint, lat, lon):
    assert geo.candidates(mention.lower() + "xx") == []  # sanity: the rules do not invent names from noise
    ans = geo.resolve(mention, f"Explosionen in {mention}", hint)
    assert ans["lat"] is not None and km(ans, lat, lon) <= 25, ans


def test_names_found_as_written_never_try_variants(geo, monkeypatch):
    def fail(name):
        raise AssertionError(f"variants tried for {name}")

    monkeypatch.setattr(geo.variants, "rounds", fail)
    assert geo.resolve("Kramatorsk", "Angriff auf Kramatorsk", None)["country"] == "UKR"
    assert geo.resolve("Taganrog", "", None)["country"] == "RUS"


def test_a_variant_guess_abroad_abstains(geo):
    # found only by a variant, in a country neither the text nor the hint names: no answer, with the reason
    ans = geo.resolve("Schtschastja", "Das Kraftwerk wurde zerstört.", None)
    assert ans["lat"] is None and "guess" in ans["reason"]
    ans = geo.resolve("Schtschastja", "Das ukrainische Kraftwerk von Schtschastja wurde zerstört.", None)
    assert ans["country"] == "UKR" and km(ans, 48.74, 39.23) <= 25
