"""Where an event happened: the places of its sentence, or of the sentences around it, or the article's.

A sentence names places for many reasons: where the event was, where the rockets came from ("aus dem
Libanon"), where a government speaks ("das Ministerium in Kiew"), a reference point ("20 Kilometer
südlich von X"), the goal of an advance ("rücken auf Aleppo vor"), a river by the town. This
module picks the event's own places (one event per town when several are listed, ACLED's rule) and,
when the sentence has none, follows the story back through the sentences before it in its paragraph, to
the events just told, and at last to the article's focus (events/focus.py).
"""

from __future__ import annotations

from collections.abc import Callable

from lagebild.doc import Doc, Sentence, Span, Token
from lagebild.events.candidate import Candidate
from lagebild.events.datelines import is_dateline
from lagebild.events.focus import Focus
from lagebild.events.modality import clause_of
from lagebild.lang import Language, norm
from lagebild.places.gazetteer import distance_km, gazetteer_for
from lagebild.places.reference import after_direction

NEAR_REF_KM = 60.0  # a town named beside a reference point ("20 Kilometer südlich von Y") lies this near it
PLACE_ORDER = {"site": 0, "city": 0, "area": 1, "region": 2, "country": 3}
# An event told without a place of its own goes on where one of the sentences before it in its paragraph
# told, this many back at most. Two instead of four: train 0.611 -> 0.614 (one event), check 0.523 -> 0.521
# (one false event), with the model refit; not kept.
PREVIOUS_REACH = 4
# How an event's place was found: in its own sentence, where the rockets it tells of struck (a later
# sentence), in an earlier sentence of the paragraph, from the events just told, the article's focus.
ROUTES = ("sentence", "impact", "previous", "recent", "focus", "none")


