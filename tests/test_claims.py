"""Claims that are no events: figures other than the dead, and who controls a place."""

from __future__ import annotations


def _claims(run, text, kind=None):
    return [c for c in run(text, "2017-09-10").claims if kind is None or c["kind"] == kind]


def test_share_of_a_province_held_by_a_group_with_its_source(run):
    (c,) = _claims(
        run, "Der IS kontrolliert nach Angaben der Beobachtungsstelle noch etwa 30 Prozent der Provinz Hama."
    )
    assert (c["kind"], c["value"], c["actor"], c["country"]) == ("control", 30, "Islamic State", "SYR")
    assert c["source"] == "Beobachtungsstelle" and c["date"] == "2017-09-10"
    assert "kontrolliert" in c["text"]


def test_control_over_a_city_belongs_to_the_event_of_its_sentence(run):
    doc = run("Die syrische Armee hat die volle Kontrolle über die Stadt Palmyra übernommen.", "2017-03-02")
    (c,) = [c for c in doc.claims if c["kind"] == "control"]
    assert c["actor"] == "Military Forces of Syria" and c["place"] == "Palmyra"
    assert c["event_id"] == doc.events[0]["event_id"]


def test_holder_after_unter_der_kontrolle(run):
    (c,) = _claims(run, "Die Stadt Mossul steht unter der Kontrolle des IS.", "control")
    assert c["actor"] == "Islamic State" and c["place"] == "Mosul"


def test_checkpoint_is_no_control_and_injured_are_a_figure_not_a_toll(run):
    claims = _claims(run, "Am Kontrollpunkt bei Homs wurden zwei Soldaten verletzt.")
    assert [(c["kind"], c["value"]) for c in claims] == [("injured", 2)]


def test_dead_injured_displaced_besieged_side_by_side(run):
    claims = _claims(
        run,
        "Bei dem Luftangriff auf Idlib wurden 12 Menschen getötet und 30 weitere verletzt, teilte der Zivilschutz mit. "
        "Mehr als 3.000 Menschen sind aus der Stadt geflohen. "
        "In Deir ez-Zor sind schätzungsweise 125.000 Menschen vom IS eingeschlossen.",
    )
    got = {(c["kind"], c["value"]) for c in claims}
    assert {("fatalities", 12), ("injured", 30), ("displaced", 3000), ("besieged", 125000)} <= got
    injured = next(c for c in claims if c["kind"] == "injured")
    assert injured["source"] == "Zivilschutz" and injured["place"] == "Idlib"
