"""Who says so: attribution cues and the source phrase they open (CODING_RULES 9).

"nach Angaben des russischen Verteidigungsministeriums", "laut der Beobachtungsstelle", "dem Ministerium
zufolge", "Das berichten syrische Staatsmedien", "sagte ein Mitglied des Provinzrates". A sentence
without its own cue inherits the previous sentence's sources when it is reported speech (Konjunktiv or
a quotation) — an attribution carries over the sentences that continue it. "nach eigenen Angaben"
names the acting side, which the event logic fills in.
"""

from __future__ import annotations

from lagebild.doc import Doc, Sentence, Token
from lagebild.events.triggers import TriggerIndex
from lagebild.lang import Language, norm
from lagebild.pipeline import component

STOP = {",", ".", ";", ":", "!", "?", "„", "“", '"', "(", ")", "–", "-", "»", "«"}
MAX_NP = 9
DEFINITE = {"das", "dem", "den", "der", "des", "die"}  # "für das Verbot": a genitive glue may take an article


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
        self.actors = lang.actor_lexicon
        self.determiners = lang.words("source_determiners")
        self.reference_pronouns = lang.words("reference_pronouns")
        self.genitive_glue = lang.words("genitive_glue")
        self.not_heads = lang.words("not_source_heads")
        self.bare_reports = lang.words("bare_reports")
        self.back_reference = lang.words("back_reference")
        self.weak_cues = lang.words("weak_source_cues")
        self.particle_cues = {norm(k): norm(v) for k, v in spec.get("particle_cues", {}).items()}
        # "erklärte erneut", "verlautete am Donnerstag aus": adverbs and days between a verb and its source
        self.cue_adverbs = lang.words("cue_adverbs") | {norm(d) for d in lang["dates"]["weekdays"]}
        self.hearsay_adverbs = lang.words("hearsay_adverbs")
        self.speaker_pronouns = lang.words("speaker_pronouns")
        self.not_genitive = lang.words("not_genitive_articles")
        self.person_titles = set(lang["place_words"]["person_cues"])
        numbers = lang["numbers"]
        figures = {norm(w) for w in [*numbers["words"], *numbers["vague"]] if " " not in w}
        # neither verbs nor figures ("sieben Menschen") belong to a source phrase
        self.finite_verbs = lang.words("past_aux") | lang.words("passive_aux") | lang.words("hearsay") | figures
        self.triggers = TriggerIndex(lang)
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
            found = [self._resolve_pronoun(s, speaker) for s in found]
            named = next((s for s in reversed(found) if self._person(s) and not s.get("inherited")), None)
            if named is not None:
                speaker, speaker_at = named, sent.i
            toks = doc.sent_tokens(sent)
            if found and toks[0].lower in self.back_reference and len(toks) <= 10 and sent.i > 0:
                before = doc.sents[sent.i - 1]  # "Das berichten syrische Staatsmedien." covers the sentence before
                before.sources = _unique(found + before.sources)
            if found:
                sent.sources = found
            elif previous and (sent.konjunktiv or sent.quoted or any(t.lower in self.hearsay_adverbs for t in toks)):
                sent.sources = [dict(s, inherited=True) for s in previous]
            previous = sent.sources or ([] if not sent.konjunktiv else previous)
        return doc

    def _person(self, source: dict) -> bool:
        """A source that is a person: its name holds a title ('Gouverneur Kondratjew', 'Präsident Selenskyj')."""
        return any(w.strip(",.") in self.person_titles for w in (source.get("name") or "").split())

    def _resolve_pronoun(self, source: dict, speaker: dict | None) -> dict:
        """'Er behauptete, ...': a pronoun as the source is the one named last ('Gouverneur Kondratjew')."""
        if (source.get("name") or "").lower() not in self.speaker_pronouns or speaker is None:
            return source
        return dict(speaker, cue=source["cue"], start=source.get("start"), end=source.get("end"))

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
                    continue  # "den ersten bestätigten Einsatz": a participle before its noun, no report
                particle = self.particle_cues.get(cue[0]) if len(cue) == 1 else None
                if particle and particle not in words[k + 1 :]:
                    continue  # "teilt die Ukraine Informationen": sharing, not "teilte ... mit"
                taken.update(range(k, k + len(cue)))
                if cue == ("nach", "eigenen", "angaben"):
                    out.append(
                        {
                            "name": None,
                            "kind": None,
                            "country": None,
                            "own": True,
                            "cue": "nach eigenen Angaben",
                            "start": toks[k].start,
                            "end": toks[k + 2].end,
                        }
                    )
                    break
                nxt = toks[k + len(cue)] if k + len(cue) < len(toks) else None
                if nxt is not None and nxt.lower in self.reference_pronouns:
                    out.extend(dict(s, inherited=True) for s in previous)  # "Laut dieser ...": the source before
                    break
                after = k + len(cue)
                if cue[0] in self.verb_cues:
                    while after < len(toks) and toks[after].lower in self.cue_adverbs:
                        after += 1  # "verlautete am Donnerstag aus Kreisen der OPCW"
                np = self._np_after(toks, after)
                if np and len(cue) > 1 and toks[k + len(cue) - 1].is_title and np[0].lower in self.not_genitive:
                    np = []  # "nach offiziellen Angaben ein Einkaufszentrum": no genitive, no source named
                told = bool(np) and cue[0] in self.verb_cues and self._thing(next((t for t in np if t.is_title), np[0]))
                if (not np or told) and k > 0 and toks[k - 1].text not in STOP:
                    # "Selenskyj bestätigte den russischen Angriff": the object is what was told, the subject tells
                    # "Die Armee hatte zuvor von einem Angriff berichtet": the subject at the clause start,
                    # after a colon ("Zugleich versuchte Moskau ...: Das Ministerium erklärte erneut")
                    start = next((j + 1 for j in range(k - 1, -1, -1) if toks[j].text in (":", ";")), 0)
                    np = self._np_after(toks, start) if cue[0] in self.verb_cues else self._np_before(toks, k)
                src = self._source(doc, np, " ".join(cue))
                if src and told:
                    # the subject who reports may also be who acts ("Die Armee meldete Kämpfe"): its words stay
                    # visible to the event logic, so the phrase keeps no span that would hide them
                    src = {k: v for k, v in src.items() if k not in ("start", "end")}
                if src and (src["kind"] != "other" or cue[0] not in self.weak_cues):
                    out.append(src)
                break
            if words[k] in self.after and k > 0:
                np = self._np_before(toks, k)
                if [t.lower for t in np[-2:]] == ["eigenen", "angaben"]:  # "eigenen Angaben zufolge"
                    out.append(
                        {
                            "name": None,
                            "kind": None,
                            "country": None,
                            "own": True,
                            "cue": "eigenen Angaben zufolge",
                            "start": np[-2].start,
                            "end": toks[k].end,
                        }
                    )
                    continue
                if np and np[-1].lower in self.bare_reports and len(np) <= 2:
                    out.extend(dict(s, inherited=True) for s in previous)  # "den Angaben zufolge": as said before
                    continue
                src = self._source(doc, np, words[k])
                if src:
                    out.append(src)
        return _unique(out)

    def _adjective_use(self, toks: list[Token], k: int, cue: tuple[str, ...]) -> bool:
        """A report verb used as an adjective: after an article or adjective, before its noun."""
        if len(cue) != 1 or cue[0] not in self.verb_cues or k == 0 or k + 1 >= len(toks):
            return False
        prev = toks[k - 1]
        after_article = prev.lower in self.determiners or (
            prev.text.islower()
            and prev.lower.endswith(("e", "en", "er", "es", "em"))
            and prev.lower not in self.finite_verbs
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
            kind = next((v for key, v in self.kinds if key in norm(name)), "other")
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

    def _thing(self, tok: Token) -> bool:
        """An event ("Einschlag", "Angriff"), which a report is about but which never reports."""
        return bool(self.triggers.lookup(tok.lemma)[0])

    def _np_after(self, toks: list[Token], k: int) -> list[Token]:
        """The noun phrase a cue opens: determiners and adjectives (a participle phrase "der von den USA
        angeführten" included), the capitalised head, then genitive attributes ("des Provinzrates")."""
        np: list[Token] = []
        head = False
        j = k
        while j < len(toks) and len(np) < MAX_NP:
            t = toks[j]
            if t.text in STOP:
                break
            if not head:
                if t.text[:1].isupper():
                    head = True
                elif not (t.lower in self.determiners or t.lower.endswith(("e", "en", "er", "es", "em"))):
                    break
                np.append(t)
                j += 1
                continue
            if t.text[:1].isupper() and t.lower not in self.not_heads:
                np.append(t)  # a second noun or a name: "Generalstabschef Gerassimow", "Moskaus"
                j += 1
                continue
            if t.lower in self.genitive_glue and j + 1 < len(toks):
                nxt = toks[j + 1 : j + 4]
                cap = next((m for m, u in enumerate(nxt) if u.text[:1].isupper()), None)
                if t.lower == "von" and cap != 0:
                    break  # "Verbot von Chemiewaffen" continues the name; "von der Luftwaffe" is an agent
                if cap is not None and all(
                    u.lower.endswith(("e", "en", "er", "es")) or u.lower in DEFINITE for u in nxt[:cap]
                ):
                    np.extend(toks[j : j + 2 + cap])
                    j += 2 + cap
                    continue
            participle = t.lower.endswith(("e", "en", "er", "es")) and t.lower not in self.finite_verbs
            if participle and j + 1 < len(toks) and toks[j + 1].text[:1].isupper():
                # "die in London ansässige Beobachtungsstelle": the noun so far was inside a participle phrase
                np.extend(toks[j : j + 2])
                j += 2
                continue
            break
        acronym = j + 2 < len(toks) and toks[j].text == "(" and toks[j + 2].text == ")" and toks[j + 1].text.isupper()
        if head and acronym:
            np.extend(toks[j : j + 3])  # "Ärzte ohne Grenzen (MSF)": the acronym belongs to and ends the name
        return np

    def _np_before(self, toks: list[Token], k: int) -> list[Token]:
        """The noun phrase right before a cue ("örtlichen Medienberichten zufolge"): nouns, adjectives
        and determiners back to the first word that is none of them."""
        np: list[Token] = []
        for t in reversed(toks[max(0, k - MAX_NP) : k]):
            if t.text in STOP:
                break
            noun = t.text[:1].isupper()
            adjective = t.lower.endswith(("e", "en", "er", "es", "em")) and np and np[0].text[:1].isupper()
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

    def _source(self, doc: Doc, np: list[Token], cue: str) -> dict | None:
        while np and np[0].lower in self.determiners:
            np = np[1:]
        if not np or not any(t.text[:1].isupper() for t in np):
            return None
        head = next(t for t in np if t.text[:1].isupper())
        if self._thing(head):
            return None  # "bestätigte einen Einschlag", "meldete einen russischen Angriff": what, not who
        start, end = np[0].start, np[-1].end
        text = doc.text[start:end]
        low = norm(text)
        kind = next((v for k, v in self.kinds if k in low), "other")
        country = None
        for t in np:
            country = self.actors.adjective_country(t.text) or self.actors.country_nouns.get(t.text.rstrip("s"))
            if country:
                break
        if kind == "other" and any(t.text.rstrip("s") in self.actors.country_nouns for t in np):
            kind = "government"  # "nach Angaben Moskaus": the capital speaks for its government
        name = (
            text[0].lower() + text[1:]
            if np[0].lower.endswith(("e", "en", "er", "es"))
            and len(np) > 1
            and self.actors.adjective_country(np[0].text)
            else text
        )
        return {"name": name, "kind": kind, "country": country, "own": False, "cue": cue, "start": start, "end": end}


def _unique(sources: list[dict]) -> list[dict]:
    seen, out = set(), []
    for s in sources:
        key = (s.get("name") or "").lower() or ("own" if s.get("own") else "")
        if key not in seen:
            seen.add(key)
            out.append(s)
    return out


component("sources")(Attributor)
