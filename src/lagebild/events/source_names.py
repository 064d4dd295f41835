"""A source's name as written, put into the case a list of sources reads in, and a key that says two
names are one source.

A source phrase comes after a cue that governs a case: "nach Angaben der israelischen Armee" (genitive),
"laut staatlicher Medien", "dem Militär zufolge" (dative). The name keeps its words but its leading adjectives
take the nominative ending: before a singular noun the form after "die/der/das" ("israelische Armee",
"syrische Innenministerium"), before a plural noun the form without article ("staatliche Medien").
A listed fixed name ("Rotem Kreuz") is written in its own nominative ("Rotes Kreuz").
"""

from __future__ import annotations

from collections.abc import Mapping

from lagebild.text.lemmas import lemma_of


def nominative(name: str, fixed: Mapping[str, str]) -> str:
    """'israelischen Armee' → 'israelische Armee', 'lokaler Medien' → 'lokale Medien'. The noun is singular
    when its lemma is itself or itself less a genitive -s ('Ministeriums', which loses it). A name starting
    with a capitalised word, or with no noun after its adjectives, stays as written."""
    for form, canonical in fixed.items():
        if name.startswith(form):
            return canonical + name[len(form) :]
    words = name.split(" ")
    n = 0
    while n < len(words) and words[n][:1].islower():
        n += 1
    if n == 0 or n == len(words) or not words[n][:1].isupper():
        return name
    if n + 1 < len(words) and words[n + 1][:1].isupper():
        return name  # a name of several words ("paramilitärischen Rapid Support Forces")
    noun = words[n]
    low, lemma = noun.lower(), lemma_of(noun)
    singular = lemma == low or low.endswith("s") and lemma in (low[:-1], low[:-2])
    if singular and lemma != low:
        words[n] = noun[: len(lemma)]  # "syrischen Innenministeriums" → "... Innenministerium"
    for i in range(n):
        w = words[i]
        if singular and w.endswith(("en", "em")):
            words[i] = w[:-1]  # "israelischen Armee" → "israelische", "türkischem" → "türkische"
        elif not singular and w.endswith("er"):
            words[i] = w[:-1]  # "staatlicher Medien" → "staatliche"
    return " ".join(words)


def source_key(name: str) -> str:
    """One key for the forms of one source: case endings of adjectives and nouns dropped."""
    out = []
    for w in name.lower().split():
        for end in ("en", "em", "er", "es", "e", "s", "n"):
            if w.endswith(end) and len(w) - len(end) >= 4:
                w = w[: -len(end)]
                break
        out.append(w)
    return " ".join(out)
