"""A progress bar for long runs: articles done, articles/s and elapsed time, on stderr.

The total is known when it is cheap to count (files, and the lines of JSON Lines files); for stdin the
bar runs without one. Messages printed while the bar is shown go above it, so they are not garbled.
"""

from __future__ import annotations

from collections.abc import Iterable

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    SpinnerColumn,
    Task,
    TextColumn,
    TimeElapsedColumn,
)
from rich.text import Text

from lagebild.reader.paths import ReadError, expand


def count_articles(paths: Iterable[str]) -> int | None:
    """Articles (or bad inputs) the paths hold, counted without parsing; None when stdin is read."""
    n = 0
    for item in expand(paths):
        if item == "-":
            return None
        if isinstance(item, ReadError) or item.path.suffix.lower() != ".jsonl":
            n += 1  # one article, or one bad input
            continue
        try:
            with item.path.open("rb") as fh:
                n += sum(1 for line in fh if line.strip())
        except OSError:
            n += 1  # reported as one bad input when it is read
    return n


class RateColumn(ProgressColumn):
    """Articles per second over rich's recent samples."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:5.1f} articles/s" if speed else "    - articles/s", style="progress.data.speed")


class ArticleProgress:
    """The bar, or nothing when disabled: `advance()` and `print()` work either way."""

    def __init__(self, total: int | None, enabled: bool) -> None:
        self.enabled = enabled
        self._progress: Progress | None = None
        if enabled:
            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("ingest"),
                BarColumn(),
                MofNCompleteColumn(),
                RateColumn(),
                TimeElapsedColumn(),
                console=Console(stderr=True),
            )
            self._task = self._progress.add_task("ingest", total=total)

    def __enter__(self) -> ArticleProgress:
        if self._progress:
            self._progress.start()
        return self

    def __exit__(self, *exc) -> None:
        if self._progress:
            self._progress.stop()

    def advance(self, n: int = 1) -> None:
        if self._progress:
            self._progress.advance(self._task, n)

    def print(self, message: str) -> None:
        """A line on stderr, above the bar when it is shown."""
        if self._progress:
            self._progress.console.print(message, markup=False, highlight=False, soft_wrap=True)
        else:
            click.echo(message, err=True)
