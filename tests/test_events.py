"""Event extraction: types, roles, places, dates, tolls, sources, what is not an event."""

import pytest

from lagebild.doc import Article, ArticleDate
from tests.conftest import DEV_GOLD, needs_shared


def ev(doc):
    return [
        (
            e["event_type"],
            e["sub_event_type"],
            (e["actor1"] or {}).get("country") or (e["actor1"] or {}).get("group"),
            (e["actor2"] or {}).get("group") or (e["actor2"] or {}).get("kind"),
            e["location"]["name"],
            e["date"],
            e["fatalities"],
        )
        for e in doc.events
    ]


def test_territory_retaken_by_state_at_home(run):
    doc = run("Die syrischen Regierungstruppen haben die Stadt Palmyra von der Terrormiliz IS befreit.", "2017-03-02")
    (e,) = doc.events
    assert e["sub_event_type"] == "Government regains territory"
    assert e["actor1"]["country"] == "SYR" and e["actor1"]["kind"] == "state"
    assert e["actor2"]["group"] == "IS"
    assert e["location"]["country"] == "SYR"


def test_territory_taken_by_foreign_forces(run):
    doc = run(
        "Russische Truppen haben nach eigenen Angaben das Dorf Krasnohoriwka in der Oblast Donezk erobert.",
        "2024-09-05",
    )
    (e,) = [x for x in doc.events if x["event_type"] == "Battles"]
    assert e["sub_event_type"] == "Non-state actor overtakes territory"
    assert e["actor1"]["kind"] == "external" and e["actor1"]["country"] == "RUS"
    assert e["sources"] and "Russische Truppen".lower() in e["sources"][0]["name"].lower()


def test_air_strike_with_passive_agent_and_hedged_toll(run):
    doc = run(
        "Ein Konvoi des IS wurde nach Angaben des russischen Verteidigungsministeriums von der russischen "
        "Luftwaffe nahe der Stadt Rakka bombardiert. Dabei sollen über 60 Kämpfer getötet worden sein.",
        "2017-08",
    )
    (e,) = doc.events
    assert e["sub_event_type"] == "Air/drone strike"
    assert e["actor1"]["country"] == "RUS" and e["actor1"]["kind"] == "external"
    assert e["actor2"]["group"] == "IS"
    assert e["fatalities"] == 60
    assert e["location"]["geo_precision"] == 2
    assert "verteidigungsministerium" in e["sources"][0]["name"].lower()
    assert len(e["evidence"]) == 2


def test_injured_are_not_dead(run):
    doc = run("Bei einem Raketenangriff auf Charkiw wurden am Dienstag zwölf Menschen verletzt.", "2024-05-10")
    (e,) = doc.events
    assert e["sub_event_type"] == "Shelling/artillery/missile attack"
    assert e["fatalities"] is None and e["date"] == "2024-05-07"


def test_three_cities_three_events(run):
    doc = run("Russland griff in der Nacht zum Freitag Charkiw, Odessa und Dnipro mit Raketen an.", "2024-05-10")
    assert sorted(e["location"]["name"] for e in doc.events) == ["Dnipro", "Kharkiv", "Odesa"]
    assert all(e["date"] == "2024-05-10" for e in doc.events)


@pytest.mark.parametrize(
    "text",
    [
        "Die Hisbollah drohte mit Raketenangriffen auf Haifa.",
        "Israel könnte schon bald eine Bodenoffensive in Rafah beginnen.",
        "Die Armee plant einen Angriff auf Kupjansk.",
        "Das Ministerium dementierte einen Luftangriff auf Aleppo.",
        "Tausende nahmen an der Beerdigung der Opfer des Anschlags in Ankara teil.",
        "Das ukrainische Militär bestreitet, zivile Ziele in Belgorod anzugreifen.",
        "Seine Zellen verüben in der Provinz Kirkuk weiterhin Anschläge.",
        "Wollte die PKK mit dem Anschlag in Ankara die Gespräche sabotieren?",
        "Der Norden Israels steht seit dem 3. März unter Raketenbeschuss der Hisbollah aus dem Libanon.",
        # a habit, an ongoing state, a build-up
        "Jeden Freitag protestierten Hunderte in Hebron gegen die Besatzung.",
        "Im Gazastreifen werden noch immer 120 Geiseln von der Hamas festgehalten.",
        "Russland hat bei Kursk 50.000 Soldaten zur Gegenoffensive zusammengezogen.",
        # words in another sense: a blaze in a company, people displaced, a treaty between allies
        "Der Gouverneur sagte, das Feuer in einem Unternehmen in Kaluga sei gelöscht worden.",
        "Durch die Kämpfe wurden in Goma 400.000 Menschen vertrieben.",
        "Putin und Kim unterzeichneten in Pjöngjang ein Abkommen über eine engere Zusammenarbeit.",
        # an aim, a question, what a weapon serves
        "Die Miliz schickte Kämpfer nach Kusair, um die Stadt im Falle eines Angriffs zu verteidigen.",
        "Katars Regierungschef fragte, wer im Gazastreifen die Kontrolle übernahm.",
        "Russland setzte in der Ukraine auf Kamikaze-Drohnen für Angriffe auf Kiew.",
        "Mit Sprengladungen bestückte, unbemannte Fluggeräte werden bei Attacken auf Kiew eingesetzt.",
        "Die Polizei räumte am Mittwoch in Washington ein Camp ohne Festnahmen.",
        # a verb inside a noun, a ball intercepted, a capability
        "Bayern unterlag in München dem FC Chelsea am Samstag mit 3:4 im Elfmeterschießen.",
        "In Dortmund hatte Openda den Ball am Samstag vorher abgefangen.",
        "Das System kann in Israel ankommende ballistische Raketen abschießen.",
        "Beim Zeitfahren in Nizza gewann Pogacar am Sonntag mit einer Machtdemonstration.",
    ],
)
def test_not_events(run, text):
    assert run(text, "2024-05-10").events == []


def test_toll_subsets_and_single_victims(run):
    doc = run(
        "Bei einem israelischen Luftangriff auf Bint Dschbeil sind am Dienstag mindestens sechs Menschen "
        "getötet worden, darunter zwei Kinder.",
        "2024-03-13",
    )
    (e,) = doc.events
    assert e["fatalities"] == 6 and e["actor2"]["kind"] == "civilians"
    doc = run("Russische Artillerie beschoss am Montag die Stadt Cherson. Ein Mann wurde getötet.", "2024-09-24")
    (e,) = doc.events
    assert e["fatalities"] == 1 and len(e["evidence"]) == 2


def test_attack_abroad_without_ground_troops_is_a_strike(run):
    doc = run("Israels Armee hat nach eigenen Angaben am Freitag ein Gebäude in Beirut angegriffen.", "2024-09-20")
    (e,) = doc.events
    assert e["sub_event_type"] == "Air/drone strike" and e["actor1"]["country"] == "ISR"
    assert "armee" in e["sources"][0]["name"].lower()


def test_background_is_a_dated_claim_not_the_articles_event(run):
    doc = run(
        "Bereits vor einigen Wochen hatte die Terrormiliz die Stadt Mossul an die irakische Armee verloren.", "2017-11"
    )
    assert doc.events == []
    (claim,) = [c for c in doc.claims if c["kind"] == "background_event"]
    assert "Mosul, 2017:" in claim["text"] and "2017-11" not in claim["text"]
    assert doc.text[claim["start"] : claim["end"]].startswith("Bereits vor einigen Wochen")


