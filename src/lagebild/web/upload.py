"""Articles uploaded or pasted in the page: read like files on the command line, extracted and stored.

Each input is read by `lagebild.reader` (text format, JSON Lines or HTML, told apart by name and
content) from its spooled upload stream, and every article is stored in its own transaction, so one
bad file or line is reported by name and reason while the others are kept.

Limits per request: the body (`MAX_REQUEST_BYTES`, checked by `web.security` while it streams in),
each file (`MAX_FILE_BYTES`, checked before it is read), the number of files and of articles
(`MAX_FILES`, `MAX_ARTICLES`: the rest of a larger upload is named as not read), and each article's
text (`Limits.max_chars`). Extracting and storing run in a separate process (`processes=1`), so the
server's own process, which answers the page's reads, never waits for the interpreter lock behind
them; it only reads the uploaded files and hands their articles over.
"""

from __future__ import annotations

import hashlib
import multiprocessing as mp
import re
import threading
from collections.abc import Iterable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass
from typing import Any, BinaryIO

from lagebild.doc import Article
from lagebild.ingest import extract_one, store_one
from lagebild.reader import Limits, ReadError, read_stream
from lagebild.reader.limits import clean_text
from lagebild.store import Store
from lagebild.store.db import EventFilter

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_FILES = 50
MAX_ARTICLES = 1_000
MAX_REQUEST_BYTES = 24 * 1024 * 1024  # a few files at their largest, with the form's overhead
BATCH = 8  # articles sent to the upload process at a time
NICE = 10  # how much lower the upload process's scheduling priority is
HEADER = re.compile(r"^\s*date[ \t]+\S+")
MAX_BYTES = MAX_FILE_BYTES  # the name earlier versions used


@dataclass
class Outcome:
    """What became of one article or input: `added`, `replaced`, `unchanged` or `error`."""

    input: str
    status: str
    article_id: str | None = None
    events: int = 0
    incident_ids: list[str] | None = None
    error: str | None = None


_WORKER: dict[str, Any] = {}  # in the upload process: its store


def _init_worker(lang: str, db_url: str) -> None:
    """Load the pipeline and open the store, in the upload process. Its priority is lowered: when
    both compete for a core, the analyst's clicks (the server's reads) go first, the upload waits."""
    import os

    from lagebild.pipeline import get_pipeline

    if hasattr(os, "nice"):
        os.nice(NICE)
    get_pipeline(lang)
    _WORKER["store"] = Store(db_url)


def _process_batch(batch: list[Article], lang: str) -> list[Outcome]:
    """In the upload process: extract and store each article, as `Ingestor.process` does in-thread."""
    return [process(_WORKER["store"], a, lang) for a in batch]


def process(store: Store, article: Article, lang: str) -> Outcome:
    """Extract and store one article; its outcome (with the incidents it is part of) or its error."""
    res = extract_one(article, lang)
    saved = res if isinstance(res, ReadError) else store_one(store, res)
    if isinstance(saved, ReadError):
        return Outcome(article.origin or article.id, "error", article_id=article.id, error=saved.reason)
    ids = sorted({i["incident_id"] for i in store.incidents(EventFilter(article_id=article.id))})
    return Outcome(article.origin or article.id, saved.status, article.id, len(res.events), ids)  # type: ignore[union-attr]


