"""Who says so: the source phrases the attribution rules read (short German sentences)."""


def names(doc, sent: int = 0) -> list[str]:
    return [s["name"] for s in doc.sents[sent].sources]


def test_two_adjectives_joined_by_und_belong_to_one_source(run):
    doc = run("Das berichteten lokale und staatliche Medien am Montagabend.", "2024-04-19")
    assert names(doc) == ["lokale und staatliche Medien"]


def test_a_source_phrase_stops_before_a_preposition(run):
    doc = run(
        "Die Armee habe Ziele angegriffen, wie der Sender BBC unter Berufung auf einen Offizier berichtete.",
        "2024-04-19",
    )
    assert names(doc) == ["Sender BBC", "Offizier"]


def test_a_source_phrase_stops_before_a_finite_verb(run):
    doc = run("Laut syrischen Staatsmedien empfing Assad am Montag eine Delegation aus Teheran.", "2024-12-27")
    assert names(doc) == ["syrischen Staatsmedien"]


def test_a_genitive_without_article_continues_the_source(run):
    doc = run("Nach Angaben von Bewohnern palästinensischer Dörfer wurden drei Häuser angezündet.", "2025-01-20")
    assert names(doc) == ["Bewohnern palästinensischer Dörfer"]


def test_so_inside_a_clause_is_no_cue(run):
    doc = run("Die Offensive sei gescheitert und helfe so der Armee bei der Planung.", "2024-04-19")
    assert names(doc) == []


def test_a_report_verb_negated_names_no_source(run):
    doc = run("Die Regierung in Kairo schweigt und bestätigt nichts.", "2024-04-19")
    assert names(doc) == []


def test_a_passive_report_names_no_source(run):
    doc = run("Am Abend wurde zudem von Explosionen in Basra berichtet.", "2024-04-19")
    assert names(doc) == []


def test_a_medium_told_is_no_speaker_but_the_subject_is(run):
    doc = run(
        "Offiziere der Armee sagten dem Sender Hromadske, zwei Dörfer seien gefallen.",
        "2024-05-10",
    )
    assert names(doc) == ["Offiziere der Armee", "Sender Hromadske"]


def test_the_subject_after_an_opening_adverbial_claims(run):
    doc = run("Am Sonntag hat nun die JNIM den Überfall in Gao für sich reklamiert.", "2024-10-25")
    assert names(doc) == ["JNIM"]


def test_a_circle_of_an_institution_is_the_institution(run):
    doc = run("Senfgas sei eingesetzt worden, verlautete aus Kreisen der Vereinten Nationen.", "2015-11-06")
    assert names(doc) == ["Vereinten Nationen"]
    assert doc.sents[0].sources[0]["kind"] == "un"


def test_a_short_head_is_matched_as_a_whole_word_only(run):
    doc = run("Es seien viele Menschen getötet worden, wie Vertreter der Bevölkerung sagten.", "2024-05-10")
    assert all(s["kind"] != "un" for s in doc.sents[0].sources)


def test_a_bare_head_is_the_source_named_in_full_before(run):
    doc = run(
        "Das ukrainische Verteidigungsministerium meldete Kämpfe bei Charkiw. "
        "Bei Wowtschansk seien drei Soldaten getötet worden, teilte das Ministerium mit.",
        "2024-05-10",
    )
    (src,) = doc.sents[1].sources
    assert src["name"] == "ukrainische Verteidigungsministerium" and src["country"] == "UKR"
    assert doc.text[src["start"] : src["end"]] == "Ministerium"  # the evidence stays the mention used


def test_a_bare_organisation_is_the_organisation_named_before(run):
    doc = run(
        "Eine der Schulen wird von der Hilfsorganisation Care International unterstützt. "
        "Vier Lehrer seien getötet worden, erklärte die Organisation.",
        "2016-02-15",
    )
    assert names(doc, 1) == ["Hilfsorganisation Care International"]
    assert doc.sents[1].sources[0]["kind"] == "ngo"


def test_a_countrys_genitive_makes_the_fuller_mention(run):
    doc = run(
        "Israels Armee griff am Montag Ziele im Gazastreifen an. Nach Angaben der Armee wurden zwei Kämpfer getötet.",
        "2024-05-10",
    )
    assert names(doc, 1) == ["Israels Armee"]


def test_a_bare_head_without_a_fuller_mention_stays(run):
    doc = run("Nach Angaben der Armee wurden am Montag in Gaza zwei Kämpfer getötet.", "2024-05-10")
    assert names(doc) == ["Armee"]


def test_the_subject_before_an_apposition_reports(run):
    doc = run(
        "Die Al-Quds-Brigaden, der bewaffnete Arm des Islamischen Dschihad, teilten mit, ihre Kämpfer hätten "
        "die Soldaten angegriffen.",
        "2024-05-10",
    )
    assert names(doc) == ["Al-Quds-Brigaden"]


