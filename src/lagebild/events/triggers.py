"""Trigger words: which tokens signal an event of which ACLED type (data: `triggers.yaml`).

A lemma matches a trigger word exactly or as the head of a compound ("Drohnenangriff" → "angriff",
"Luftschlägen" → "luftschlag"). Refiners narrow generic triggers: inside the compound ("Drohnen|angriff")
always, elsewhere in the clause only as an instrument ("Angriff mit Raketen") or as the acting force
("die Luftwaffe griff an").
"""

from __future__ import annotations

from dataclasses import dataclass

from lagebild.doc import Token
from lagebild.lang import Language, norm

MIN_MODIFIER = 3
ENDINGS = (
    "n",
    "en",
    "e",
    "s",
    "es",
    "er",
    "ern",
)  # letters a compound's modifier needs ("Gegen|angriff", not "S|tadt")


@dataclass(frozen=True)
class Trigger:
    word: str
    type: str
    sub: str
    weight: float = 1.0
    exact: bool = False
    with_words: tuple[str, ...] = ()
    loser_subject: bool = False
    von_is_target: bool = False
    weapon_from_sentence: bool = False
    vague: bool = False  # names no weapon: the article's other strikes decide the sub-type
    without: tuple[str, ...] = ()  # words that make it no trigger here ("Geiseln befreien" takes no ground)
    with_exact: bool = False  # `with` words only as written or lemmatised, not as compound heads
    article_without: tuple[str, ...] = ()  # lemmas that make it no trigger anywhere in the article
    bare_at_town: bool = False  # with no article, at a named town, an event even without actor ("Gefechte in X")
    mob_unless_demonstration: bool = False  # riots ("Unruhen") where no demonstration is told of are a mob's


@dataclass
class Hit:
    tok: int  # token index in the document
    trigger: Trigger
    type: str
    sub: str
    modifier: str  # the compound's first part ("drohnen" in "drohnenangriff")


class _Context:
    """A sentence's words for `with` look-ups: as written, as lemmas, and as compound heads
    ("Luftangriff" has "angriff"); the heads are built only when a look-up needs them."""

    def __init__(self, words: set[str]) -> None:
        self.words = words
        self._heads: set[str] | None = None

    def has(self, word: str) -> bool:
        if word in self.words:
            return True
        if self._heads is None:
            self._heads = {w[k:] for w in self.words for k in range(MIN_MODIFIER, len(w) - 2)}
        return word in self._heads


