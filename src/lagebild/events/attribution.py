"""Who says so: attribution cues and the source phrase they open (CODING_RULES 9).

A cue stands before its source ("nach Angaben des Gesundheitsministeriums", "laut der Hilfsorganisation"),
after it ("dem Ministerium zufolge"), is a report verb ("sagte ein Sprecher der Stadtverwaltung"), or is a
short sentence of its own that reports the one before ("Das berichtet die Nachrichtenagentur"). A sentence
without its own cue inherits the previous sentence's sources when it is reported speech (Konjunktiv or
a quotation) — an attribution carries over the sentences that continue it. "nach eigenen Angaben"
names the acting side, which the event logic fills in.
"""

from __future__ import annotations

import re

from lagebild.actors.lexicon import lexicon_for
from lagebild.doc import Doc, Sentence, Token
from lagebild.events.backref import BackReference
from lagebild.events.source_names import nominative, source_key
from lagebild.events.triggers import TriggerIndex
from lagebild.lang import Language, norm
from lagebild.registry import component
from lagebild.text.lemmas import ADJECTIVE_ENDINGS, is_known_noun, is_known_verb

STOP = {",", ".", ";", ":", "!", "?", "„", "“", '"', "(", ")", "–", "-", "»", "«"}
MAX_NP = 9
MEDIA = ("media", "state_media")
DEFINITE = {"das", "dem", "den", "der", "des", "die"}  # "Amt für die Koordinierung": a genitive glue takes an article