def test_toll_claims_keep_every_figure(run):
    doc = run(
        "Bei dem Luftangriff auf Idlib wurden am Montag nach Angaben der Beobachtungsstelle mindestens zehn "
        "Menschen getötet. Das Gesundheitsministerium sprach von 14 Toten.",
        "2023-11-14",
    )
    (e,) = doc.events
    tolls = sorted((c["value"], c["source"]) for c in doc.claims if c["kind"] == "fatalities")
    assert e["fatalities"] == 10 and [v for v, _ in tolls] == [10, 14]
    assert "Beobachtungsstelle" in tolls[0][1]


def test_evidence_offsets(run):
    text = "Titel ohne Punkt\n\nAm Montag schlug eine Rakete in Dnipro ein. Zwei Menschen starben."
    doc = run(text, "2024-11-21")
    for e in doc.events:
        for span in e["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]


@needs_shared(DEV_GOLD)
def test_seed_articles_required_events(pipe):
    """The two seed articles: every required gold event is found with the right type and place."""
    from lagebild.evaluate import load_gold, score
    from lagebild.reader import read_paths

    seeds = ["000_04ee2270d6f1fa56", "003_065b40b97356b0c7"]
    gold = {k: v for k, v in load_gold(DEV_GOLD).items() if k in seeds}
    pred = {a.id: pipe.extract(a) for a in read_paths([str(DEV_GOLD / f"{s}.txt") for s in seeds])}
    res = score(gold, pred)
    assert res.fn == 0
    assert res.accuracy("sub_event_type") == 1.0 and res.accuracy("location") == 1.0
    assert res.accuracy("actor1") == 1.0 and res.accuracy("fatalities") == 1.0
    assert res.accuracy("sources") == 1.0


def test_attributive_von_is_not_the_agent(run):
    doc = run(
        "Eine Rakete schlug am Samstag in der von Israel besetzten Stadt Kuneitra ein. Zwölf Kinder wurden getötet.",
        "2024-07-27",
    )
    (e,) = doc.events
    assert e["actor1"] is None and e["fatalities"] == 12
    assert e["sub_event_type"] == "Shelling/artillery/missile attack"


def test_anaphor_points_to_the_place_named_before_the_sentence(run):
    doc = run(
        "Ukrainische Truppen haben das Dorf Staromajorske zurückerobert. Einheiten hätten die Ortschaft "
        "am Donnerstag unter ihre Kontrolle gebracht, teilte der Generalstab in Kiew mit.",
        "2023-07-28",
    )
    assert {e["location"]["name"] for e in doc.events} == {"Staromaiorske"}
    assert all(e["sub_event_type"] == "Government regains territory" for e in doc.events)


def test_struck_home_makes_civilians_the_target(run):
    doc = run("Russische Artillerie hat am Dienstag ein Wohnhaus in Cherson getroffen.", "2024-09-24")
    (e,) = doc.events
    assert e["event_type"] == "Explosions/Remote violence"
    assert e["actor2"]["kind"] == "civilians" and e["actor2"]["country"] == "UKR"


def test_one_person_killed_is_a_civilian_victim(run):
    doc = run("Bei einem russischen Drohnenangriff auf Odessa ist am Montag eine Frau getötet worden.", "2024-11-18")
    (e,) = doc.events
    assert e["actor2"]["kind"] == "civilians"


def test_hospital_named_as_source_is_no_target(run):
    doc = run(
        "Nach Angaben eines Krankenhauses schlugen am Montag Granaten in Sake ein.",
        "2024-02-08",
    )
    (e,) = doc.events
    assert e["actor2"] is None


def test_attack_abroad_killing_civilians_is_a_strike(run):
    doc = run("Durch einen russischen Angriff wurde in der Stadt Luzk ein Mensch getötet.", "2024-08-25")
    (e,) = doc.events
    assert e["event_type"] == "Explosions/Remote violence"
    assert e["actor2"]["kind"] == "civilians"


def test_ground_operation_abroad_is_no_air_strike(run):
    doc = run("Bei einem israelischen Militäreinsatz in Dschenin wurden fünf Menschen getötet.", "2024-07-11")
    assert all(e["event_type"] != "Explosions/Remote violence" for e in doc.events)


def test_people_of_a_territory_without_army_are_civilians(run):
    doc = run("Israelische Soldaten erschossen am Montag in Hebron einen Palästinenser.", "2015-10-05")
    (e,) = doc.events
    assert e["actor1"]["country"] == "ISR"
    assert e["actor2"]["kind"] == "civilians" and e["actor2"]["country"] == "PSE"


def test_armed_people_of_a_territory_are_an_armed_group(run):
    doc = run(
        "Die israelische Armee lieferte sich am Montag in Dschenin Gefechte mit bewaffneten Palästinensern.",
        "2024-07-10",
    )
    (e,) = doc.events
    assert e["event_type"] == "Battles"
    assert e["actor2"]["kind"] == "rebel" and e["actor2"]["country"] == "PSE"


def test_army_in_a_territory_without_army_is_the_other_sides(run):
    doc = run(
        "Die israelische Armee meldete Kämpfe im Norden. Am Montag nahm die Armee in Nablus 18 Verdächtige fest.",
        "2024-07-11",
    )
    (e,) = [x for x in doc.events if x["sub_event_type"] == "Arrests"]
    assert e["actor1"]["country"] == "ISR"


def test_group_fighting_in_a_territory_without_army_fights_the_named_forces(run):
    doc = run(
        "Die israelischen Truppen rückten weiter vor. Die Hamas griff am Sonntag die Truppen in Rafah an.", "2024-05-12"
    )
    (e,) = [x for x in doc.events if (x["actor1"] or {}).get("group") == "HAMAS"]
    assert e["actor2"]["country"] == "ISR"


def test_explosions_heard_take_the_articles_strike_type(run):
    doc = run(
        "Russland hat die Stadt Dnipro am Sonntag mit Raketen angegriffen. "
        "Explosionen wurden am Sonntag auch aus der Stadt Odessa gemeldet.",
        "2024-11-17",
    )
    (e,) = [x for x in doc.events if x["location"]["name"] == "Odesa"]
    assert e["sub_event_type"] == "Shelling/artillery/missile attack"


def test_explosion_alone_is_an_explosive_device(run):
    doc = run("In der Stadt Yola ist am Montag eine Bombe explodiert, zehn Menschen wurden getötet.", "2015-09-21")
    (e,) = doc.events
    assert e["sub_event_type"] == "Remote explosive/landmine/IED"


def test_pager_explosions_keep_their_device_in_an_article_about_air_strikes(run):
    doc = run(
        "Israels Luftwaffe hat am Dienstag Ziele in Tyros bombardiert. "
        "Am Dienstag sind in Beirut hunderte Pager explodiert.",
        "2024-09-17",
    )
    (e,) = [x for x in doc.events if x["location"]["name"] == "Beirut"]
    assert e["sub_event_type"] == "Remote explosive/landmine/IED"


def test_own_mercenaries_are_no_opponent(run):
    doc = run(
        "Die Wagner-Gruppe kämpft seit Monaten an der Front. Die Wagner-Söldner rückten vor. "
        "Russische Truppen haben am Montag die Stadt Charkiw angegriffen.",
        "2024-05-10",
    )
    (e,) = [x for x in doc.events if (x["actor1"] or {}).get("country") == "RUS" and not x["actor1"]["group"]]
    assert (e["actor2"] or {}).get("group") != "WAGNER"


def test_group_of_a_third_country_is_no_opponent(run):
    doc = run(
        "Die Hisbollah feuerte Raketen auf Israel. Die Hisbollah drohte mit mehr. "
        "Israelische Kampfflugzeuge haben am Sonntag Chan Junis im Gazastreifen bombardiert.",
        "2024-10-13",
    )
    (e,) = [x for x in doc.events if x["sub_event_type"] == "Air/drone strike"]
    assert e["actor1"]["country"] == "ISR"
    assert (e["actor2"] or {}).get("group") != "HEZBOLLAH"


def test_weapon_in_the_dative_names_its_country(run):
    doc = run(
        "Am Montag wurde die Stadt Wowtschansk von russischen Kampfflugzeugen mit Gleitbomben bombardiert.",
        "2024-05-10",
    )
    (e,) = doc.events
    assert e["sub_event_type"] == "Air/drone strike"
    assert e["actor1"]["country"] == "RUS"


def test_owners_of_exploded_devices_are_struck(run):
    doc = run("In Beirut sind am Dienstag hunderte Pager von Hisbollah-Kämpfern explodiert.", "2024-09-17")
    (e,) = doc.events
    assert e["actor1"] is None
    assert e["actor2"]["group"] == "HEZBOLLAH"


def test_unclaimed_strike_in_a_war_between_two_states_came_from_the_other(run):
    doc = run(
        "Russische Truppen haben am Montag die Stadt Charkiw mit Raketen beschossen. "
        "Die ukrainische Armee hat am Montag die Stadt Kursk mit Drohnen angegriffen. "
        "Am Montag wurde zudem die Stadt Belgorod mit Raketen beschossen.",
        "2024-05-20",
    )
    (e,) = [x for x in doc.events if x["location"]["name"] == "Belgorod"]
    assert e["actor1"]["country"] == "UKR"


def test_unclaimed_strike_in_a_civil_war_stays_unclaimed(run):
    doc = run(
        "Russische Kampfflugzeuge haben am Montag die Stadt Idlib bombardiert. "
        "Am Montag schlugen zudem Granaten in der Stadt Ariha ein.",
        "2024-06-17",
    )
    (e,) = [x for x in doc.events if x["location"]["name"] == "Ariha"]
    assert e["actor1"] is None


def test_drones_shot_down_over_a_state_at_war_were_shot_down_by_it(run):
    doc = run(
        "Russische Truppen haben am Sonntag die Stadt Charkiw mit Raketen beschossen. "
        "Die ukrainische Armee hat am Sonntag die Stadt Kursk mit Drohnen angegriffen. "
        "Über der Stadt Tula wurden am Sonntag zwei Drohnen abgeschossen.",
        "2024-08-25",
    )
    (e,) = [x for x in doc.events if x["location"]["name"] == "Tula"]
    assert e["sub_event_type"] == "Disrupted weapons use"
    assert e["actor1"]["country"] == "RUS" and e["actor2"]["country"] == "UKR"


def test_apposition_names_a_group_without_key(run):
    doc = run(
        "Regierungstruppen und die Rebellengruppe M23 lieferten sich am Mittwoch Gefechte bei Sake.", "2024-02-07"
    )
    (e,) = doc.events
    sides = {(e["actor1"] or {}).get("name"), (e["actor2"] or {}).get("name")}
    assert "M23" in sides


def test_country_inside_a_name_is_no_actor(run):
    doc = run(
        "Im Osten der Demokratischen Republik Kongo haben Rebellen am Mittwoch die Stadt Sake angegriffen.",
        "2024-02-07",
    )
    (e,) = doc.events
    assert e["actor1"]["kind"] == "rebel"


def test_target_of_a_named_attack_beats_the_dead_it_left(run):
    doc = run(
        "Bei einem Selbstmordanschlag auf einen Kontrollpunkt der Taliban in Dschalalabad sind am Dienstag "
        "zwei Menschen getötet worden.",
        "2024-04-02",
    )
    (e,) = doc.events
    assert e["actor2"]["group"] == "TALIBAN"


def test_country_in_a_genitive_of_place_is_no_side(run):
    doc = run("Israelische Kampfflugzeuge haben am Dienstag Ziele im Süden des Libanon bombardiert.", "2024-03-12")
    (e,) = doc.events
    assert e["actor1"]["country"] == "ISR"
    assert e["actor2"] is None


def test_country_in_the_genitive_of_an_attack_attacked(run):
    doc = run("Nach dem Angriff des Irans griff Israel am Freitag die Stadt Isfahan an.", "2024-04-19")
    assert any((e["actor1"] or {}).get("country") == "ISR" for e in doc.events)


def test_forces_without_country_facing_a_named_side_are_the_other_side(run):
    doc = run(
        "Russische Truppen haben am Montag bei Wowtschansk die Stellungen der Truppen angegriffen. "
        "Russische Soldaten rückten vor.",
        "2024-05-10",
    )
    (e,) = [x for x in doc.events if (x["actor1"] or {}).get("country") == "RUS"]
    assert e["actor2"]["country"] == "UKR"


def test_government_troops_belong_to_the_place(run):
    doc = run(
        "US-Kampfflugzeuge bombardierten Ziele im Jemen. Amerikanische Truppen meldeten Erfolge. "
        "In der Stadt Taiz nahmen Regierungstruppen am Montag fünf Huthi-Kämpfer fest.",
        "2024-03-04",
    )
    (e,) = [x for x in doc.events if x["sub_event_type"] == "Arrests"]
    assert e["actor1"]["country"] == "YEM"


def test_troops_of_the_government_belong_to_the_place(run):
    doc = run(
        "US-Kampfflugzeuge bombardierten Ziele im Jemen. Amerikanische Truppen meldeten Erfolge. "
        "In der Stadt Taiz nahmen Truppen der anerkannten Regierung am Montag fünf Huthi-Kämpfer fest.",
        "2024-03-04",
    )
    (e,) = [x for x in doc.events if x["sub_event_type"] == "Arrests"]
    assert e["actor1"]["country"] == "YEM"


def test_subject_of_the_triggers_own_clause_acts(run):
    doc = run(
        "In Taiz wurden am Montag drei Soldaten getötet, als die Huthis eine Stellung der Armee angriffen.",
        "2024-03-04",
    )
    (e,) = doc.events
    assert e["actor1"]["group"] == "HOUTHI"


def test_missiles_and_drones_together_are_a_missile_attack(run):
    doc = run(
        "Russland hat am Sonntag die Stadt Kiew mit Raketen, Marschflugkörpern und Drohnen beschossen.", "2024-08-26"
    )
    (e,) = doc.events
    assert e["sub_event_type"] == "Shelling/artillery/missile attack"


def test_drones_alone_are_a_drone_strike(run):
    doc = run("Russland hat am Sonntag die Stadt Kiew mit Drohnen beschossen.", "2024-08-26")
    (e,) = doc.events
    assert e["sub_event_type"] == "Air/drone strike"


def test_police_belongs_to_the_place_and_ending_a_protest_intervenes(run):
    doc = run(
        "Israelische Soldaten griffen am Montag Chan Junis an. Die israelische Armee meldete Erfolge. "
        "An der Universität Utrecht beendete die Polizei am Montag eine Demonstration.",
        "2024-05-08",
    )
    (e,) = [x for x in doc.events if x["event_type"] == "Protests"]
    assert e["sub_event_type"] == "Protest with intervention"
    assert e["actor2"]["country"] == "NLD"


def test_an_army_that_is_a_foreign_states_takes_ground_it_did_not_hold(run):
    doc = run(
        "Russische Truppen griffen am Freitag an. Russische Soldaten rückten vor. "
        "Die Armee hat am Freitag das Dorf Archanhelske in der ostukrainischen Region Donezk eingenommen.",
        "2024-05-24",
    )
    (e,) = [x for x in doc.events if x["event_type"] == "Battles" and x["sub_event_type"] != "Armed clash"]
    assert e["sub_event_type"] == "Non-state actor overtakes territory"
    assert e["actor1"]["country"] == "RUS"


def test_event_named_after_a_temporal_preposition_is_a_reference(run):
    doc = run(
        "Kurz nach dem Attentat schlug die Türkei zurück: Das Verteidigungsministerium meldete Luftangriffe auf "
        "Stellungen im Nordirak.",
        "2024-10-23",
    )
    assert [e["sub_event_type"] for e in doc.events] == ["Air/drone strike"]


def test_pluperfect_with_another_month_is_background(run):
    doc = run(
        "Im Mai waren bei einem Bombenanschlag auf einen Markt in Tunis 14 Menschen getötet worden.",
        "2016",
    )
    assert doc.events == []
    assert any(c["kind"] == "background_event" for c in doc.claims)


def test_pluperfect_with_a_weekday_stays_news(run):
    doc = run("US-Kampfflugzeuge hatten das Lager nahe Sabratha am Freitag angegriffen.", "2016")
    (e,) = doc.events
    assert e["sub_event_type"] == "Air/drone strike"


def test_attributive_participle_does_not_make_a_habit_an_event(run):
    doc = run(
        "Nach ukrainischen Angaben kämpfen Söldner aus Nordkorea in der von der Ukraine kontrollierten "
        "russischen Region Kursk.",
        "2024-12-27",
    )
    assert doc.events == []


def test_freeing_hostages_is_a_raid_not_territory(run):
    doc = run("Israelische Soldaten haben am Samstag in Nuseirat vier Geiseln der Hamas befreit.", "2024-06-08")
    (e,) = doc.events
    assert (e["event_type"], e["sub_event_type"]) == ("Battles", "Armed clash")


def test_freeing_prisoners_is_no_event(run):
    doc = run("Die Rebellen haben am Samstag in Hama Hunderte Häftlinge aus einem Gefängnis befreit.", "2024-12-07")
    assert doc.events == []


def test_freeing_a_town_is_territory(run):
    doc = run("Die syrische Armee hat am Samstag die Stadt Palmyra vom IS befreit.", "2017-03-04")
    (e,) = doc.events
    assert e["sub_event_type"] == "Government regains territory"


def test_event_noun_in_a_genitive_is_a_reference(run):
    """A re-mention ("Opfer des Beschusses") makes no second event: it is evidence of the one told before."""
    doc = run(
        "In Belgorod schlugen am Montag Raketen ein. "
        "Opfer des Beschusses in Belgorod seien unschuldige Menschen, darunter auch Kinder, schrieb er.",
        "2024-05-24",
    )
    (e,) = doc.events
    assert [x["text"][:5] for x in e["evidence"]] == ["In Be", "Opfer"]
    assert e["date"] == "2024-05-20"


@pytest.mark.parametrize(
    "sentence",
    [
        "In Mossul ist die Zahl der Toten nach dem Anschlag am Montag auf 23 gestiegen.",
        "Die Opferzahl des Anschlags am Montag in Mossul liegt bei 23.",
    ],
)
def test_a_count_of_the_dead_is_a_toll(run, sentence):
    doc = run("Bei einem Bombenanschlag auf einen Markt in Mossul wurden am Montag zwölf Menschen getötet. " + sentence)
    (e,) = doc.events
    assert sorted(c["value"] for c in doc.claims if c["kind"] == "fatalities") == [12, 23]
    assert e["fatalities"] == 12  # the lowest figure, every one kept as a claim


def test_a_re_mention_gives_the_event_told_before_its_date(run):
    doc = run(
        "Zahl der Toten nach Beschuss in Al-Faschir steigt auf 23\n\n"
        "Nach dem Beschuss des Marktes in Al-Faschir am Mittwoch stieg die Zahl der Toten auf 23.",
        "2024-06-27",
    )
    (e,) = doc.events
    assert e["date"] == "2024-06-26" and e["fatalities"] == 23 and len(e["evidence"]) == 2


def test_a_sides_own_account_is_its_source(run):
    doc = run("Nach ukrainischen Angaben griff Russland am Montag Saporischschja mit Raketen an.", "2024-11-21")
    (e,) = doc.events
    assert e["sources"][0]["name"] == "ukrainische Angaben" and e["sources"][0]["country"] == "UKR"


def test_report_compound_names_its_reporter(run):
    doc = run("In Hebron erschossen israelische Soldaten nach Armeeangaben am Montag eine Frau.", "2015-10-05")
    (e,) = doc.events
    assert e["sources"][0]["name"] == "Armeeangaben"


def test_source_phrase_stops_at_the_verb(run):
    doc = run("Nach Angaben des Ministeriums wurde Charkiw am Montag bombardiert.", "2024-11-21")
    (e,) = doc.events
    assert e["sources"][0]["name"] == "Ministeriums"


def test_the_event_reported_is_no_source(run):
    doc = run(
        "Die Hisbollah griff am Mittwoch einen Armeeposten bei Metula mit Raketen an. "
        "Die israelische Armee bestätigte einen Einschlag bei Metula.",
        "2024-03-13",
    )
    names = [s["name"] for e in doc.events for s in e["sources"]]
    assert "Einschlag" not in names


def test_hospital_still_reports(run):
    doc = run(
        "Nach Angaben des Krankenhauses wurden am Montag bei einem Luftangriff in Rafah fünf Menschen getötet.",
        "2024-05-08",
    )
    assert any(s["name"] == "Krankenhauses" for e in doc.events for s in e["sources"])


def test_the_attack_nouns_own_adjective_names_the_attacker(run):
    doc = run(
        "Ein erneuter russischer Großangriff nahe der Stadt Charkiw bringt die ukrainischen Truppen am Freitag in "
        "Bedrängnis.",
        "2024-05-10",
    )
    (e,) = doc.events
    assert e["actor1"]["country"] == "RUS" and e["actor2"]["country"] == "UKR"
    assert e["event_type"] == "Battles"


def test_a_source_adjective_names_no_attacker(run):
    doc = run(
        "Nach ukrainischen Angaben beschoss Russland am Donnerstag Saporischschja mit Marschflugkörpern.", "2024-11-21"
    )
    (e,) = doc.events
    assert e["actor1"]["country"] == "RUS"


def test_merge_does_not_make_the_struck_side_the_attacker(run):
    doc = run(
        "In Beirut sind am Dienstag hunderte Funkgeräte von Hisbollah-Kämpfern explodiert. "
        "Der Sohn eines Hisbollah-Mitglieds starb in Beirut, als das Funkgerät seines Vaters explodierte.",
        "2024-09-17",
    )
    (e,) = doc.events
    assert e["actor1"] is None and e["actor2"]["group"] == "HEZBOLLAH"


def test_claimed_attack_was_made_by_the_claimant(run):
    doc = run(
        "Bei einem Selbstmordanschlag in Dschalalabad sind am Dienstag zwei Menschen getötet worden. "
        "Die Terrormiliz IS-Khorasan reklamierte die Tat über ihr Sprachrohr Amak für sich.",
        "2024-04-02",
    )
    (e,) = doc.events
    assert e["actor1"]["name"] == "Islamic State Khorasan Province"


def test_nobody_claiming_an_attack_names_no_attacker(run):
    doc = run(
        "Bei einem Selbstmordanschlag in Dschalalabad sind am Dienstag zwei Menschen getötet worden. "
        "Zu der Tat bekannte sich zunächst niemand, die Taliban vermuten den IS.",
        "2024-04-02",
    )
    (e,) = doc.events
    assert e["actor1"] is None


def test_a_name_in_brackets_is_the_same_side(run):
    doc = run(
        "Am Samstag war nahe Tus Churmatu ein Fahrzeug der Volksmobilisierungseinheiten (Haschd al-Schaabi) "
        "auf einen Sprengsatz gefahren.",
        "2023-12-04",
    )
    (e,) = doc.events
    assert e["actor1"] is None and e["actor2"]["group"] == "PMF"


def test_the_army_is_not_that_of_forces_only_mentioned(run):
    doc = run(
        "Französische Truppen hatten das Land 2022 verlassen. Französische Soldaten sind nicht mehr dort. "
        "Am Sonntag wurden bei einem Drohnenangriff der Armee auf einen Wochenmarkt nahe der Stadt Goundam "
        "in der Region Timbuktu acht Zivilisten getötet.",
        "2024-05-12",
    )
    (e,) = doc.events
    assert e["actor1"]["country"] == "MLI"


def test_unclaimed_air_strike_came_from_the_one_side_flying_there(run):
    doc = run(
        "US-Kampfflugzeuge haben am Dienstag Stellungen der Huthis bei Hodeida bombardiert. "
        "Auch der Flughafen der Hauptstadt Sanaa sei am Dienstag bombardiert worden.",
        "2024-03-05",
    )
    (e,) = [x for x in doc.events if x["location"]["name"] == "Sanaa"]
    assert e["actor1"]["country"] == "USA"


def test_one_named_person_killed_is_a_toll_of_one(run):
    doc = run(
        "Bei einem Drohnenangriff nahe der Stadt Raqqa ist am Montag ein Kommandant der Terrormiliz IS getötet worden.",
        "2016-03-07",
    )
    (e,) = doc.events
    assert e["fatalities"] == 1


def test_coordinated_tolls_add_up(run):
    doc = run(
        "In Donezk sind am Mittwoch durch ukrainisches Artilleriefeuer ein Mann und eine Frau getötet worden.",
        "2024-06-19",
    )
    (e,) = doc.events
    assert e["fatalities"] == 2


def test_disputed_tolls_keep_the_lowest(run):
    doc = run(
        "Bei einem Luftangriff auf Rafah wurden am Montag nach palästinensischen Angaben 20 Menschen getötet, "
        "die Armee sprach von zwölf Toten.",
        "2024-05-08",
    )
    (e,) = doc.events
    assert e["fatalities"] == 12


def test_source_phrase_stops_at_a_figure(run):
    doc = run(
        "In Rafah sind nach Angaben eines örtlichen Krankenhauses sieben Menschen bei einem israelischen "
        "Luftangriff getötet worden.",
        "2024-05-08",
    )
    (e,) = doc.events
    assert e["sources"][0]["name"] == "örtliche Krankenhaus"
    assert e["actor2"]["kind"] == "civilians"


def test_a_follow_up_opening_with_nach_dem_anschlag_tells_the_event(run):
    doc = run(
        "Nach dem Selbstmordanschlag auf ein Café in Mogadischu am Samstagabend ist die Zahl der Toten auf neun "
        "gestiegen.",
        "2024-09-15",
    )
    (e,) = doc.events
    assert e["sub_event_type"] == "Suicide bomb"


def test_a_bare_plural_in_a_timeless_sentence_is_a_policy(run):
    doc = run("Israel antwortet in Beirut mit Gegenangriffen, um die eigene Bevölkerung zu schützen.", "2024-09-17")
    assert doc.events == []


def test_a_bare_plural_with_a_date_is_an_act(run):
    doc = run("Israel reagierte am Dienstag in Beirut mit Luftangriffen.", "2024-09-17")
    assert [e["sub_event_type"] for e in doc.events] == ["Air/drone strike"]


def test_claim_names_an_attacker_given_only_as_a_kind(run):
    doc = run(
        "Der Konvoi sei am Dienstag auf der Straße zwischen Niono und Diabaly in der Region Ségou von "
        "„bewaffneten Terroristen“ angegriffen worden, teilte der Generalstab in Bamako mit. "
        "Die Gruppe JNIM reklamierte den Angriff für sich.",
        "2024-05-14",
    )
    (e,) = [x for x in doc.events if x["event_type"] == "Battles"]
    assert e["actor1"]["group"] == "JNIM"


def test_earlier_attacks_named_for_comparison_are_no_event(run):
    doc = run(
        "Die Behörden in Maiduguri nannten am Montag keine Einzelheiten zu der Explosion, die an frühere Anschläge "
        "von Boko Haram erinnert.",
        "2015-09-21",
    )
    assert doc.events == []


def test_a_governments_seat_is_no_event_place(run):
    doc = run(
        "Gleichzeitig bemühte sich die Regierung in Moskau, Berichte über einen ukrainischen Durchbruch zu "
        "entkräften: Das Verteidigungsministerium erklärte, der Vorstoß sei zurückgeschlagen worden.",
        "2024-08-08",
    )
    assert doc.events == []


def test_a_month_called_past_is_background(run):
    doc = run("Bei einem Anschlag in dem Badeort Hammamet im vergangenen Juni wurden 12 Urlauber getötet.", "2016")
    assert doc.events == []


def test_an_evacuation_ordered_is_no_event(run):
    doc = run("Die Behörden ordneten am Donnerstag die Räumung mehrerer Dörfer im Gebiet Sumy an.", "2024-08-08")
    assert doc.events == []


def test_a_denied_dass_clause_is_no_event(run):
    doc = run(
        "Ein Taliban-Sprecher bestritt, dass in Kabul am Dienstag Frauen festgenommen worden seien.", "2024-04-02"
    )
    assert doc.events == []


def test_a_confirmed_dass_clause_is_an_event(run):
    doc = run("Ein Taliban-Sprecher sagte, dass in Kabul am Dienstag Frauen festgenommen worden seien.", "2024-04-02")
    assert [e["sub_event_type"] for e in doc.events] == ["Arrests"]


def test_a_river_after_a_town_is_no_place_of_its_own(run):
    doc = run("Auch die Stadt Cherson am Dnipro geriet am Dienstag erneut unter Beschuss.", "2024-09-25")
    assert [e["location"]["name"] for e in doc.events] == ["Kherson"]


def test_an_agent_in_a_relative_clause_did_not_act(run):
    doc = run(
        "Das russische Verteidigungsministerium teilte mit, man habe am Mittwoch in Odessa Hafenanlagen, die von "
        "den ukrainischen Streitkräften genutzt werden, mit Raketen beschossen.",
        "2024-09-25",
    )
    (e,) = doc.events
    assert (e["actor1"] or {}).get("country") != "UKR"


def test_man_reporting_an_act_is_the_reporting_side(run):
    doc = run(
        "Das russische Verteidigungsministerium teilte mit, man habe am Mittwoch in Odessa Hafenanlagen mit Raketen "
        "beschossen.",
        "2024-09-25",
    )
    (e,) = doc.events
    assert e["actor1"]["country"] == "RUS"


def test_a_report_verb_as_an_adjective_names_no_source(run):
    doc = run("Es geht um den ersten bestätigten Einsatz von Chlorgas in diesem Konflikt.", "2015-11-06")
    assert doc.sents[0].sources == []


def test_toll_ums_leben_in_next_sentence_joins_event(run):
    # "ums Leben" names no place (not Libyen): the toll sentence adds to the event before it
    doc = run(
        "Kampfflugzeuge haben am Freitag ein Lager in der Stadt Sabratha bombardiert. "
        "Dabei kamen 49 Menschen ums Leben.",
        "2016-02-20",
    )
    (e,) = doc.events
    assert e["fatalities"] == 49


def test_toll_before_injured_count_after_comma(run):
    # the figure after the comma opens the next count: its "verletzt" is not this toll's outcome
    doc = run(
        "Bei einem Sprengstoffanschlag in Maiduguri starben 17 Menschen, 45 weitere wurden verletzt.", "2015-06-05"
    )
    (e,) = doc.events
    assert e["fatalities"] == 17


def test_toll_one_dead_noun_after_article(run):
    # "einen Toten" counts one dead; the lowest of disputed tolls is kept
    doc = run(
        "Die israelische Armee hat ein Ziel in Beirut angegriffen. Ein Fernsehsender berichtete von einem Toten, "
        "die Agentur NNA zählte fünf Tote.",
        "2024-09-20",
    )
    (e,) = doc.events
    assert e["fatalities"] == 1


def test_told_act_with_adjective_and_its_date_are_not_the_new_event(run):
    # "nach dem massiven Angriff des Irans ... in der Nacht auf Sonntag": an act told before, with its own
    # date; the new act is the strike that answers it, on the article's day
    doc = run(
        "Israel hat nach dem massiven Angriff des Irans in der Nacht auf Sonntag nun mit einem Angriff auf einen "
        "Militärflugplatz bei Täbris reagiert.",
        "2024-04-19",
    )
    (e,) = doc.events
    assert e["sub_event_type"] == "Air/drone strike"
    assert e["actor1"]["country"] == "ISR" and e["date"] == "2024-04-19"


@pytest.mark.parametrize(
    "text",
    [
        "Bei einem Luftangriff auf Idlib wurden elf Menschen getötet, darunter sieben Kinder und vier Frauen.",
        "Bei einem Luftangriff auf die Stadt Idlib wurden elf Menschen getötet. "
        "Unter den Toten waren sieben Kinder und drei Frauen.",
        "Bei einem Luftangriff auf die Stadt Idlib starben elf Zivilisten. Sieben Kinder seien unter den Toten.",
        "Bei einem Luftangriff auf die Stadt Idlib wurden sieben Kinder und vier Frauen getötet.",
    ],
)
def test_toll_parts_listed_after_subset_cue_are_no_toll_of_their_own(run, text):
    # the parts of a toll ("darunter sieben Kinder und vier Frauen") neither compete with it nor lower it
    (e,) = run(text, "2016-02-15").events
    assert e["fatalities"] == 11


def test_age_is_no_toll(run):
    # "64 Jahre alte Frau": an age; the toll is the figure that counts the dead
    doc = run(
        "Russische Truppen haben die Stadt Cherson mit Raketen beschossen. "
        "Eine 64 Jahre alte Frau sei in ihrer Wohnung getötet worden.",
        "2024-09-24",
    )
    (e,) = doc.events
    assert e["fatalities"] in (None, 1)


def test_lead_toll_told_by_country_goes_to_the_located_event(run):
    # the lead gives the toll with only the country; the one located clash later in the text carries it
    doc = run(
        "Bei einem Hinterhalt auf einen Militärkonvoi in Mali sind elf Soldaten getötet worden. "
        "Der Konvoi sei am Dienstag bei der Stadt Niono von Kämpfern der JNIM angegriffen worden.",
        "2024-05-16",
    )
    (e,) = doc.events
    assert e["sub_event_type"] == "Armed clash" and e["location"]["name"] == "Niono"
    assert e["fatalities"] == 11


def test_auseinandersetzungen_with_toll_are_a_clash_but_a_political_dispute_is_none(run):
    doc = run("Bei Auseinandersetzungen in der Stadt Aleppo starben 20 Kämpfer der Rebellen.", "2015-08-01")
    assert [e["sub_event_type"] for e in doc.events] == ["Armed clash"]
    assert run("Die politische Auseinandersetzung in Bagdad geht weiter.", "2015-08-01").events == []


@pytest.mark.parametrize(
    "text",
    [
        "Bewaffnete seien in der Stadt Hebron auf die Straßen gelaufen, um die Soldaten anzugreifen.",
        "Bis zuletzt hatten alle in Gaza auf eine Befreiung der Geiseln durch die Armee gehofft.",
    ],
)
def test_aim_and_hope_are_no_act(run, text):
    assert run(text, "2024-06-08").events == []


def test_live_blog_disclaimer_is_no_shelling(run):
    doc = run(
        "In der Stadt Charkiw ist es am Freitag ruhig geblieben.\n\nKonfliktparteien als Quelle Angaben zu "
        "Kriegsverlauf, Beschuss und Opfern durch Konfliktparteien können in der aktuellen Lage zum Teil nicht "
        "unmittelbar von unabhängiger Stelle überprüft werden.\n",
        "2024-05-24",
    )
    assert doc.events == []


def test_toll_of_a_told_act_at_a_site_near_its_town(run):
    # "bei dem Angriff auf ... den Flughafen" names a site by the town of the attack told before: its toll
    doc = run(
        "Russische Truppen haben am Montag die Stadt Butscha mit Raketen beschossen. "
        "Bei dem Angriff auf ein Wohnhaus im nahen Irpin starben fünf Menschen.",
        "2024-03-04",
    )
    assert [(e["location"]["name"], e["fatalities"]) for e in doc.events] == [("Bucha", 5)]


def test_unattributed_assault_with_toll_at_an_event_place_is_that_events_toll(run):
    # "Bei einem weiteren Angriff auf eine Schule in X" names no attacker: it tells X's strike on, not a new act
    doc = run(
        "Russische Kampfflugzeuge haben am Montag die Stadt Idlib bombardiert. "
        "Bei einem weiteren Angriff auf eine Schule in Idlib wurden zwei Menschen getötet.",
        "2016-02-16",
    )
    assert [(e["sub_event_type"], e["fatalities"]) for e in doc.events] == [("Air/drone strike", 2)]


def test_staff_and_patient_count_as_dead_people(run):
    doc = run(
        "Bei einem Raketenangriff auf eine Klinik in der Stadt Idlib seien fünf Pfleger und ein Patient "
        "getötet worden.",
        "2016-02-16",
    )
    assert [e["fatalities"] for e in doc.events] == [6]


def test_taking_to_the_streets_to_protest_is_a_protest(run):
    doc = run(
        "Am Freitag gingen in der Stadt Idlib mehrere Tausend Menschen auf die Straße, um gegen die Miliz zu "
        "protestieren.",
        "2024-03-08",
    )
    assert [e["sub_event_type"] for e in doc.events] == ["Peaceful protest"]


def test_lethal_force_against_protesters_counts_its_dead(run):
    doc = run(
        "Bei einer Protestaktion östlich von Chan Junis erschoss die israelische Armee einen Palästinenser.",
        "2015-10-10",
    )
    (e,) = [x for x in doc.events if x["sub_event_type"] == "Excessive force against protesters"]
    assert e["fatalities"] == 1


def test_demnach_continues_the_source_before(run):
    doc = run(
        "Nach Angaben der Beobachtungsstelle wurde am Montag in Idlib Senfgas eingesetzt. "
        "Es war demnach der erste Einsatz in diesem Jahr.",
        "2015-11-06",
    )
    assert [s["name"] for s in doc.sents[1].sources] == ["Beobachtungsstelle"]


def test_adverbs_between_report_verb_and_source_are_skipped(run):
    doc = run(
        "Chlorgas sei in Marea eingesetzt worden, verlautete am Montag aus Kreisen der Organisation für die "
        "Sicherheit der Zivilbevölkerung (OSZ).",
        "2015-11-06",
    )
    assert doc.sents[0].sources[0]["name"] == "Organisation für die Sicherheit der Zivilbevölkerung (OSZ)"


def test_the_subject_after_a_colon_reports(run):
    doc = run(
        "Moskau wies die Berichte zurück: Das Verteidigungsministerium erklärte am Abend, "
        "der Angriff sei gestoppt worden.",
        "2024-08-08",
    )
    assert [s["name"] for s in doc.sents[0].sources] == ["Verteidigungsministerium"]


def test_teilen_without_mit_is_no_report(run):
    doc = run("Offenbar teilt der Geheimdienst seine Erkenntnisse nur noch zögerlich.", "2024-08-08")
    assert doc.sents[0].sources == []


def test_heisst_es_in_names_the_medium(run):
    doc = run("Über Homs sei die Flugabwehr aktiv geworden, heißt es in den staatlichen Medien Syriens.", "2024-04-19")
    assert doc.sents[0].sources[0]["name"] == "staatlichen Medien Syriens"


def test_a_town_and_an_area_joined_by_und_are_two_scenes(run):
    doc = run(
        "Am Dienstag sind Funkgeräte von Hisbollah-Kämpfern in Beirut und im Süden des Landes detoniert. "
        "Gleichzeitig explodierten auch in Damaskus solche Geräte.",
        "2024-09-17",
    )
    assert sorted(e["location"]["name"] for e in doc.events) == ["Beirut", "Damascus", "South Lebanon"]


def test_who_confirms_an_attack_is_the_source(run):
    doc = run(
        "Der ukrainische Präsident Wolodymyr Selenskyj bestätigte am Abend einen Angriff auf Kupjansk.", "2024-05-10"
    )
    assert [s["name"] for s in doc.sents[0].sources] == ["ukrainische Präsident Wolodymyr Selenskyj"]


def test_a_pronoun_source_is_the_speaker_just_named(run):
    doc = run(
        "In Belgorod wurden am Montag drei Häuser beschädigt, sagte Gouverneur Wjatscheslaw Gladkow am Montag. "
        "Er behauptete, die Luftabwehr habe zehn Drohnen abgefangen.",
        "2024-05-24",
    )
    assert [s["name"] for s in doc.sents[1].sources] == ["Gouverneur Wjatscheslaw Gladkow"]


def test_after_nach_offiziellen_angaben_no_genitive_follows(run):
    doc = run(
        "Bei dem Luftangriff auf Charkiw ist nach offiziellen Angaben ein Einkaufszentrum getroffen worden.",
        "2024-05-24",
    )
    assert "Einkaufszentrum" not in [s["name"] for s in doc.sents[0].sources]


def test_reference_point_yields_to_the_town_named_near_it(run):
    doc = run(
        "Kurdische Kämpfer rangen am Montag mit Rebellen um die etwa 20 Kilometer westlich von Aleppo gelegene "
        "Ortschaft Anadan.",
        "2016-02-15",
    )
    assert [e["location"]["name"] for e in doc.events if e["event_type"] == "Battles"] == ["Anadan"]


def test_reference_point_alone_is_the_place_nearby(run):
    doc = run("Bei Kämpfen 20 Kilometer südlich von Aleppo wurden am Montag drei Soldaten getötet.", "2016-02-15")
    (e,) = doc.events
    assert e["location"]["name"] == "Aleppo" and e["location"]["geo_precision"] == 2


def test_goal_of_an_advance_joins_the_fight_told_next(run):
    doc = run(
        "Kurdische Kämpfer rücken weiter auf Aleppo vor. Kurdische Kämpfer rangen am Montag mit Rebellen um die "
        "Ortschaft Tal Rifaat.",
        "2016-02-15",
    )
    assert [e["location"]["name"] for e in doc.events if e["event_type"] == "Battles"] == ["Tal Rifaat"]


def test_headline_place_before_the_colon_is_the_article_focus(pipe):
    text = (
        "Südlicher Gazastreifen: Angriff auf Zeltlager\n\n"
        "Die Hamas rief in Jerusalem und im Westjordanland zu Protesten auf.\n\n"
        "Der israelische Luftangriff tötete am Sonntag 35 Menschen."
    )
    doc = pipe(Article(id="t", text=text, date=ArticleDate.parse("2024-05-27"), title=text.split("\n")[0]))
    (e,) = [x for x in doc.events if x["sub_event_type"] == "Air/drone strike"]
    assert e["location"]["name"] == "Southern Gaza Strip"


def test_rockets_are_placed_where_they_struck_not_where_they_were_fired(run):
    doc = run(
        "Am Sonntag wurden aus Chan Junis sechs Raketen auf Israel abgefeuert. "
        "In Tel Aviv heulten die Sirenen, mehrere Raketen schlugen ein.",
        "2024-05-27",
    )
    assert {e["location"]["name"] for e in doc.events if e["event_type"] == "Explosions/Remote violence"} == {
        "Tel Aviv"
    }


def test_fire_opened_and_ceasefire_agreed_stay_events(run):
    assert [e["sub_event_type"] for e in run("Die Kämpfer eröffneten in Goma das Feuer auf die Soldaten.").events] == [
        "Armed clash"
    ]
    assert [e["sub_event_type"] for e in run("Israel und die Hamas vereinbarten in Kairo eine Waffenruhe.").events] == [
        "Agreement"
    ]


def test_noun_in_an_indirect_question_is_taken_as_given(run):
    doc = run(
        "Die Armee prüft, ob unter den Todesopfern eines Luftangriffs im Gazastreifen auch ein Hamas-Kommandeur ist."
    )
    assert [e["sub_event_type"] for e in doc.events] == ["Air/drone strike"]


def test_participle_before_its_noun_names_a_state_not_an_act(run):
    doc = run("Am Montag ging es um die in Kabul entführten Helfer.")
    assert doc.events == []
    doc = run(
        "Am Montag sprach der Minister in Kabul über die Freilassung des seit Jahren inhaftierten Rebellenführers."
    )
    assert "Arrests" not in [e["sub_event_type"] for e in doc.events]
    doc = run("Russische Truppen eroberten am Freitag Dörfer bei Charkiw.")
    assert [e["sub_event_type"] for e in doc.events] == ["Non-state actor overtakes territory"]


def test_act_after_a_noun_of_time_is_a_reference(run):
    doc = run(
        "Israel und die Hamas vereinbarten am Mittwoch in Kairo eine Waffenruhe. Nach Inkrafttreten einer "
        "sechswöchigen Feuerpause hatte die Hamas am Sonntag in Gaza im Rahmen des Abkommens drei Geiseln freigelassen."
    )
    assert [e["sub_event_type"] for e in doc.events] == ["Agreement"]


def test_liberation_in_an_article_about_hostages_frees_them(run):
    text = (
        "Die Armee holte am Samstag vier Geiseln aus Nuseirat. "
        "Am Strand von Tel Aviv verkündeten Bademeister die Befreiung."
    )
    assert "Battles" not in [e["event_type"] for e in run(text).events if e["location"]["name"] == "Tel Aviv"]
    doc = run("Die ukrainische Armee hat am Freitag die Stadt Cherson von den russischen Truppen befreit.")
    assert [e["sub_event_type"] for e in doc.events] == ["Government regains territory"]


def test_arrests_at_a_demonstration_are_its_breaking_up(run):
    doc = run(
        "Als Demonstranten in Goma Fahrzeuge der UN mit Steinen bewarfen, setzte die Polizei Tränengas ein und nahm "
        "14 Personen fest."
    )
    assert [e["sub_event_type"] for e in doc.events] == ["Violent demonstration"]


def test_act_after_a_demonstrative_is_named_again(run):
    doc = run(
        "Bei einem Anschlag in Mardin wurde am Sonntag ein Soldat getötet. "
        "Die Armee machte auch für dieses Attentat die PKK verantwortlich."
    )
    assert len(doc.events) == 1


def test_ground_taken_needs_an_armed_side(run):
    assert run("Kaiserslautern hat am Freitag in Köln einen Aufstiegsplatz erobert.").events == []
    doc = run("Russische Truppen haben am Freitag das Dorf Krasne bei Charkiw eingenommen.")
    assert [e["sub_event_type"] for e in doc.events] == ["Non-state actor overtakes territory"]


def test_weapons_intercepted_stay_an_event(run):
    doc = run("Die Armee hat am Samstag bei Charkiw zwölf Drohnen abgefangen.")
    assert [e["sub_event_type"] for e in doc.events] == ["Disrupted weapons use"]


def test_the_demonstrators_own_violence_makes_a_riot_the_polices_an_intervention(run):
    doc = run("In der Stadt X kam es am Freitag zu gewalttätigen Demonstrationen gegen die Regierung in Marseille.")
    assert {c["sub_event_type"] for c in doc.candidates} == {"Violent demonstration"}
    doc = run("Die Polizei hat am Samstag in Marseille eine Kundgebung gegen die Regierung gewaltsam aufgelöst.")
    assert [e["sub_event_type"] for e in doc.events] == ["Protest with intervention"]


def test_protesters_gathering_make_a_protest(run):
    doc = run("Am Sonntag versammelten sich rund 4.000 Demonstranten auf dem Oranienplatz in Berlin.", "2024-12-08")
    (e,) = doc.events
    assert e["sub_event_type"] == "Peaceful protest" and e["location"]["name"] == "Berlin"
    assert e["date"] == "2024-12-08"


def test_an_arrest_is_made_by_the_police_of_the_place(run):
    doc = run("In Lyon wurden am Montag zwei Männer festgenommen.", "2024-03-04")
    (e,) = [x for x in doc.candidates if x["sub_event_type"] == "Arrests"] and doc.events
    assert e["actor1"] == {"name": "Police Forces of France", "kind": "state", "country": "FRA", "group": None}


def test_those_arrested_are_suspects_of_the_group_not_an_army(run):
    doc = run(
        "In Mailand wurde am Montag ein Algerier festgenommen, der Mitglied des Islamischen Staates sein soll.",
        "2024-03-04",
    )
    (e,) = [x for x in doc.events if x["sub_event_type"] == "Arrests"]
    assert e["actor2"]["group"] == "IS" and e["actor1"]["country"] == "ITA"


def test_a_protest_broken_up_was_broken_up_by_the_police(run):
    doc = run("In Teheran löste die Polizei am Samstag eine Kundgebung von Studenten mit Tränengas auf.", "2024-03-04")
    (e,) = doc.events
    assert e["sub_event_type"] == "Protest with intervention"
    assert e["actor2"]["kind"] == "state" and e["actor2"]["country"] == "IRN"


def test_a_named_person_killed_is_a_toll_of_one(run):
    doc = run(
        "Ein israelischer Luftangriff hat am Dienstag in Beirut den Hisbollah-Kommandeur Fuad Schukr getötet.",
        "2024-07-31",
    )
    (e,) = doc.events
    assert e["fatalities"] == 1
    # a plural office is no one person; a figure in the sentence is read as a figure
    doc = run("Ein Luftangriff hat am Dienstag in Beirut drei Kämpfer der Hisbollah getötet.", "2024-07-31")
    assert [x["fatalities"] for x in doc.events] == [3]


def test_an_impact_needs_a_projectile(run):
    doc = run("Randalierer haben am Freitag in Bremen Scheiben eingeschlagen.")
    assert all(c["event_type"] != "Explosions/Remote violence" for c in doc.candidates)
    doc = run("In Charkiw schlugen am Freitag zwei Raketen in ein Wohnhaus ein.", "2024-05-10")
    assert [e["sub_event_type"] for e in doc.events] == ["Shelling/artillery/missile attack"]


def test_the_subject_speaks_for_itself_not_a_prepositional_object(run):
    doc = run(
        "Das israelische Militär schoss am Sonntag vor der Morgendämmerung nach eigenen Angaben "
        "eine Drohne über Metula ab.",
        "2024-07-28",
    )
    (e,) = doc.events
    assert [s["name"] for s in e["sources"]] == ["israelische Militär"]


def test_an_act_despite_calls_and_threats_happened(run):
    doc = run("Trotz Aufrufen zur Ruhe demonstrierten am Freitag Tausende in Ajaccio.", "2015-12-26")
    assert [(c["sub_event_type"], c["vetoed"]) for c in doc.candidates] == [("Peaceful protest", False)]
    doc = run("Die Regierung rief am Freitag in Ajaccio zu Protesten gegen die Reform auf.", "2015-12-26")
    assert [(c["sub_event_type"], c["vetoed"]) for c in doc.candidates] == [("Peaceful protest", True)]


def test_an_attempt_is_no_act(run):
    doc = run("Ein Mann versuchte am Montag in Berlin, einen Festgenommenen aus dem Polizeiwagen zu befreien.")
    assert doc.events == []


def test_what_protesters_demand_is_the_protest_a_call_to_protest_is_none(run):
    doc = run("Am Montag demonstrierten Tausende in Kupang und forderten Wiedergutmachung.", "2007-12-12")
    assert [(c["sub_event_type"], c["vetoed"]) for c in doc.candidates] == [("Peaceful protest", False)]
    doc = run("Die Opposition rief am Montag in Kupang zu Protesten auf.", "2007-12-12")
    assert [(c["sub_event_type"], c["vetoed"]) for c in doc.candidates] == [("Peaceful protest", True)]


def test_a_toll_told_as_since_corrected_gives_way_to_the_current_one(run):
    doc = run(
        "Bei dem Selbstmordanschlag am Flughafen von Brüssel starben am Dienstag nach jüngsten Angaben 38 Menschen. "
        "Zunächst war von 35 Toten die Rede.",
        "2016-03-30",
    )
    (e,) = doc.events
    assert e["fatalities"] == 38
    assert sorted(c["value"] for c in doc.claims if c["kind"] == "fatalities") == [35, 38]  # both stay visible