def test_what_a_report_is_about_is_no_source_and_er_is_the_speaker(run):
    doc = run(
        "Der Gouverneur der Region Krasnodar, Veniamin Kondratiev, schrieb von einem Drohnenangriff auf zwei "
        "Gemeinden. Er behauptete, die Luftabwehr habe zehn Drohnen abgefangen.",
        "2024-11-15",
    )
    assert names(doc, 0) == names(doc, 1) == ["Gouverneur der Region Krasnodar"]


def own_names(doc) -> list[str]:
    return [s["name"] for e in doc.events for s in e["sources"]]


def test_nach_eigenen_angaben_names_the_subject_before_it(run):
    doc = run(
        "Die paramilitärischen Rapid Support Forces (RSF) haben im Sudan nach eigenen Angaben die Stadt As-Suki "
        "eingenommen.",
        "2024-07-01",
    )
    assert own_names(doc) == ["paramilitärischen Rapid Support Forces (RSF)"]


def test_nach_eigenen_angaben_after_an_opening_adverbial(run):
    doc = run(
        "Am Abend griff die israelische Armee nach eigenen Angaben mit einer Drohne Bewaffnete in Tulkarem an.",
        "2024-07-01",
    )
    (speaker,) = [s["speaker"] for s in doc.sents[0].sources if s.get("own")]
    assert speaker["name"] == "israelische Armee" and speaker["country"] == "ISR"


def test_nach_eigenen_angaben_with_a_pronoun_is_the_subject_before(run):
    doc = run(
        "Die türkische Armee hatte Stellungen der YPG beschossen. Nach eigenen Angaben antwortete sie damit auf "
        "Angriffe auf ihre Grenzposten.",
        "2016-02-15",
    )
    (speaker,) = [s["speaker"] for s in doc.sents[1].sources if s.get("own")]
    assert speaker["name"] == "türkische Armee"


def test_nach_eigenen_angaben_in_a_passive_clause_names_no_subject(run):
    doc = run("Nach eigenen Angaben wurden die Stellungen der Miliz zerstört.", "2016-02-15")
    assert [s.get("speaker") for s in doc.sents[0].sources] == [None]


def test_a_common_noun_after_the_source_is_the_clause_going_on(run):
    doc = run(
        "Am Montag griffen Kämpfer nach Angaben der Beobachtungsstelle Stellungen der Regierungstruppen an.",
        "2024-05-10",
    )
    assert names(doc) == ["Beobachtungsstelle"]


def test_names_after_a_title_or_in_a_name_continue_the_source(run):
    doc = run(
        "Nach Angaben des Rettungsdienstes Magen David Adom wurden drei Menschen verletzt. "
        "Die Bombe sei in Kano detoniert, berichtete die Zeitung Daily Trust. "
        "Laut den Vereinten Nationen wurden zehn Menschen getötet.",
        "2024-05-10",
    )
    assert [names(doc, i) for i in range(3)] == [
        ["Rettungsdienstes Magen David Adom"],
        ["Zeitung Daily Trust"],
        ["Vereinten Nationen"],
    ]


def test_a_modifier_opening_the_sentence_is_no_head(run):
    doc = run("Nicht näher genannte Quellen in der Armee sagten, zwei Dörfer seien gefallen.", "2024-05-10")
    assert names(doc) == ["Nicht näher genannte Quellen in der Armee"]


def test_where_something_was_said_is_no_source(run):
    doc = run(
        "Ein Sprecher des Außenministers sagte in Genf, man fordere eine Waffenruhe. "
        "Drei Menschen seien getötet worden, sagte am Montag in der ukrainischen Hauptstadt der Gouverneur.",
        "2025-01-28",
    )
    assert names(doc, 0) == ["Sprecher des Außenministers"]
    assert names(doc, 1) == ["Gouverneur"]


def test_schrieb_er_is_the_titled_person_named_before(run):
    doc = run(
        "Präsident Wolodymyr Selenskyj forderte die Bestrafung der Verantwortlichen. "
        "Opfer des Beschusses in Sumy seien unschuldige Menschen, schrieb er.",
        "2024-11-17",
    )
    assert names(doc, 1) == ["Präsident Wolodymyr Selenskyj"]


def test_a_pronoun_pointing_to_no_one_names_no_source(run):
    doc = run(
        "In Belgorod wurden drei Häuser beschädigt. Er behauptete, die Luftabwehr habe zehn Drohnen abgefangen.",
        "2024-05-24",
    )
    assert names(doc, 1) == []


def test_a_source_name_takes_the_nominative(run):
    doc = run(
        "Nach Angaben der israelischen Armee wurden zwei Raketen abgefangen. "
        "Laut lokaler Medien wurden drei Menschen getötet. "
        "Nach Angaben des syrischen Innenministeriums wurde ein Depot zerstört. "
        "Nach Angaben vom Rotem Kreuz wurden zehn Menschen verletzt.",
        "2024-05-10",
    )
    assert [names(doc, i) for i in range(4)] == [
        ["israelische Armee"],
        ["lokale Medien"],
        ["syrische Innenministerium"],
        ["Rotes Kreuz"],
    ]


