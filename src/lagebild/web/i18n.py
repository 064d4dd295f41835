"""The page's words in German and English: one language per page, chosen by the reader.

The page speaks one language throughout. It is chosen by `?lang=de|en` (remembered in a cookie),
else by the browser's Accept-Language, else English. The server renders the template with these
strings and embeds them in the page as JSON, so the scripts use the same words. ACLED's type names
are shown in German on a German page (with the ACLED name as a tooltip); the data and the exports keep
ACLED's English names.
"""

from __future__ import annotations

from typing import Any

from lagebild.web import i18n_review as review_words

LANGS = ("de", "en")
COOKIE = "lagebild_lang"

EN: dict[str, Any] = {
    "lang_name": "English",
    "api_docs": "API documentation",
    "counts": "{incidents} · {events} · {articles}",
    "search": "Search articles",
    "search_ph": "e.g. Luftangriff Idlib",
    "country": "Country",
    "all": "all",
    "type": "Type",
    "all_of": "{type} (all)",
    "place": "Place",
    "place_ph": "any spelling",
    "actor": "Actor",
    "source": "Source",
    "name_ph": "name",
    "from": "From",
    "to": "To",
    "reset": "Reset",
    "export": "Export",
    "export_incidents_csv": "CSV, one row per incident (ACLED columns)",
    "export_reports_csv": "CSV, one row per report (ACLED columns + incident_id)",
    "export_geojson": "GeoJSON (incidents, for QGIS)",
    "export_parquet": "Parquet (reports, typed)",
    "export_jsonl": "JSON Lines (reports, full records)",
    "export_hint": "The file holds what the filters select.",
    "map_label": "Map of incidents",
    "on_map": ["{n} incident on the map", "{n} incidents on the map"],
    "shown_of": "{shown} of {total} incidents shown (the latest; narrow the filters to see all)",
    "map_hint": "wheel: zoom · drag: pan · double-click: fit",
    "none_unknown": "none/unknown",
    "n_dead": "{n} dead",
    "cluster": "{n} incidents here: click to zoom in",
    "spread": "{n} incidents at one place: click to spread them out",
    "timeline": "Timeline",
    "timeline_hint": "drag across the bars to select a period",
    "clear_period": "Clear period",
    "per": "per",
    "auto": "auto",
    "day": "day",
    "week": "week",
    "month": "month",
    "no_dated": "no dated incidents",
    "outside_before": [
        "{n} earlier incident ({range}) not in the chart",
        "{n} earlier incidents ({range}) not in the chart",
    ],
    "outside_after": [
        "{n} later incident ({range}) not in the chart",
        "{n} later incidents ({range}) not in the chart",
    ],
    "show_all_years": "show the whole period",
    "show_dense": "show the busy period only",
    "tab_list": "Incidents",
    "tab_articles": "Articles",
    "tab_upload": "Add articles",
    "match": ["{n} incident matches the filters", "{n} incidents match the filters"],
    "more": "More",
    "disputed_badge": "⚠ disputed",
    "dead": "dead",
    "reports": ["{n} report", "{n} reports"],
    "incidents_n": ["{n} incident", "{n} incidents"],
    "events_n": ["{n} report", "{n} reports"],
    "articles_n": ["{n} article", "{n} articles"],
    "no_source": "no source named",
    "back": "← back to the list",
    "loading": "loading…",
    "date": "Date",
    "precision": "precision",
    "geo_precision": {"1": "the place itself", "2": "near the place", "3": "the region"},
    "unknown": "unknown",
    "actors": "Actors",
    "fatalities": "Fatalities",
    "sources": "Sources",
    "articles_themselves": "the articles themselves",
    "reports_in": "{reports} in {articles}",
    "reports_label": "Reports",
    "disputed": "disputed",
    "disagree": "The reports disagree",
    "disagree_hint": "each report's figure for this happening, and who gives it",
    "claims": "Claims",
    "no_claims": "No claims stored for this incident.",
    "claim": "claim",
    "value": "value",
    "as_written": "as written",
    "article": "article",
    "article_itself": "the article itself",
    "marks_hint": "marked: the evidence sentence · underlined: a claim, red where the reports disagree",
    "loading_articles": "loading articles…",
    "no_date": "no date",
    "sources_colon": "sources",
    "kinds": {
        "fatalities": "dead",
        "injured": "injured",
        "displaced": "displaced",
        "besieged": "besieged",
        "detained": "detained",
        "missing": "missing",
        "control": "holds",
        "control_lost": "lost control",
        "background_event": "background",
    },
    "search_prompt": "Type words into “Search articles” above.",
    "search_found": ["{n} article contains “{q}”", "{n} articles contain “{q}”"],
    "no_events_read": "no events read from this article",
    "upload_intro": "German articles in the input format (a ` date YYYY-MM-DD` header), JSON Lines or HTML. "
    "They are extracted on this machine and stored in the database.",
    "files": "Files",
    "or_paste": "…or paste an article",
    "paste_date": "Date of the pasted article (if it has no header)",
    "extract_add": "Extract and add",
    "nothing_to_read": "Nothing to read: choose a file or paste an article.",
    "extracting": "extracting…",
    "upload_refused": "Upload refused: {reason}",
    "upload_failed": "Upload failed: {reason}",
    "stored_n": ["{n} article stored", "{n} articles stored"],
    "failed_n": "{n} failed",
    "status_added": "added",
    "status_replaced": "updated",
    "status_unchanged": "already stored, unchanged",
    "upload_line": "{events}, {incidents}",
    "open_n": "open {n}",
    "footer": "country outlines: Natural Earth (via the countryinfo package) · runs offline",
    "types": {},
}

