"""Finding and resolving place mentions in an article.

Names are looked up as token n-grams (longest first, inflected "Aleppos" → "Aleppo" by rule). The
words around a name say what kind of place it is ("Provinz", "Stadt") and how precise a location is
("nahe", "im Umland"). Homonyms are decided for the whole article at once: the countries the article
talks about (from country words, adjectives and unambiguous places) outweigh population, so "Rafah"
in a Gaza report is Gaza's Rafah. "Die Stadt", "dort" and "die gleichnamige Provinz" refer back.
"""

from __future__ import annotations

import dataclasses
import functools
import math
from collections import Counter
from dataclasses import dataclass

from spacy.lang.de.stop_words import STOP_WORDS
from wordfreq import get_frequency_dict, zipf_frequency

from lagebild.doc import Doc, Span, Token
from lagebild.lang import Language, norm
from lagebild.places.context import geography_for
from lagebild.places.gazetteer import Gazetteer, Place, distance_km, gazetteer_for
from lagebild.places.lists import settle_lists
from lagebild.places.names import OtherNames
from lagebild.places.normalize import admin_nouns_for, fold
from lagebild.places.recognise import PLACE_SUFFIXES, SITE_WORDS, Candidate, PlaceModel, bar_of, features
from lagebild.places.reference import after_direction
from lagebild.registry import component

MAX_NGRAM = 4
# Lower-case words that may stand inside a multi-word place name ("Frankfurt am Main", "Beit al Faqih").
COMMON_WORD_ZIPF = 4.0  # a word at least this frequent in German ("Dabei", "Essen") is no bare place name
MAX_RANKED = 30  # candidates ranked per mention: the best by match quality and population
FOREIGN_TOWN_POPULATION = 100_000  # below this, a town in a country the article never names is a false friend
CITY_ADJECTIVE_POP = 250_000  # a city this large is named by its adjective ("Kiewer", "Osloer"); smaller ones rarely
SURNAME_ZIPF = 2.5  # a capitalised word rarer than this in German, after a first name, is a surname
AVOID_PENALTY = 8.0  # more than the article's country bonus (5): a border phrase outweighs the article's topic
KNOWN_WORD_ZIPF = 3.0  # a word this frequent ("Artillerie", "Sender") is a place only as a large town
UNKNOWN_ZIPF = 3.5  # a word the gazetteer lacks, this frequent or more after "in" ("in Zukunft"), is not asked about


@functools.lru_cache(maxsize=100_000)
def _zipf(word: str, lang: str) -> float:
    """wordfreq's Zipf value. A plain word is looked up in its frequency table directly, which gives the same
    value as `zipf_frequency` (checked over the corpus vocabulary) at a tenth of the cost; a word with digits,
    hyphens or apostrophes goes through wordfreq's tokenizer."""
    if word.isalpha():
        freq = _frequencies(lang).get(word.casefold())
        return round(math.log10(freq) + 9, 2) if freq else 0.0
    return zipf_frequency(word, lang)


@functools.cache
def _frequencies(lang: str) -> dict[str, float]:
    return get_frequency_dict(lang)


def _large(place: Place) -> bool:
    """A country, an area, or a town or region of at least FOREIGN_TOWN_POPULATION people."""
    return place.kind in ("country", "area") or place.population >= FOREIGN_TOWN_POPULATION


def _written_so(place: Place, quality: int, keys: set[str]) -> bool:
    """Whether a frequent German word names this place: one of our own large places (not "Sender"),
    a large region by any of its names ("Bayern"), or a large town by GeoNames' main name as written, accents
    included ("Bush" is not Būsh, "Male" is not Malé)."""
    if quality == 3:
        return place.kind in ("country", "area") or place.population >= (500_000 if place.kind == "region" else 100_000)
    if place.own or quality < 2 or not _large(place):
        return False
    return place.kind == "region" or place.name.casefold() in keys


def _neighbourhood(place: Place, anchors: Counter) -> float:
    """Bonus for a town near the places the article names: up to 3 within 100 km, 1 within 300 km, scaled
    by how often the anchor is named (Kharkiv eight times outweighs Bakhmut named once in passing)."""
    top = max(anchors.values())
    best = 0.0
    for a, n in anchors.items():
        d = distance_km(place, a)
        near = 3.0 if d <= 100 else (1.0 if d <= 300 else 0.0)
        best = max(best, near * n / top)
    return best


@dataclass
class Mention:
    sent: int
    tok_start: int
    tok_end: int
    surface: str
    candidates: list[tuple[int, int]]  # (place index, match quality)
    cue: str | None  # "region" / "settlement" / None
    near: bool
    dateline: bool = False  # "Bamako – Bei einem Anschlag ...": where the report was filed
    seat: bool = False  # the town in an institution's name ("an der Universität Bremen"): where it stands
    rule: str = "ok"  # the rules' verdict: "ok", or why they turn the name down (recognise.RULES)


