"""Events the sentence tells at several places, or in ways the first triggers missed (recall rules)."""


def places(doc, sub=None):
    return sorted(e["location"]["name"] for e in doc.events if sub is None or e["sub_event_type"] == sub)


def test_regions_listed_after_a_town_are_each_a_scene(run):
    doc = run(
        "Russische Raketen schlugen in der Nacht in Kiew und den Gebieten Sumy, Poltawa und Lwiw ein.",
        "2024-08-26",
    )
    assert {"Kyiv", "Sumy Oblast", "Poltava Oblast", "Lviv Oblast"} <= set(places(doc))


def test_region_designator_keeps_a_list_going(run):
    doc = run("Russland griff Charkiw und die Region Donezk an.", "2024-08-26")
    assert places(doc) == ["Donetsk Oblast", "Kharkiv"]


def test_a_tally_of_places_lists_each_place(run):
    doc = run(
        "Neun Drohnen seien über der Region Saratow, drei über Kursk und jeweils zwei über Belgorod und Tula "
        "abgefangen worden, teilte das Ministerium mit.",
        "2024-08-26",
    )
    found = places(doc, "Disrupted weapons use")
    assert {"Saratov Oblast", "Kursk Oblast", "Belgorod Oblast", "Tula Oblast"} <= set(found)
