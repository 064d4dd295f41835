"""Whether a name in running text is a place: a small learned decision over the places component's candidates.

The places component proposes every name the gazetteer knows, including those its rules would turn down
(a surname after a first name, a club, a town the article's countries make unlikely), each with the rule's
verdict. This model weighs that verdict together with the words around the name (a title, a first name,
a place preposition, "FC", "Universität"), its shape (capitals, a genitive -s, suffixes such as -burg,
-ingen, -ow), where it stands in the sentence, and what the gazetteer knows of it (kind, population,
homonyms, whether it is a given name or a frequent German word). Only candidates are scored, never every
token, so it costs a few microseconds per name.

The model (`lang/<code>/models/places.json`) is a logistic regression fitted by `lagebild train-places`
on the dev split of GermEval 2014 (D. Benikova, C. Biemann, M. Reznicek, "NoSta-D Named Entity Annotation
for German: Guidelines and Dataset", LREC 2014; CC BY 4.0), with its settings chosen by cross-validation
on that split; the test split is the held-out measure (bench/germeval.py). Applying it is a dot product:
deterministic, no learning library, no download.
"""

from __future__ import annotations

import contextlib
import json
import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.lang.de.stop_words import STOP_WORDS

from lagebild.doc import Token
from lagebild.lang import Language

MODEL_FILE = Path("models") / "places.json"
RULES = ("ok", "title", "apposed", "club", "first_name", "person", "outlet", "organisation", "word", "noun")
RULES += ("foreign", "common", "known_person", "unknown")
QUOTES = frozenset(['"', "„", "“", "”", "«", "»", "'", "‚", "‘", "’"])
SITE_WORDS = ("straße", "strasse", "platz", "allee", "bahnhof", "kapelle", "kirche", "brücke", "tal", "see")
# suffixes of German and east European place names; the last word's ending is also a feature of its own
PLACE_SUFFIXES = (
    "stadt", "burg", "berg", "dorf", "hausen", "heim", "ingen", "ungen", "feld", "felde", "hagen", "rode",
    "bach", "furt", "brück", "brücken", "kirchen", "see", "au", "ow", "itz", "witz", "ice", "ija", "ien",
    "land", "straße", "strasse", "platz", "allee", "weg", "gasse", "markt", "tal", "thal", "wald",
)  # fmt: skip


@dataclass
class Candidate:
    """What the features of one name are read from: the sentence's tokens and what the component knows."""

    toks: Sequence[Token]
    i: int  # index of the name's first token in `toks`
    n: int  # number of tokens
    rule: str  # the component's rules' verdict: "ok", or why they would turn the name down
    kind: str | None = None  # the best candidate's kind ("city", "region", "country", "area", "site")
    population: int = 0
    quality: int = 0  # match quality of the best candidate (3 own exact ... 1 skeleton)
    homonyms: int = 0  # how many places the name may be
    countries: int = 0  # in how many countries
    own: bool = False  # one of the project's own places
    home: bool = False  # the best candidate lies in a country German news is written in
    in_article: bool = False  # its country is named in the article
    foreign_named: bool = False  # the article names a country outside the home countries
    cue: str | None = None  # "region" / "settlement": the noun before it
    first_name: bool = False  # the name is a common given name
    person: bool = False  # the article shows the name as a person elsewhere
    list_mate: bool = False  # a place just before it, joined by a comma, "und" or "oder" ("Krasne, Boryssiwka")
    zipf: float = 0.0  # how frequent the (first) word is in German
    extra: list[str] = field(default_factory=list)


