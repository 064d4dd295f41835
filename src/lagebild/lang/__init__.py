"""Language resources: everything lagebild knows about one language, loaded from `lang/<code>/`.

A language folder holds only data files (YAML and TSV) that an analyst can read and extend; the code
that uses them is language-independent. `load_language("de")` reads them once per process and
returns an immutable `Language`, which every pipeline component receives when it is built. A `Language`
is data only: the tables built from it (the actor lexicon, the gazetteer) live with the code that reads
them (`actors.lexicon.lexicon_for`, `places.gazetteer.gazetteer_for`), so this package imports neither.
"""

from __future__ import annotations

import csv
import functools
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml

LANG_DIR = Path(__file__).parent
T = TypeVar("T")


def norm(word: str) -> str:
    """The key used for lexicon look-ups: lower case, with ß and ss the same (Swiss spelling)."""
    return word.lower().replace("ß", "ss")


def read_tsv(path: Path) -> list[dict[str, str]]:
    """Rows of a TSV data file as dicts; lines starting with `#` are comments."""
    with path.open(encoding="utf-8") as fh:
        lines = [line for line in fh if line.strip() and not line.startswith("#")]
    return [dict(row) for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


def split_list(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split("|") if x.strip()]


@dataclass(frozen=True)
class Language:
    code: str
    path: Path
    data: dict[str, Any] = field(repr=False)

    def __getitem__(self, name: str) -> Any:
        return self.data[name]

    def words(self, name: str) -> frozenset[str]:
        """A closed word class from `function_words.yaml` ("determiners", "prepositions", ...)."""
        return frozenset(self.data["function_words"][name])

    def word_list(self, name: str) -> tuple[str, ...]:
        """The same, in the file's order (for prefix and ending lists, where order matters)."""
        return tuple(self.data["function_words"][name])

    @functools.cached_property
    def tokenizer(self):
        """spaCy's blank pipeline for the language, used for its rule-based tokenizer (no model needed).

        Only token text and offsets are read from it (sentences are split in `text.segment`), so the
        vocabulary computes no lexeme attributes (is_punct, shape, stop word ...): computing them for
        every new word cost a tenth of the tokenizing time.

        The tokenizer caches the tokens of each whitespace-separated chunk it has split, but only its
        first 10,000 by default: on a news corpus a quarter of the chunks then missed the cache and were
        split again by the affix rules. A cache ten times larger costs about 20 MB.
        """
        import spacy

        nlp = spacy.blank(self.code)
        nlp.vocab.lex_attr_getters = {}
        nlp.tokenizer.max_cache_size = 100_000
        return nlp


def per_language(build: Callable[[Language], T]) -> Callable[[Language], T]:
    """Cache what `build` makes of a language once per `Language` object (the actor lexicon, the gazetteer).

    Those tables live in `actors/` and `places/`, which read a `Language`; a `Language` knows nothing of
    them. The cache holds the language itself beside the result, so its id is never reused while cached.
    """
    built: dict[int, tuple[Language, T]] = {}

    @functools.wraps(build)
    def for_language(lang: Language) -> T:
        hit = built.get(id(lang))
        if hit is None:
            hit = built[id(lang)] = (lang, build(lang))
        return hit[1]

    return for_language


@functools.lru_cache(maxsize=4)
def load_language(code: str = "de") -> Language:
    """Read every data file of `lang/<code>/` (YAML by stem, TSV as row lists)."""
    path = LANG_DIR / code
    if not path.is_dir():
        raise ValueError(f"no language resources for {code!r} (expected a folder {path})")
    data: dict[str, Any] = {}
    for f in sorted(path.iterdir()):
        if f.suffix == ".yaml":
            data[f.stem] = yaml.safe_load(f.read_text(encoding="utf-8")) or {}
        elif f.suffix == ".tsv":
            data[f.stem] = read_tsv(f)
    return Language(code=code, path=path, data=data)
