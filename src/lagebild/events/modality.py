"""Whether a trigger tells an act that happened: modality and temporal status, scoped to the trigger's clause.

CODING_RULES 2: threats, plans, demands, speculation, hypotheticals, denials and summaries are not
events; reported speech about something that happened is. The cue words are data (`modality.yaml`);
this module decides which clause they govern: the trigger's own, the governing clause of an
infinitive or a `dass` clause, or a purpose or question clause that opens with its word.
"""

from __future__ import annotations

from lagebild.doc import Doc, Token
from lagebild.events.triggers import Hit
from lagebild.lang import Language, norm
from lagebild.text.lemmas import ADJECTIVE_ENDINGS

CLAUSE_BREAK = {",", ";", ":", "–", "(", ")"}


def clause_of(toks: list[Token], tok: int) -> list[Token]:
    """The tokens of a sentence between the clause breaks around token index `tok`."""
    k = next(i for i, t in enumerate(toks) if t.i == tok)
    lo = k
    while lo > 0 and toks[lo - 1].text not in CLAUSE_BREAK:
        lo -= 1
    hi = k
    while hi < len(toks) - 1 and toks[hi + 1].text not in CLAUSE_BREAK:
        hi += 1
    return toks[lo : hi + 1]


def _infinitive(tok: Token) -> bool:
    """A lower-case verb form ending like an infinitive ('verstärken', 'verteidigen')."""
    return tok.text.islower() and tok.text.isalpha() and tok.lower.endswith("n")


