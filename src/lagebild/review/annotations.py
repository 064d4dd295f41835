"""Reviews as annotations: a desk's reviewed articles written in the project's annotation format.

`lagebild reviews export -o DIR` writes a folder that `lagebild train --reviews DIR` learns from and
`lagebild eval DIR` scores against:

    DIR/events/<article>.json   one annotation file per reviewed article (annotations/README.md):
                                 the article's events as the reviews left them, evidence as offsets only
    DIR/articles.jsonl          the articles in lagebild's JSON Lines input format ({"id", "date",
                                 "title", "text"}); the offsets count into `text`

An article is exported when every event read from it has been reviewed (confirmed, corrected or
rejected): then the analyst has said what it reports, so the file lists all of its events. Rejected
events are left out; events the analyst added are in. The texts stay in the desk's own folder, as the
shared corpora hold the texts of the project's annotations.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from pathlib import Path
from typing import Any

from sqlalchemy import and_, select

from lagebild.doc import Article, ArticleDate
from lagebild.evaluate.annotations import Annotated, coded_events
from lagebild.store import Store
from lagebild.store.schema import articles, events

EVENT_KEYS = (
    *("date", "time_precision", "event_type", "sub_event_type", "actor1", "assoc_actor_1", "actor2"),
    *("assoc_actor_2", "location", "fatalities", "sources", "source_keywords", "evidence", "notes"),
)
LOCATION_KEYS = ("name", "geonames_id", "lat", "lon", "admin1", "country", "geo_precision")
CORPUS = "reviews"


def file_stem(article_id: str) -> str:
    """A file name for an article id: the id where it is a plain name, else a safe form with a hash."""
    safe = re.sub(r"[^\w.-]", "_", article_id)[:80]
    if safe == article_id and not safe.startswith("."):
        return safe
    return f"{safe.lstrip('.')}-{hashlib.sha1(article_id.encode('utf-8')).hexdigest()[:8]}"


def annotation_event(record: dict[str, Any]) -> dict[str, Any]:
    """One stored record as an annotation event: its coded fields, evidence as offsets only."""
    out = {k: record.get(k) for k in EVENT_KEYS if k not in ("source_keywords", "evidence")}
    loc = record.get("location")
    out["location"] = {k: loc.get(k) for k in LOCATION_KEYS} if loc else None
    out["assoc_actor_1"] = out.get("assoc_actor_1") or []
    out["assoc_actor_2"] = out.get("assoc_actor_2") or []
    out["sources"] = out.get("sources") or []
    out["source_keywords"] = sorted({s["name"].lower() for s in out["sources"] if s.get("name")})
    out["evidence"] = [{"start": ev["start"], "end": ev["end"]} for ev in record.get("evidence") or []]
    return {k: out[k] for k in EVENT_KEYS}


def reviewed_articles(store: Store, reviewer: str | None = None) -> list[str]:
    """Ids of the articles every event of which has been reviewed (by `reviewer`, when given)."""
    with store.engine.connect() as conn:
        status = defaultdict(set)
        q = select(events.c.article_id, events.c.review_status, events.c.record)
        for article_id, st, record in conn.execute(q.where(events.c.review_key.is_not(None))):
            by = json.loads(record).get("reviewed_by")
            status[article_id].add((st, by))
        waiting = {
            a for (a,) in conn.execute(select(events.c.article_id).where(events.c.review_status == "unreviewed"))
        }
    return sorted(
        a
        for a, seen in status.items()
        if a not in waiting and (reviewer is None or any(by == reviewer for _, by in seen))
    )


def export(store: Store, out_dir: Path, reviewer: str | None = None) -> list[str]:
    """Write the reviewed articles as an annotation folder; returns their ids."""
    ids = reviewed_articles(store, reviewer)
    (out_dir / "events").mkdir(parents=True, exist_ok=True)
    with store.engine.connect() as conn, (out_dir / "articles.jsonl").open("w", encoding="utf-8") as texts:
        for article_id in ids:
            cols = (articles.c.date, articles.c.title, articles.c.text)
            art = conn.execute(select(*cols).where(articles.c.id == article_id)).one()
            kept = and_(events.c.article_id == article_id, events.c.review_status != "rejected")
            q = select(events.c.record).where(kept)
            records = sorted((json.loads(r) for (r,) in conn.execute(q)), key=_order)
            reviewers = sorted({r["reviewed_by"] for r in records if r.get("reviewed_by")})
            doc = {
                "article_id": article_id,
                "corpus": CORPUS,
                "date": art.date,
                "annotator": ", ".join(reviewers),
                "events": [annotation_event(r) for r in records],
            }
            path = out_dir / "events" / f"{file_stem(article_id)}.json"
            path.write_text(json.dumps(doc, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
            line = {"id": article_id, "date": art.date, "title": art.title, "text": art.text}
            texts.write(json.dumps(line, ensure_ascii=False) + "\n")
    return ids


def _order(record: dict[str, Any]) -> tuple:
    first = (record.get("evidence") or [{}])[0]
    return first.get("start", 0), record["event_id"]


def is_review_folder(folder: Path) -> bool:
    return (folder / "articles.jsonl").is_file() and (folder / "events").is_dir()


def load_folder(folder: Path) -> tuple[list[Annotated], list[Article]]:
    """A review folder's annotated articles (evidence text filled in, as `lagebild.evaluate` reads the
    project's annotations) and the same articles as pipeline input, exactly as stored (offsets hold).
    ValueError names a file whose article is missing or whose offsets do not fit its text."""
    texts = {}
    with (folder / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                rec = json.loads(line)
                texts[rec["id"]] = rec
    annotated, inputs = [], []
    for path in sorted((folder / "events").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        aid = doc["article_id"]
        if aid not in texts:
            raise ValueError(f"{path}: article {aid!r} is not in {folder / 'articles.jsonl'}")
        rec = texts[aid]
        coded = coded_events(path, aid, doc, rec["text"])
        found = Annotated(aid, doc.get("corpus", CORPUS), doc.get("date"), rec["text"], coded)
        found.annotator = doc.get("annotator", "")
        annotated.append(found)
        date = ArticleDate.parse(rec["date"]) if rec.get("date") else None
        inputs.append(Article(id=aid, text=rec["text"], date=date, title=rec.get("title"), origin=str(folder)))
    return annotated, inputs
