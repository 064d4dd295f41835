"""The component registry: pipeline components by name, filled by the `component()` decorator.

It sits below every component and below the pipeline, so a component module registers itself by
importing only this module, and the pipeline (which imports the components) is never imported by them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from lagebild.doc import Doc
    from lagebild.lang import Language


class Component(Protocol):
    def __call__(self, doc: Doc) -> Doc: ...


Factory = Callable[["Language"], Component]
REGISTRY: dict[str, Factory] = {}


def component(name: str) -> Callable[[Factory], Factory]:
    """Register a component factory under a name (as spaCy's `@Language.factory`)."""

    def register(factory: Factory) -> Factory:
        REGISTRY[name] = factory
        return factory

    return register