DE: dict[str, Any] = {
    "lang_name": "Deutsch",
    "api_docs": "API-Dokumentation",
    "counts": "{incidents} · {events} · {articles}",
    "search": "Artikel durchsuchen",
    "search_ph": "z. B. Luftangriff Idlib",
    "country": "Land",
    "all": "alle",
    "type": "Art",
    "all_of": "{type} (alle)",
    "place": "Ort",
    "place_ph": "jede Schreibweise",
    "actor": "Akteur",
    "source": "Quelle",
    "name_ph": "Name",
    "from": "Von",
    "to": "Bis",
    "reset": "Zurücksetzen",
    "export": "Exportieren",
    "export_incidents_csv": "CSV, eine Zeile je Vorfall (ACLED-Spalten)",
    "export_reports_csv": "CSV, eine Zeile je Bericht (ACLED-Spalten + incident_id)",
    "export_geojson": "GeoJSON (Vorfälle, für QGIS)",
    "export_parquet": "Parquet (Berichte, typisiert)",
    "export_jsonl": "JSON Lines (Berichte, vollständige Datensätze)",
    "export_hint": "Die Datei enthält, was die Filter auswählen.",
    "map_label": "Karte der Vorfälle",
    "on_map": ["{n} Vorfall auf der Karte", "{n} Vorfälle auf der Karte"],
    "shown_of": "{shown} von {total} Vorfällen gezeigt (die neuesten; Filter eingrenzen, um alle zu sehen)",
    "map_hint": "Mausrad: zoomen · Ziehen: verschieben · Doppelklick: alles zeigen",
    "none_unknown": "keine/unbekannt",
    "n_dead": "{n} Tote",
    "cluster": "{n} Vorfälle hier: klicken zum Vergrößern",
    "spread": "{n} Vorfälle an einem Ort: klicken zum Auffächern",
    "timeline": "Zeitleiste",
    "timeline_hint": "über die Balken ziehen, um einen Zeitraum zu wählen",
    "clear_period": "Zeitraum aufheben",
    "per": "je",
    "auto": "automatisch",
    "day": "Tag",
    "week": "Woche",
    "month": "Monat",
    "no_dated": "keine datierten Vorfälle",
    "outside_before": [
        "{n} früherer Vorfall ({range}) nicht in der Grafik",
        "{n} frühere Vorfälle ({range}) nicht in der Grafik",
    ],
    "outside_after": [
        "{n} späterer Vorfall ({range}) nicht in der Grafik",
        "{n} spätere Vorfälle ({range}) nicht in der Grafik",
    ],
    "show_all_years": "ganzen Zeitraum zeigen",
    "show_dense": "nur den dichten Zeitraum zeigen",
    "tab_list": "Vorfälle",
    "tab_articles": "Artikel",
    "tab_upload": "Artikel hinzufügen",
    "match": ["{n} Vorfall entspricht den Filtern", "{n} Vorfälle entsprechen den Filtern"],
    "more": "Mehr",
    "disputed_badge": "⚠ umstritten",
    "dead": "Tote",
    "reports": ["{n} Bericht", "{n} Berichte"],
    "incidents_n": ["{n} Vorfall", "{n} Vorfälle"],
    "events_n": ["{n} Bericht", "{n} Berichte"],
    "articles_n": ["{n} Artikel", "{n} Artikel"],
    "no_source": "keine Quelle genannt",
    "back": "← zurück zur Liste",
    "loading": "lädt …",
    "date": "Datum",
    "precision": "Genauigkeit",
    "geo_precision": {"1": "der Ort selbst", "2": "nahe dem Ort", "3": "die Region"},
    "unknown": "unbekannt",
    "actors": "Akteure",
    "fatalities": "Tote",
    "sources": "Quellen",
    "articles_themselves": "die Artikel selbst",
    "reports_in": "{reports} in {articles}",
    "reports_label": "Berichte",
    "disputed": "umstritten",
    "disagree": "Die Berichte widersprechen sich",
    "disagree_hint": "die Zahl jedes Berichts für dieses Geschehen, und wer sie nennt",
    "claims": "Angaben",
    "no_claims": "Zu diesem Vorfall sind keine Angaben gespeichert.",
    "claim": "Angabe",
    "value": "Wert",
    "as_written": "im Wortlaut",
    "article": "Artikel",
    "article_itself": "der Artikel selbst",
    "marks_hint": "markiert: der Belegsatz · unterstrichen: eine Angabe, rot wo die Berichte sich widersprechen",
    "loading_articles": "Artikel werden geladen …",
    "no_date": "ohne Datum",
    "sources_colon": "Quellen",
    "kinds": {
        "fatalities": "Tote",
        "injured": "Verletzte",
        "displaced": "Vertriebene",
        "besieged": "Eingeschlossene",
        "detained": "Festgenommene",
        "missing": "Vermisste",
        "control": "kontrolliert",
        "control_lost": "Kontrolle verloren",
        "background_event": "Hintergrund",
    },
    "search_prompt": "Suchbegriffe oben in „Artikel durchsuchen“ eingeben.",
    "search_found": ["{n} Artikel enthält „{q}“", "{n} Artikel enthalten „{q}“"],
    "no_events_read": "aus diesem Artikel wurden keine Ereignisse gelesen",
    "upload_intro": "Deutsche Artikel im Eingabeformat (Kopfzeile ` date JJJJ-MM-TT`), als JSON Lines oder HTML. "
    "Sie werden auf diesem Rechner ausgelesen und in der Datenbank gespeichert.",
    "files": "Dateien",
    "or_paste": "… oder einen Artikel einfügen",
    "paste_date": "Datum des eingefügten Artikels (falls ohne Kopfzeile)",
    "extract_add": "Auslesen und hinzufügen",
    "nothing_to_read": "Nichts zu lesen: eine Datei wählen oder einen Artikel einfügen.",
    "extracting": "wird ausgelesen …",
    "upload_refused": "Hochladen abgelehnt: {reason}",
    "upload_failed": "Hochladen fehlgeschlagen: {reason}",
    "stored_n": ["{n} Artikel gespeichert", "{n} Artikel gespeichert"],
    "failed_n": "{n} fehlgeschlagen",
    "status_added": "hinzugefügt",
    "status_replaced": "aktualisiert",
    "status_unchanged": "schon gespeichert, unverändert",
    "upload_line": "{events}, {incidents}",
    "open_n": "öffnen {n}",
    "footer": "Ländergrenzen: Natural Earth (über das Paket countryinfo) · läuft offline",
    "types": {
        "Battles": "Kämpfe",
        "Explosions/Remote violence": "Explosionen/Fernangriffe",
        "Violence against civilians": "Gewalt gegen Zivilisten",
        "Protests": "Proteste",
        "Riots": "Ausschreitungen",
        "Strategic developments": "Strategische Entwicklungen",
        "Armed clash": "Bewaffneter Zusammenstoß",
        "Government regains territory": "Regierung erobert Gebiet zurück",
        "Non-state actor overtakes territory": "Nichtstaatlicher Akteur erobert Gebiet",
        "Chemical weapon": "Chemiewaffe",
        "Air/drone strike": "Luft-/Drohnenangriff",
        "Suicide bomb": "Selbstmordanschlag",
        "Shelling/artillery/missile attack": "Beschuss/Artillerie/Raketen",
        "Remote explosive/landmine/IED": "Sprengsatz/Landmine/IED",
        "Grenade": "Granate",
        "Sexual violence": "Sexuelle Gewalt",
        "Attack": "Angriff",
        "Abduction/forced disappearance": "Entführung/Verschwindenlassen",
        "Peaceful protest": "Friedlicher Protest",
        "Protest with intervention": "Protest mit Eingreifen",
        "Excessive force against protesters": "Übermäßige Gewalt gegen Protestierende",
        "Violent demonstration": "Gewalttätige Demonstration",
        "Mob violence": "Mob-Gewalt",
        "Agreement": "Abkommen",
        "Arrests": "Festnahmen",
        "Change to group/activity": "Änderung von Gruppe/Aktivität",
        "Disrupted weapons use": "Vereitelter Waffeneinsatz",
        "Headquarters or base established": "Hauptquartier oder Stützpunkt errichtet",
        "Looting/property destruction": "Plünderung/Zerstörung",
        "Non-violent transfer of territory": "Gewaltfreie Gebietsübergabe",
        "Other": "Sonstiges",
    },
}

assert not (set(EN) & set(review_words.EN)), "a review word would replace one of the page's"
EN.update(review_words.EN)  # the review desk's words live in their own module
DE.update(review_words.DE)
STRINGS = {"en": EN, "de": DE}


def choose(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The page's language: the query's, else the remembered one, else the browser's first of de/en."""
    for choice in (query, cookie):
        if choice in LANGS:
            return choice
    best, best_q = "en", -1.0
    for part in (accept_language or "").split(","):
        tag, _, params = part.strip().partition(";")
        q = 1.0
        if params.strip().startswith("q="):
            try:
                q = float(params.strip()[2:])
            except ValueError:
                q = 0.0
        code = tag.strip().lower()[:2]
        if code in LANGS and q > best_q:
            best, best_q = code, q
    return best


def type_label(lang: str, value: str | None) -> str:
    """An ACLED type name as the page shows it in `lang`."""
    return STRINGS[lang]["types"].get(value or "", value or "")


def tn(lang: str, key: str, n: int, **values: Any) -> str:
    """A counted phrase ("1 incident", "2 incidents") in `lang`."""
    one, many = STRINGS[lang][key]
    return (one if n == 1 else many).format(n=n, **values)
