"""The project's own annotations of shared-corpus articles: format, loading, the train/check split.

An annotation file (`annotations/events/<article_id>.json`) is our writing about an article we may
not copy: it holds ids, offsets and coded fields, never the article's text. The text is read at run
time from the shared corpora (`../shared/corpora/*/articles.jsonl`), and the evidence text is filled
in from it, so that the files become gold directories the shared referee (`score.py`) can read.

File shape (EVENTS.md events, evidence without its text):

    {"article_id": "gnad-test-0374", "corpus": "german-news", "date": "2016",
     "annotator": "a1", "events": [{..., "evidence": [{"start": 0, "end": 57}]}]}

`date` is the article date the annotator settled on (10kGNAD has none; its articles date from
mid-2015 to mid-2016). The article text is the corpus record's `title`, a blank line and its `text`
(only `text` when there is no title): the layout of the shared dev gold files.

The split is fixed by a hash of the article id, so an article never changes sides: a third is
**check** (only aggregate scores are ever looked at), the rest **train** (errors may be read).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

REPO = Path(__file__).resolve().parents[3]
ANNOTATIONS = REPO / "annotations"
SHARED = REPO.parent / "shared"
CORPORA = ("german-news", "wikinews-de")
SPLITS = ("train", "check")


def split_of(article_id: str) -> str:
    """'check' for a fixed third of all ids (by SHA-1), else 'train'."""
    return "check" if int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "train"


def article_text(record: dict) -> str:
    """The text that offsets count into: title, blank line, body (as the shared gold files lay it out)."""
    title = (record.get("title") or "").strip()
    return f"{title}\n\n{record['text']}" if title else record["text"]


@cache
def corpus_index(shared: Path = SHARED) -> dict[str, tuple[str, dict]]:
    """Article id -> (corpus name, record) over the shared corpora that are present."""
    out: dict[str, tuple[str, dict]] = {}
    for name in CORPORA:
        path = shared / "corpora" / name / "articles.jsonl"
        if not path.exists():
            continue
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                out[rec["id"]] = (name, rec)
    return out


@dataclass
class Annotated:
    """One annotated article: its id, text, article date, events with evidence text filled in."""

    article_id: str
    corpus: str
    date: str | None
    text: str
    events: list[dict]
    annotator: str = ""

    @property
    def split(self) -> str:
        return split_of(self.article_id)

    def header_text(self) -> str:
        """The article as a text file in the input format of EVENTS.md."""
        return f"date {self.date or 'unknown'}\n\n{self.text}\n"


def annotation_files(folder: Path = ANNOTATIONS / "events") -> list[Path]:
    return sorted(folder.glob("*.json"))


def load(path: Path, shared: Path = SHARED) -> Annotated:
    """Read one annotation file and join it with its article text; evidence offsets are checked."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    aid = doc["article_id"]
    found = corpus_index(shared).get(aid)
    if found is None:
        raise KeyError(f"{path}: article {aid!r} is not in the shared corpora under {shared}")
    corpus, rec = found
    text = article_text(rec)
    return Annotated(aid, corpus, doc.get("date"), text, coded_events(path, aid, doc, text), doc.get("annotator", ""))


def coded_events(path: Path, aid: str, doc: dict, text: str) -> list[dict]:
    """The events of an annotation file as records: ids given, evidence offsets checked against the text
    and joined with it (the files hold offsets only)."""
    events = []
    for i, ev in enumerate(doc.get("events") or [], 1):
        ev = dict(ev)
        ev.setdefault("event_id", f"{aid}#g{i}")
        ev["article_id"] = aid
        evidence = []
        for span in ev.get("evidence") or []:
            start, end = span["start"], span["end"]
            if not 0 <= start < end <= len(text):
                raise ValueError(f"{path}: evidence {start}-{end} outside the text ({len(text)} characters)")
            evidence.append({"article_id": aid, "start": start, "end": end, "text": text[start:end]})
        ev["evidence"] = evidence
        events.append(ev)
    return events


def load_all(folder: Path = ANNOTATIONS / "events", split: str | None = None, shared: Path = SHARED) -> list[Annotated]:
    """Every annotated article in `folder` (or of one split)."""
    out = [load(p, shared) for p in annotation_files(folder)]
    return [a for a in out if split is None or a.split == split]


def write_gold_dir(articles: Iterable[Annotated], out_dir: Path) -> list[str]:
    """Write `<id>.txt` and `<id>.gold.json` per article: a gold directory for `score.py` and `lagebild eval`."""
    out_dir.mkdir(parents=True, exist_ok=True)
    ids = []
    for a in articles:
        (out_dir / f"{a.article_id}.txt").write_text(a.header_text(), encoding="utf-8")
        gold = {"article_id": a.article_id, "date": a.date, "events": a.events}
        (out_dir / f"{a.article_id}.gold.json").write_text(json.dumps(gold, ensure_ascii=False, indent=1), "utf-8")
        ids.append(a.article_id)
    return ids


def iter_gold(articles: Iterable[Annotated]) -> Iterator[tuple[str, list[dict]]]:
    for a in articles:
        yield a.article_id, a.events
