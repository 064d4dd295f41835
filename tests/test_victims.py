"""The side acted upon when the sentence names none as an actor: by event type and by target."""


def one(doc, etype: str) -> dict:
    (e,) = [x for x in doc.events if x["event_type"] == etype]
    return e


def test_attack_without_named_victims_is_against_civilians(run):
    doc = run("Die PKK verübte am Mittwoch einen Anschlag auf das Firmengelände in Ankara.", "2024-10-23")
    e = one(doc, "Violence against civilians")
    assert e["actor1"]["group"] == "PKK"
    assert e["actor2"]["kind"] == "civilians" and e["actor2"]["country"] == "TUR"


def test_abduction_told_without_victims_is_of_civilians(run):
    doc = run(
        "Die Dschihadisten sollen am Sonntag in Mangina elf Dorfbewohner entführt haben. "
        "Am Montag wurden in Beni weitere verschleppt."
    )
    beni = [e for e in doc.events if e["location"]["name"] == "Beni"]
    assert beni and beni[0]["sub_event_type"] == "Abduction/forced disappearance"
    assert beni[0]["actor2"]["kind"] == "civilians" and beni[0]["actor2"]["country"] == "COD"


def test_strike_on_an_air_base_abroad_hits_the_forces_of_its_state(run):
    doc = run("Israel hat in der Nacht einen Militärflugplatz im iranischen Täbris angegriffen.", "2024-04-19")
    e = one(doc, "Explosions/Remote violence")
    assert e["actor1"]["country"] == "ISR"
    assert e["actor2"]["kind"] == "state" and e["actor2"]["country"] == "IRN"


def test_strike_on_a_front_sector_hits_the_defending_army(run):
    doc = run("Russische Kampfflugzeuge bombardierten am Montag den Frontabschnitt bei Wowtschansk.")
    e = one(doc, "Explosions/Remote violence")
    assert e["actor1"]["country"] == "RUS"
    assert e["actor2"]["kind"] == "state" and e["actor2"]["country"] == "UKR"


def test_group_striking_an_army_post_hits_the_state_of_the_place(run):
    doc = run("Die Hamas beschoss am Sonntag einen Armeeposten bei Metula.", "2024-04-19")
    e = one(doc, "Explosions/Remote violence")
    assert e["actor1"]["group"] == "HAMAS"
    assert e["actor2"]["kind"] == "state" and e["actor2"]["country"] == "ISR"


def test_a_word_ending_like_a_target_is_no_target(run):
    """ "Darstellung" ends in "stellung", a military position only as a word of its own."""
    doc = run("Nach eigener Darstellung griff die Hisbollah am Montag die Stadt Metula mit Raketen an.", "2024-04-19")
    e = one(doc, "Explosions/Remote violence")
    assert e["actor2"] is None


def test_attacks_repelled_are_the_adjective_side_against_the_subject(run):
    doc = run("Die ukrainischen Streitkräfte hätten am Montag zehn russische Angriffe auf Wowtschansk abgewehrt.")
    e = one(doc, "Battles")
    assert e["actor1"]["country"] == "RUS"
    assert e["actor2"]["country"] == "UKR"


def test_bomb_killing_people_with_no_armed_target_is_against_civilians(run):
    doc = run(
        "Die Bombe sei am Montag in der Stadt Maiduguri detoniert. Laut Polizei starben 14 Menschen.", "2015-06-01"
    )
    e = one(doc, "Explosions/Remote violence")
    assert e["fatalities"] == 14
    assert e["actor2"]["kind"] == "civilians" and e["actor2"]["country"] == "NGA"


def test_one_more_of_the_same_acts_hits_the_same_side(run):
    doc = run(
        "Im Libanon sind am Dienstag hunderte Funkgeräte von Hisbollah-Mitgliedern in Beirut explodiert. "
        "Gleichzeitig explodierten auch in der syrischen Hauptstadt Damaskus solche Geräte. "
        "Dort seien fünf Menschen getötet worden.",
        "2024-09-17",
    )
    damascus = [e for e in doc.events if e["location"]["country"] == "SYR"]
    assert damascus and damascus[0]["actor2"]["group"] == "HEZBOLLAH"


def test_a_place_named_again_belongs_to_its_owner(run):
    doc = run(
        "Bei einem US-Drohnenangriff auf einen Stützpunkt der Terrormiliz IS in Libyen sind drei Ausländer ums Leben "
        "gekommen. Die US-Streitkräfte hatten den Stützpunkt bei der Stadt Sabratha am Freitag angegriffen.",
        "2016-02-20",
    )
    e = one(doc, "Explosions/Remote violence")
    assert e["location"]["name"] == "Sabratha"
    assert e["actor1"]["country"] == "USA" and e["actor2"]["group"] == "IS"


