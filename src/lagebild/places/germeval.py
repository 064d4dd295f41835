"""GermEval 2014 NER (CC BY 4.0; Benikova, Biemann, Reznicek, LREC 2014): reading its splits, and the
place spans of the pipeline as its token ranges.

The corpus lives in ../shared/corpora/germeval2014 (dev and test splits only; it has no train split here)
and is read from there, never copied. `bench/germeval.py` measures place recognition on it and
`lagebild train-places` fits the place model on its dev split.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lagebild.doc import Article, Doc
from lagebild.pipeline import Pipeline

CORPUS = Path(__file__).resolve().parents[3].parent / "shared" / "corpora" / "germeval2014"
SPLITS = {"test": "NER-de-test.tsv", "dev": "NER-de-dev.tsv"}
PLACES_PIPELINE = ("noise", "segment", "lemmas", "mood", "numbers", "dates", "actors", "places")


@dataclass
class Sentence:
    text: str
    tokens: list[tuple[int, int]]  # character offsets of each GermEval token in `text`
    tags: list[str]  # outer tags ("B-LOC", "I-PER", "O", ...)
    gold: list[tuple[int, int]] = field(default_factory=list)  # LOC entities as token ranges


def split_path(split: str, corpus: Path = CORPUS) -> Path:
    """The file of a split ("dev", "test"); FileNotFoundError naming it when it is not there."""
    path = corpus / SPLITS[split]
    if not path.exists():
        raise FileNotFoundError(f"GermEval 2014 {split} split not found: {path}")
    return path


def read_split(path: Path) -> list[Sentence]:
    """GermEval's TSV: '#' line, then 'index TAB token TAB outer TAB nested' lines, a blank line after each."""
    out: list[Sentence] = []
    words: list[str] = []
    tags: list[str] = []

    def close() -> None:
        if not words:
            return
        offsets, pos = [], 0
        for w in words:
            offsets.append((pos, pos + len(w)))
            pos += len(w) + 1
        sent = Sentence(" ".join(words), offsets, list(tags))
        start = None
        for k, tag in enumerate([*tags, "O"]):
            if start is not None and tag != "I-LOC":
                sent.gold.append((start, k))
                start = None
            if tag == "B-LOC":
                start = k
        out.append(sent)
        words.clear()
        tags.clear()

    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.startswith("#") or not line.strip():
            close()
            continue
        cols = line.split("\t")
        if len(cols) < 3:
            raise ValueError(f"{path}: line {n}: expected 'index, token, tag', got {line!r}")
        words.append(cols[1])
        tags.append(cols[2])
    close()
    return out


def run(pipe: Pipeline, sent: Sentence, n: int) -> Doc:
    """The sentence alone, as an undated one-sentence article."""
    return pipe(Article(id=f"germeval-{n}", text=sent.text, date=None))


def token_range(sent: Sentence, start: int, end: int) -> tuple[int, int] | None:
    """The GermEval tokens that characters start..end touch, as a range."""
    toks = [k for k, (s, e) in enumerate(sent.tokens) if s < end and e > start]
    return (toks[0], toks[-1] + 1) if toks else None


def predicted(doc: Doc, sent: Sentence, unlocated: bool = True) -> list[tuple[int, int]]:
    """The place spans of a document, as GermEval token ranges: names only. Anaphors ("die Stadt") are
    left out, since GermEval marks names only, and so is the town of an institution's name ("Universität
    Wien", an organisation to GermEval). `unlocated`: with the names recognised as places that the gazetteer
    cannot locate (`place_name` spans)."""
    out = []
    spans = doc.spans.get("place", []) + (doc.spans.get("place_name", []) if unlocated else [])
    for span in spans:
        if span.data.get("anaphor") or span.data.get("seat"):
            continue
        rng = token_range(sent, span.start, span.end)
        if rng:
            out.append(rng)
    return sorted(set(out))


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(sents: list[Sentence], preds: list[list[tuple[int, int]]]) -> dict[str, dict[str, float]]:
    """Precision, recall and F1 for exact and overlap matching."""
    result = {}
    for mode in ("exact", "overlap"):
        tp = n_pred = n_gold = 0
        for sent, pred in zip(sents, preds, strict=True):
            n_pred += len(pred)
            n_gold += len(sent.gold)
            tp += len(matched(sent.gold, pred, mode))
        p = tp / n_pred if n_pred else 0.0
        r = tp / n_gold if n_gold else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        result[mode] = {"precision": p, "recall": r, "f1": f, "tp": tp, "pred": n_pred, "gold": n_gold}
    return result


def matched(gold: list[tuple[int, int]], pred: list[tuple[int, int]], mode: str) -> list[tuple]:
    """One-to-one pairs of gold and predicted spans."""
    pairs, used = [], set()
    for g in gold:
        for p in pred:
            if p in used:
                continue
            if (mode == "exact" and p == g) or (mode == "overlap" and p[0] < g[1] and g[0] < p[1]):
                pairs.append((g, p))
                used.add(p)
                break
    return pairs
