"""Extracting a stream of articles on several cores, in input order, with flat memory.

The parent process loads the language once and then forks its workers, so the read-only tables
(gazetteer, lemma dictionary, word frequencies, spaCy) are shared copy-on-write instead of being
loaded again per worker; `gc.freeze()` keeps the collector from writing into those shared pages.
Articles go to the workers in small batches and at most a fixed number of batches is in flight, so a
corpus of any size is read only as fast as it is extracted. Workers are replaced after a fixed number
of articles, which bounds the caches that grow with the vocabulary (spaCy's string store, memos).

What comes back over the pipe is an `Extracted`: the article and the parts of its `Doc` that
`Store.save` writes (sentences, events, claims), not the tokens and spans. Extracting one article is
`lagebild.batch.extract_article`, the engine-neutral core that the Spark job maps too.

Every input is its own unit of failure: an input that cannot be read, an article the pipeline fails
on, an article the store refuses each become one `ReadError` naming the input and the reason, and
the batch goes on (`ingest`). Only a database that cannot be written at all (`StoreError`) ends it.
"""

from __future__ import annotations

import gc
import multiprocessing as mp
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing.pool import AsyncResult
from typing import Any

from lagebild.batch import Extracted, extract_article
from lagebild.doc import Article
from lagebild.errors import RecordError
from lagebild.pipeline import get_pipeline
from lagebild.reader import ReadError

BATCH = 4  # articles per task: large enough to hide the pipe's overhead, small enough to keep order cheap
IN_FLIGHT = 4  # batches queued per worker: keeps both cores busy while bounding read-ahead
RECYCLE_AFTER = 2_000  # articles a worker extracts before it is replaced by a fresh fork of the parent

Result = Extracted | ReadError
__all__ = ["Extracted", "Result", "extract_one", "extract_stream", "usable_cpus"]


def usable_cpus() -> int:
    """The CPUs this process may run on (affinity, not the machine's count)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def extract_one(article: Article, lang: str = "de") -> Result:
    """One article through the pipeline; a crash in a component is reported, not raised (`batch.extract_article`)."""
    return extract_article(article, lang)


def _extract_batch(batch: list[Article], lang: str) -> list[Result]:
    return [extract_one(a, lang) for a in batch]


def _init_worker(lang: str) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle: it ends the pool
    get_pipeline(lang)  # inherited from the parent when forked; loaded here otherwise


def extract_stream(
    articles: Iterable[Article],
    lang: str = "de",
    workers: int = 1,
    batch: int = BATCH,
    in_flight: int = IN_FLIGHT,
    recycle_after: int | None = RECYCLE_AFTER,
    start_method: str = "fork",
) -> Iterator[Result]:
    """Extract every article, yielding its `Extracted` (or a `ReadError`) in input order.

    `workers=1` runs in this process without a pool. With more, the pipeline is loaded here first and
    the workers are forked from this process (where the platform can fork; `start_method="spawn"`
    makes each worker load the language itself, which the benchmark compares).
    """
    if workers <= 1:
        for article in articles:
            yield extract_one(article, lang)
        return
    get_pipeline(lang)
    gc.collect()
    gc.freeze()  # loaded tables move to the permanent generation: the collector never touches them again
    try:
        ctx = mp.get_context(start_method)
    except ValueError:  # no fork on this platform: each worker loads the language itself
        ctx = mp.get_context()
    tasks = max(1, recycle_after // batch) if recycle_after else None
    it = iter(articles)
    pending: deque[AsyncResult] = deque()
    try:
        with ctx.Pool(workers, initializer=_init_worker, initargs=(lang,), maxtasksperchild=tasks) as pool:
            while True:
                while len(pending) < workers * in_flight and (chunk := list(islice(it, batch))):
                    pending.append(pool.apply_async(_extract_batch, (chunk, lang)))
                if not pending:
                    break
                yield from pending.popleft().get()
    finally:
        gc.unfreeze()


# --- extracting and storing a batch -------------------------------------------------------------------


@dataclass
class IngestReport:
    """What a batch did: articles added, replaced and unchanged, events stored, and every failure."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0
    errors: list[ReadError] = field(default_factory=list)

    @property
    def failed(self) -> int:
        return len(self.errors)

    @property
    def stored(self) -> int:
        return self.added + self.replaced + self.unchanged


def store_one(store: Any, res: Extracted) -> Any:
    """Save one extracted article (`Store.put`), or the reason it was refused as a ReadError."""
    try:
        return store.put(res)
    except RecordError as e:
        a = res.article
        return ReadError(a.origin or a.id, f"article {a.id!r}: {e}")


def ingest(
    items: Iterable[Article | ReadError],
    store: Any,
    lang: str = "de",
    workers: int = 1,
    on_error: Callable[[ReadError], None] | None = None,
    on_stored: Callable[[Extracted, Any], None] | None = None,
) -> IngestReport:
    """Extract and store every article (inputs that could not be read come in as ReadErrors).

    `on_error` hears of each failure as it happens, `on_stored` of each article stored (with the
    store's `Saved`). StoreError (the database cannot be written at all) is raised.
    """
    report = IngestReport()

    def fail(err: ReadError) -> None:
        report.errors.append(err)
        if on_error:
            on_error(err)

    def articles() -> Iterator[Article]:
        for item in items:
            if isinstance(item, ReadError):
                fail(item)
            else:
                yield item

    for res in extract_stream(articles(), lang, workers):
        saved = res if isinstance(res, ReadError) else store_one(store, res)
        if isinstance(saved, ReadError):
            fail(saved)
            continue
        setattr(report, saved.status, getattr(report, saved.status) + 1)
        report.events += len(res.events)  # type: ignore[union-attr]
        if on_stored:
            on_stored(res, saved)  # type: ignore[arg-type]
    return report
