"""Death tolls: which figures in a sentence count the dead, by ACLED's conservative rule.

A figure is a toll when it counts people ("30 Kämpfer", "mindestens sechs Menschen") or the dead
themselves ("14 Tote") and the nearest outcome word after it is a death word ("getötet", "ums Leben"),
not an injury word ("verletzt"). Injured are never counted.
"""

from __future__ import annotations

from lagebild.doc import Doc, Sentence, Span
from lagebild.lang import Language, norm


class TollReader:
    def __init__(self, lang: Language) -> None:
        spec = lang["numbers"]
        self.dead_nouns = {norm(w) for w in spec["dead_nouns"]}
        self.dead_verbs = {norm(w) for w in spec["dead_verbs"] if " " not in w}
        self.dead_phrases = [tuple(norm(w).split()) for w in spec["dead_verbs"] if " " in w]
        self.injured = {norm(w) for w in spec["injured"]}
        self.people = {norm(w) for w in spec["people_nouns"]} | {norm(w) for w in spec.get("single_people", [])}
        self.ages = {norm(w) for w in spec.get("age_nouns", [])}
        self.subset_cues = [tuple(norm(c).split()) for c in spec.get("subset_cues", [])]
        self.among_cues = {c for c in self.subset_cues if c[0] == "unter" and len(c) == 3}  # "unter den Toten"
        counts = spec.get("toll_counts", {})
        self.count_nouns = {norm(w) for w in counts.get("count_nouns", [])}
        self.count_words = {norm(w) for w in counts.get("count_words", [])}
        self.count_preps = {norm(w) for w in counts.get("count_preps", [])}
        self.hedge_words = {norm(w) for group in spec["hedges"].values() for phrase in group for w in phrase.split()}
        self.superseded = frozenset(norm(w) for w in spec.get("superseded_cues", []))
        self.single = tuple(sorted({norm(w) for w in spec.get("single_people", [])}, key=len, reverse=True))
        self.definite = frozenset(("der", "den", "dem", "die", "des"))

    def tolls(self, doc: Doc, sent: Sentence) -> list[Span]:
        """Number spans of the sentence that count dead."""
        toks = doc.sent_tokens(sent)
        out = []
        figures = {n.data["tok_start"] for n in doc.in_sent("number", sent.i)}
        among_dead = bool(figures) and self._among_dead(toks)  # read only for a sentence with figures
        subset_end = None
        for num in doc.in_sent("number", sent.i):
            if among_dead or self._subset(doc, toks, num, subset_end):
                subset_end = num.data["tok_end"]
                continue  # "darunter zwei Kinder (und vier Frauen)": part of a toll already counted
            if self._count_of_dead(toks, num):  # "die Zahl der Toten stieg auf 23"
                out.append(num)
                continue
            end = num.data["tok_end"]
            after = [t for t in toks if t.i >= end]
            if not after:
                continue
            if after[0].lower in self.ages or after[0].lemma in self.ages:
                continue  # "eine 64 Jahre alte Frau": an age, not a count
            counted = [t.lemma for t in after[:3]] + [t.lower for t in after[:3]]
            if after[0].lemma in self.dead_nouns or after[0].lower in self.dead_nouns:  # "14 Tote"
                out.append(num)
                continue
            if not any(c in self.people or c in self.dead_nouns for c in counted):
                continue
            outcome = self._outcome(after, figures) or self._outcome(
                list(reversed([t for t in toks if t.i < num.data["tok_start"]]))
            )
            if outcome == "dead":
                out.append(num)
        if not figures:
            named = self._named_victim(doc, sent, toks)
            if named is not None:
                out.append(named)
        if out and any(t.lower in self.superseded for t in toks):
            out = [Span(n.start, n.end, n.sent, n.label, n.text, dict(n.data, superseded=True)) for n in out]
        return self._join(doc, out)

    def _named_victim(self, doc: Doc, sent: Sentence, toks) -> Span | None:
        """ "tötete den Hisbollah-Kommandeur Fuad Schukr", "Hamas-Chef Ismail Hanija wurde getötet": one
        person named by office and name, and killed, is a toll of one (a targeted killing)."""
        for k, t in enumerate(toks[:-1]):
            low = t.lower
            if not t.text[:1].isupper() or not low.endswith(self.single) or t.lemma != low:
                continue  # a singular person noun ("Kommandeur", "Hamas-Chef"), not a plural
            name = toks[k + 1]
            if not name.text[:1].isupper() or name.lower in self.people or not name.text.isalpha():
                continue
            j = k
            while j > 0 and toks[j - 1].text.islower() and toks[j - 1].lower not in self.definite and j > k - 3:
                j -= 1  # adjectives: "den ranghohen Kommandeur"
            after = [x for x in toks[k + 2 :]]
            before = list(reversed(toks[:j]))
            if self._outcome(after) != "dead" and self._outcome(before[:4]) != "dead":
                continue
            first = toks[j - 1] if j > 0 and toks[j - 1].lower in self.definite else toks[j]
            data = {"value": 1, "high": 1, "hedge": None, "vague": False, "noun": t.lemma}
            data.update(tok_start=first.i, tok_end=name.i + 1)
            return Span(first.start, name.end, sent.i, "number", doc.text[first.start : name.end], data)
        return None

    def _count_of_dead(self, toks, num: Span) -> bool:
        """A figure a count of the dead reached: "auf" or "bei" (hedges aside) right before it, and "die Zahl
        der Toten" or "die Opferzahl" a few words before that."""
        before = [t for t in toks if t.i < num.data["tok_start"]]
        k = len(before) - 1
        while k >= 0 and before[k].lower in self.hedge_words:
            k -= 1
        if k < 0 or before[k].lower not in self.count_preps:
            return False
        window = before[max(0, k - 10) : k]
        for j, t in enumerate(window):
            if t.lower in self.count_words:
                return True
            nxt = window[j + 1 : j + 3]
            if t.lower in self.count_nouns and len(nxt) == 2 and nxt[1].lower in self.dead_nouns:
                return True
        return False

    def _subset(self, doc: Doc, toks, num: Span, subset_end: int | None) -> bool:
        """A figure right after a subset cue, or listed with a figure that was ("darunter sieben Kinder
        und vier Frauen")."""
        first = num.data["tok_start"]
        before = [t.lower for t in toks if first - 3 <= t.i < first]
        if any(tuple(before[k : k + len(c)]) == c for c in self.subset_cues for k in range(len(before))):
            return True
        if subset_end is None:
            return False
        between = doc.tokens[subset_end:first]
        return 0 < len(between) <= 3 and between[-1].lower in ("und", "sowie", ",")

    def _among_dead(self, toks) -> bool:
        """ "Unter den Toten waren sieben Kinder", "Sieben Kinder seien unter den Opfern": every figure
        of the sentence is part of the toll."""
        words = [t.lower for t in toks]
        return any(w == "unter" and tuple(words[k : k + 3]) in self.among_cues for k, w in enumerate(words))

    @staticmethod
    def _join(doc: Doc, tolls: list[Span]) -> list[Span]:
        """ "ein Mann und zwei Kinder getötet", "zwei Soldaten sowie drei Zivilisten": the parts of one toll,
        counted together (a disputed toll is told twice, not joined by "und")."""
        out: list[Span] = []
        for num in tolls:
            prev = out[-1] if out else None
            between = doc.tokens[prev.data["tok_end"] : num.data["tok_start"]] if prev else []
            if prev is not None and 0 < len(between) <= 3 and between[-1].lower in ("und", "sowie"):
                value = int(prev.data["value"]) + int(num.data["value"])
                data = dict(prev.data, value=value, tok_end=num.data["tok_end"])
                out[-1] = Span(prev.start, num.end, prev.sent, prev.label, doc.text[prev.start : num.end], data)
            else:
                out.append(num)
        return out

    def _outcome(self, toks, figures: set[int] = frozenset()) -> str | None:
        """The nearest outcome word: a new figure after a comma opens the next count ("starben neun
        Menschen, 25 weitere wurden verletzt"), whose outcome is not this figure's."""
        for k, t in enumerate(toks[:14]):
            if t.text in (".", ";") or t.lower in ("und", "sowie") and k > 6:
                break
            if t.text == "," and k + 1 < len(toks) and toks[k + 1].i in figures:
                break
            if t.lemma in self.injured or t.lower in self.injured:
                return "injured"
            if t.lemma in self.dead_verbs or t.lower in self.dead_verbs or t.lemma in self.dead_nouns:
                after = [x.lower for x in toks[k + 1 : k + 3]]
                if after[:1] in (["oder"], ["und"]) and any(x in self.injured for x in after[1:]):
                    return "mixed"  # "getötet oder verletzt": dead and wounded in one figure
                return "dead"
            pair = tuple(x.lower for x in toks[k : k + 3])
            if any(pair[: len(p)] == p for p in self.dead_phrases):
                return "dead"
        return None