class SceneFinder:
    def __init__(self, lang: Language, tells_act: Callable[[list[Token]], bool]) -> None:
        """`tells_act` says whether a sentence's tokens tell an act of their own (the extractor's triggers)."""
        self.tells_act = tells_act
        self.gaz = gazetteer_for(lang)
        self.focus = Focus(self.gaz, self._is_origin)
        self.country_parts = frozenset(lang["place_words"]["country_parts"])
        self.pluperfect = {norm(w) for w in lang["grammar"]["pluperfect_aux"]}
        self.background_cues = {norm(w) for w in lang["dates"]["background_cues"] if " " not in w}
        self.origin = lang.words("origin_prepositions")
        self.directions = lang.words("direction_words")
        self.advance_verbs = lang.words("advance_verbs")
        self.launch_verbs = lang.words("launch_verbs")
        self.goal_preps = lang.words("goal_prepositions")
        self.seat_nouns = tuple(lang["place_words"]["seat_nouns"]) + tuple(lang["place_words"].get("meeting_nouns", []))
        self.list_words = lang.words("list_words") | {","}
        self.tally_words = lang.words("tally_words")
        self.settlement_plurals = tuple(lang["place_words"].get("settlement_plurals", []))
        self.naming_lemmas = lang.words("naming_lemmas")
        self.death_verbs = lang.words("victim_verbs") | {"töten", "verletzen", "verwunden"}
        self.relative_pronouns = lang.words("relative_pronouns")
        self.relative_preps = lang.words("prepositions")

    def places(
        self, doc: Doc, sent: Sentence, anchor: int, before: list[Candidate] = ()
    ) -> tuple[list[tuple[object, int, bool]], str]:
        """The event places of a sentence: its most specific places, or the nearest ones before it; each with
        its geo_precision and whether it is only the goal of an advance; and the route they were found by
        (`ROUTES`), a cue of how far the event model may trust them."""
        said_by = [(s["start"], s["end"]) for s in sent.sources if "start" in s and not s.get("inherited")]
        spans = [
            s
            for s in doc.in_sent("place", sent.i)
            if not self._is_origin(doc, s)
            and not any(a <= s.start < b for a, b in said_by)
            and not is_dateline(doc, s)
            and s.data["place"].country is not None  # a continent, a sea, a world region: no event's place
        ]
        # a country as the subject ("Russland feuerte Raketen ab") is the actor, not the place
        subjects = [
            a
            for a in doc.in_sent("actor", sent.i)
            if a.data["actor"].metonymy and a.data["prep"] is None and not self._after_country_part(doc, a)
        ]
        spans = [s for s in spans if not any(a.start <= s.start < a.end for a in subjects)]
        # "die Stadt Cherson am Dnipro", "As-Suki am Blauen Nil": the river of the town before, not a place of its own
        ends = {s.data["tok_end"] for s in spans}
        spans = [s for s in spans if not self._riverside(doc, s, ends)]
        # "die etwa 20 Kilometer westlich der Hauptstadt gelegene Ortschaft X": a reference point is the event's
        # place only when the sentence names no town near it (ACLED: the town it is near, geo_precision 2);
        # "östlich von Chan Junis ..., in Hebron ...": a town far from it is another scene
        towns = [s for s in spans if s.data["place"].kind in ("city", "site")]
        references = [s for s in towns if self._reference(doc, s)]
        named = [s for s in towns if s not in references]
        near = [
            r for r in references if any(distance_km(r.data["place"], s.data["place"]) <= NEAR_REF_KM for s in named)
        ]
        spans = [s for s in spans if s not in near]
        # "rücken auf Aleppo vor": the goal of an advance is where the fighting is headed, not where it is
        advancing = any(t.lemma in self.advance_verbs for t in doc.sent_tokens(sent))
        goals = {id(s) for s in spans if advancing and self._after_goal_word(doc, s)}
        if goals and len(goals) < len(spans):
            spans = [s for s in spans if id(s) not in goals]
        named = self._named_next(doc, sent)
        if named:  # "drei Dörfer erobert. Es handle sich um X, Y und Z": the next sentence names those villages
            spans = named
        if spans and all(s.data["place"].kind == "country" for s in spans):
            spans = self._victims_placed_after(doc, sent) or spans
        # a relative clause that does not hold the trigger describes something else: "In der Provinz X sei ein
        # Anschlag auf den Zug verübt worden, der von Y nach Z fährt" happened in X, not in Y
        outside = self._other_relative_clauses(doc, sent, anchor, spans)
        if outside and len(outside) < len(spans):
            spans = [s for s in spans if s not in outside]
        if spans:
            best = min(PLACE_ORDER.get(s.data["place"].kind, 3) for s in spans)
            level = [s for s in spans if PLACE_ORDER.get(s.data["place"].kind, 3) == best]
            chosen = _coordinated(doc, level, anchor, self.list_words, self.tally_words)
            chosen += _joined_other_level(doc, spans, chosen, self.list_words)
            keep, seen = [], set()
            for s in chosen:
                p = s.data["place"]
                if (p.name, p.country) not in seen:
                    seen.add((p.name, p.country))
                    goal = id(s) in goals
                    keep.append((p, max(2, s.data["precision"]) if goal else s.data["precision"], goal))
            return keep, "sentence"
        origins = {s.data["place"].country for s in doc.in_sent("place", sent.i) if self._is_origin(doc, s)}
        launched = origins and any(t.lemma in self.launch_verbs for t in doc.sent_tokens(sent))
        ahead = self._impact_ahead(doc, sent, origins) if launched else None
        if ahead is not None:  # "aus X ... Raketen auf Y abgefeuert": where they struck, told next
            return [(ahead.data["place"], ahead.data["precision"], False)], "impact"
        for back in range(sent.i - 1, max(-1, sent.i - 1 - PREVIOUS_REACH), -1):
            if doc.opens_paragraph(back + 1):
                break  # a new paragraph: the sentence before it is no guide, the article's focus is
            if self.is_background_sentence(doc, doc.sents[back]):
                continue
            prev = [
                s
                for s in doc.in_sent("place", back)
                if s.data["place"].kind != "country"
                and s.data["place"].country
                and not is_dateline(doc, s)
                and not self._is_origin(doc, s)
            ]
            if prev:
                s = min(prev, key=lambda s: PLACE_ORDER.get(s.data["place"].kind, 3))
                return [(s.data["place"], s.data["precision"], False)], "previous"
        recent = [c for c in before if c.place is not None and c.place_from_sentence and c.sent >= sent.i - 3]
        if recent:  # the story the sentences just before told goes on
            return [(recent[-1].place, recent[-1].precision, False)], "recent"
        focus = self.focus.place(doc)
        return ([(focus, 1 if focus.kind in ("city", "site") else 3, False)], "focus") if focus else ([], "none")

    def _other_relative_clauses(self, doc: Doc, sent: Sentence, anchor: int, spans: list[Span]) -> list[Span]:
        """The spans in relative clauses (", der ...", ", in dem ...") that do not hold token `anchor`."""
        toks = doc.sent_tokens(sent)
        if not any(t.i == anchor for t in toks):
            return []
        own = {t.i for t in clause_of(toks, anchor)}
        here = {t.i for t in toks}
        out = []
        for s in spans:
            if s.data["tok_start"] in own or s.data["tok_start"] not in here:
                continue
            clause = clause_of(toks, s.data["tok_start"])
            k = next(j for j, t in enumerate(toks) if t.i == clause[0].i)
            opener = [t.lower for t in clause[:2]]
            if k > 0 and toks[k - 1].text == "," and (
                opener[:1] and opener[0] in self.relative_pronouns
                or len(opener) == 2 and opener[0] in self.relative_preps and opener[1] in self.relative_pronouns
            ):
                out.append(s)
        return out

    def _named_next(self, doc: Doc, sent: Sentence) -> list[Span]:
        """The towns the next sentence names for villages this one counts ("zwei weitere Dörfer eingenommen.
        Es handele sich um die Ortschaften Makariwka und Hryhoriwka"), in the same paragraph."""
        if sent.i + 1 >= len(doc.sents) or doc.opens_paragraph(sent.i + 1):
            return []
        if not any(t.lower.endswith(self.settlement_plurals) for t in doc.sent_tokens(sent)):
            return []
        opening = doc.sent_tokens(doc.sents[sent.i + 1])[:4]
        if not any(t.lemma in self.naming_lemmas for t in opening) or all(t.lower != "sich" for t in opening):
            return []
        return [s for s in doc.in_sent("place", sent.i + 1) if s.data["place"].kind in ("city", "site")]

    def _victims_placed_after(self, doc: Doc, sent: Sentence) -> list[Span]:
        """ "Im Libanon sind bei israelischen Angriffen Dutzende getötet worden. ... Die meisten wurden im
        Südlibanon und im Libanon-Gebirge getötet": a strike told only in a country takes the places a later
        sentence of the paragraph, telling no act of its own, gives for its dead."""
        for k in range(sent.i + 1, min(len(doc.sents), sent.i + 4)):
            if doc.opens_paragraph(k):
                return []
            toks = doc.sent_tokens(doc.sents[k])
            if self.tells_act(toks):
                return []  # an act of its own: its places are its own
            places = [s for s in doc.in_sent("place", k) if s.data["place"].kind != "country"]
            if places and any(t.lemma in self.death_verbs for t in toks):
                return places
        return []

    def _impact_ahead(self, doc: Doc, sent: Sentence, origins: set) -> Span | None:
        """For an attack the sentence names only by where it came from: the place in another country that the
        next sentences of the paragraph name (ACLED codes where a rocket struck, not where it was fired)."""
        for nxt in range(sent.i + 1, min(len(doc.sents), sent.i + 4)):
            if doc.opens_paragraph(nxt):
                return None
            there = [
                s
                for s in doc.in_sent("place", nxt)
                if s.data["place"].kind != "country"
                and s.data["place"].country not in origins
                and not is_dateline(doc, s)
                and not self._is_origin(doc, s)
            ]
            if there:
                return min(there, key=lambda s: PLACE_ORDER.get(s.data["place"].kind, 3))
        return None

    def is_background_sentence(self, doc: Doc, sent: Sentence) -> bool:
        words = {t.lower for t in doc.sent_tokens(sent)}
        return any(s.data["past"] for s in doc.in_sent("date", sent.i)) or bool(
            words & self.pluperfect and words & self.background_cues
        )

    def _after_country_part(self, doc: Doc, span: Span) -> bool:
        """Whether a country follows a part of it ("im Süden der Philippinen", "im Osten Syriens"): a
        setting, not the country acting as a subject."""
        k = next((t.i for t in doc.sent_tokens(doc.sents[span.sent]) if t.start >= span.start), None)
        if k is None:
            return False
        if doc.tokens[k].lower in ("der", "des") and doc.tokens[k].end < span.end:
            k += 1  # the span holds its article: "der Philippinen"
        before = [t.text for t in doc.tokens[max(0, k - 2) : k]]
        if before[-1:] and before[-1] in ("der", "des"):
            before = before[:-1]
        return bool(before) and before[-1] in self.country_parts

    def _after_goal_word(self, doc: Doc, span: Span) -> bool:
        k = span.data["tok_start"]
        return k > 0 and doc.tokens[k - 1].lower in self.goal_preps

    def _reference(self, doc: Doc, span: Span) -> bool:
        """Whether a place follows a direction ('nördlich von Aleppo', 'südlich der Stadt'): a reference point."""
        return after_direction(doc.tokens, span.data["tok_start"], self.directions)

    @staticmethod
    def _riverside(doc: Doc, span: Span, ends: set[int]) -> bool:
        k = span.data["tok_start"]
        before = [t.lower for t in doc.tokens[max(0, k - 2) : k]]
        return (before[-1:] == ["am"] and k - 1 in ends) or (before == ["an", "der"] and k - 2 in ends)

    def _is_origin(self, doc: Doc, span: Span) -> bool:
        """Not where the event happened: where it came from ("Raketen aus dem Libanon") or the seat of
        the government that speaks of it ("die Regierung in Damaskus", "das Ministerium in Kiew")."""
        k = span.data["tok_start"]
        before = [t.lower for t in doc.tokens[max(0, k - 3) : k]]
        seat = len(before) >= 2 and before[-1] == "in" and before[-2].endswith(self.seat_nouns)
        return bool(before) and (
            before[-1] in self.origin or before[-2:] == ["aus", "dem"] or before[-2:] == ["aus", "der"] or seat
        )