class Attributor:
    def __init__(self, lang: Language) -> None:
        spec = lang["sources"]
        self.before: dict[str, list[tuple[str, ...]]] = {}
        for c in sorted((tuple(norm(c).split()) for c in spec["before"]), key=len, reverse=True):
            self.before.setdefault(c[0], []).append(c)
        self.after = {norm(c) for c in spec["after"]}
        self.verb_cues = {
            norm(c)
            for c in spec["before"]
            if " " not in c and c[:1].islower() and c not in ("laut", "wie", "so", "gemäß")
        }
        self.kinds = sorted(((norm(k), v) for k, v in spec["kinds"].items()), key=lambda kv: -len(kv[0]))
        self.actors = lexicon_for(lang)
        self.determiners = lang.words("source_determiners")
        self.reference_pronouns = lang.words("reference_pronouns")
        self.genitive_glue = lang.words("genitive_glue")
        self.not_heads = lang.words("not_source_heads")
        self.bare_reports = lang.words("bare_reports")
        self.back_reference = lang.words("back_reference")
        self.weak_cues = lang.words("weak_source_cues")
        self.particle_cues = {
            norm(k): {norm(p) for p in ([v] if isinstance(v, str) else v)}
            for k, v in spec.get("particle_cues", {}).items()
        }
        # "erklärte gestern erneut", "hieß es am Montag aus": adverbs and days between a verb and its source
        self.cue_adverbs = lang.words("cue_adverbs") | {norm(d) for d in lang["dates"]["weekdays"]}
        self.hearsay_adverbs = lang.words("hearsay_adverbs")
        self.speaker_pronouns = lang.words("speaker_pronouns")
        self.not_genitive = lang.words("not_genitive_articles")
        self.not_participles = lang.words("not_participles")
        self.adjective_joins = lang.words("adjective_joins")
        self.circle_nouns = lang.words("circle_nouns")
        self.negations = lang.words("report_negations")
        self.dative = lang.words("dative_articles")
        self.passive = lang.words("passive_aux")
        self.adverbial_openers = lang.words("adverbial_openers")
        self.topic_prepositions = lang.words("topic_prepositions")
        self.np_modifiers = lang.words("np_modifiers")
        self.relatives = lang.words("relative_pronouns")
        dates = lang["dates"]
        self.time_nouns = {norm(w) for w in [*dates["months"], *dates["weekdays"], *dates["units"]]} | lang.words(
            "time_nouns"
        )
        self.name_forms: dict[str, str] = spec.get("name_forms", {})
        self.locatives = lang.words("locative_prepositions")
        self.name_titles = tuple(norm(w) for w in spec["name_titles"])
        self.object_articles = lang.words("object_articles")
        self.subordinators = lang.words("subordinators")
        # prepositions that open a participle phrase inside a source ("die in London ansässige ...")
        self.phrase_prepositions = lang.words("prepositions") - self.adjective_joins - {"und"}
        self.person_titles = set(lang["place_words"]["person_cues"])
        numbers = lang["numbers"]
        figures = {norm(w) for w in [*numbers["words"], *numbers["vague"]] if " " not in w}
        # neither verbs nor figures ("sieben Menschen") belong to a source phrase
        self.finite_verbs = lang.words("past_aux") | lang.words("passive_aux") | lang.words("hearsay") | figures
        self.triggers = TriggerIndex(lang)
        self.backref = BackReference(
            spec["short_heads"],
            self.determiners,
            self.finite_verbs | self.verb_cues,
            self.actors.country_nouns.get,
            lambda t, k: self._np_after(t, k),
        )
        self.report_heads = tuple(self.bare_reports)  # "Armee|angaben": a compound names its reporter

    def __call__(self, doc: Doc) -> Doc:
        previous: list[dict] = []
        speaker: dict | None = None  # the last source named by name: who "Er behauptete" refers to
        speaker_at = 0
        for sent in doc.sents:
            if sent.is_noise or sent.is_heading:
                continue
            found = self._sources(doc, sent, previous)
            if speaker is not None and sent.i - speaker_at > 2:
                speaker = None  # "Er" refers to someone just named, not to a speaker paragraphs back
            found = [r for s in found for r in self._resolve_pronoun(doc, sent, s, speaker, previous)]
            named = next((s for s in reversed(found) if self._person(s) and not s.get("inherited")), None)
            if named is not None:
                speaker, speaker_at = named, sent.i
            toks = doc.sent_tokens(sent)
            if found and sent.i > 0 and self._covers_before(toks):
                before = doc.sents[sent.i - 1]  # "Das berichtet die Nachrichtenagentur." covers the sentence before
                before.sources = _unique(found + before.sources)
            if found:
                sent.sources = found
            elif previous and (sent.konjunktiv or sent.quoted or any(t.lower in self.hearsay_adverbs for t in toks)):
                sent.sources = [dict(s, inherited=True) for s in previous]
            previous = sent.sources or ([] if not sent.konjunktiv else previous)
        return doc

    def _covers_before(self, toks: list[Token]) -> bool:
        """A short attribution of its own that reports the sentence before: a pronoun then the report verb
        ("Das berichtet die Nachrichtenagentur", "Das geht aus einem Bericht der UN hervor, in dem ..."), not
        an article ("Das Außenministerium teilte mit")."""
        clause = next((j for j, t in enumerate(toks) if t.text == ","), len(toks))
        return (
            len(toks) > 1
            and toks[0].lower in self.back_reference
            and norm(toks[1].text) in self.before
            and clause <= 12
        )

    def _person(self, source: dict) -> bool:
        """A source that is a person: its name holds a title ('Gouverneur Kondratjew', 'Präsident Selenskyj')."""
        return any(w.strip(",.") in self.person_titles for w in (source.get("name") or "").split())

    def _resolve_pronoun(
        self, doc: Doc, sent: Sentence, source: dict, speaker: dict | None, previous: list[dict]
    ) -> list[dict]:
        """'Er behauptete, ...', '..., schrieb er': a pronoun as the source is the titled person named last, as a
        source ('Gouverneur Kondratjew') or else in the two sentences before ('Präsident Selenskyj forderte
        ...'), else the source of the sentence before. A pronoun that points to no one names no source."""
        if (source.get("name") or "").lower() not in self.speaker_pronouns:
            return [source]
        if speaker is None:
            np = self._titled_person(doc, sent)
            speaker = self._source(doc, np, source["cue"]) if np else None
        if speaker is None:
            return [dict(s, inherited=True) for s in previous]
        return [dict(speaker, cue=source["cue"], start=source.get("start"), end=source.get("end"))]

    def _titled_person(self, doc: Doc, sent: Sentence) -> list[Token] | None:
        """The last person named with a title and a name in this sentence (before its end) or the two before."""
        first = doc.sents[max(0, sent.i - 2)].tok_start
        toks = doc.tokens
        for j in range(sent.tok_end - 2, first - 1, -1):
            t = toks[j]
            if t.text in self.person_titles and toks[j + 1].is_title and toks[j + 1].sent == t.sent:
                start = j
                while start > first and toks[start - 1].text in self.person_titles:
                    start -= 1  # "Präsident Wolodymyr Selenskyj"
                while start > first and toks[start - 1].text.islower() and toks[start - 1].lower.endswith("e"):
                    start -= 1  # "ukrainische Präsident"
                return self._np_after(toks, start)
        return None

    def _sources(self, doc: Doc, sent: Sentence, previous: list[dict]) -> list[dict]:
        toks = doc.sent_tokens(sent)
        words = [t.norm for t in toks]
        out: list[dict] = []
        taken: set[int] = set()
        for k in range(len(toks)):
            told = self._report_phrase(doc, toks, k) if words[k] == "nach" else None
            if told is not None:
                out.append(told)
                taken.update((k, k + 1, k + 2))
                continue
            for cue in self.before.get(words[k], ()):
                if tuple(words[k : k + len(cue)]) != cue or k in taken:
                    continue
                if self._adjective_use(toks, k, cue):
                    continue  # "die bisher bestätigten Opferzahlen": a participle before its noun, no report
                if cue[0] in self.verb_cues and toks[k].is_title and k > 0 and toks[k - 1].text not in STOP:
                    continue  # "Berichten der Agentur zufolge": a noun, not the verb "berichten"
                if cue[0] in self.weak_cues and cue[0] not in self.verb_cues and k > 0 and toks[k - 1].text not in STOP:
                    continue  # "wie"/"so" open a source only at a clause start ("helfe so der Armee ...")
                particle = self.particle_cues.get(" ".join(cue))
                if particle and not particle & set(words[k + 1 :]):
                    continue  # "teilt der Geheimdienst seine Erkenntnisse": sharing, not "teilte ... mit"
                taken.update(range(k, k + len(cue)))
                if cue == ("nach", "eigenen", "angaben"):
                    out.append(self._own(doc, sent, k, k + 3, "nach eigenen Angaben"))
                    break
                nxt = toks[k + len(cue)] if k + len(cue) < len(toks) else None
                if nxt is not None and cue[0] in self.verb_cues and nxt.text in self.speaker_pronouns:
                    # "..., schrieb er": the speaker named before (resolved by the caller)
                    out.append(
                        {"name": nxt.text, "kind": "other", "country": None, "own": False, "cue": " ".join(cue)}
                        | {"start": nxt.start, "end": nxt.end}
                    )
                    break
                if nxt is not None and nxt.lower in self.reference_pronouns:
                    out.extend(dict(s, inherited=True) for s in previous)  # "Laut dieser ...": the source before
                    break
                after = k + len(cue)
                if cue[0] in self.verb_cues:
                    while after < len(toks) and toks[after].lower in self.cue_adverbs:
                        after += 1  # "verlautete am Montag aus Kreisen der Regierung"
                    if after < len(toks) and toks[after].lower in self.negations:
                        break  # "Jerusalem bestätigt nichts": no report, no source
                if cue[0] in self.verb_cues and after < len(toks) and toks[after].lower in self.locatives:
                    # "sagte in Genf", "erklärte auf Telegram": where it was said; the speaker comes after or before
                    after += 1
                    while after < len(toks) and (
                        toks[after].lower in self.determiners
                        or toks[after].text.islower()
                        and toks[after].lower.endswith(ADJECTIVE_ENDINGS)
                    ):
                        after += 1
                    while after < len(toks) and toks[after].is_title:
                        after += 1
                    while after < len(toks) and toks[after].lower in self.cue_adverbs:
                        after += 1
                np = self._np_after(toks, after)
                if cue[0] in self.verb_cues and after < len(toks) and toks[after].lower in self.topic_prepositions:
                    np = []  # "schrieb von einem Drohnenangriff", "berichtet über ...": what is told, not who
                addressee: dict | None = None
                if np and cue[0] in self.verb_cues and np[0].lower in self.dative:
                    # "sagten dem Sender ...": a dative object is whom it was told; the subject tells
                    addressee, np = self._source(doc, np, " ".join(cue)), []
                elif np and cue[0] in self.verb_cues:
                    np, told_to = self._split_addressee(np)
                    addressee = self._source(doc, told_to, " ".join(cue)) if told_to else None
                if np and len(cue) > 1 and toks[k + len(cue) - 1].is_title and np[0].lower in self.not_genitive:
                    np = []  # "nach offiziellen Angaben ein Einkaufszentrum": no genitive, no source named
                told = bool(np) and cue[0] in self.verb_cues and self._thing(next((t for t in np if t.is_title), np[0]))
                if (not np or told) and k > 0 and (toks[k - 1].text not in STOP or self._apposition(toks, k)):
                    # "Der Bürgermeister bestätigte den Angriff": the object is what was told, the subject tells
                    # "Die Polizei hatte zuvor von einer Explosion berichtet": the subject at the clause start,
                    # also after a colon ("Die Lage blieb unklar: Das Ministerium erklärte am Abend")
                    start = next((j + 1 for j in range(k - 1, -1, -1) if toks[j].text in (":", ";")), 0)
                    start = self._subject_start(toks, start, k)
                    np = self._np_after(toks, start) if cue[0] in self.verb_cues else self._np_before(toks, k)
                    clause = next((j + 1 for j in range(k - 1, -1, -1) if toks[j].text in STOP), 0)
                    if (
                        clause < k
                        and clause in taken
                        or any(t.i - toks[0].i in taken for t in np)
                        or self._passive(toks[start:k])
                        or 0 < clause < k
                        and toks[clause - 1].text == ","
                        and toks[clause].lower in self.relatives
                    ):
                        # "wie der Sender berichtete": told already; "wurde berichtet": nobody named;
                        # "Journalisten fest, die über Korruption berichtet hatten": a relative clause's speaker
                        np = []
                src = self._source(doc, np, " ".join(cue))
                if src and "start" in src:
                    taken.update(t.i - toks[0].i for t in np)
                if src and told:
                    # the subject who reports may also be who acts ("Die Armee meldete Kämpfe"): its words stay
                    # visible to the event logic, so the phrase keeps no span that would hide them
                    src = {k: v for k, v in src.items() if k not in ("start", "end")}
                if src and (src["kind"] != "other" or cue[0] not in self.weak_cues or self._person(src)):
                    out.append(src)
                if addressee and addressee["kind"] in ("media", "state_media"):
                    out.append(addressee)  # a medium told is where the report appeared
                break
            postposition = words[k] == "nach" and k > 0 and toks[k - 1].lower in self.bare_reports
            if (words[k] in self.after or postposition) and k > 0:  # "den Angaben nach" = "den Angaben zufolge"
                np = self._np_before(toks, k)
                if [t.lower for t in np[-2:]] == ["eigenen", "angaben"]:  # "eigenen Angaben zufolge"
                    out.append(self._own(doc, sent, k - 2, k + 1, "eigenen Angaben zufolge"))
                    continue
                report = max((m for m, t in enumerate(np) if t.lower in self.bare_reports), default=0)
                np = np[report:]  # "der Gouverneur Berichten der Agentur zufolge": the report starts the phrase
                if np and np[-1].lower in self.bare_reports and len(np) <= 2:
                    out.extend(dict(s, inherited=True) for s in previous)  # "den Angaben zufolge": as said before
                    continue
                src = self._source(doc, np, words[k])
                if src:
                    out.append(src)
        return _unique(out)

    def _own(self, doc: Doc, sent: Sentence, k: int, end: int, cue: str) -> dict:
        """ "nach eigenen Angaben" (tokens k..end): the acting side speaks for itself. The side is the clause's
        subject ("Die Miliz hat nach eigenen Angaben ..."; "Nach eigenen Angaben zielte sie": the subject of
        the sentence before), kept as `speaker` for the record; the event's first actor otherwise."""
        toks = doc.sent_tokens(sent)
        own = {"name": None, "kind": None, "country": None, "own": True, "cue": cue}
        own.update(start=toks[k].start, end=toks[end - 1].end)
        start = next((j + 1 for j in range(k - 1, -1, -1) if toks[j].text in (":", ";")), 0)
        clause_end = next((j for j in range(end, len(toks)) if toks[j].text in STOP), len(toks))
        if self._passive(toks[start:clause_end]):
            return own  # "Nach eigenen Angaben wurden ... zerstört": the subject is what was hit
        j = None
        np = self._np_before(toks, k)  # "beschoss die Miliz nach eigenen Angaben ...": the subject right before
        # "schoss vor der Morgendämmerung nach eigenen Angaben": a preposition's object is no subject
        ahead = toks[np[0].i - toks[0].i - 1] if np and np[0].i > toks[0].i else None
        governed = ahead is not None and ahead.lower in self.phrase_prepositions | self.adverbial_openers
        if not np or governed or np[0].lower in self.phrase_prepositions or np[0].lower in self.object_articles:
            if k == start:
                j = end + 1  # past the finite verb: "Nach eigenen Angaben zielte sie"
                while j < len(toks) and toks[j].lower in self.cue_adverbs:
                    j += 1
            else:
                j = self._subject_start(toks, start, k)
            np = self._np_after(toks, j)
        if j is not None and j < len(toks) and toks[j].lower in self.speaker_pronouns and sent.i > 0:
            before = doc.sent_tokens(doc.sents[sent.i - 1])
            np = self._np_after(before, self._subject_start(before, 0, len(before)))
        if not np or (np[-1].i >= toks[k].i and np[0].i < toks[k].i):
            return own
        src = self._source(doc, np, cue)
        if src is None or self._thing(next(t for t in np if t.is_title)):
            return own
        return dict(own, speaker={"name": src["name"], "kind": src["kind"], "country": src["country"]})

    def _split_addressee(self, np: list[Token]) -> tuple[list[Token], list[Token]]:
        """'sagte ein Sprecher der Notdienste der Agentur AFP': a medium after 'der' is whom the speaker told
        (dative), not whose speaker it is, unless the speaker works for media ('Reporterin der Agentur AFP')."""
        head = next((t for t in np if t.is_title), None)
        if head is None or self._kind(norm(head.text)) in MEDIA:
            return np, []
        for m in range(len(np) - 2, 0, -1):
            if np[m].lower == "der" and self._kind(norm(np[m + 1].text)) in MEDIA:
                return np[:m], np[m + 1 :]
        return np, []

    def _apposition(self, toks: list[Token], k: int) -> bool:
        """'Der Gouverneur der Region, Veniamin Kondratiev, schrieb': the verb after a comma closes an apposition
        to the subject that opens the sentence, which reports."""
        if toks[k - 1].text != ",":
            return False
        subject = self._np_after(toks, 0)
        end = len(subject)
        return bool(subject) and any(t.is_title for t in subject) and end < k - 1 and toks[end].text == ","

    def _subject_start(self, toks: list[Token], start: int, k: int) -> int:
        """Where the subject of a clause starts: past an opening adverbial and the finite verb after it
        ("Am Sonntag hat nun die Miliz den Angriff reklamiert"), as a prepositional phrase is never the subject."""
        if start >= k:
            return start
        if toks[start].lower in self.subordinators:  # "Als Demonstranten ... bewarfen, setzte die Polizei ..."
            comma = next((j for j in range(start + 1, k) if toks[j].text == ","), None)
            return start if comma is None else self._subject_start(toks, comma + 2, k)
        if toks[start].lower not in self.adverbial_openers:
            return start
        verb = next((j for j in range(start + 1, min(k, start + 7)) if self._verb_like(toks[j])), None)
        if verb is None:
            return start
        j = verb + 1
        while j < k and toks[j].lower in self.cue_adverbs:
            j += 1
        return j

    def _name_goes_on(self, toks: list[Token], j: int, np: list[Token]) -> bool:
        """Whether a capitalised word after a source's head still belongs to it. It does after a title or a
        medium ("Gouverneur Kondratjew", "Zeitung Morning Post"), in a name ("Vereinten Nationen", "Rapid
        Support Forces", "Agentur Interfax"), as an acronym or a source noun ("Israels Armee"), and after an
        adjective opening the sentence ("Aufständische Islamisten"). A known common noun right after a
        single common-noun head is the clause going on ("nach Angaben der Beobachtungsstelle Stellungen ...",
        "setzte die Polizei Tränengas ein")."""
        t, prev = toks[j], toks[j - 1]
        if t.lower in self.bare_reports:
            return False  # "teilte der Gouverneur Berichten der Agentur zufolge mit"
        if t.text.isupper() or not is_known_verb(t.text) or self._kind(norm(t.text)) != "other":
            return True
        if t.text.endswith("s") and t.text[:-1] in self.actors.country_nouns:
            return True  # a country's genitive: "Außenministerium Israels"
        if j + 2 < len(toks) and toks[j + 1].text == "(" and toks[j + 2].text.isupper():
            return True  # an acronym closes the name: "Arbeiterpartei Kurdistans (PKK)"
        if prev.text in self.person_titles or prev.lower.endswith(self.name_titles):
            return True
        opens = j == 1 or toks[j - 2].sent != prev.sent
        if (
            opens
            and prev.lower.endswith(("e", "en", "er", "es"))
            or any(" " in key and key in norm(f"{prev.text} {t.text}") for key, _ in self.kinds)
        ):
            return True  # "Aufständische Islamisten"; "Vereinten Nationen", "Rotes Kreuz"
        single = sum(u.is_title for u in np) == 1
        return not (single and is_known_noun(prev.text) and not prev.text.isupper())

    def _named_person(self, np: list[Token]) -> bool:
        """A title followed by a name ('Präsident Wolodymyr Selenskyj'): a person, whose name ends there
        (an office's seat may follow an institution: 'Verteidigungsministerium in Kabul')."""
        titled = [k for k, u in enumerate(np) if u.text in self.person_titles or u.lower.endswith(self.name_titles)]
        if not titled or titled[-1] == len(np) - 1:
            return False
        return all(u.text[:1].isupper() and u.text.isalpha() for u in np[titled[-1] + 1 :])

    def _verb_like(self, t: Token) -> bool:
        """The finite verb that closes an opening adverbial ("Am Abend griff", "Bei Razzien nahm"): the first
        lowercase word that is neither article nor adjective nor preposition."""
        if t.lower in self.finite_verbs:
            return True
        return (
            t.text.islower()
            and t.lower not in self.determiners
            and t.lower not in self.phrase_prepositions
            and not t.lower.endswith(ADJECTIVE_ENDINGS)
            and t.text.isalpha()
        )

    def _passive(self, clause: list[Token]) -> bool:
        """A passive clause ("Gleichzeitig wurde von Explosionen berichtet") names no one who reports."""
        return any(t.lower in self.passive for t in clause)

    def _adjective_use(self, toks: list[Token], k: int, cue: tuple[str, ...]) -> bool:
        """A report verb used as an adjective: after an article or adjective, before its noun."""
        if len(cue) != 1 or cue[0] not in self.verb_cues or k == 0 or k + 1 >= len(toks):
            return False
        prev = toks[k - 1]
        after_article = prev.lower in self.determiners or (
            prev.text.islower() and prev.lower.endswith(ADJECTIVE_ENDINGS) and prev.lower not in self.finite_verbs
        )
        return after_article and toks[k + 1].text[:1].isupper()

    def _report_phrase(self, doc: Doc, toks: list[Token], k: int) -> dict | None:
        """ "nach ukrainischen Angaben" (a country's side speaks), "nach Armeeangaben", "nach Krankenhausangaben":
        the report word itself names who reports."""
        nxt = toks[k + 1 : k + 3]
        if not nxt:
            return None
        if len(nxt) == 2 and nxt[1].lower in self.bare_reports and self.actors.adjective_country(nxt[0].text):
            country = self.actors.adjective_country(nxt[0].text)
            adjective = nxt[0].lower.rstrip("n").rstrip("e") + "e"
            name = f"{adjective} {nxt[1].text}"
            kind = "government"
        elif nxt[0].lower.endswith(self.report_heads) and nxt[0].lower not in self.bare_reports:
            country, name = None, nxt[0].text  # "Armeeangaben", "Krankenhausangaben"
            kind = self._kind(norm(name))
        else:
            return None
        end = nxt[1].end if name.endswith(nxt[-1].text) and len(nxt) == 2 and " " in name else nxt[0].end
        return {
            "name": name,
            "kind": kind,
            "country": country,
            "own": False,
            "cue": "nach",
            "start": nxt[0].start,
            "end": end,
        }

    def _kind(self, low: str) -> str:
        """The source kind of a normalised name: the longest head listed in it. Short heads ("un", "ap",
        "nna") count only as whole words, so "Bevölkerung" is no UN and "Anna" no news agency."""
        words = set(re.findall(r"\w+", low)) | set(re.findall(r"[\w-]+", low))
        for key, kind in self.kinds:
            if key in low and (len(key) > 4 or key in words or " " in key):
                return kind
        return "other"

    def _thing(self, tok: Token) -> bool:
        """An event ("Einschlag", "Angriff"), which a report is about but which never reports."""
        return bool(self.triggers.lookup(tok.lemma)[0])

    def _np_after(self, toks: list[Token], k: int) -> list[Token]:
        """The noun phrase a cue opens: determiners and adjectives (a participle phrase "der von der UN
        geleiteten" included), the capitalised head, then genitive attributes ("des Stadtrates")."""
        np: list[Token] = []
        head = False
        j = k
        while j < len(toks) and len(np) < MAX_NP:
            t = toks[j]
            if t.text in STOP:
                break
            if not head:
                if t.text[:1].isupper() and t.lower not in self.determiners and t.lower not in self.np_modifiers:
                    head = True  # "Die", "Nicht", "Mehrere" opening a sentence are no head
                elif t.lower in self.adjective_joins and np and np[-1].lower not in self.determiners:
                    pass  # "lokale und staatliche Medien": two adjectives of one head
                elif t.lower in self.np_modifiers and t.is_title:
                    pass
                elif not (t.lower in self.determiners or t.lower.endswith(ADJECTIVE_ENDINGS)):
                    break
                np.append(t)
                j += 1
                continue
            if t.text[:1].isupper() and t.lower not in self.not_heads and self._name_goes_on(toks, j, np):
                np.append(t)  # a second noun or a name: "Armeechef Petrow", "Israels Armee"
                j += 1
                continue
            if t.lower in self.genitive_glue and j + 1 < len(toks):
                nxt = toks[j + 1 : j + 4]
                cap = next((m for m, u in enumerate(nxt) if u.text[:1].isupper()), None)
                if t.lower == "von" and cap != 0:
                    break  # "Schutz von Zivilisten" continues the name; "von der Luftwaffe" is an agent
                if cap is not None and nxt[cap].lower in self.time_nouns:
                    break  # "das Ministerium in der Nacht": when, not whose
                if t.lower == "in" and self._named_person(np):
                    break  # "Präsident Wolodymyr Selenskyj in der Oblast Kursk": where he is or what he tells
                if cap is not None and all(
                    u.lower.endswith(("e", "en", "er", "es")) or u.lower in DEFINITE for u in nxt[:cap]
                ):
                    np.extend(toks[j : j + 2 + cap])
                    j += 2 + cap
                    continue
            # "Bewohner palästinensischer Dörfer": a genitive without article; "die in London ansässige
            # Beobachtungsstelle": the noun so far was inside a participle phrase. Neither crosses a verb
            # ("Staatsmedien zeigte der Präsident ...") or a preposition ("der Sender unter Berufung auf").
            participle = (
                t.lower.endswith(("e", "en", "er", "es"))
                and t.lower not in self.finite_verbs
                and t.lower not in self.not_participles
                and (t.lower.endswith("er") or any(u.lower in self.phrase_prepositions for u in np))
            )
            if participle and j + 1 < len(toks) and toks[j + 1].text[:1].isupper():
                np.extend(toks[j : j + 2])
                j += 2
                continue
            break
        acronym = j + 2 < len(toks) and toks[j].text == "(" and toks[j + 2].text == ")" and toks[j + 1].text.isupper()
        if head and acronym:
            np.extend(toks[j : j + 3])  # "Welternährungsprogramm (WFP)": the acronym belongs to and ends the name
        return np if head else []  # "ließ mitteilen, ...": no noun, no phrase

    def _np_before(self, toks: list[Token], k: int) -> list[Token]:
        """The noun phrase right before a cue ("übereinstimmenden Medienberichten zufolge"): nouns, adjectives
        and determiners back to the first word that is none of them."""
        np: list[Token] = []
        for t in reversed(toks[max(0, k - MAX_NP) : k]):
            if t.text in STOP:
                break
            noun = t.text[:1].isupper()
            adjective = t.lower.endswith(ADJECTIVE_ENDINGS) and np and np[0].text[:1].isupper()
            if not (noun or adjective or t.lower in self.determiners or t.lower in self.genitive_glue):
                break
            np.insert(0, t)
        while (
            np
            and not np[0].text[:1].isupper()
            and np[0].lower not in self.determiners
            and len(np) > 1
            and not np[1].text[:1].isupper()
        ):
            np.pop(0)
        return np

    def _source(self, doc: Doc, np: list[Token], cue: str, resolve: bool = True) -> dict | None:
        while np and np[0].lower in self.determiners:
            np = np[1:]
        if len(np) > 2 and np[0].lower in self.circle_nouns | self.bare_reports and np[1].lower in DEFINITE | {"von"}:
            np = np[2:]  # "aus Kreisen der Regierung": the government speaks; "Angaben des Ministeriums zufolge"
        if resolve and self.backref.is_short(np):
            full = self.backref.fuller(doc, np[0])
            src = self._source(doc, full, cue, resolve=False) if full else None
            if src is not None:  # "teilte das Ministerium mit": the ministry named in full before
                return dict(src, start=np[0].start, end=np[0].end)
        if not np or not any(t.text[:1].isupper() for t in np):
            return None
        head = next(t for t in np if t.text[:1].isupper())
        if self._thing(head):
            return None  # "bestätigte einen Einschlag", "meldete einen russischen Angriff": what, not who
        start, end = np[0].start, np[-1].end
        text = doc.text[start:end]
        low = norm(text)
        kind = self._kind(low)
        country = None
        for t in np:
            country = self.actors.adjective_country(t.text) or self.actors.country_nouns.get(t.text.rstrip("s"))
            if country:
                break
        if kind == "other" and any(t.text.rstrip("s") in self.actors.country_nouns for t in np):
            kind = "government"  # "nach Angaben Ankaras": the capital speaks for its government
        name = (
            text[0].lower() + text[1:]
            if np[0].lower.endswith(("e", "en", "er", "es"))
            and len(np) > 1
            and self.actors.adjective_country(np[0].text)
            else text
        )
        name = nominative(name, self.name_forms)
        return {"name": name, "kind": kind, "country": country, "own": False, "cue": cue, "start": start, "end": end}


def _unique(sources: list[dict]) -> list[dict]:
    seen, out = set(), []
    for s in sources:
        key = source_key(s.get("name") or "") or ("own" if s.get("own") else "")
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


component("sources")(Attributor)
