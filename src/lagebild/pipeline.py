"""The extraction pipeline: small components over one `Doc`, built by name from `registry`.

Extracting an article is a pure function of its text, its date and the loaded language resources:
components hold only read-only tables derived from the `Language`, so a pipeline can be built once per
process and mapped over many articles, processes or machines.
"""

from __future__ import annotations

import gc
from typing import Any

# The component modules: importing them registers their components (the one place that lists them).
import lagebild.actors.component  # noqa: F401
import lagebild.events.attribution  # noqa: F401
import lagebild.events.claims  # noqa: F401
import lagebild.events.component  # noqa: F401
import lagebild.places.component  # noqa: F401
import lagebild.text.components  # noqa: F401
from lagebild.doc import Article, Doc
from lagebild.lang import Language, load_language
from lagebild.registry import REGISTRY, Component

DEFAULT_PIPELINE = (
    *("noise", "segment", "lemmas", "mood", "numbers", "dates"),
    *("actors", "places", "sources", "events", "claims"),
)


class Pipeline:
    def __init__(
        self, lang: Language | None = None, names: tuple[str, ...] = DEFAULT_PIPELINE, warm: bool = True
    ) -> None:
        self.lang = lang or load_language("de")
        missing = [n for n in names if n not in REGISTRY]
        if missing:
            raise ValueError(f"unknown pipeline components: {missing}; known: {sorted(REGISTRY)}")
        self.names = names
        self.components = [REGISTRY[n](self.lang) for n in names]
        if warm:
            self.warm_up()

    def get(self, name: str) -> Component:
        """The component registered under `name` in this pipeline."""
        try:
            return self.components[self.names.index(name)]
        except ValueError:
            raise KeyError(f"no component {name!r} in this pipeline: {self.names}") from None

    def warm_up(self) -> None:
        """Load lazily loaded dictionaries now, so the first article is not slow and timing is fair."""
        self(Article(id="warm-up", text="Die Armee griff am Montag die Stadt an. Drei Menschen starben.", date=None))

    def __call__(self, article: Article) -> Doc:
        doc = Doc(article=article)
        for comp in self.components:
            doc = comp(doc)
        return doc

    def extract(self, article: Article) -> list[dict[str, Any]]:
        """The article's events as EVENTS.md records."""
        return self(article).events


_PIPELINES: dict[str, Pipeline] = {}


def get_pipeline(code: str = "de") -> Pipeline:
    """One shared pipeline per language and process (its tables are read-only).

    The language tables are a few hundred thousand objects that live as long as the process. Once
    loaded they are moved to the collector's permanent generation (`gc.freeze`): its full passes, which
    ran every few hundred articles and scanned all of them for nothing, took about 6% of the extraction
    time. Objects frozen so are never collected; all of them live for the process anyway.
    """
    if code not in _PIPELINES:
        _PIPELINES[code] = Pipeline(load_language(code))
        gc.collect()
        gc.freeze()
    return _PIPELINES[code]


def extract(article: Article, lang: str = "de") -> list[dict[str, Any]]:
    return get_pipeline(lang).extract(article)
