"""Reported speech: Konjunktiv I forms and quotations mark a sentence as someone's statement."""

from __future__ import annotations

from lagebild.doc import Doc
from lagebild.lang import Language

OPEN_QUOTES = {"„", "“", '"', "»", "«", "‚"}


class MoodTagger:
    def __init__(self, lang: Language) -> None:
        self.forms = {f.lower() for f in lang["grammar"]["konjunktiv"]}

    def __call__(self, doc: Doc) -> Doc:
        for sent in doc.sents:
            toks = doc.sent_tokens(sent)
            sent.konjunktiv = any(t.lower in self.forms for t in toks)
            sent.quoted = any(t.text in OPEN_QUOTES for t in toks[:2])
        return doc
