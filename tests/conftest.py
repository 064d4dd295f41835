"""Shared fixtures: one pipeline per test session (loading the gazetteer takes a second)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lagebild.doc import Article, ArticleDate
from lagebild.pipeline import get_pipeline

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
DEV_GOLD = SHARED / "gold" / "dev"
OWN_GOLD = ROOT / "tests" / "data" / "gold_own"


@pytest.fixture(scope="session")
def pipe():
    return get_pipeline("de")


@pytest.fixture(scope="session")
def run(pipe):
    """Run the pipeline on a text with an article date; returns the Doc."""

    def _run(text: str, date: str | None = "2024-05-10", article_id: str = "t"):
        return pipe(Article(id=article_id, text=text, date=ArticleDate.parse(date) if date else None))

    return _run


def needs_shared(path: Path):
    return pytest.mark.skipif(not path.exists(), reason=f"{path} not available")
