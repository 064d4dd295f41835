"""The gold sets lagebild is measured on, by name: `dev`, `train`, `check`, `own`, or a gold folder.

- `dev`: the shared dev gold (`../shared/gold/dev`), the 20 articles the project was first built on;
- `train` / `check`: the project's own annotations of shared-corpus articles (`annotations/events`),
  split by a hash of the article id (see `annotations.py`); only check's aggregate scores are looked at;
- `own`: articles written and annotated by the project (`tests/data/gold_own`);
- any other argument: a folder of `<id>.txt` + `<id>.gold.json`.

Every set is read the same way: the article as a text file in the format of EVENTS.md, so the
pipeline sees annotated corpus articles exactly as it sees the hidden ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from lagebild.doc import Article
from lagebild.evaluate import annotations
from lagebild.evaluate.scoring import load_gold, match
from lagebild.reader.jsonl import parse_jsonl_record
from lagebild.reader.textfile import parse_text_article

DEV = annotations.SHARED / "gold" / "dev"
OWN = annotations.REPO / "tests" / "data" / "gold_own"
NAMED = ("dev", "train", "check")


@dataclass
class GoldSet:
    name: str
    gold: dict[str, list[dict]]
    articles: list[Article]
    errors_readable: bool = True  # False for check: only aggregate scores may be shown

    def __len__(self) -> int:
        return len(self.gold)


def _from_folder(name: str, folder: Path) -> GoldSet:
    from lagebild.review import annotations as reviews  # a desk's reviews, written by `lagebild reviews export`

    if reviews.is_review_folder(folder):
        annotated, arts = reviews.load_folder(folder)
        return GoldSet(name, {a.article_id: a.events for a in annotated}, arts)
    gold = load_gold(folder)
    if not gold:
        raise FileNotFoundError(f"{folder}: no *.gold.json files, so not a gold folder")
    arts = [parse_text_article((folder / f"{a}.txt").read_text(encoding="utf-8"), a, str(folder)) for a in gold]
    return GoldSet(name, gold, arts)


def _from_annotations(split: str) -> GoldSet:
    annotated = annotations.load_all(split=split)
    gold = {a.article_id: a.events for a in annotated}
    arts = [parse_text_article(a.header_text(), a.article_id, "annotations") for a in annotated]
    return GoldSet(split, gold, arts, errors_readable=split != "check")


def available(name: str) -> bool:
    if name == "dev":
        return DEV.is_dir()
    if name in annotations.SPLITS:
        return bool(annotations.annotation_files()) and bool(annotations.corpus_index())
    if name == "own":
        return OWN.is_dir()
    return Path(name).is_dir()


def load_set(name: str) -> GoldSet:
    """A gold set by name or folder; raises FileNotFoundError when it is not available here."""
    if not available(name):
        raise FileNotFoundError(f"gold set {name!r} is not available (needs ../shared and the annotations)")
    if name == "dev":
        return _from_folder("dev", DEV)
    if name == "own":
        return _from_folder("own", OWN)
    if name in annotations.SPLITS:
        return _from_annotations(name)
    return _from_folder(Path(name).name, Path(name))


OFF_TOPIC_SECTIONS = frozenset({"Sport", "Kultur", "Wirtschaft", "Web", "Wissenschaft", "Etat"})


def off_topic_articles(split: str | None = None, annotated: bool = True) -> list[Article]:
    """Articles of the shared corpus's sport, culture, business, web, science and media sections that are
    not conflict candidates: they report no armed conflict, so an event found in them is noise. Split
    by article id as the annotations are (the event model may learn from train's half only).

    A few of them the project annotated, and some of those report a protest after all (a business report
    on savers demonstrating): `annotated=False` leaves them out (the event model learns them from their
    gold), and `noise_events` counts in them only the events their gold does not hold."""
    out = []
    coded = {p.stem: p for p in annotations.annotation_files()}
    for aid, (corpus, rec) in annotations.corpus_index().items():
        if corpus != "german-news" or rec.get("category") not in OFF_TOPIC_SECTIONS or rec.get("conflict_candidate"):
            continue
        if split is not None and annotations.split_of(aid) != split:
            continue
        if aid not in coded:
            out.append(parse_jsonl_record(rec, "off-topic"))
        elif annotated:  # read as its annotation dates it, so that its gold events match
            out.append(parse_text_article(annotations.load(coded[aid]).header_text(), aid, "annotations"))
    return out


def noise_events(article: Article, events: list[dict]) -> list[dict]:
    """The events found in an off-topic article that are noise: all of them, or, in an article the project
    annotated, those that match none of its gold events (required or optional)."""
    path = annotations.ANNOTATIONS / "events" / f"{article.id}.json"
    if not path.exists():
        return events
    gold = annotations.load(path).events
    matched = {p for _, p in match(gold, events)}
    return [e for k, e in enumerate(events) if k not in matched]


def default_sets() -> Iterator[str]:
    """dev, train and check, those of them that are available here."""
    return (n for n in NAMED if available(n))