def test_the_country_prefix_of_an_attack_noun_attacks(run):
    doc = run(
        "Bei einem US-Drohnenangriff auf einen Stützpunkt der Terrormiliz IS bei Sabratha starben 40 Menschen.",
        "2016-02-20",
    )
    e = one(doc, "Explosions/Remote violence")
    assert e["actor1"]["country"] == "USA" and e["actor2"]["group"] == "IS"


def test_one_more_strike_told_passively_has_the_same_sides(run):
    doc = run(
        "US-Kampfflugzeuge griffen am Samstag Stellungen der Huthi in Hodeida an. "
        "Auch der Flughafen der Hauptstadt Sanaa sei bombardiert worden.",
        "2024-01-13",
    )
    (sanaa,) = [e for e in doc.events if e["location"]["name"] == "Sanaa"]
    assert sanaa["actor1"]["country"] == "USA" and sanaa["actor2"]["group"] == "HOUTHI"


def test_fighters_of_a_group_are_the_group(run):
    doc = run("Kämpfer der Hisbollah und israelische Truppen liefern sich am Montag Gefechte im Süden des Libanon.")
    e = one(doc, "Battles")
    assert e["actor1"]["group"] == "HEZBOLLAH" and e["actor2"]["country"] == "ISR"


def test_armed_group_breaking_up_a_protest_is_the_other_side(run):
    doc = run(
        "In Kabul lösten Taliban-Kämpfer am Dienstag eine Kundgebung von rund zwei Dutzend Frauen auf.", "2022-09-20"
    )
    e = one(doc, "Protests")
    assert e["sub_event_type"] == "Protest with intervention"
    assert e["actor1"]["kind"] == "protesters" and e["actor2"]["group"] == "TALIBAN"


def test_armed_dead_of_a_toll_sentence_are_the_other_side(run):
    doc = run(
        "Laut Aktivisten rücken Kämpfer der YPG weiter auf die Stadt Tal Rifaat vor. "
        "Seit Freitag seien mindestens 14 Islamisten getötet worden.",
        "2016-02-16",
    )
    e = one(doc, "Battles")
    assert e["actor1"]["group"] == "YPG" and e["fatalities"] == 14
    assert e["actor2"]["name"] == "Islamist militants" and e["actor2"]["group"] is None


def test_islamists_refer_back_to_an_islamist_group_only(run):
    doc = run(
        "Die YPG griff am Montag die Stadt Tal Rifaat an. "
        "In der Stadt Idlib griffen Islamisten am Dienstag einen Kontrollposten an.",
        "2016-02-16",
    )
    (bab,) = [e for e in doc.events if e["location"]["name"] == "Idlib"]
    assert bab["actor1"]["name"] == "Islamist militants"


def test_a_genitive_after_the_acting_force_is_its_unit(run):
    doc = run("In der Stadt Kirkuk nahmen Spezialkräfte der Antiterroreinheit am Montag fünf IS-Mitglieder fest.")
    e = one(doc, "Strategic developments")
    assert e["sub_event_type"] == "Arrests"
    assert e["actor1"]["country"] == "IRQ" and e["actor2"]["group"] == "IS"


def test_the_armed_wing_of_a_group_is_the_group(run):
    doc = run("Am Montag hat der militärische Arm der Hamas den Ort Sderot mit Raketen beschossen.", "2024-05-08")
    e = one(doc, "Explosions/Remote violence")
    assert e["actor1"]["group"] == "HAMAS"


def test_a_cell_of_a_group_broken_up_is_the_group_acted_upon(run):
    doc = run("Die Armee hat am Montag in Kirkuk bei einem Militäreinsatz eine Zelle des IS ausgehoben.", "2024-05-08")
    e = one(doc, "Battles")
    assert e["actor1"]["country"] == "IRQ" and e["actor2"]["group"] == "IS"


def test_passive_with_a_separable_participle_has_its_subject_acted_upon(run):
    doc = run("In der Region Sikasso seien am Montag 15 Jihadisten festgenommen worden.", "2024-05-08")
    e = one(doc, "Strategic developments")
    assert e["actor1"]["name"] == "Police Forces of Mali"  # no agent named: the arrest's implied side
    assert e["actor2"]["name"] == "Islamist militants"


def test_agent_after_von_and_a_quoted_adjective_acts(run):
    doc = run(
        "Der Konvoi sei am Dienstag nahe der Stadt Niono von „bewaffneten Terroristen“ angegriffen worden.",
        "2024-05-16",
    )
    e = one(doc, "Battles")
    assert e["actor1"]["name"] == "Islamist militants"