class Modality:
    def __init__(self, lang: Language) -> None:
        mod = lang["modality"]
        self.hypothetical: dict[str, tuple[str, ...]] = {}  # word -> the kinds of cue it is
        for kind, words in mod["hypothetical"].items():
            for w in words:
                self.hypothetical[norm(w)] = (*self.hypothetical.get(norm(w), ()), kind)
        self.future_aux = {norm(w) for w in mod.get("future_aux", [])}
        self.concessive = frozenset(norm(w) for w in mod.get("concessive", []))
        self.denial = {norm(w) for w in mod["denial_verbs"]}
        self.negators = {norm(w) for w in mod["negators"]}
        self.not_acts = {norm(w) for w in mod["not_acts"] if " " not in w}
        self.summary = [tuple(norm(w).split()) for w in mod["summary"]]
        self.past_forms = {norm(w) for w in lang["grammar"].get("past_forms", [])}
        self.hearsay = lang.words("hearsay")
        self.past_aux = lang.words("past_aux")
        self.definite = lang.words("definite")
        self.indefinite = lang.words("number_articles")
        self.purpose = {norm(w) for w in mod.get("purpose", [])}
        self.questions = {norm(w) for w in mod.get("questions", [])}
        self.absent = {norm(w) for w in mod.get("absent_before", [])}
        self.phrase_preps = lang.words("prepositions") | lang.words("reference_prepositions")
        self.use_preps = {norm(w) for w in mod.get("use_prepositions", [])}
        self.circumstances = {norm(w): kind for kind, ws in mod.get("circumstances", {}).items() for w in ws}
        self._parts = tuple(w for w in self.circumstances if len(w) >= 5)

    def circumstance(self, toks: list[Token]) -> set[str]:
        """The kinds of circumstance (an accident) the sentence tells, as whole words or compound parts."""
        kinds = set()
        for t in toks:
            kind = self.circumstances.get(t.lemma) or self.circumstances.get(t.lower)
            if kind is None and len(t.lemma) > 5:
                part = next((w for w in self._parts if t.lemma.startswith(w) or t.lemma.endswith(w)), None)
                kind = self.circumstances.get(part) if part else None
            if kind:
                kinds.add(kind)
        return kinds

    def cues(self, hit: Hit, toks: list[Token], doc: Doc) -> frozenset[str]:
        """The cues that the trigger's clause tells no act that happened, by name (features of the event model).

        The clause is the trigger's own, widened to its governing clause for an infinitive or a bare
        infinitive at a clause end; a purpose clause ("..., um ... anzugreifen") or an indirect question
        ("..., ob ... getötet wurden") is recognised by the word that opens it.
        """
        found: set[str] = set()
        clause = clause_of(toks, hit.tok)
        tok = doc.tokens[hit.tok]
        zu_infinitive = (tok.lower != tok.lemma and tok.lower.replace("zu", "", 1) == tok.lemma) or (
            tok.i > 0 and doc.tokens[tok.i - 1].lower == "zu"
        )
        zu_clause = zu_infinitive or any(t.lower == "zu" and t.i > tok.i for t in clause)
        aim = zu_infinitive or any(
            t.lower == "zu" and t.i > tok.i and t.i + 1 < len(doc.tokens) and _infinitive(doc.tokens[t.i + 1])
            for t in clause
        )
        if aim and clause[0].lower in self.purpose and hit.type != "Protests":
            found.add("purpose")  # an aim, not an act; but those who took to the streets "um zu protestieren" did
        if clause[0].lower in self.questions and (tok.text.islower() or hit.trigger.with_words):
            found.add("question")  # asked, not told; but a noun in it is taken as given
        if toks[-1].text == "?":
            found.add("question_mark")
        if zu_clause and clause[0].i > toks[0].i:
            # an infinitive clause ("..., zivile Ziele anzugreifen") is governed by the clause before it
            clause = clause_of(toks, clause[0].i - 2) + clause
        elif tok.text.islower() and tok.lower == tok.lemma and clause[0].i > toks[0].i:
            # a bare infinitive at a clause end takes the modal verb of the clause before it
            clause = [t for t in toks if t.i < clause[0].i] + clause
        words = [t.lower for t in clause]
        lemmas = {t.lemma for t in clause}
        for k, w in enumerate(words):
            if w in self.hearsay and {"worden", "sein", "haben", "seien"} & set(words[k + 1 :]):
                continue  # "sollen ... getötet worden sein", "... getötet haben": reported, not planned
            if self.concessive.intersection(words[max(0, k - 3) : k]):
                continue  # "trotz Aufrufen zur Ruhe", "trotz der Drohungen": it happened despite them
            for kind in self.hypothetical.get(w, ()) or self.hypothetical.get(clause[k].lemma, ()):
                found.add(kind)
        if set(words) & self.future_aux and tok.text.islower() and tok.lower == tok.lemma:
            found.add("future")  # "werden ... angreifen": told as to come
        if lemmas & self.denial:
            found.add("denial")
        if lemmas & self.not_acts:
            found.add("not_act")
        found.update(self.circumstance(toks))
        if clause[0].lower in ("dass", "daß") and clause[0].i > toks[0].i:
            # "Ein Sprecher bestritt, dass ... festgenommen worden seien": the clause that governs it denies
            governing = {t.lemma for t in clause_of(toks, clause[0].i - 2)}
            if governing & self.denial:
                found.add("denial")
        if self._participle_before_noun(doc, tok):
            found.add("participle")  # "des seit Jahren inhaftierten Rebellenführers": a state named, not an act
        pos = next(i for i, t in enumerate(clause) if t.i == hit.tok)
        if any(t.lower in self.negators for t in clause[max(0, pos - 3) : pos]):
            found.add("negated")
        if pos and clause[pos - 1].lower in self.absent:
            found.add("absent")  # "Methoden ohne Festnahmen" (but "ohne Vorwarnung angegriffen" was an attack)
        if tok.is_title and norm(tok.text) != tok.lemma and tok.i > 0 and doc.tokens[tok.i - 1].lower in self.use_preps:
            found.add("purpose")  # "Drohnen für Angriffe auf die Ukraine": what a weapon serves
        # an infinitive or present plural, or a bare plural noun ("Die Armee antwortet mit Gegenangriffen"), in a
        # sentence with no past tense and no date: a habit or a policy
        bare_plural = (
            tok.is_title
            and norm(tok.text) != tok.lemma
            and tok.lower.endswith("n")
            and tok.i > 0
            and doc.tokens[tok.i - 1].lower not in self.definite | self.indefinite
            and not doc.tokens[tok.i - 1].text[:1].isdigit()
        )
        heading = doc.sents[tok.sent].is_heading  # headlines tell past acts in the present ("Mönche protestieren")
        if (
            not heading
            and (tok.text.islower() and norm(tok.text) == tok.lemma or bare_plural)
            and not any(self.past_tense(t) and not self._attributive(toks, k) for k, t in enumerate(toks) if t != tok)
            and not doc.in_sent("date", tok.sent)
        ):
            found.add("habit")
        if self.is_summary(toks):
            found.add("summary")
        if hit.type == "Protests" and "demand" in found and not self._called_for(doc, tok):
            found.discard("demand")  # "demonstrierten und forderten den Rücktritt": what the protest demanded
        return frozenset(found)

    @staticmethod
    def _called_for(doc: Doc, tok: Token) -> bool:
        """A protest named as what a call asks for ("rief zu Protesten auf", "Aufruf zum Generalstreik")."""
        before = [t.lower for t in doc.tokens[max(0, tok.i - 3) : tok.i]]
        return any(w in ("zu", "zum", "zur") for w in before)

    def _participle_before_noun(self, doc: Doc, tok: Token) -> bool:
        """A participle used as an adjective: an article right before it, or an article opening a phrase
        with a preposition ('die von der Hamas entführten', 'des seit Jahren inhaftierten'), and a noun
        after it. 'Die Truppen eroberten Dörfer' has a noun, not a preposition, after its article."""
        inflected = tok.lower != tok.lemma and tok.lower.endswith(("te", "ten", "tes", "tem", "ter"))
        if not (tok.text.islower() and inflected):
            return False
        if tok.i + 1 >= len(doc.tokens) or not doc.tokens[tok.i + 1].is_title:
            return False
        articles = self.definite | self.indefinite
        before = doc.tokens[max(0, tok.i - 6) : tok.i]
        if before and before[-1].lower in articles:
            return True
        for k, t in enumerate(before[:-1]):
            if t.lower in articles and before[k + 1].lower in self.phrase_preps:
                return all(u.text not in CLAUSE_BREAK and not self.past_tense(u) for u in before[k + 1 :])
        return False

    def past_tense(self, tok: Token) -> bool:
        """A finite past form: an auxiliary ("hatte", "wurde") or a verb in the past ("gingen", "feuerten")."""
        low = tok.lower
        if low in self.past_aux or low in self.past_forms:
            return True
        return tok.text.islower() and low.endswith(("te", "ten")) and low != tok.lemma and tok.lemma.endswith("en")

    def _attributive(self, toks: list[Token], k: int) -> bool:
        """A participle before its noun ("die eroberten Dörfer", "der von Rebellen kontrollierten
        Provinz"): an adjective, not a verb in the past."""
        nxt = toks[k + 1 : k + 3]
        if nxt and nxt[0].text == "," and toks[k - 1 : k] and toks[k - 1].is_title:
            nxt = toks[k + 2 : k + 4]  # "mit Sprengladungen bestückte, unbemannte Fluggeräte": adjectives in a row
        if nxt and nxt[0].is_title and k > 0 and toks[k - 1].lower in self.definite | self.indefinite:
            return True
        return len(nxt) == 2 and nxt[0].lower.endswith(ADJECTIVE_ENDINGS) and nxt[0].text.islower() and nxt[1].is_title

    def is_summary(self, toks: list[Token]) -> bool:
        """A summary, a tally or a habit, not a report of one event."""
        words = [t.lower for t in toks]
        return any(tuple(words[k : k + len(p)]) == p for p in self.summary for k in range(len(words)))
