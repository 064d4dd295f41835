"""Finding actor mentions in sentences: groups, a state's forces with their country, civilians.

Each mention becomes an `actor` span carrying the actor (name, kind, country, group) and the grammar
around it that decides its role later: the preposition before it ("von", "durch", "gegen") and whether
it is a genitive attribute of a noun ("Fahrzeuge des IS").
"""

from __future__ import annotations

from lagebild.actors.lexicon import ActorSpec, combatant, lexicon_for
from lagebild.doc import Doc, Span, Token
from lagebild.lang import Language, norm
from lagebild.registry import component
from lagebild.text.lemmas import ADJECTIVE_ENDINGS


class ActorFinder:
    def __init__(self, lang: Language) -> None:
        self.lex = lexicon_for(lang)
        self.inflection = lang.word_list("inflection_endings")
        self.determiners = lang.words("np_determiners")
        self.prepositions = lang.words("prepositions")
        self.genitive = lang.words("genitive_articles")
        self.attack_heads = lang.word_list("attack_heads")
        self.armed_adjectives = tuple(lang.word_list("armed_adjectives"))
        self._force_memo: dict[str, str | None] = {}
        self._longest_force = max(map(len, self.lex.force_nouns), default=0)
        self._word_memo: dict[str, ActorSpec | None] = {}  # single words: lexicon phrase or compound

    def __call__(self, doc: Doc) -> Doc:
        last_group: ActorSpec | None = None
        last_of_camp: dict[str, ActorSpec] = {}
        for sent in doc.sents:
            if sent.is_noise:
                continue
            toks = doc.sent_tokens(sent)
            i = 0
            while i < len(toks):
                found = self._match(toks, i)
                if found is None:
                    i += 1
                    continue
                actor, n = found
                if not actor.group and not actor.force and i + n < len(toks):
                    # apposition: "die Terrororganisation Islamischer Staat", "die Rebellengruppe M23"
                    nxt = self._match(toks, i + n)
                    if nxt and nxt[0] in self.lex.named_groups:
                        actor, n = nxt[0], n + nxt[1]
                    elif actor.anaphoric and toks[i + n].lower in self.genitive and i + n + 1 < len(toks):
                        # "Kämpfer der Hisbollah": the fighters are the group's, not its enemies
                        owner = self._match(toks, i + n + 1)
                        if owner and owner[0] in self.lex.named_groups:
                            actor, n = owner[0], n + 1 + owner[1]
                if actor.anaphoric and actor.camp:
                    # "die Islamisten" after "der IS" and "die YPG": the IS; "die Kurden": the YPG
                    if actor.resolve_only and actor.camp not in last_of_camp:
                        i += n
                        continue  # "ein Angebot an die Kurden": a people, no actor
                    actor = last_of_camp.get(actor.camp, actor)
                elif actor.anaphoric and last_group is not None:
                    actor = last_group
                if actor.group or (actor.kind == "rebel" and actor.country):
                    last_group = actor
                    if actor.camp:
                        last_of_camp[actor.camp] = actor
                self._add(doc, sent.i, toks, i, n, actor)
                i += n
        return doc

    # --- matching ---------------------------------------------------------------------------------
    def _match(self, toks: list[Token], i: int) -> tuple[ActorSpec, int] | None:
        lex = self.lex
        tok = toks[i]
        if tok.is_noise or not (tok.is_title or tok.text in lex.lower_starts):
            return None  # every lexicon entry but a few ("al-Schabab") starts with a capital
        if tok.text in lex.first_words:
            for n in range(min(lex.max_len, len(toks) - i), 1, -1):
                found = self._phrase(tuple(t.text for t in toks[i : i + n]))
                if found is not None:
                    return found, n
        if tok.text not in self._word_memo:
            self._word_memo[tok.text] = self._phrase((tok.text,)) or self._compound(tok.text)
        if self._word_memo[tok.text] is not None:
            return self._word_memo[tok.text], 1
        if tok.is_title and self._weapon(norm(tok.text)):
            country = self._country_before(toks, i)
            if country:  # "russische Raketen": Russia's forces fired them
                return lex.military(country), 1
            return None
        force = self._force(tok)
        if force:
            country = self._country_before(toks, i) or self._country_after(toks, i)
            after = [t.lower for t in toks[i + 1 : i + 5]]
            governments = "regierung" in after[1:] and after[0] == "der"  # "Truppen der (anerkannten) Regierung"
            # the government's troops, and any police (it does not act abroad), are the place's
            home = tok.lower.startswith(lex.government_prefixes) or governments or force == "police"
            return ActorSpec(lex.state_name(country, force), "state", country, force=force, home=home), 1
        followed_by_force = i + 1 < len(toks) and self._force(toks[i + 1])
        named_part = i > 1 and toks[i - 1].is_title  # "der Demokratischen Republik Kongo", "im Osten Syriens"
        if tok.text in lex.country_nouns and tok.text not in lex.capitals and not followed_by_force and not named_part:
            iso3 = lex.country_nouns[tok.text]  # "Israel hat ... angegriffen": the state acts through its forces
            return ActorSpec(lex.state_name(iso3), "state", iso3, force="military", metonymy=True), 1
        if tok.text in lex.demonyms and tok.text.endswith(("en", "er", "is", "n")):
            iso3 = lex.demonyms[tok.text]
            if iso3 in lex.stateless:  # "zwei Palästinenser getötet": people, not an army
                english = lex.countries[iso3].english
                people = ActorSpec(f"Civilians ({english})", "civilians", iso3, demonym=True)
                if i > 0 and toks[i - 1].lower.startswith(self.armed_adjectives):  # "bewaffnete Palästinenser"
                    return combatant(people), 1
                return people, 1
            return lex.military(iso3), 1
        low = norm(tok.text)
        if low in lex.people and tok.is_title:
            kind = lex.people[low]
            country = self._country_before(toks, i)
            english = lex.countries[country].english if country in lex.countries else None
            name = {"civilians": "Civilians", "protesters": "Protesters", "rioters": "Rioters"}[kind]
            return ActorSpec(f"{name} ({english})" if english else name, kind, country), 1
        return None

    def _weapon(self, low: str) -> bool:
        """A weapon noun, also in the dative plural ("mit zwei Kampfflugzeugen")."""
        weapons = self.lex.weapon_nouns
        return low in weapons or (low.endswith("n") and low[:-1] in weapons)

    def _phrase(self, words: tuple[str, ...]) -> ActorSpec | None:
        """A lexicon phrase, its last word in any case ending ("des Islamischen Staates")."""
        phrases = self.lex.phrases
        if words in phrases:
            return phrases[words]
        last = words[-1]
        for suffix in self.inflection:
            if last.endswith(suffix) and len(last) > len(suffix) + 1:
                key = (*words[:-1], last[: -len(suffix)])
                if key in phrases and (len(words) > 1 or len(key[0]) > 3):
                    return phrases[key]
        return None

    def _compound(self, word: str) -> ActorSpec | None:
        """ "Hamas-Kämpfer", "US-Truppen", "US-Drohnenangriff" — but not "US-Außenamtssprecher"."""
        if "-" not in word:
            return None
        head, rest = word.split("-", 1)
        actor = self.lex.prefixes.get(head + "-")
        return actor if actor is not None and (actor.group or self._forceful(rest)) else None

    def _forceful(self, word: str) -> bool:
        """Whether a compound's second part names armed force: a force or weapon noun, or an attack."""
        low = norm(word)
        return bool(self._force_of(low)) or low in self.lex.weapon_nouns or low.endswith(self.attack_heads)

    def _force(self, tok: Token) -> str | None:
        if not tok.is_title:
            return None
        if tok.text not in self._force_memo:
            self._force_memo[tok.text] = self._force_of(norm(tok.text))
        return self._force_memo[tok.text]

    def _force_of(self, low: str) -> str | None:
        if low in self.lex.force_nouns:
            return self.lex.force_nouns[low]
        # compound heads: "Regierungs|truppen", "Armee|einheiten"; no head is longer than the longest
        # force noun, so the loop starts there (the same answer, linear in the word's length)
        for k in range(max(3, len(low) - self._longest_force), len(low) - 4):
            if low[k:] in self.lex.force_nouns:
                return self.lex.force_nouns[low[k:]]
        return None

    def _country_before(self, toks: list[Token], i: int) -> str | None:
        for j in range(i - 1, max(-1, i - 4), -1):
            iso3 = self.lex.adjective_country(toks[j].text)
            if iso3:
                return iso3
            word = toks[j].text
            if word.endswith("s") and word[:-1] in self.lex.country_nouns:  # "Israels Armee"
                return self.lex.country_nouns[word[:-1]]
            if toks[j].lower not in self.determiners and not toks[j].lower.endswith(("en", "e", "er")):
                break
        return None

    def _country_after(self, toks: list[Token], i: int) -> str | None:
        for j in range(i + 1, min(len(toks), i + 3)):
            if toks[j].text in self.lex.country_nouns:
                return self.lex.country_nouns[toks[j].text]
            if toks[j].text.endswith("s") and toks[j].text[:-1] in self.lex.country_nouns:
                return self.lex.country_nouns[toks[j].text[:-1]]
            if toks[j].lower not in self.determiners:
                break
        return None

    def _add(self, doc: Doc, sent: int, toks: list[Token], i: int, n: int, actor: ActorSpec) -> None:
        first = i
        if actor.group and i > 1 and toks[i - 1].is_title and toks[i - 2].lower in self.determiners:
            first = i - 1  # "ein Stützpunkt der Terrormiliz IS": the group's kind noun, then its name
        while first > 0 and (
            toks[first - 1].lower in self.determiners or self.lex.adjective_country(toks[first - 1].text)
        ):
            first -= 1
        if first > 1 and toks[first].lower in self.genitive and toks[first - 1].text in self.lex.member_nouns:
            # "Am Montag hat der militärische Arm der Hamas ... beschossen", "Drei Mitglieder der Gruppe seien
            # getötet worden": the group's own people, when they open the clause or follow its verb (not "eine
            # Zelle des IS ausgehoben", where the owner is acted upon)
            k = first - 1
            while k > 0 and (toks[k - 1].lower in self.determiners or _adjective(toks[k - 1])):
                k -= 1
            lead = toks[k - 1] if k > 0 else None
            if (
                lead is None
                or lead.text in (",", "–", ":")
                or (lead.text.islower() and lead.lower not in self.prepositions)
            ):
                first = k
        # the preposition governing the phrase, past its adjectives and quotes ("von „bewaffneten Terroristen“")
        p = first - 1
        while p > 0 and toks[p].lower not in self.prepositions and (_adjective(toks[p]) or toks[p].text in QUOTES):
            p -= 1
        prep = toks[p].lower if p >= 0 and toks[p].lower in self.prepositions else None
        genitive = first > 0 and toks[first].lower in self.genitive and first > 0 and toks[first - 1].is_title
        start, end = toks[first].start, toks[i + n - 1].end
        doc.add(
            Span(
                start,
                end,
                sent,
                "actor",
                doc.text[start:end],
                {
                    "actor": actor,
                    "prep": prep,
                    "genitive": genitive,
                    "tok_start": toks[first].i,
                    "tok_end": toks[i + n - 1].i + 1,
                    "head": toks[i].i,
                },
            )
        )


QUOTES = ("„", "“", '"', "‚", "‘", "»", "«")


def _adjective(tok: Token) -> bool:
    """An inflected adjective or a figure before a noun ("militärische", "drei")."""
    return (tok.text.islower() and tok.lower.endswith(ADJECTIVE_ENDINGS)) or tok.text.isdigit()


component("actors")(ActorFinder)
