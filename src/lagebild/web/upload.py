"""Articles uploaded or pasted in the page: read like files on the command line, extracted and stored.

Each input is read by `lagebild.reader` (text format, JSON Lines or HTML, told apart by name and
content) and every article is stored in its own transaction, so one bad file or line is reported
by name and reason while the others are kept.
"""

from __future__ import annotations

import hashlib
import re
import threading
from dataclasses import asdict, dataclass
from typing import Any

from lagebild.reader.discover import ReadError, read_source
from lagebild.store import Store
from lagebild.store.db import EventFilter

MAX_BYTES = 5 * 1024 * 1024
HEADER = re.compile(r"^\s*date[ \t]+\S+")


@dataclass
class Outcome:
    """What became of one article or input: `added`, `replaced`, `unchanged` or `error`."""

    input: str
    status: str
    article_id: str | None = None
    events: int = 0
    incident_ids: list[str] | None = None
    error: str | None = None


class Ingestor:
    """Extracts and stores uploads; the pipeline is loaded on first use and shared under a lock."""

    def __init__(self, store: Store, lang: str = "de") -> None:
        self.store = store
        self.lang = lang
        self._lock = threading.Lock()
        self._pipe: Any = None

    def _pipeline(self) -> Any:
        if self._pipe is None:
            from lagebild.pipeline import get_pipeline

            self._pipe = get_pipeline(self.lang)
        return self._pipe

    def ingest(self, data: bytes, name: str) -> list[Outcome]:
        """Every article of one input, or the reason it could not be read."""
        if len(data) > MAX_BYTES:
            return [Outcome(name, "error", error=f"file too large ({len(data)} bytes, at most {MAX_BYTES})")]
        if not data.strip():
            return [Outcome(name, "error", error="empty file")]
        out = []
        with self._lock:
            for item in read_source(data, name, name):
                if isinstance(item, ReadError):
                    out.append(Outcome(name, "error", error=item.reason))
                    continue
                try:
                    doc = self._pipeline()(item)
                    status = self.store.save(doc)
                except Exception as e:  # one article's failure must not lose the others
                    out.append(Outcome(name, "error", article_id=item.id, error=f"extraction failed: {e}"))
                    continue
                ids = sorted({i["incident_id"] for i in self.store.incidents(EventFilter(article_id=item.id))})
                out.append(Outcome(name, status, item.id, len(doc.events), ids))
        return out


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
    digest = hashlib.sha1(body.encode("utf-8")).hexdigest()[:12]
    return body.encode("utf-8"), f"eingefuegt-{digest}.{kind}"


def as_dicts(outcomes: list[Outcome]) -> list[dict[str, Any]]:
    return [asdict(o) for o in outcomes]