def features(c: Candidate, prepositions: frozenset[str], first_names) -> list[str]:
    """The candidate's binary features (names of the model's weights)."""
    toks, i, n = c.toks, c.i, c.n
    words = [t.text for t in toks[i : i + n]]
    last = words[-1]
    low = last.lower()
    prev = toks[i - 1] if i > 0 else None
    prev2 = toks[i - 2] if i > 1 else None
    nxt = toks[i + n] if i + n < len(toks) else None
    f = [f"rule={c.rule}", f"n={min(n, 3)}", f"q={c.quality}", f"kind={c.kind}"]
    f.append(f"pop={int(math.log10(c.population + 1))}")
    f.append(f"homonyms={_bucket(c.homonyms)}")
    f.append(f"countries={_bucket(c.countries)}")
    f.append(f"zipf={min(int(c.zipf), 5)}")
    f += [name for name, on in _flags(c) if on]
    for suf in (2, 3, 4):
        if len(low) > suf + 2:
            f.append(f"suf{suf}={low[-suf:]}")
    if low.endswith(PLACE_SUFFIXES):
        f.append("place_suffix")
    if last.endswith("s") and len(last) > 4:
        f.append("final_s")
    if "-" in last:
        f.append("hyphen")
    if last.isupper() and len(last) > 1:
        f.append("caps")
    if prev is None:
        f.append("prev=<s>")
    else:
        p = prev.lower
        f.append(f"prev={p}")
        f.append(f"prev_shape={_shape(prev.text)}")
        f.append(f"prev_shape&rule={_shape(prev.text)}&{c.rule}")
        if p in prepositions:
            f.append("prev_prep")
            f.append(f"prep&rule={c.rule}")
        if prev.text[:1].isupper() and p not in STOP_WORDS:
            f.append("prev_cap")
            f.append(f"prev_suf={p[-4:]}")  # "Sportverein", "Landesministerium", "Tageszeitung": the kind of name
            if prev.text in first_names:
                f.append("prev_first_name")
        if prev.text in ("(", ",", "/", "und", "oder"):
            f.append("prev_list")
    if prev2 is not None:
        f.append(f"prev2={prev2.lower}")
        if prev2.lower in prepositions:
            f.append("prev2_prep")
    if nxt is None:
        f.append("next=</s>")
    else:
        f.append(f"next={nxt.lower}")
        f.append(f"next_shape={_shape(nxt.text)}")
        if nxt.text[:1].isupper() and nxt.lower not in STOP_WORDS:
            f.append("next_cap")
            f.append(f"next_suf={nxt.lower[-4:]}")
    f.append(f"kind&home={c.kind}&{c.home}")
    if "prev_cap" in f and "next_cap" in f:
        f.append("inside_name")  # "MSV Duisburg Fans", "Deutsche Bank Berlin AG": part of a longer name
    quotes = sum(t.text in QUOTES for t in toks[:i])
    if quotes % 2 == 1:
        f.append("in_quotes")  # the title of a work ("Der Name der Rose")
    f.append(f"rule&kind={c.rule}&{c.kind}")
    f.append(f"rule&zipf={c.rule}&{min(int(c.zipf), 5)}")
    f.append(f"kind&pop={c.kind}&{int(math.log10(c.population + 1))}")
    f.append(f"rule&in_article={c.rule}&{c.in_article}")
    return f + c.extra


def _flags(c: Candidate) -> list[tuple[str, bool]]:
    return [
        ("own", c.own),
        ("home", c.home),
        ("in_article", c.in_article),
        ("foreign_named", c.foreign_named),
        ("first_name", c.first_name),
        ("person", c.person),
        ("list_mate", c.list_mate),
        (f"cue={c.cue}", c.cue is not None),
        ("sentence_start", c.i == 0),
    ]


def _shape(word: str) -> str:
    """A word's look: "XX" (an abbreviation), "Xx" (capitalised), "x", "d" (digits), or itself (punctuation)."""
    if word.isdigit():
        return "d"
    if not word[:1].isalpha():
        return word[:1]
    if word.isupper() and len(word) > 1:
        return "XX"
    return "Xx" if word[:1].isupper() else "x"


def _bucket(k: int) -> str:
    return "0" if k == 0 else "1" if k == 1 else "2-3" if k <= 3 else "4-10" if k <= 10 else "11+"


_SUSPENDED: list[bool] = []


@contextlib.contextmanager
def without_model() -> Iterator[None]:
    """Pipelines built inside this block have no place model."""
    _SUSPENDED.append(True)
    try:
        yield
    finally:
        _SUSPENDED.pop()


@dataclass(frozen=True)
class PlaceModel:
    """The fitted weights: a name is a place when the sigmoid of its weights' sum reaches the threshold."""

    weights: dict[str, float]
    intercept: float
    threshold: float  # a name the rules turned down is a place from this probability on
    veto: float  # a name the rules took stays a place from this probability on
    vouched: float  # ... and one the article's geography vouches for
    meta: dict = field(default_factory=dict)

    @classmethod
    def load(cls, lang: Language) -> PlaceModel | None:
        """The language's model, or None when it has none (the component's rules alone decide then), or
        while `without_model()` holds (training reads the rules' verdicts; an old file must not stop it)."""
        return None if _SUSPENDED else cls.read(lang.path / MODEL_FILE)

    @classmethod
    def read(cls, path: Path) -> PlaceModel | None:
        if not path.exists():
            return None
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                doc["weights"], doc["intercept"], doc["threshold"], doc["veto"], doc["vouched"], doc.get("meta", {})
            )
        except (ValueError, KeyError, TypeError) as e:
            raise ValueError(f"{path}: not a place model ({e}); rebuild it with `lagebild train-places`") from e

    def probability(self, feats: list[str]) -> float:
        z = self.intercept + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def bar(self, bar: str) -> float:
        """The probability a name needs (BARS): the rules' verdict and the article's geography move it."""
        return {"taken": self.veto, "vouched": self.vouched}.get(bar, self.threshold)

    def is_place(self, feats: list[str], bar: str) -> bool:
        return self.probability(feats) >= self.bar(bar)


BARS = ("taken", "vouched", "turned_down")


def bar_of(rule: str, vouched: bool) -> str:
    """Which bar a name must pass: one the rules took, one they took that the article's geography vouches for
    (a place in a country the article names), or one they turned down."""
    return "turned_down" if rule != "ok" else "vouched" if vouched else "taken"