class PlaceResolver:
    """Scores candidates for a mention given the article's countries and the words around it."""

    def __init__(self, gaz: Gazetteer) -> None:
        self.gaz = gaz

    def score(self, place: Place, quality: int, cue: str | None, countries: Counter) -> float:
        s = 2.0 * quality + 0.5 * min(math.log10(place.population + 1), 7.0)
        if countries and place.country:
            top = max(countries.values())
            s += 5.0 * countries.get(place.country, 0) / top
        if cue == "region":
            s += 6.0 if place.kind == "region" else -3.0
        elif cue == "settlement":
            s += 2.0 if place.kind in ("city", "site") else -3.0
        elif place.kind == "city":
            s += 1.0
        return s

    def rank(
        self, m: Mention, countries: Counter, anchors: Counter | None = None, avoid: frozenset[str] = frozenset()
    ) -> list[tuple[Place, float]]:
        """Candidates best first. `avoid`: countries the sentence puts the place beside ("nahe der ukrainischen
        Grenze") or says occupy it; a homonym elsewhere wins over them."""
        scored = []
        for idx, q in m.candidates[:MAX_RANKED]:
            place = self.gaz.places[idx]
            s = self.score(place, q, m.cue, countries)
            if anchors and place.kind in ("city", "site"):
                s += _neighbourhood(place, anchors)
            scored.append((place, s))
        if avoid and any(p.country not in avoid for p, _ in scored):
            scored = [(p, s - AVOID_PENALTY if p.country in avoid else s) for p, s in scored]
        return sorted(scored, key=lambda x: -x[1])


