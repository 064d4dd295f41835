"""Recognising text that is not the article (tweets, photo credits, time stamps, prompts).

Noise is never cut out: cutting would shift every offset. It is marked as spans, and the tokens and
sentences inside them are flagged so that no component reads them.
"""

from __future__ import annotations

import re

from lagebild.lang import Language


class NoiseFinder:
    def __init__(self, lang: Language) -> None:
        spec = lang["noise"]
        flags = re.IGNORECASE | re.MULTILINE
        # all line patterns in one alternation: one pass over each line instead of one per pattern
        self.lines = re.compile("|".join(f"(?:{p})" for p in spec.get("line_patterns", [])), flags)
        self.inline = re.compile("|".join(f"(?:{p})" for p in spec.get("inline_patterns", [])), flags)

    def find(self, text: str) -> list[tuple[int, int]]:
        spans = sorted(
            (m.start(), m.end()) for rx in (self.lines, self.inline) for m in rx.finditer(text) if m.end() > m.start()
        )
        merged: list[tuple[int, int]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
            else:
                merged.append((s, e))
        return merged
