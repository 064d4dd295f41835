"""A short source mention points back to its fuller mention (CODING_RULES 9).

German news names a source in full once ("das jordanische Innenministerium", "Israels Armee", "die
Hilfsorganisation Care") and then refers back with the bare head noun: "teilte das Ministerium mit",
"betonte die Organisation". The bare noun alone says neither which ministry nor whose
army, so it stands for the most recent earlier mention whose head ends in the same noun (a compound such
as "Verteidigungsministerium" ends in "-ministerium") and that says more: a compound, an adjective or a
country's genitive before it, or a genitive or a name after it.
"""

from __future__ import annotations

from collections.abc import Callable, Collection

from lagebild.doc import Doc, Token
from lagebild.text.lemmas import ADJECTIVE_ENDINGS


def stem(word: str) -> str:
    """A noun without its case ending: "Ministeriums" and "Ministerium", "Behörden" and "Behörde" alike."""
    w = word.lower()
    for end in ("s", "n"):
        if w.endswith(end) and len(w) > 5:
            w = w[: -len(end)]
    return w


class BackReference:
    def __init__(
        self,
        heads: Collection[str],
        determiners: Collection[str],
        verbs: Collection[str],
        country_of: Callable[[str], str | None],
        np_after: Callable[[list[Token], int], list[Token]],
    ) -> None:
        self.heads = {stem(h) for h in heads}
        self.determiners = set(determiners)
        self.verbs = set(verbs)  # "sagte Armeesprecher Hagari": a verb ending like an adjective
        self.country_of = country_of  # "Israels" → ISR: a country's genitive before a head
        self.np_after = np_after

    def is_short(self, np: list[Token]) -> bool:
        """A mention that is only a generic head noun ("Ministerium", "Armee", "Organisation")."""
        return len(np) == 1 and stem(np[0].text) in self.heads

    def fuller(self, doc: Doc, mention: Token) -> list[Token] | None:
        """The most recent earlier mention that names more of the same head, as its noun phrase."""
        head = stem(mention.text)
        toks = doc.tokens
        for j in range(mention.i - 1, -1, -1):
            t = toks[j]
            if not t.is_title or t.is_noise or not stem(t.text).endswith(head):
                continue
            start = self._phrase_start(toks, j)
            compound = len(stem(t.text)) > len(head)
            after = toks[j + 1] if j + 1 < len(toks) else None
            named_after = after is not None and after.text[:1].isupper() and after.sent == t.sent
            if compound or start < j or named_after or (after is not None and after.lower in ("des", "der")):
                np = self.np_after(toks, start)
                if t in np:
                    return np
        return None

    def _phrase_start(self, toks: list[Token], j: int) -> int:
        """Back over the adjectives ("ukrainische") or a country's genitive ("Israels") before a head."""
        start = j
        while start > 0:
            prev = toks[start - 1]
            adjective = (
                prev.text.islower()
                and prev.lower.endswith(ADJECTIVE_ENDINGS)
                and prev.lower not in self.determiners
                and prev.lower not in self.verbs
            )
            genitive = prev.is_title and prev.text.endswith("s") and self.country_of(prev.text[:-1]) is not None
            if prev.sent != toks[j].sent or not (adjective or genitive):
                break
            start -= 1
        return start