class PlaceFinder:
    def __init__(self, lang: Language) -> None:
        words = lang["place_words"]
        self.gaz = gazetteer_for(lang)
        self.resolver = PlaceResolver(self.gaz)
        self.admin = admin_nouns_for(lang)  # the one reading of "Provinz", "des Gebiets", "Idlib-Provinz"
        self.geography = geography_for(lang)  # border, occupation and region phrases of a sentence
        self.settlement_nouns = {norm(w) for w in words["settlement_nouns"]}
        self.settlement_plurals = tuple(norm(w) for w in words.get("settlement_plurals", []))
        self.reference_words = {norm(w) for w in words.get("reference_words", [])}
        self.direction_adjectives = tuple(norm(w) for w in words.get("direction_adjectives", []))
        self.near_cues: dict[str, list[tuple[str, ...]]] = {}
        for phrase in {tuple(norm(w).split()) for w in words["near_cues"]}:
            self.near_cues.setdefault(phrase[0], []).append(phrase)
        self.not_places = set(words["not_places"]) | set(words["region_nouns"]) | set(words["settlement_nouns"])
        self.not_places |= set(words.get("district_nouns", []))
        self.person_cues = set(words["person_cues"])
        self.person_title_endings = tuple(words.get("person_title_endings", []))
        # "fügte Sadovyi hinzu", "sagte Gladkow": a name right after a report verb is who speaks
        self.speech_verbs = {
            norm(c)
            for c in lang["sources"]["before"]
            if " " not in c and c[:1].islower() and c not in ("laut", "wie", "so", "gemäß")
        } | {norm(w) for w in words.get("speech_verbs", [])}
        self.name_continuations = set(words.get("name_continuations", []))
        self.city_parts = tuple(w.lower() for w in words.get("city_part_nouns", []))
        self.name_openers = set(words.get("name_openers", []))
        self.other_names = OtherNames(lang)
        self.model = PlaceModel.load(lang)  # None: the rules alone decide
        self.trace: list | None = None  # set to a list, every name considered is appended with its features
        self.home_countries = frozenset(words.get("home_countries", []))
        self.place_prepositions = frozenset(norm(w) for w in words.get("place_prepositions", []))
        generic = {(d, norm(w)) for d in ("die", "der", "dem", "den") for w in words["settlement_nouns"]}
        self.settlement_anaphora = {tuple(norm(w).split()) for w in words["settlement_anaphora"]} | generic
        self.region_anaphora = {tuple(norm(w).split()) for w in words["region_anaphora"]}
        self.code = lang.code
        _frequencies(self.code)  # loaded with the pipeline, so forked workers share it
        self.airspace_words = {norm(w) for w in words.get("airspace_words", [])}
        self.interception_words = {norm(w) for w in words.get("interception_words", [])}
        self.seat_nouns = tuple(words["seat_nouns"]) + tuple(words.get("meeting_nouns", []))
        self.country_parts = {norm(w) for w in words.get("country_parts", [])}
        self.country_anaphora = {tuple(norm(w).split()) for w in words.get("country_anaphora", [])}
        self._word_memo: dict[str, list[tuple[int, int]]] = {}
        self.coordination = lang.words("coordination")
        self.name_particles = lang.words("name_particles")
        self.linkers = lang.words("place_linkers")
        self.anaphora: dict[str, list[tuple[tuple[str, ...], bool]]] = {}  # first word → (phrase, is region)
        for phrases, region in ((self.region_anaphora, True), (self.settlement_anaphora, False)):
            for ph in sorted(phrases, key=len, reverse=True):
                self.anaphora.setdefault(ph[0], []).append((ph, region))

    def __call__(self, doc: Doc) -> Doc:
        blocked = {
            i
            for a in doc.spans.get("actor", [])
            if (a.data["actor"].group or a.data["actor"].force) and not a.data["actor"].metonymy
            for i in range(a.data["tok_start"], a.data["tok_end"])
        }
        mentions: list[Mention] = []
        persons: set[str] = set()
        for sent in doc.sents:
            if not sent.is_noise:
                mentions.extend(self._mentions(doc, doc.sent_tokens(sent), blocked, persons))
        # a name the article shows as a speaker is that person wherever it stands
        mentions = [
            dataclasses.replace(m, rule="known_person") if m.surface in persons and m.rule == "ok" else m
            for m in mentions
        ]
        taken = [m for m in mentions if m.rule == "ok"]
        countries = self._countries(doc, taken)
        anchors: Counter = Counter()  # places named unambiguously, how often: their neighbours win homonym contests
        for m in taken:
            top = self.gaz.places[m.candidates[0][0]]
            # a lone transliteration guess (a village matching only a homonym far away) anchors nothing
            single = len(m.candidates) == 1 and m.candidates[0][1] >= 2
            # "Charkiw" is our own city and our own region: the city anchors
            own = [self.gaz.places[i] for i, _ in m.candidates if self.gaz.places[i].own]
            own_towns = [p for p in own if p.kind in ("city", "site")]
            if own_towns and len({p.name for p in own_towns}) == 1:
                anchors[own_towns[0]] += 1
            elif top.kind in ("city", "site") and (single or top.own):
                anchors[top] += 1
        self._resolve(doc, mentions, countries, anchors, persons)
        settle_lists(self, doc, anchors, blocked, persons)
        return doc

    def zipf(self, lower: str) -> float:
        """How frequent a word is in German (wordfreq's Zipf scale: 3 is once per million words)."""
        return _zipf(lower, self.code)

    def is_known_place(self, word: str) -> bool:
        """Whether a word is exactly the name of one of our own places or of a town of 10,000 or more."""
        places = self.gaz.places
        return any(places.own[i] or places.population[i] >= 10_000 for i in self.gaz.by_fold.get(fold(word)))

    def is_german_word(self, lower: str) -> bool:
        """Whether a word is common enough in German to be no village name ('Artillerie', 'Panzer')."""
        return _zipf(lower, self.code) >= KNOWN_WORD_ZIPF

    # --- finding names ----------------------------------------------------------------------------
    def _mentions(self, doc: Doc, toks: list[Token], blocked: set[int], persons: set[str]) -> list[Mention]:
        """The names of a sentence, in order: those the rules take, and those they turn down with the reason
        (the place model may take these back)."""
        out: list[Mention] = []
        held: list[Mention] = []

        def hold(n: int, surface: str, cands: list[tuple[int, int]], rule: str) -> None:
            first = toks[i]
            cue, near = self._context(toks, i)
            held.append(Mention(first.sent, first.i, first.i + n, surface, cands, cue, near, rule=rule))

        intercepted = any(t.lower in self.interception_words for t in toks)
        i = 0
        while i < len(toks):
            tok = toks[i]
            stop = tok.lower in STOP_WORDS and tok.text[:1].isupper() and self.gaz.may_start_name(tok.text)
            if (tok.text in self.not_places or stop) and tok.i not in blocked:
                # "Stadt Gaza": a listed name that starts with a word that alone is no place; "Tel Aviv": with a
                # word spaCy counts as a stop word
                found = self._longest(doc, toks, i, blocked)
                if found is not None and found[0] > 1 and max(q for _, q in found[2]) >= 3:
                    n, surface, cands = found
                    cue, near = self._context(toks, i)
                    out.append(Mention(tok.sent, tok.i, tok.i + n, surface, cands, cue, near, False))
                    i += n
                    continue
            if tok.i in blocked or tok.is_noise or not tok.text[:1].isupper() or tok.text in self.not_places:
                i += 1
                continue
            person = (
                tok.text in self.person_cues
                or (i > 0 and self._title(toks[i - 1].text))
                # "Außenminister David Cameron", "Regierungschef Gheorghe Brega": a title, a first name, the name
                or (i > 1 and self._title(toks[i - 2].text) and toks[i - 1].text[:1].isupper())
            )
            if i > 0 and toks[i - 1].lower in self.speech_verbs and not self.gaz.is_own_name(tok.text):
                persons.add(tok.text)  # "fügte Sadovyi hinzu": the speaker, not Arshan' in Kalmykia
                i += 1
                continue
            if person:
                found = self._longest(doc, toks, i, blocked)
                if found is not None and found[0] == 1 and self._small_towns(found[2]):
                    persons.add(tok.text)  # "Regierungschef Gheorghe Brega" ... "Brega äußerte sich": the man
                if found is not None and found[0] == 1 and tok.text not in self.person_cues:
                    hold(1, found[1], found[2], "title")
            if person or tok.lower in STOP_WORDS:
                i += 1
                continue
            found = self._longest(doc, toks, i, blocked)
            if found is None:
                city = self._city_adjective(toks, i)
                if city is not None:  # "im Londoner Stadtteil Stockwell": a part of London
                    out.append(Mention(tok.sent, tok.i, tok.i + 1, tok.text, city, None, True, False, True))
                elif self.model is not None or self.trace is not None:
                    n = self._unknown_name(toks, i)
                    if n:  # "in Esenhausen", "die Schwanitzstraße": a name the gazetteer lacks, for the model
                        hold(n, doc.text[tok.start : toks[i + n - 1].end], [], "unknown")
                        i += n
                        continue
                i += 1
                continue
            n, surface, cands = found
            if self._apposed_person(toks, i, n):
                if self._small_towns(cands):
                    persons.add(surface)  # "Espen Barth Eide, norwegischer Außenminister": Eide is the minister
                hold(n, surface, cands, "apposed")
                i += n
                continue
            if (
                i + n < len(toks)
                and toks[i + n].text in self.name_continuations
                or (i > 0 and toks[i - 1].text in self.name_openers)
            ):
                hold(n, surface, cands, "club")
                i += n + 1  # "New York Times": a newspaper; "Werder Bremen": a club
                continue
            if n == 1 and i + 1 < len(toks) and self._surname(toks[i + 1], cands):
                persons.add(tok.text)  # "Shlomi Ziv": a first name and a surname, not the town Shlomi
                hold(n, surface, cands, "first_name")
                i += 2
                continue
            after_place = bool(out) and out[-1].tok_end == tok.i
            reason = self.other_names.reason(self, toks, i, n, after_place)
            if reason == "word" and any(self.gaz.places[idx].kind not in ("city", "site") for idx, _ in cands):
                reason = None  # "die Ukraine", "der Irak", "die Krim": countries and regions take an article
            seat = reason == "organisation"
            if seat and not any(self.gaz.places[idx].kind == "city" for idx, _ in cands):
                hold(n, surface, cands, "organisation")
                i += n
                continue
            if reason is not None and not seat:
                if reason == "person" and self._small_towns(cands):
                    persons.add(surface)
                hold(n, surface, cands, reason)
                i += n
                continue
            cue, near = self._context(toks, i)
            if n == 1 and "-" in surface and self.admin.split(surface)[1] == "region":
                cue = "region"  # "in der Idlib-Provinz"
            if cue is None and i > 0 and toks[i - 1].lower in self.airspace_words and intercepted:
                cue = "region"  # "drei über Kursk abgefangen": the region the air defence reports for
            if (
                out
                and cue is None
                and i > 0
                and toks[i - 1].lower in self.coordination
                and out[-1].tok_end == tok.i - 1
            ):
                cue, near = out[-1].cue, out[-1].near  # "in den Provinzen X und Y": the noun covers the list
            line_start = i == 0 or doc.text[max(0, tok.start - 1) : tok.start] in ("\n", "")
            dashed = surface[-1] in "–-—" or (i + n < len(toks) and toks[i + n].text in ("–", "-", "—", "("))
            dateline = line_start and dashed
            part = self._part_of(doc, toks, i, surface)
            if part is not None:  # "im südlichen Gazastreifen": the part our tables list, not the whole strip
                out.append(Mention(tok.sent, tok.i - 1, tok.i + n, part[0], part[1], None, False, False))
                i += n
                continue
            out.append(Mention(tok.sent, tok.i, tok.i + n, surface, cands, cue, near, dateline, seat))
            i += n
        return sorted(out + held, key=lambda m: m.tok_start)

    def _unknown_name(self, toks: list[Token], i: int) -> int:
        """How many tokens a name the gazetteer lacks takes at toks[i], when it is worth asking the place model:
        a rare capitalised word after a place preposition, or one with a place-name ending; a street or site
        word after a word in -er is part of it ("Neuendorfer Straße"). 0: not worth asking."""
        tok = toks[i]
        word = tok.text
        if len(word) < 3 or not word.replace("-", "").isalpha() or tok.lower in STOP_WORDS:
            return 0
        street = word.endswith("er") and i + 1 < len(toks) and toks[i + 1].text.lower().endswith(SITE_WORDS)
        n = 2 if street else 1  # "Danziger Straße", "Ottensteiner Stausee"; not "Verbotszone Pallasstraße"
        after_prep = i > 0 and toks[i - 1].lower in self.place_prepositions
        if n == 2 or (after_prep and self.zipf(tok.lower) < UNKNOWN_ZIPF) or word.lower().endswith(PLACE_SUFFIXES):
            return n
        return 0

    def _city_adjective(self, toks: list[Token], i: int) -> list[tuple[int, int]] | None:
        """ "im Londoner Stadtteil X", "das Osloer Regierungsviertel": the adjective of a large city before a
        noun for a part of a city names where it is. Before other nouns ("die Kiewer Führung", "die Berliner
        Zeitung") it names an institution or a speaker, not a scene, and is left alone."""
        word = toks[i].text
        if not word.endswith("er") or len(word) < 6 or i + 1 >= len(toks):
            return None
        nxt = toks[i + 1]
        if not nxt.text[:1].isupper() or not nxt.lower.endswith(self.city_parts):
            return None
        places = self.gaz.places
        large = [(idx, q) for idx, q in self.gaz.lookup(word[:-2]) if q >= 2 and places[idx].kind == "city"]
        cands = [(idx, q) for idx, q in large if places[idx].own or places[idx].population >= CITY_ADJECTIVE_POP]
        return cands or None

    def _part_of(self, doc: Doc, toks: list[Token], i: int, surface: str):
        """'südlichen Gazastreifen': a direction adjective and the name, when our tables list that part."""
        if i == 0 or not toks[i - 1].lower.startswith(self.direction_adjectives) or toks[i - 1].text[:1].isupper():
            return None
        phrase = doc.text[toks[i - 1].start : toks[i - 1].end] + " " + surface
        cands = [(idx, q) for idx, q in self.gaz.lookup(phrase) if q >= 3]
        return (phrase, cands) if cands else None

    def _small_towns(self, cands: list[tuple[int, int]]) -> bool:
        """Whether every reading of a name is a small town: only then may the name stand for a person
        throughout the article (a country or a city keeps its other mentions)."""
        places = self.gaz.places
        return all(places[idx].kind == "city" and places[idx].population < FOREIGN_TOWN_POPULATION for idx, _ in cands)

    def _apposed_person(self, toks: list[Token], i: int, n: int) -> bool:
        """A name in apposition to a title, after its first names: 'Espen Barth Eide, norwegischer
        Außenminister' or 'Der Gouverneur von Kaluga, Wladislaw Schapscha, erklärte'. First names the
        gazetteer does not know are no proof alone; the title beside them is."""
        given = 0
        while i - given > 0 and _name_word(toks[i - given - 1]) and given < 3:
            given += 1
        if not given:
            return False
        after = toks[i + n : i + n + 4]
        if after and after[0].text == ",":
            for t in after[1:]:
                if self._title(t.text):
                    return True
                if not (t.text.islower() and t.text.isalpha()):
                    break
        start = i - given
        return (
            start > 0
            and toks[start - 1].text == ","
            and any(self._title(t.text) for t in toks[max(0, start - 5) : start - 1])
        )

    def _surname(self, nxt: Token, cands: list[tuple[int, int]]) -> bool:
        """Whether the word after a small town's name makes it a person's first name: a capitalised
        word that is neither German nor any place ('Shlomi Ziv', 'Andrey Kozlov')."""
        places = self.gaz.places
        if any(places[idx].kind != "city" or places[idx].population >= FOREIGN_TOWN_POPULATION for idx, _ in cands):
            return False
        word = nxt.text
        return (
            len(word) >= 3
            and word[:1].isupper()
            and word.isalpha()
            and _zipf(nxt.lower, self.code) < SURNAME_ZIPF
            and not self.gaz.lookup(word)
        )

    def _title(self, word: str) -> bool:
        """A title before a person's name: a listed one, or a compound of one ('UN-Botschafter')."""
        return word in self.person_cues or (word[:1].isupper() and word.lower().endswith(self.person_title_endings))

    def _longest(self, doc: Doc, toks: list[Token], i: int, blocked: set[int]):
        """The longest name starting at token i; a longer transliteration guess yields to a shorter exact name."""
        guess = None
        longest = min(MAX_NGRAM, len(toks) - i) if self.gaz.may_start_name(toks[i].text) else 1
        for n in range(longest, 0, -1):
            span = toks[i : i + n]
            if any(t.i in blocked for t in span) or any(span[k + 1].start - span[k].end > 1 for k in range(n - 1)):
                continue
            if not span[-1].text[:1].isalpha() or not span[-1].text[:1].isupper() and "-" not in span[-1].text:
                continue
            if any(not any(ch.isupper() for ch in t.text) and t.lower not in self.name_particles for t in span[1:]):
                continue
            surface = doc.text[span[0].start : span[-1].end]
            cands = self._word(surface) if n == 1 else self.gaz.lookup(surface)
            if not cands:
                continue
            if max(q for _, q in cands) >= 2:
                return n, surface, cands
            guess = guess or (n, surface, cands)
        return guess

    def _word(self, word: str) -> list[tuple[int, int]]:
        """Candidates for a single word, genitive included ("Aleppos", "Libanons"); remembered per word."""
        found = self._word_memo.get(word)
        if found is None:
            cands = self.gaz.lookup(word)
            if not cands and "-" in word:  # "Idlib-Provinz": the region named so
                name, admin = self.admin.split(word)
                region = admin == "region"
                cands = [(i, q) for i, q in self.gaz.lookup(name) if region and self.gaz.places[i].kind == "region"]
            if word.endswith("s") and len(word) > 4:
                best = dict(cands)
                for idx, q in self.gaz.lookup(word[:-1]):
                    best[idx] = max(q, best.get(idx, 0))
                cands = sorted(best.items(), key=lambda x: -x[1])
            found = self._word_memo[word] = self._plausible(word, cands)
            if len(self._word_memo) > 200_000:
                self._word_memo.clear()
        return found

    def _plausible(self, word: str, cands: list[tuple[int, int]]) -> list[tuple[int, int]]:
        """The candidates a single word may stand for. A word that is also a German word ("Dabei",
        "Wochen", "Hannover") is a place only as a large place that is written so: by the project's own tables,
        or by GeoNames' main name. GeoNames' alternate names are too often another language's word that is a
        German word too ("Name" for Namur, "Suche" for Sochi, "Tiere" for Tyre)."""
        places = self.gaz.places
        if _zipf(word.lower(), self.code) >= KNOWN_WORD_ZIPF:
            keys = {word.casefold(), word[:-1].casefold()} if word.endswith("s") else {word.casefold()}
            return [(idx, q) for idx, q in cands if _written_so(places[idx], q, keys)]
        own = [(idx, q) for idx, q in cands if places[idx].own]
        if own:
            return own + [(idx, q) for idx, q in cands if not places[idx].own and q >= 2]
        if len(word) < 4:
            return []
        return cands

    def _context(self, toks: list[Token], i: int) -> tuple[str | None, bool]:
        return self.cues([t.text for t in toks[max(0, i - 5) : i]])

    def cues(self, before: list[str]) -> tuple[str | None, bool]:
        """What the words before a name say: a region or settlement noun ("Provinz", "Stadt") and
        whether a near cue ("nahe", "im Umland") lowers the precision."""
        cue = None
        district = False  # "im Rajon Pokrowsk": the district around its seat, so near the town
        for word in reversed(before):
            low = norm(word)
            if low in self.linkers:
                continue
            kind = self.admin.kind(low)
            if kind == "region":
                cue = "region"
            elif kind == "district":
                district = True
            elif low in self.settlement_nouns or low.endswith("stadt"):
                cue = "settlement"
            break
        words = [w.lower() for w in before]
        near = any(tuple(words[k : k + len(c)]) == c for k, w in enumerate(words) for c in self.near_cues.get(w, ()))
        return cue, near or district

    # --- deciding ---------------------------------------------------------------------------------
    def _countries(self, doc: Doc, mentions: list[Mention]) -> Counter:
        """How often each country is named, directly or through unambiguous places and actors."""
        counts: Counter = Counter()
        for a in doc.spans.get("actor", []):
            if a.data["actor"].country:
                counts[a.data["actor"].country] += 1
        for m in mentions:
            counts.update(self._names_country(m))
        return counts

    def _names_country(self, m: Mention) -> Counter:
        """The country a mention names for `_countries`: its only country, when it is trusted (one of our places,
        or a large place written so); a country counts twice."""
        best = [self.gaz.places[idx] for idx, q in m.candidates if q == m.candidates[0][1]]
        ctry = {p.country for p in best}
        trusted = best[0].own or (m.candidates[0][1] >= 2 and best[0].population >= 100_000)
        if len(ctry) == 1 and best[0].country and trusted:
            return Counter({best[0].country: 2 if best[0].kind == "country" else 1})
        return Counter()

    def _resolve(
        self, doc: Doc, mentions: list[Mention], countries: Counter, anchors: Counter, persons: set[str]
    ) -> None:
        chosen: dict[str, Place] = {}
        last_settlement: Place | None = None
        named = _Named()
        by_sent: dict[int, list[Mention]] = {}
        for m in mentions:
            by_sent.setdefault(m.sent, []).append(m)
        for sent in doc.sents:
            if sent.is_noise:
                continue
            toks = doc.sent_tokens(sent)
            if last_settlement is not None:
                # "die Ortschaft", "dort" point back to a place named before this sentence
                self._anaphora(doc, toks, last_settlement, named)
            ms = by_sent.get(sent.i, [])
            avoid = self.geography.not_in([t.text for t in toks]) if ms else frozenset()
            ok = [m for m in ms if m.rule == "ok"]
            position = {id(m): k for k, m in enumerate(ok)}
            for m in ms:
                if not m.candidates:
                    self._unknown(doc, toks, m, countries, persons)
                    continue
                if m.rule == "ok":
                    k = position[id(m)]
                    m = self._in_region(doc, m, ok[k + 1] if k + 1 < len(ok) else None)
                ranked = self.resolver.rank(
                    m, countries, Counter({a: n for a, n in anchors.items() if a.name != m.surface}), avoid
                )
                top = ranked[0][0]
                top_quality = max(q for _, q in m.candidates)
                in_article = bool(top.country and countries.get(top.country))
                rule = m.rule
                if (
                    rule == "ok"
                    and not top.own
                    and not in_article
                    and (top_quality == 1 or top.population < FOREIGN_TOWN_POPULATION)
                    and not self._home_town(doc, m, top, top_quality, countries)
                ):
                    rule = "foreign"  # a guess, a town or a German word ("Bombe") in a country the article never names
                common = _zipf(m.surface.lower(), self.code) >= KNOWN_WORD_ZIPF
                if (
                    rule == "ok"
                    and top.own
                    and not in_article
                    and top.kind in ("city", "region")
                    and m.cue is None
                    and common
                    and " " not in m.surface
                ):
                    rule = "common"  # a frequent German word that is also one of our regions abroad: the word
                if not self._decide(doc, toks, m, rule, ranked, in_article, countries, persons):
                    continue
                key = f"{m.surface}|{m.cue}"
                place = chosen.get(key) or ranked[0][0]
                chosen[key] = place
                past = any(d.data["past"] for d in doc.in_sent("date", sent.i))
                before = [t.lower for t in doc.tokens[max(0, m.tok_start - 2) : m.tok_start]]
                seat = before[-1:] == ["in"] and len(before) == 2 and before[0].endswith(self.seat_nouns)
                reference = self._after_direction(doc, m)  # "15 Kilometer östlich von X"
                if place.kind in ("city", "site") and not past and not m.dateline and not seat and not reference:
                    # "ein Gipfeltreffen in X": not the town "die Grenzstadt" will point back to
                    last_settlement = place  # background and datelines do not change what "die Stadt" means
                precision = 3 if place.kind in ("region", "country", "area") else (2 if m.near else 1)
                first, last = doc.tokens[m.tok_start], doc.tokens[m.tok_end - 1]
                doc.add(
                    Span(
                        first.start,
                        last.end,
                        m.sent,
                        "place",
                        doc.text[first.start : last.end],
                        {
                            "place": place,
                            "precision": precision,
                            "cue": m.cue,
                            "near": m.near,
                            "candidates": [(p.name, p.country, p.kind, round(s, 2)) for p, s in ranked[:5]],
                            "dateline": m.dateline,
                            "seat": m.seat,  # a town named in an institution's name: a place, not a LOC name
                            "tok_start": m.tok_start,
                            "tok_end": m.tok_end,
                        },
                    )
                )
            self._country_part(doc, toks)

    def _unknown(self, doc: Doc, toks: list[Token], m: Mention, countries: Counter, persons: set[str]) -> None:
        """A name the gazetteer lacks that the model takes for a place: a `place_name` span, recognised but not
        located (events need a location and do not read these)."""
        word = m.surface.split(" ", 1)[0]
        cand = Candidate(
            toks,
            m.tok_start - toks[0].i,
            m.tok_end - m.tok_start,
            m.rule,
            foreign_named=any(c not in self.home_countries for c in countries),
            cue=m.cue,
            first_name=self.gaz.is_first_name(word),
            person=m.surface in persons,
            zipf=_zipf(word.lower(), self.code),
        )
        feats = features(cand, self.place_prepositions, self.gaz.first_names)
        if self.trace is not None:
            self.trace.append((doc.article.id, m.tok_start, m.tok_end, "turned_down", feats))
        p = self.model.probability(feats) if self.model is not None else 0.0
        if self.model is None or p < self.model.bar("turned_down"):
            return
        first, last = doc.tokens[m.tok_start], doc.tokens[m.tok_end - 1]
        data = {"tok_start": m.tok_start, "tok_end": m.tok_end, "probability": round(p, 3)}
        doc.add(Span(first.start, last.end, m.sent, "place_name", doc.text[first.start : last.end], data))

    def _decide(
        self,
        doc: Doc,
        toks: list[Token],
        m: Mention,
        rule: str,
        ranked: list[tuple[Place, float]],
        in_article: bool,
        countries: Counter,
        persons: set[str],
    ) -> bool:
        """Whether a name becomes a place: the rules' verdict alone without a place model, else the model's,
        which weighs that verdict with the name's words around it, shape and gazetteer facts. A seat ("Universität
        Bremen") stays a place for events, and so does a name the rules took after a region or settlement noun
        ("Provinz Mardin", "die Grenzdörfer X") or as a dateline ("Seoul –"): news structure the model's sentences
        lack. In an article
        that names a country abroad, one of the project's own places ("Golanhöhen") or a place in a country the
        article names ("Boryssiwka" in a report on Ukraine) is vouched for: only a name the model is nearly sure
        of ("Sosa", a surname) is dropped (its `vouched` bar), since on conflict news the model doubts too many
        true places (measured on the events' train split). A small town the rules took for a false friend is
        taken back only in an article that names no country beyond the home countries: the model
        learned from such sentences and knows nothing of conflict news abroad. A frequent German word the rules
        turned down stays the word ("in der Metro")."""
        foreign_named = any(c not in self.home_countries for c in countries)
        # "Provinz Mardin", "Seoul –"; in a report from abroad, the project's own tables of conflict geography and
        # the places in the countries the article names: named by other words than the name itself ("Athen"
        # alone names Greece, and vouches for nothing)
        top = ranked[0][0]
        others = countries - self._names_country(m) if rule == "ok" else countries
        abroad = any(c not in self.home_countries for c in others)
        vouched = abroad and (top.own or bool(top.country and others.get(top.country)))
        before = doc.tokens[m.tok_start - 1].lower if m.tok_start > 0 else ""
        plural = before.endswith(self.settlement_plurals)  # "die Grenzdörfer X, Y und Z"
        structural = rule == "ok" and (m.cue is not None or m.dateline or plural)
        word = m.surface.split(" ", 1)[0]
        common = rule != "ok" and _zipf(word.lower(), self.code) >= KNOWN_WORD_ZIPF  # "in der Metro": the word
        if (
            self.model is None
            and self.trace is None
            or m.seat
            or structural
            or common
            or (rule == "foreign" and foreign_named)
        ):
            return rule == "ok"
        cand = Candidate(
            toks,
            m.tok_start - toks[0].i,
            m.tok_end - m.tok_start,
            rule,
            kind=top.kind,
            population=top.population,
            quality=max(q for _, q in m.candidates),
            homonyms=len(m.candidates),
            countries=len({self.gaz.places[i].country for i, _ in m.candidates[:MAX_RANKED]}),
            own=top.own,
            home=top.country in self.home_countries,
            in_article=in_article,
            foreign_named=foreign_named,
            cue=m.cue,
            first_name=self.gaz.is_first_name(word),
            person=m.surface in persons,
            list_mate=self._list_mate(doc, m),
            zipf=_zipf(word.lower(), self.code),
            extra=["vouched"] if vouched and rule == "ok" else [],
        )
        feats = features(cand, self.place_prepositions, self.gaz.first_names)
        bar = bar_of(rule, vouched)
        if self.trace is not None:
            self.trace.append((doc.article.id, m.tok_start, m.tok_end, bar, feats))
        return self.model.is_place(feats, bar) if self.model is not None else rule == "ok"

    def _list_mate(self, doc: Doc, m: Mention) -> bool:
        """Whether a place taken just before the name is joined to it by a comma, "und" or "oder"."""
        spans = doc.spans.get("place")
        if not spans or spans[-1].data.get("tok_end") is None or m.tok_start < 2:
            return False
        between = doc.tokens[spans[-1].data["tok_end"] : m.tok_start]
        return len(between) == 1 and between[0].text in (",", "und", "oder", "/")

    def _in_region(self, doc: Doc, m: Mention, nxt: Mention | None) -> Mention:
        """'Sudscha im Gebiet Kursk', 'Pokrowsk (Oblast Donezk)': a town followed closely by an administrative
        phrase keeps only its candidates in that region, when it has any there."""
        if nxt is None or m.cue == "region" or nxt.cue != "region" or nxt.tok_start - m.tok_end > 3:
            return m
        between = doc.tokens[m.tok_end : nxt.tok_start]
        if not any(self.admin.is_noun(t.text) for t in between):
            return m
        places = self.gaz.places
        regions = {(places[i].country, places[i].admin1) for i, _ in nxt.candidates if places[i].kind == "region"}
        inside = [(i, q) for i, q in m.candidates if (places[i].country, places[i].admin1) in regions]
        if not inside or len(inside) == len(m.candidates):
            return m
        return dataclasses.replace(m, candidates=inside)

    def _home_town(self, doc: Doc, m: Mention, top: Place, quality: int, countries: Counter) -> bool:
        """A small town of the countries German news is written in ("nach Hameln", "in Gelbensande"), named
        exactly and after a place preposition, in an article that names no other country: the reader's own
        country needs no naming. In an article about another country, such a town stays a false friend."""
        if top.country not in self.home_countries or quality < 2 or top.kind not in ("city", "site"):
            return False
        if any(c not in self.home_countries for c in countries):
            return False
        before = doc.tokens[m.tok_start - 1].lower if m.tok_start > 0 else ""
        return before in self.place_prepositions

    def _after_direction(self, doc: Doc, m: Mention) -> bool:
        """Whether a name follows a direction ('nordöstlich von Charkiw'): a reference point, which is not
        what 'die Stadt' or 'dort' will point back to."""
        return after_direction(doc.tokens, m.tok_start, self.direction_adjectives)

    def _country_part(self, doc: Doc, toks: list[Token]) -> None:
        """'im Süden des Landes' → the area of the country named last ('Süden des Libanon' = South Lebanon)."""
        words = [t.lower for t in toks]
        for k, w in enumerate(words):
            if w not in self.country_parts or not any(
                tuple(words[k + 1 : k + 1 + len(a)]) == a for a in self.country_anaphora
            ):
                continue
            before = [s for s in doc.spans.get("place", []) if s.end <= toks[k].start and s.data["place"].country]
            if not before:
                continue
            named = [s for s in before if s.data["place"].kind == "country"]
            iso3 = (named or before)[-1].data["place"].country
            country = self.gaz.country(iso3)
            if country is None:
                continue
            part, name = toks[k].text, country.name
            area = None
            for surface in (f"{part} des {name}", f"{part} der {name}", f"{part} {name}s", f"{part} {name}"):
                hits = [self.gaz.places[i] for i, q in self.gaz.lookup(surface) if q >= 3]
                area = next((p for p in hits if p.country == iso3 and p.kind in ("area", "region")), None)
                if area is not None:
                    break
            if area is None:
                continue
            _add_anaphor(doc, toks[k], toks[k + 2], area, 3)

    def _epithet(self, toks: list[Token], k: int) -> int:
        """Length of 'der einstigen Wirtschaftsmetropole', 'die umkämpfte Hafenstadt': an article, one or two
        adjectives and a settlement noun, which point back like 'die Stadt' does; 0 when there is none."""
        if toks[k].lower not in ("die", "der", "dem", "den"):
            return 0
        for n in (2, 3):
            if k + n >= len(toks):
                return 0
            adjectives = toks[k + 1 : k + n]
            if not all(t.text.islower() and t.lower.endswith(("e", "en", "er", "es")) for t in adjectives):
                return 0
            if norm(toks[k + n].text) in self.settlement_nouns:
                return n + 1
        return 0

    def _anaphora(self, doc: Doc, toks: list[Token], settlement: Place, named: _Named) -> None:
        """'die Stadt', 'dort' → the settlement named last; 'die gleichnamige Provinz' → its region."""
        named.update(doc)
        words = [t.lower for t in toks]
        for k in range(len(toks)):
            epithet = self._epithet(toks, k)
            phrases = [(tuple(words[k : k + epithet]), False)] if epithet else []
            for ph, region in phrases + self.anaphora.get(words[k], []):
                n = len(ph)
                if tuple(words[k : k + n]) != ph:
                    continue
                if k + n < len(toks) and toks[k + n].text[:1].isupper():
                    continue  # "die Stadt X": the name follows, no anaphor
                first, last = toks[k], toks[k + n - 1]
                place = self.gaz.region_of(settlement) if region else settlement
                if place is None or (first.start, last.end) in named:
                    continue
                _add_anaphor(doc, first, last, place, 3 if region else 1)
                named.update(doc)
                break


