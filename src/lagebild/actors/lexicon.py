"""The actor lexicon built from `actors.yaml` and `countries.tsv`: look-up tables only, no logic."""

from __future__ import annotations

from dataclasses import dataclass, field

from lagebild.lang import Language, norm, per_language, split_list


@dataclass(frozen=True)
class ActorSpec:
    name: str
    kind: str | None
    country: str | None = None
    group: str | None = None
    force: str | None = None  # "military" / "police" for state forces
    anaphoric: bool = False
    metonymy: bool = False  # a country or capital standing for its forces ("Israel griff an")
    home: bool = False  # the government's forces ("Regierungstruppen"): the place's country when none is named
    demonym: bool = False  # a people's name ("Palästinenser"): civilians, unless they act (see `combatant`)
    # a group's camp ("islamist", "kurdish"), or the camp a generic noun ("die Dschihadisten") refers back to
    camp: str | None = field(default=None, compare=False)
    resolve_only: bool = field(default=False, compare=False)  # no actor unless it refers back ("die Kurden")


def combatant(actor: ActorSpec) -> ActorSpec:
    """People named by their nation who attack ("ein Palästinenser stach zu") are an armed group of it."""
    return ActorSpec(actor.name.replace("Civilians", "Armed group"), "rebel", actor.country)


@dataclass
class Country:
    iso3: str
    name: str
    english: str