def _coordinated(
    doc: Doc, spans: list[Span], anchor: int, list_words: frozenset[str], tally_words: frozenset[str] = frozenset()
) -> list[Span]:
    """The place nearest the trigger and those listed with it ("Charkiw, Odessa und Dnipro"); other
    places in the sentence ("nach der Parade in Moskau") are not where this event happened."""
    spans = sorted(spans, key=lambda s: s.start)

    def distance(k: int) -> float:  # "Angriff auf die Stadt X": the place after the trigger is its target
        d = spans[k].data["tok_start"] - anchor
        return d if d >= 0 else -1.5 * d

    nearest = min(range(len(spans)), key=distance)
    lo = hi = nearest

    counted = {k for n in doc.in_sent("number", spans[0].sent) for k in range(n.data["tok_start"], n.data["tok_end"])}

    def listed(a: Span, b: Span) -> bool:
        between = doc.tokens[a.data["tok_end"] : b.data["tok_start"]]
        if len(between) <= 3 and all(t.lower in list_words for t in between):
            return True
        # a tally "neun über der Region Saratow, drei über Kursk und jeweils zwei über Belgorod": a list too
        return (
            len(between) <= 6
            and any(t.i in counted for t in between)
            and any(t.lower in {",", "und", "sowie"} for t in between)
            and all(t.lower in list_words or t.lower in tally_words or t.i in counted for t in between)
        )

    while lo > 0 and listed(spans[lo - 1], spans[lo]):
        lo -= 1
    while hi < len(spans) - 1 and listed(spans[hi], spans[hi + 1]):
        hi += 1
    return spans[lo : hi + 1]