def test_strike_on_a_town_fought_over_hits_the_forces_fought_there(run):
    doc = run(
        "Die ukrainischen Streitkräfte hätten am Freitag zehn russische Angriffe auf die Stadt Wowtschansk abgewehrt. "
        "Die russische Armee hat die Stadt Wowtschansk am Freitag zudem aus der Luft angegriffen.",
        "2024-05-24",
    )
    e = one(doc, "Explosions/Remote violence")
    assert e["actor1"]["country"] == "RUS" and e["actor2"]["country"] == "UKR"


def test_strike_on_a_town_without_fighting_there_names_no_side(run):
    doc = run("Die russische Armee hat die Stadt Odessa am Freitag aus der Luft angegriffen.", "2024-05-24")
    e = one(doc, "Explosions/Remote violence")
    assert e["actor2"] is None


def test_weapons_shot_down_in_a_war_of_two_states_are_the_enemys(run):
    doc = run(
        "Russland griff am Sonntag die Stadt Odessa mit Raketen an. Die Ukraine beschoss die russische Stadt "
        "Belgorod. Die ukrainische Luftabwehr zerstörte am Sonntag über dem Gebiet Odessa eine Rakete "
        "sowie 25 Drohnen.",
        "2024-11-17",
    )
    e = one(doc, "Strategic developments")
    assert e["sub_event_type"] == "Disrupted weapons use"
    assert e["actor1"]["country"] == "UKR" and e["actor2"]["country"] == "RUS"


def test_rockets_fired_from_a_territory_come_from_its_armed_group(run):
    doc = run(
        "Die Hamas drohte Israel mit weiteren Angriffen. Eine aus dem Gazastreifen abgefeuerte Rakete ist in der "
        "Nacht in einem Wohnhaus in der israelischen Küstenstadt Aschkelon eingeschlagen.",
        "2024-05-12",
    )
    e = one(doc, "Explosions/Remote violence")
    assert e["actor1"]["group"] == "HAMAS"
    assert e["actor2"]["kind"] == "civilians" and e["actor2"]["country"] == "ISR"


def test_people_from_a_place_do_not_name_an_attacker(run):
    doc = run(
        "Die Hamas drohte Israel mit weiteren Angriffen. Die Tochter eines Arbeiters aus dem Gazastreifen starb, "
        "als am Montag in Aschkelon eine Bombe explodierte.",
        "2024-05-12",
    )
    e = one(doc, "Explosions/Remote violence")
    assert e["actor1"] is None


def test_those_who_died_in_an_attack_were_attacked(run):
    doc = run("Bei dem Angriff auf eine Kaserne in der Stadt Mopti starben am Montag zehn Soldaten.")
    e = one(doc, "Battles")
    assert e["actor1"] is None
    assert e["actor2"]["kind"] == "state" and e["actor2"]["country"] == "MLI"


def test_attack_on_a_site_and_on_its_town_is_one_attack_on_civilians(run):
    doc = run(
        "Bei dem Angriff auf das Nasser-Krankenhaus am Mittwoch starben fünf Menschen. "
        "Der Anschlag in Chan Junis hat am Mittwoch die Stadt erschüttert.",
        "2024-05-15",
    )
    (e,) = doc.events
    assert e["sub_event_type"] == "Attack" and e["fatalities"] == 5
    assert e["actor2"]["kind"] == "civilians"


def test_the_kurds_are_the_kurdish_group_named_before(run):
    doc = run(
        "Die YPG hat am Sonntag die Stadt Azaz angegriffen. Die Kurden kämpften am Montag gegen von der Türkei "
        "unterstützte islamistische Rebellen um das Dorf Tal Rifaat.",
        "2016-02-16",
    )
    (e,) = [x for x in doc.events if x["location"]["name"] == "Tal Rifaat"]
    assert e["actor1"]["group"] == "YPG"
    assert e["actor2"]["name"] == "Islamist militants"


def test_the_kurds_without_a_kurdish_group_are_no_actor(run):
    doc = run(
        "Die Regierung hatte den Kurden ein Gesprächsangebot gemacht. "
        "Bei einem Anschlag in Ankara starben am Mittwoch fünf Menschen.",
        "2024-10-23",
    )
    assert not any(s.data["actor"].camp == "kurdish" for s in doc.spans.get("actor", []))


def test_fighting_with_a_group_is_fighting_it(run):
    doc = run(
        "Die Armee lieferte sich am Montag in der Stadt Gao heftige Gefechte mit Kämpfern der JNIM.", "2024-05-08"
    )
    e = one(doc, "Battles")
    assert e["actor1"]["country"] == "MLI" and e["actor2"]["name"] == "JNIM"


def test_what_a_peaceful_protest_is_against_is_no_side_acted_upon(run):
    doc = run("In Tel Aviv demonstrierten am Samstag Tausende gegen die Hamas.", "2024-10-12")
    e = one(doc, "Protests")
    assert e["sub_event_type"] == "Peaceful protest"
    assert e["actor1"]["kind"] == "protesters" and e["actor2"] is None