@dataclass
class ActorLexicon:
    phrases: dict[tuple[str, ...], ActorSpec] = field(default_factory=dict)  # token tuples, as written
    prefixes: dict[str, ActorSpec] = field(default_factory=dict)  # "IS-", "Hamas-" compounds
    force_nouns: dict[str, str] = field(default_factory=dict)  # lower-case noun → military/police
    weapon_nouns: set[str] = field(default_factory=set)  # lower-case nouns: a force only with a country adjective
    adjectives: dict[str, str] = field(default_factory=dict)  # inflected lower-case adjective → ISO3
    country_nouns: dict[str, str] = field(default_factory=dict)  # written form → ISO3 (names, capitals)
    capitals: set[str] = field(default_factory=set)
    adjective_of: dict[str, str] = field(
        default_factory=dict
    )  # ISO3 → adjective stem ("russisch")  # capitals: a government as a source, never an armed actor
    demonyms: dict[str, str] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    people: dict[str, str] = field(default_factory=dict)  # lower-case noun → civilians/protesters/rioters
    stateless: frozenset[str] = frozenset()  # ISO3 of territories without forces of their own in the news
    government_prefixes: tuple[str, ...] = ()
    named_groups: set[ActorSpec] = field(default_factory=set)  # the `groups` entries, keyed or not
    civilian_targets: tuple[str, ...] = ()  # lower-case nouns (compound heads) of places where civilians are
    military_targets: tuple[str, ...] = ()  # lower-case nouns (compound heads) of forces' places and units
    military_target_words: frozenset[str] = frozenset()  # the same, as whole words only ("Stellung", "Basis")
    member_nouns: frozenset[str] = frozenset()  # "Mitglieder", "Arm": "der X" after one is the group X itself
    force_names: dict[str, str] = field(default_factory=dict)
    max_len: int = 1
    compass: tuple[str, ...] = ()  # prefixes of country adjectives: "west|irakisch"
    _adjective_cache: dict[str, str | None] = field(default_factory=dict, repr=False)
    first_words: set[str] = field(default_factory=set)  # first tokens of multi-word phrases
    lower_starts: set[str] = field(default_factory=set)  # phrases' first tokens written in lower case

    def adjective_country(self, word: str) -> str | None:
        """ISO3 for a country adjective in any ending or compass compound: "nordsyrischen" → SYR."""
        if word in self._adjective_cache:
            return self._adjective_cache[word]
        found = self._adjective_country(word)
        self._adjective_cache[word] = found
        return found

    def _adjective_country(self, word: str) -> str | None:
        low = word.lower()
        if low in self.adjectives:
            return self.adjectives[low]
        for prefix in self.compass:
            if low.startswith(prefix) and low[len(prefix) :].lstrip("-") in self.adjectives:
                return self.adjectives[low[len(prefix) :].lstrip("-")]
        return None

    def state_name(self, iso3: str | None, force: str = "military") -> str:
        c = self.countries.get(iso3 or "")
        return self.force_names.get(force, "Forces of {country}").format(country=c.english if c else "unknown")

    def military(self, iso3: str | None) -> ActorSpec:
        """A state's armed forces as an actor: "Military Forces of Israel"."""
        return ActorSpec(self.state_name(iso3), "state", iso3, force="military")

    @classmethod
    def build(cls, lang: Language) -> ActorLexicon:
        spec = lang["actors"]
        lex = cls(force_names=spec.get("force_names", {}))
        tokenize = lang.tokenizer.make_doc
        lex.compass = lang.word_list("compass_prefixes")
        for row in lang["countries"]:
            iso3 = row["iso3"]
            lex.countries[iso3] = Country(iso3, row["name"], row.get("english") or row["name"])
            for form in [row["name"], *split_list(row.get("forms")), *split_list(row.get("capital"))]:
                lex.country_nouns.setdefault(form, iso3)
            lex.capitals.update(split_list(row.get("capital")))
            if split_list(row.get("adjective")):
                lex.adjective_of[iso3] = split_list(row.get("adjective"))[0]
            for stem in split_list(row.get("adjective")):
                for ending in lang.word_list("adjective_endings"):
                    lex.adjectives[stem.lower() + ending] = iso3
            for d in split_list(row.get("demonyms")):
                lex.demonyms[d] = iso3
            lex.prefixes[row["iso2"] + "-"] = lex.military(iso3)
        lex.prefixes.pop("IS-", None)  # Iceland's code is the Islamic State's abbreviation
        for g in spec.get("groups", []):
            actor = ActorSpec(g["name"], g["kind"], g.get("country"), g.get("key"), camp=g.get("camp"))
            lex.named_groups.add(actor)
            for alias in g.get("aliases", []):
                lex._add_phrase(alias, actor, tokenize)
                if " " not in alias and len(alias) >= 2:
                    lex.prefixes[alias + "-"] = actor
        for s in spec.get("state_forces", []):
            actor = ActorSpec(
                lex.state_name(s["country"], s.get("force", "military")),
                "state",
                s["country"],
                force=s.get("force", "military"),
            )
            for alias in s.get("aliases", []):
                lex._add_phrase(alias, actor, tokenize)
        for force, nouns in spec.get("forces", {}).items():
            for noun in nouns:
                lex.force_nouns[norm(noun)] = force
        lex.government_prefixes = tuple(spec.get("government_prefixes", []))
        lex.weapon_nouns = {norm(w) for w in spec.get("weapons", [])}
        for g in spec.get("generic", []):
            actor = ActorSpec(
                g.get("name") or "Unidentified armed group",
                g.get("kind"),
                anaphoric=bool(g.get("anaphoric")),
                camp=g.get("camp"),
                resolve_only=bool(g.get("resolve_only")),
            )
            for noun in g.get("nouns", []):
                lex._add_phrase(noun, actor, tokenize)
        for kind in ("civilians", "protesters", "rioters"):
            for noun in spec.get(kind, []):
                lex.people[norm(noun)] = kind
        lex.stateless = frozenset(spec.get("stateless", []))
        lex.civilian_targets = tuple(norm(w) for w in spec.get("civilian_targets", []))
        lex.military_targets = tuple(norm(w) for w in spec.get("military_targets", []))
        lex.military_target_words = frozenset(norm(w) for w in spec.get("military_target_words", []))
        lex.member_nouns = frozenset(spec.get("member_nouns", []))
        return lex

    def _add_phrase(self, alias: str, actor: ActorSpec, tokenize) -> None:
        toks = tuple(t.text for t in tokenize(alias))
        if toks:
            self.phrases.setdefault(toks, actor)
            self.max_len = max(self.max_len, len(toks))
            if len(toks) > 1:
                self.first_words.add(toks[0])
            if not toks[0][:1].isupper():
                self.lower_starts.add(toks[0])


@per_language
def lexicon_for(lang: Language) -> ActorLexicon:
    """The actor tables (groups, forces, countries) of a language, built once and shared by the components."""
    return ActorLexicon.build(lang)