class _Named:
    """The (start, end) of every place span so far, kept up to date as spans are added.

    `_anaphora` asks for them once per sentence; building the set from all place spans each time made
    an article of many sentences quadratic (5 MB of them on one line ran for over ten minutes).
    """

    def __init__(self) -> None:
        self.spans: set[tuple[int, int]] = set()
        self._list: list[Span] | None = None
        self._seen = 0

    def update(self, doc: Doc) -> None:
        """Take in the place spans added since the last call (all of them if the list was replaced)."""
        spans = doc.spans.get("place", [])
        if spans is not self._list or len(spans) < self._seen:
            self.spans, self._list, self._seen = set(), spans, 0
        self.spans.update((s.start, s.end) for s in spans[self._seen :])
        self._seen = len(spans)

    def __contains__(self, span: tuple[int, int]) -> bool:
        return span in self.spans


def _add_anaphor(doc: Doc, first: Token, last: Token, place: Place, precision: int) -> None:
    """A place span for words that point back to a place named before ('die Stadt', 'im Süden des Landes')."""
    data = {
        "place": place,
        "precision": precision,
        "cue": None,
        "near": False,
        "anaphor": True,
        "candidates": [],
        "tok_start": first.i,
        "tok_end": last.i + 1,
    }
    doc.add(Span(first.start, last.end, first.sent, "place", doc.text[first.start : last.end], data))


component("places")(PlaceFinder)


def _name_word(tok: Token) -> bool:
    """A capitalised word that may be a first name: letters only, no function word."""
    return tok.text[:1].isupper() and tok.text.isalpha() and tok.lower not in STOP_WORDS
