"""Spelling variants of a place name from one rule set (`lang/<code>/transliteration.tsv`).

German news writes a Ukrainian town in its Russian form ("Schebekino" for Shebekyne's twin, "Taganrog" as
"Tahanroh" in Ukrainian sources), in German, English or scholarly romanisation, and GeoNames knows a small
town by one or two of them. The skeleton key (normalize.py) already merges single letters; what it cannot
merge are the differences between the Russian and the Ukrainian form (h/g, i/o, "-ske"/"-skoje",
"-yne"/"-ino") and a few letter groups. The rule file lists them as rows of forms that stand for one
another. A name not found is rewritten with one form replaced by another of its row, then two; spellings
that the skeleton key makes equal are looked up once, and the first round that finds anything wins (the
fewer changes, the likelier the reading).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lagebild.lang import Language, per_language
from lagebild.places.normalize import fold, skeleton

PLACES = ("start", "end", "any")
MAX_EDITS = 2  # forms replaced in one name: more finds unrelated names
MAX_SPELLINGS = 400  # distinct skeleton keys tried per name: bounds the cost of a miss
FORM = re.compile(r"^[a-z' ]+$")


@dataclass(frozen=True)
class Rule:
    where: str  # start | end | any
    forms: tuple[str, ...]


class Variants:
    """The rule set of a language: `spellings(name)` are the name's variants, fewest changes first."""

    def __init__(self, rows: list[dict[str, str]], source: str = "transliteration.tsv") -> None:
        self.rules: list[Rule] = []
        for n, row in enumerate(rows, 1):
            where = (row.get("where") or "").strip()
            forms = tuple(f.strip() for f in (row.get("forms") or "").split("|") if f.strip())
            if where not in PLACES:
                raise ValueError(f"{source}: row {n} {row!r}: 'where' must be one of {', '.join(PLACES)}")
            if len(forms) < 2 or not all(FORM.match(f) for f in forms):
                raise ValueError(f"{source}: row {n} {row!r}: 'forms' needs two or more lower-case ASCII forms")
            self.rules.append(Rule(where, forms))

    def edits(self, name: str) -> Iterator[str]:
        """Every spelling with one form of one rule replaced by another form of that rule."""
        for rule in self.rules:
            for form in rule.forms:
                start = name.find(form)
                while start >= 0:
                    end = start + len(form)
                    if _allowed(rule.where, name, start, end):
                        for other in rule.forms:
                            if other != form:
                                yield name[:start] + other + name[end:]
                    start = name.find(form, start + 1)

    def rounds(self, name: str) -> Iterator[list[str]]:
        """The variants of a name by the number of forms changed (1, then 2), each spelling with a skeleton key
        not seen before (the look-up reads the key, so other spellings of it would find the same places)."""
        base = fold(name)
        seen = {skeleton(base)}
        frontier = [base]
        for _ in range(MAX_EDITS):
            found: list[str] = []
            for spelling in frontier:
                for v in self.edits(spelling):
                    key = skeleton(v)
                    if key in seen or len(key) < 4:
                        continue
                    seen.add(key)
                    found.append(v)
                    if len(seen) > MAX_SPELLINGS:
                        yield found
                        return
            if not found:
                return
            yield found
            frontier = found


def _allowed(where: str, name: str, start: int, end: int) -> bool:
    if where == "start":
        return start == 0 or name[start - 1] == " "
    if where == "end":
        return end == len(name) or name[end] == " "
    return True


@per_language
def variants_for(lang: Language) -> Variants:
    """The variant rules of a language, read once (an empty rule set when the language has no file)."""
    return Variants(lang.data.get("transliteration") or [])