def _joined_other_level(doc: Doc, spans: list[Span], chosen: list[Span], list_words: frozenset[str]) -> list[Span]:
    """A place of another kind joined by "und" to a chosen one ("in der Hauptstadt X und im Norden des
    Landes") is a second scene of the event; a region that holds the town ("Charkiw und das Gebiet Charkiw")
    and a country are not."""
    out = []
    for s in spans:
        p = s.data["place"]
        if s in chosen or p.kind == "country":
            continue
        for c in chosen:
            a, b = (c, s) if c.start < s.start else (s, c)
            between = [t.lower for t in doc.tokens[a.data["tok_end"] : b.data["tok_start"]]]
            joined = len(between) <= 3 and all(w in list_words for w in between) and {"und", "sowie"} & set(between)
            holds = p.admin1 is not None and p.admin1 == c.data["place"].admin1 and p.country == c.data["place"].country
            if joined and not holds:
                out.append(s)
                break
    # "im Umland der Hauptstadt und den Gebieten Schytomir, Chmelnyzkyj und Lwiw": the joined place's list mates
    level = [s for s in spans if s.data["place"].kind == out[0].data["place"].kind] if out else []
    mates = [m for s in out for m in _coordinated(doc, level, s.data["tok_start"], list_words)]
    return [m for k, m in enumerate(mates) if m not in chosen and all(m is not x for x in mates[:k])]