class Ingestor:
    """Reads, extracts and stores uploads.

    `processes=1` extracts in one worker process, started (and its pipeline loaded) by `start()` or
    on the first upload; `processes=0` extracts in the calling thread.
    """

    def __init__(self, store: Store, lang: str = "de", processes: int = 1, limits: Limits | None = None) -> None:
        self.store = store
        self.lang = lang
        self.processes = processes
        self.limits = limits or Limits()
        self._pool: ProcessPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    def start(self) -> None:
        """Start the extracting process now, so the first upload does not wait for it to load."""
        if self.processes:
            self._executor().submit(int)  # a no-op: the process starts and loads its pipeline

    def close(self) -> None:
        with self._pool_lock:
            if self._pool is not None:
                self._pool.shutdown(wait=False, cancel_futures=True)
                self._pool = None

    def _executor(self) -> ProcessPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                # spawn, not fork: the server has threads (and database connections) a fork would copy
                ctx = mp.get_context("spawn")
                self._pool = ProcessPoolExecutor(
                    self.processes, mp_context=ctx, initializer=_init_worker, initargs=(self.lang, self.store.url)
                )
            return self._pool

    def _process(self, articles: list[Article]) -> Iterable[Outcome]:
        """The articles' outcomes in order: all batches are queued at once, so the worker stays busy."""
        if not self.processes:
            yield from (process(self.store, a, self.lang) for a in articles)
            return
        batches = [articles[i : i + BATCH] for i in range(0, len(articles), BATCH)]
        try:
            pool = self._executor()
            futures: list[Future | None] = [pool.submit(_process_batch, b, self.lang) for b in batches]
        except (BrokenProcessPool, RuntimeError):
            self.close()
            futures = [None] * len(batches)
        for batch, future in zip(batches, futures, strict=True):
            try:
                if future is None:
                    raise BrokenProcessPool("the upload process could not be started")
                yield from future.result()
            except BrokenProcessPool as e:  # the worker died (out of memory?): these articles fail
                self.close()
                for a in batch:
                    yield Outcome(a.origin or a.id, "error", a.id, error=f"extraction failed ({e})")

    def read(self, inputs: Iterable[tuple[BinaryIO, str, int | None]]) -> tuple[list[Article], list[Outcome]]:
        """Articles from (stream, name, size) inputs, and an outcome for every input or line that failed."""
        articles: list[Article] = []
        failed: list[Outcome] = []
        for n, (stream, name, size) in enumerate(inputs):
            if n >= MAX_FILES:
                failed.append(Outcome(name, "error", error=f"not read: at most {MAX_FILES} files per upload"))
                continue
            if size is not None and size > MAX_FILE_BYTES:
                error = f"file too large ({size:,} bytes, at most {MAX_FILE_BYTES:,})"
                failed.append(Outcome(name, "error", error=error))
                continue
            for item in read_stream(_Capped(stream, MAX_FILE_BYTES), name, name, limits=self.limits):
                if isinstance(item, ReadError):
                    failed.append(Outcome(name, "error", error=item.reason))
                elif len(articles) >= MAX_ARTICLES:
                    failed.append(
                        Outcome(name, "error", error=f"not read: at most {MAX_ARTICLES:,} articles per upload")
                    )
                    break
                else:
                    articles.append(item)
        return articles, failed

    def ingest_inputs(self, inputs: Iterable[tuple[BinaryIO, str, int | None]]) -> list[Outcome]:
        """Read, extract and store every input; one outcome per article or failed input."""
        articles, out = self.read(inputs)
        out.extend(self._process(articles))
        return out

    def ingest(self, data: bytes, name: str) -> list[Outcome]:
        """Every article of one input given as bytes, or the reason it could not be read."""
        import io

        if not data.strip():
            return [Outcome(name, "error", error="empty file")]
        return self.ingest_inputs([(io.BytesIO(data), name, len(data))])


class _Capped:
    """A stream that reads at most `limit` bytes and then fails: an upload whose size was not
    declared is never read past what a file may have."""

    def __init__(self, stream: BinaryIO, limit: int) -> None:
        self.stream, self.left = stream, limit

    def read(self, n: int = -1) -> bytes:
        want = self.left + 1 if n is None or n < 0 else min(n, self.left + 1)
        data = self.stream.read(want)
        self.left -= len(data)
        if self.left < 0:
            raise OSError(f"more than {MAX_FILE_BYTES:,} bytes")
        return data


def pasted_input(text: str, date: str | None) -> tuple[bytes, str]:
    """Pasted text as an input file: an article without a `date` header gets the form's date (or `unknown`).

    The name is derived from the text, so pasting the same article twice stores it once.
    """
    body = text.strip("\ufeff")
    stripped = body.lstrip()
    if stripped.startswith("{"):
        kind = "jsonl"
    elif stripped[:15].lower().startswith(("<!doctype", "<html")):
        kind = "html"
    else:
        kind = "txt"
        if not HEADER.match(body):
            body = f" date {date or 'unknown'}\n\n{body}"
    data = clean_text(body).encode("utf-8")
    digest = hashlib.sha1(data).hexdigest()[:12]
    return data, f"eingefuegt-{digest}.{kind}"


def as_dicts(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    return [asdict(o) for o in outcomes]
