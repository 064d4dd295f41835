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


def test_protest_in_a_western_city(run):
    doc = run("Propalästinensische Studenten haben an der Universität Bremen ein Protestcamp errichtet.", "2024-05-08")
    (e,) = doc.events
    assert e["sub_event_type"] == "Peaceful protest"
    assert e["location"]["name"] == "Bremen" and e["actor1"]["country"] == "DEU"


def test_arrests_when_police_clear_a_protest_are_the_intervention(run):
    doc = run(
        "Die Polizei in Washington hat ein Protestcamp an der Universität geräumt und mehrere Demonstranten "
        "festgenommen.",
        "2024-05-08",
    )
    (e,) = doc.events
    assert e["sub_event_type"] == "Protest with intervention"
    assert e["location"]["name"] == "Washington" and e["actor2"]["kind"] == "state"


def test_a_club_named_after_a_town_is_no_place(run):
    doc = run("Fans von Werder Bremen zeigten im Stadion ein Banner für die Geiseln.", "2024-09-01")
    assert not doc.spans.get("place")


def test_villages_named_in_the_next_sentence_are_the_places_taken(run):
    doc = run(
        "Russische Truppen haben zwei weitere Dörfer in der Region Donezk eingenommen. Es handele sich um die "
        "Ortschaften Makariwka und Hryhoriwka.",
        "2024-11-16",
    )
    found = places(doc, "Non-state actor overtakes territory")
    assert len(found) == 2 and "Donetsk Oblast" not in found


def test_a_next_sentence_not_naming_them_changes_nothing(run):
    doc = run(
        "Russische Truppen haben zwei weitere Dörfer in der Region Donezk eingenommen. In Charkiw blieb es ruhig.",
        "2024-11-16",
    )
    assert places(doc, "Non-state actor overtakes territory") == ["Donetsk Oblast"]


def test_fighting_at_a_named_town_is_a_clash_without_sides(run):
    doc = run("Nach Angaben des Generalstabs toben Gefechte nahe Kupjansk.", "2024-05-25")
    (e,) = doc.events
    assert e["sub_event_type"] == "Armed clash" and e["location"]["name"] == "Kupiansk"


def test_the_fighting_or_a_fight_against_something_is_no_event(run):
    assert not run("Die Kämpfe in Charkiw dauern an.", "2024-05-25").events
    assert not run("Der Kampf gegen den Terror in Kabul geht weiter.", "2024-05-25").events
    assert not run("Gewaltsame Auseinandersetzungen gab es auch nahe Ramallah.", "2024-05-25").events


TICKER = (
    "Update vom 17. November, 10.00 Uhr: Die Nato tagt in Brüssel.\n\n"
    "Update vom 16. November, 9.00 Uhr: Der Kreml äußerte sich nicht.\n\n"
    "Russische Drohnen griffen die Stadt Sumy an.\n\n"
    "Erstmeldung: Russland setzt auf Drohnen.\n\n"
    "Russische Raketen schlugen in Dnipro ein."
)


def test_a_ticker_paragraph_takes_its_update_date(run):
    doc = run(TICKER, "2024-11-17")
    dates = {e["location"]["name"]: e["date"] for e in doc.events}
    assert dates["Sumy"] == "2024-11-16"


def test_the_first_report_of_a_ticker_is_as_old_as_its_oldest_update(run):
    doc = run(TICKER, "2024-11-17")
    dates = {e["location"]["name"]: e["date"] for e in doc.events}
    assert dates["Dnipro"] == "2024-11-16"


def test_the_north_of_the_gaza_strip_is_a_part_of_its_own(run):
    doc = run(
        "Im Norden des Gazastreifens wurden fünf Kinder bei einem israelischen Drohnenangriff getötet.", "2024-10-13"
    )
    (e,) = doc.events
    assert e["location"]["name"] == "North Gaza"


def test_ground_won_near_a_town_is_a_clash(run):
    doc = run("Die russischen Streitkräfte hätten Teilerfolge in der Nähe von Kupjansk erzielt.", "2024-05-25")
    (e,) = doc.events
    assert e["event_type"] == "Battles" and e["sub_event_type"] == "Armed clash"
    assert e["location"]["name"] == "Kupiansk" and e["actor1"]["country"] == "RUS"


