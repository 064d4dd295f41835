"""Registering the language layer's components with the pipeline."""

from __future__ import annotations

from lagebild.doc import Doc, Span
from lagebild.lang import Language
from lagebild.registry import component
from lagebild.text.dates import DateFinder
from lagebild.text.lemmas import Lemmatizer
from lagebild.text.mood import MoodTagger
from lagebild.text.noise import NoiseFinder
from lagebild.text.numbers import NumberFinder
from lagebild.text.segment import Segmenter


@component("noise")
def make_noise(lang: Language):
    finder = NoiseFinder(lang)

    def noise(doc: Doc) -> Doc:
        doc.spans["noise"] = []
        for s, e in finder.find(doc.text):
            doc.add(Span(s, e, -1, "noise", doc.text[s:e]))
        return doc

    return noise


@component("segment")
def make_segment(lang: Language):
    seg = Segmenter(lang)

    def segment(doc: Doc) -> Doc:
        return seg(doc, [(s.start, s.end) for s in doc.spans.get("noise", [])])

    return segment


component("lemmas")(Lemmatizer)
component("mood")(MoodTagger)
component("numbers")(NumberFinder)
component("dates")(DateFinder)