class TriggerIndex:
    def __init__(self, lang: Language) -> None:
        spec = lang["triggers"]
        self.single: dict[str, list[Trigger]] = {}
        self.multi: dict[str, list[tuple[tuple[str, ...], Trigger]]] = {}  # first word → phrases
        for entry in spec["triggers"]:
            for word in entry["words"]:
                t = Trigger(
                    norm(word),
                    entry["type"],
                    entry["sub"],
                    float(entry.get("weight", 1.0)),
                    bool(entry.get("exact")),
                    tuple(norm(w) for w in entry.get("with", [])),
                    bool(entry.get("loser_subject")),
                    bool(entry.get("von_is_target")),
                    bool(entry.get("weapon_from_sentence")),
                    bool(entry.get("vague")),
                    tuple(norm(w) for w in entry.get("without", [])),
                    bool(entry.get("with_exact")),
                    tuple(norm(w) for w in entry.get("article_without", [])),
                    bool(entry.get("bare_at_town")),
                    bool(entry.get("mob_unless_demonstration")),
                )
                if " " in t.word:
                    words = tuple(t.word.split())
                    self.multi.setdefault(words[0], []).append((words, t))
                else:
                    self.single.setdefault(t.word, []).append(t)
        self._memo: dict[str, tuple[list[Trigger], str]] = {}
        # a trigger word with an ending ("raketen") → the word, for the first ending in ENDINGS' order:
        # one dict look-up per suffix instead of a scan of the endings
        self._inflected: dict[str, str] = {}
        for e in ENDINGS:
            for word in self.single:
                self._inflected.setdefault(word + e, word)
        self._longest = max(map(len, [*self.single, *self._inflected]), default=0)
        # modifiers a generic word ("Angriff", "Offensive") may carry and still mean violence: not "Charme|offensive"
        self.generic_modifiers = {norm(w) for w in spec.get("generic_modifiers", [])}
        for words, _, _ in [(r["words"], 0, 0) for r in spec["refiners"]]:
            for w in words:
                self.generic_modifiers.update({norm(w), norm(w) + "n", norm(w) + "en", norm(w) + "s"})
        self.refiners = [({norm(w) for w in r["words"]}, r["type"], r["sub"]) for r in spec["refiners"]]
        self.weaker = tuple(norm(w) for w in spec.get("weaker_instruments", []))
        self.violence_verbs = {norm(w) for w in spec["violence_verbs"]}
        self.protest_intervention = {norm(w) for w in spec["protest_intervention"]}
        self.protest_lethal = {norm(w) for w in spec["protest_lethal"]}
        self.protest_violent = {norm(w) for w in spec.get("protest_violent", [])}
        self.protest_violent_adjectives = tuple(norm(w) for w in spec.get("protest_violent_adjectives", []))
        # a killing verb that no trigger names: generic violence, an event only with
        # a toll and a killer (events/candidates.py)
        self.violence = Trigger("violence", "Battles", "Armed clash", weight=0.4)

    def lookup(self, lemma: str) -> tuple[list[Trigger], str]:
        """Triggers whose word is the lemma or its compound head, with the modifier before the head."""
        found = self._memo.get(lemma)
        if found is None:
            found = self._memo[lemma] = self._lookup(lemma)
        return found

    def _lookup(self, lemma: str) -> tuple[list[Trigger], str]:
        # Only a suffix as long as a trigger word (or an inflected one) can be found: starting there
        # gives the same answer in time linear in the word (an 80 KB token took 3.5 s from k = 0).
        first = max(0, len(lemma) - self._longest)
        for k in range(first, len(lemma) - 2):
            suffix = lemma[k:]
            if suffix not in self.single and k:
                # a compound simplemma does not know keeps its ending: "Antischiffs|raketen"
                suffix = self._inflected.get(suffix, suffix)
            if suffix not in self.single:
                continue
            if k and k < MIN_MODIFIER:
                continue
            found = [
                t
                for t in self.single[suffix]
                if k == 0 or (not t.exact and (t.weight >= 1.0 or lemma[:k] in self.generic_modifiers))
            ]
            if found:
                return found, lemma[:k]
        return [], ""

    def hits(self, toks: list[Token]) -> list[Hit]:
        """The triggers of a sentence's tokens, and every killing verb no trigger names as generic violence."""
        hits = self.find(toks)
        for t in toks:
            if t.lemma in self.violence_verbs and not any(h.tok == t.i for h in hits):
                hits.append(Hit(t.i, self.violence, self.violence.type, self.violence.sub, ""))
        return hits

    def tells_act(self, toks: list[Token]) -> bool:
        """Whether a sentence names an act by a trigger word (a killing verb alone names none)."""
        return any(h.trigger is not self.violence for h in self.hits(toks))

    def find(self, toks: list[Token]) -> list[Hit]:
        lemmas = [t.lemma for t in toks]
        context = _Context(set(lemmas) | {t.lower for t in toks})
        hits: list[Hit] = []
        for tok in toks:
            if tok.is_noise or tok.particle_of is not None:
                continue
            for key in dict.fromkeys((tok.lemma, tok.norm)):
                triggers, modifier = self.lookup(key)
                for t in triggers:
                    if t.with_words and not self._has_any(context, t.with_words, t.with_exact):
                        continue
                    if t.without and self._has_any(context, t.without):
                        continue
                    hits.append(Hit(tok.i, t, t.type, t.sub, modifier))
                if triggers:
                    break
        lowered = [t.lower for t in toks]
        for k in range(len(toks)):
            for words, t in self.multi.get(lowered[k], ()) or self.multi.get(lemmas[k], ()):
                n = len(words)
                found = tuple(lowered[k : k + n]) == words or tuple(lemmas[k : k + n]) == words
                if found and (not t.with_words or self._has_any(context, t.with_words)):
                    hits.append(Hit(toks[k].i, t, t.type, t.sub, ""))
        return hits

    @staticmethod
    def _has_any(context: _Context, words: tuple[str, ...], exact: bool = False) -> bool:
        if exact:
            return any(w in context.words for w in words)
        return any(" " not in w and context.has(w) for w in words)

    def refined(self, hit: Hit, toks: list[Token], actor_heads: set[str]) -> tuple[str, str] | None:
        """The type a generic trigger takes from its compound, its instrument or its acting force; None when
        nothing in the sentence narrows it (its own type stands)."""
        if hit.trigger.weight >= 1.0 and hit.type != "Violence against civilians":
            return None
        if hit.type == "Violence against civilians" and hit.sub != "Attack":
            return None
        for words, etype, sub in self.refiners:
            if any(hit.modifier.startswith(w) or hit.modifier.rstrip("n").endswith(w) for w in words if hit.modifier):
                return etype, sub
        instruments = set()
        if hit.trigger.word == "violence" or hit.trigger.weapon_from_sentence:
            # "Zwei Raketen trafen ein Wohnhaus", "Kampfflugzeuge feuerten Raketen ab": the weapons named
            instruments.update(t.lemma for t in toks if t.text[:1].isupper())
        for k, t in enumerate(toks):
            if t.lower in ("mit", "per", "durch") and k + 1 < len(toks):
                for u in toks[k + 1 : k + 4]:
                    instruments.add(u.lemma)
                    if u.text[:1].isupper():
                        break
        instruments |= actor_heads

        def names(i: str, w: str) -> bool:
            return i == w or (i.endswith(w) and len(i) > len(w) + 2)

        strong = {i for i in instruments if not any(names(i, w) for w in self.weaker)}
        for pool in (strong, instruments):  # "mit Raketen und Drohnen": a missile attack
            for words, etype, sub in self.refiners:
                if any(any(names(i, w) for w in words) for i in pool):
                    return etype, sub
        return None