def test_success_in_talks_is_no_clash(run):
    assert not run("Russland hat in Genf diplomatische Erfolge erzielt.", "2024-05-25").events


def test_people_freed_from_captivity_is_a_rescue_raid_not_ground_taken(run):
    doc = run(
        "Israelische Sicherheitskräfte haben vier Israelis aus der Gefangenschaft der Hamas im Flüchtlingslager "
        "Nuseirat befreit.",
        "2024-06-08",
    )
    (e,) = doc.events
    assert (e["event_type"], e["sub_event_type"]) == ("Battles", "Armed clash")
    assert e["actor2"]["group"] == "HAMAS"


def test_a_town_freed_is_ground_taken(run):
    doc = run("Die syrische Armee hat die Stadt Palmyra von der Terrormiliz IS befreit.", "2017-03-02")
    (e,) = doc.events
    assert e["sub_event_type"] == "Government regains territory"


def test_settlers_rioting_in_a_village_are_a_mob(run):
    doc = run("Israelische Siedler haben in der Nacht im Westjordanland in Hebron randaliert.", "2025-01-20")
    (e,) = doc.events
    assert (e["event_type"], e["sub_event_type"]) == ("Riots", "Mob violence")


def test_demonstrators_rioting_stay_a_violent_demonstration(run):
    doc = run("Demonstranten haben in der Nacht in Hebron randaliert.", "2025-01-20")
    (e,) = doc.events
    assert e["sub_event_type"] == "Violent demonstration"


def test_a_strike_told_in_a_country_takes_the_places_its_dead_are_given(run):
    doc = run(
        "Im Libanon sind bei israelischen Angriffen erneut Dutzende Menschen getötet worden. Die meisten Menschen "
        "wurden in Nabatija getötet.",
        "2024-10-12",
    )
    (e,) = doc.events
    assert e["event_type"] == "Explosions/Remote violence" and e["location"]["name"] == "Nabatieh"


def test_a_later_act_keeps_its_own_places(run):
    doc = run(
        "Im Libanon sind bei israelischen Angriffen erneut Dutzende Menschen getötet worden. In Tyros explodierte "
        "eine Autobombe, zwei Menschen wurden getötet.",
        "2024-10-12",
    )
    strikes = [e for e in doc.events if e["sub_event_type"] == "Air/drone strike"]
    assert all(e["location"]["name"] != "Tyre" for e in strikes)


def test_stone_throwing_participle_makes_a_riot(run):
    doc = run(
        "In Hebron wurden bei Zusammenstößen zwischen Steine werfenden Palästinensern und israelischen Soldaten "
        "15 Palästinenser verletzt.",
        "2015-10-09",
    )
    (e,) = doc.events
    assert (e["event_type"], e["sub_event_type"]) == ("Riots", "Violent demonstration")
    assert e["actor2"]["country"] == "ISR"


def test_arrests_told_after_a_protest_are_its_intervention(run):
    doc = run(
        "Die Polizei in Washington hat ein Protestcamp an der Universität geräumt. Die Proteste seien eskaliert, "
        "teilte die Polizei mit. Medien zufolge wurden 33 Menschen festgenommen.",
        "2024-05-08",
    )
    assert [e["event_type"] for e in doc.events] == ["Protests"]


def test_arrests_at_a_place_of_their_own_stay(run):
    doc = run(
        "In Washington protestierten Hunderte Studenten. In Kabul nahm die Polizei drei Männer fest.", "2024-05-08"
    )
    assert {e["sub_event_type"] for e in doc.events} >= {"Arrests"}


def test_riots_without_a_demonstration_are_a_mob(run):
    doc = run("In der Nacht zum Sonntag kam es in der Innenstadt von Lyon zu schweren Krawallen.", "2023-07-02")
    (e,) = doc.events
    assert (e["event_type"], e["sub_event_type"]) == ("Riots", "Mob violence")