def test_a_name_of_several_words_keeps_its_form(run):
    doc = run("Laut der paramilitärischen Rapid Support Forces wurde die Stadt eingenommen.", "2024-07-01")
    assert names(doc) == ["paramilitärischen Rapid Support Forces"]


def test_a_medium_after_der_is_whom_the_speaker_told(run):
    doc = run(
        "Zwei Menschen seien getötet worden, sagte ein Sprecher der Notdienste in Gaza der Nachrichtenagentur AFP. "
        "Zwei Menschen seien getötet worden, sagte eine Reporterin der Nachrichtenagentur AFP.",
        "2018-05-10",
    )
    assert names(doc, 0) == ["Sprecher der Notdienste in Gaza", "Nachrichtenagentur AFP"]
    assert names(doc, 1) == ["Reporterin der Nachrichtenagentur AFP"]


def test_a_report_noun_opens_the_phrase_before_zufolge(run):
    doc = run(
        "Russland habe den Beschuss verstärkt, teilte der Gouverneur Berichten der Nachrichtenagentur Reuters "
        "zufolge mit. Angaben des russischen Verteidigungsministeriums zufolge wurde das Dorf eingenommen.",
        "2024-05-10",
    )
    assert names(doc, 0) == ["Gouverneur", "Nachrichtenagentur Reuters"]
    assert names(doc, 1) == ["russische Verteidigungsministerium"]


def test_a_time_of_day_ends_the_source(run):
    doc = run(
        "Zwei Drohnen seien abgeschossen worden, teilte das Verteidigungsministerium in Moskau in der Nacht mit.",
        "2024-08-25",
    )
    assert names(doc) == ["Verteidigungsministerium in Moskau"]


def test_das_geht_aus_einem_bericht_hervor_reports_the_sentence_before(run):
    doc = run(
        "In Syriens Gefängnissen werden Insassen systematisch gefoltert. Das geht aus einem Bericht von Experten "
        "der Vereinten Nationen hervor, in dem Aussagen von 300 Insassen ausgewertet wurden.",
        "2024-12-07",
    )
    assert names(doc, 0) == names(doc, 1) == ["Experten der Vereinten Nationen"]


def test_an_article_das_covers_no_sentence_before(run):
    doc = run(
        "Die Armee beschoss Stellungen der YPG. Das Außenministerium in Moskau teilte mit, es sei besorgt.",
        "2016-02-15",
    )
    assert names(doc, 0) == []


def test_liess_reports_only_with_a_report_infinitive(run):
    doc = run(
        "Wegen der Angriffe ließ das polnische Militär Abfangjäger aufsteigen. "
        "Der Kreml ließ mitteilen, man habe keine Kenntnis.",
        "2024-08-26",
    )
    assert names(doc, 0) == [] and names(doc, 1) == ["Kreml"]


def test_den_angaben_nach_is_the_source_before(run):
    doc = run(
        "Polen ließ Abfangjäger aufsteigen, wie die Nachrichtenagentur PAP meldete. "
        "An dem Einsatz waren den Angaben nach auch Flugzeuge anderer Verbündeter beteiligt.",
        "2024-08-26",
    )
    assert names(doc, 1) == ["Nachrichtenagentur PAP"]


def test_a_report_verb_in_a_relative_clause_names_no_main_subject(run):
    doc = run(
        "Im Osten nahmen Sicherheitskräfte nach Angaben von Reporter ohne Grenzen zwei Journalisten fest, die über "
        "Korruption berichtet hatten.",
        "2024-07-01",
    )
    assert names(doc) == ["Reporter ohne Grenzen"]


def test_an_unattributed_event_takes_the_report_just_before_over_one_two_sentences_on(run):
    doc = run(
        "Der südkoreanische Geheimdienst teilte mit, ein Soldat sei gestorben. Seine Verletzungen hätten sich "
        "verschlimmert. In Kursk nahmen ukrainische Soldaten am Donnerstag drei Nordkoreaner fest. Nordkorea "
        "unterstützt Russland seit Kurzem. Nach Angaben der USA sind 10.000 Soldaten in Russland stationiert.",
        "2024-12-27",
    )
    (e,) = doc.events
    assert [s["name"] for s in e["sources"]] == ["südkoreanische Geheimdienst"]


def test_a_named_persons_source_ends_before_in(run):
    doc = run(
        "Die Ukraine ist nach Darstellung von Präsident Wolodymyr Selenskyj in der russischen Oblast Kursk "
        "weiter vorgerückt.",
        "2024-08-25",
    )
    assert names(doc) == ["Präsident Wolodymyr Selenskyj"]
    assert [e["location"]["name"] for e in doc.events] == ["Kursk Oblast"]
    doc = run("Wie das Verteidigungsministerium in Kabul mitteilte, griffen Taliban Maimana an.", "2015-10-14")
    assert names(doc) == ["Verteidigungsministerium in Kabul"]