def test_riots_a_demonstration_tells_of_are_violent_demonstrations(run):
    doc = run(
        "In der Nacht zum Sonntag kam es in der Innenstadt von Lyon zu schweren Krawallen. "
        "Demonstranten warfen Flaschen auf Polizisten und zündeten Mülltonnen an.",
        "2023-07-02",
    )
    riots = [e for e in doc.events if e["event_type"] == "Riots"]
    assert [e["sub_event_type"] for e in riots] == ["Violent demonstration"]


def test_an_accident_is_no_event(run):
    doc = run(
        "Bei einem Unglück in einer Munitionsfabrik in Tula explodierten am Montag mehrere Granaten, zwei Arbeiter "
        "wurden getötet. Bei der Bruchlandung eines Passagierflugzeugs auf dem Flughafen von Donezk sind am Mittwoch "
        "fünf Menschen getötet worden.",
        "2024-03-02",
    )
    assert doc.events == []


def test_an_attack_beside_an_accident_word_elsewhere_is_still_an_event(run):
    doc = run(
        "Russische Truppen haben Charkiw mit Raketen beschossen, drei Menschen wurden getötet. "
        "Am selben Tag verunglückte in Lwiw ein Bus.",
        "2024-03-02",
    )
    assert [e["sub_event_type"] for e in doc.events] == ["Shelling/artillery/missile attack"]


def test_a_protest_the_police_broke_up_in_the_next_sentence_is_one_with_intervention(run):
    doc = run(
        "In Tiflis haben am Samstag Tausende gegen das neue Mediengesetz demonstriert. "
        "Die Polizei ging mit Wasserwerfern und Pfefferspray gegen die Demonstranten vor.",
        "2024-05-12",
    )
    protests = [e for e in doc.events if e["event_type"] == "Protests"]
    assert [e["sub_event_type"] for e in protests] == ["Protest with intervention"]
    assert protests[0]["actor2"]["name"] == "Police Forces of Georgia"


def test_protesters_who_lost_their_lives_met_excessive_force(run):
    doc = run(
        "Bei Protesten gegen die Regierung in der Hauptstadt Addis Abeba kamen am Mittwoch mindestens zwölf "
        "Menschen ums Leben, als Sicherheitskräfte in die Menge schossen.",
        "2005-11-03",
    )
    assert [e["sub_event_type"] for e in doc.events if e["event_type"] == "Protests"] == [
        "Excessive force against protesters"
    ]


def test_a_party_rally_is_no_protest(run):
    doc = run("Die Kandidatin sprach am Samstag bei einer Wahlkundgebung in Dresden vor 3.000 Anhängern.", "2024-08-31")
    assert doc.events == []


def test_protests_that_took_place_in_a_list_of_cities_are_no_habit(run):
    doc = run(
        "Am Samstag demonstrierten in Berlin Tausende gegen die Rentenreform. "
        "Kundgebungen fanden auch in Hamburg, München und Köln statt.",
        "2023-03-11",
    )
    places = sorted(e["location"]["name"] for e in doc.events if e["event_type"] == "Protests")
    assert places == ["Berlin", "Cologne", "Hamburg", "Munich"]


def test_an_attack_named_without_weapon_is_the_bombing_the_article_tells(run):
    doc = run(
        "Bei einem Anschlag in der Innenstadt von Mogadischu sind am Sonntag mindestens zwölf Menschen getötet "
        "worden. Vor einem Hotel war eine Autobombe explodiert.",
        "2023-02-19",
    )
    assert {(e["event_type"], e["sub_event_type"]) for e in doc.events} == {
        ("Explosions/Remote violence", "Remote explosive/landmine/IED")
    }


def test_a_year_opening_a_clause_dates_the_act_and_a_count_does_not(run):
    doc = run(
        "Der Ex-Agent soll dazu beigetragen haben, dass 1996 zwei Sportflugzeuge von der kubanischen Luftabwehr "
        "über Havanna abgeschossen wurden.",
        "2010-08-19",
    )
    assert doc.events == []  # background fourteen years before the article
    dates = [s.data["iso"] for s in doc.spans.get("date", [])]
    assert dates == ["1996"]
    doc = run("Die Behörden teilten mit, dass 2000 Menschen in Aleppo festgenommen wurden.", "2016-08-19")
    assert [s.data["iso"] for s in doc.spans.get("date", [])] == []
