"""Hypothesis strategies for fuzzing the reader and the whole pipeline, and the checks each case must
pass. Shared by tests/test_fuzz.py (a short, time-bounded run) and bench/fuzz.py (a long one).

Cases are random bytes, random text, and real articles (the project's own examples and gold
articles) mutated: cut, spliced with hostile tokens (huge numbers, dates before year 1, lone
surrogates, one 50 KB word, control characters), slices repeated, lines shuffled or joined.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

from hypothesis import strategies as st

from lagebild.doc import Article, ArticleDate
from lagebild.ingest import Extracted, extract_one
from lagebild.reader import Limits, ReadError, read_source

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples").glob("*.txt")) + sorted((ROOT / "tests" / "data" / "gold_own").glob("*.txt"))
LIMITS = Limits(max_chars=20_000)  # small, so the limit itself is hit, and cases stay quick

HOSTILE_TOKENS = [
    "vor 3000 Jahren", "vor 99999999999999999999 Tagen", "am Dienstag", "in der Nacht zum Sonntag",
    "99999999999999999999", "9" * 400, "999.999.999.999 Milliarden", "achtzig" * 25, "Dutzende",
    "\ud800", "\udfff", "\x00", "\x0b", "\u2028", "\ufeff", "\u200b", "🙂", "Ä" * 3, "ß", "İ",
    "«Zitat»", '"', "(", "nach Angaben des Ministeriums", "die Stadt", "dort", "im Süden des Landes",
    "Angriff" + "a" * 50_000, "\n" * 50, " " * 200, "http://x.example/" + "a/" * 100, "31.02.2024",
    "00.00.0000", "1.1.1", "29. Februar", "0001", "9999", "im Jahr 0", "seit 1900 Jahren",
]  # fmt: skip
WORDS = [
    "Die", "Armee", "griff", "die", "Stadt", "Aleppo", "Idlib", "Charkiw", "Gaza", "an", "Luftangriff",
    "auf", "wurden", "drei", "Menschen", "getötet", "Rebellen", "IS", "Hamas", "Soldaten", "verletzt",
    "am", "Montag", "gestern", "laut", "Angaben", "des", "Ministeriums", "mindestens", "200", "Tote",
    "eingenommen", "Raketen", "Drohnen", ".", ",", ":", "\n", "\n\n",
]  # fmt: skip


def _seed_texts() -> list[str]:
    out = []
    for p in SEEDS:
        raw = p.read_text(encoding="utf-8")
        out.append(raw.split("\n", 1)[1] if raw.lstrip().startswith("date") and "\n" in raw else raw)
    return out


SEED_TEXTS = _seed_texts()

dates = st.one_of(
    st.none(),
    st.builds(ArticleDate, st.integers(1, 9999)),
    st.builds(ArticleDate, st.integers(1, 9999), st.integers(1, 12)),
    st.dates().map(lambda d: ArticleDate(d.year, d.month, d.day)),
    st.sampled_from([ArticleDate(1, 1, 1), ArticleDate(9999, 12, 31), ArticleDate(1, 1), ArticleDate(9999)]),
)
any_text = st.text(st.characters(codec=None, exclude_categories=()), max_size=400)
word_text = st.lists(st.sampled_from(WORDS + HOSTILE_TOKENS[:20]), max_size=120).map(" ".join)


@st.composite
def mutated(draw) -> str:
    """A real article, changed by a few random edits."""
    text = draw(st.sampled_from(SEED_TEXTS))
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["cut", "insert", "repeat", "lines", "join", "replace"]))
        k = draw(st.integers(0, len(text)))
        if kind == "cut":
            text = text[:k] if draw(st.booleans()) else text[k:]
        elif kind == "insert":
            token = draw(st.one_of(st.sampled_from(HOSTILE_TOKENS), any_text))
            text = text[:k] + " " + token + " " + text[k:]
        elif kind == "repeat":
            n = draw(st.integers(1, 300))
            text = text[:k] + text[k : k + n] * draw(st.integers(2, 20)) + text[k:]
        elif kind == "lines":
            lines = text.split("\n")
            text = "\n".join(draw(st.permutations(lines))) if len(lines) < 200 else text
        elif kind == "join":
            text = text.replace("\n", " ")
        else:
            text = text.replace(draw(st.sampled_from(WORDS)), draw(st.sampled_from(HOSTILE_TOKENS)))
    return text


article_texts = st.one_of(mutated(), word_text, any_text)
articles = st.builds(
    lambda text, when, n: Article(id=f"fuzz-{n}", text=text, date=when, origin="fuzz"),
    article_texts,
    dates,
    st.integers(0, 50),
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=50),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=20,
)
records = st.fixed_dictionaries(
    {},
    optional={
        "id": st.one_of(st.text(max_size=30), json_values),
        "date": st.one_of(st.sampled_from(["2024-05-10", "0000", "2024-13", "unknown", "", "1.1.2024"]), json_values),
        "text": st.one_of(article_texts, json_values),
        "title": st.one_of(st.text(max_size=30), json_values),
        "source": json_values,
        "url": json_values,
    },
)


@st.composite
def raw_inputs(draw) -> tuple[bytes, str]:
    """Bytes as a file, an upload or stdin would hand them over, and the input's name."""
    kind = draw(st.sampled_from(["binary", "text", "jsonl", "html", "nested"]))
    name = draw(st.sampled_from(["a.txt", "a.jsonl", "a.html", "a", "<stdin>"]))
    if kind == "binary":
        return draw(st.binary(max_size=3000)), name
    if kind == "text":
        token = draw(st.sampled_from(["2024-05-10", "2024", "unknown", "0000", "10.05.2024", "", "9999-12-31"]))
        body = draw(article_texts)
        head = draw(st.sampled_from(["", " ", "date ", " date "]))
        return f"{head}{token}\n\n{body}".encode("utf-8", "surrogatepass"), name
    if kind == "jsonl":
        lines = [json.dumps(r) for r in draw(st.lists(records, max_size=6))]
        if lines and draw(st.booleans()):
            k = draw(st.integers(0, len(lines) - 1))
            lines[k] = lines[k][: draw(st.integers(0, len(lines[k])))]
        return "\n".join(lines).encode("utf-8", "surrogatepass"), name
    if kind == "nested":
        depth = draw(st.integers(1, 100_000))
        return ('{"id": "n", "text": ' + "[" * depth + "]" * depth + "}").encode(), name
    body = draw(article_texts)
    return f"<!DOCTYPE html><html><head><title>{body[:40]}</title></head><body><p>{body}</p></body></html>".encode(
        "utf-8", "surrogatepass"
    ), name


# --- the checks ------------------------------------------------------------------------------------


def check_read(data: bytes, name: str) -> list[Article | ReadError]:
    """Reading never raises, and every article it gives is sound."""
    items = list(read_source(data, name, name, limits=LIMITS))
    for item in items:
        assert isinstance(item, Article | ReadError), item
        if isinstance(item, ReadError):
            assert item.reason and isinstance(item.reason, str)
            continue
        assert isinstance(item.id, str) and 0 < len(item.id) <= 512
        assert isinstance(item.text, str) and item.text.strip() and len(item.text) <= LIMITS.max_chars
        item.text.encode("utf-8")  # no lone surrogates
        for value in (item.title, item.source, item.url):
            assert value is None or isinstance(value, str)
            if value:
                value.encode("utf-8")
        assert item.date is None or 1 <= item.date.year <= 9999
    return items


def check_extract(article: Article) -> Extracted:
    """The pipeline finishes on the article, and its records are storable."""
    res = extract_one(article)
    assert isinstance(res, Extracted), getattr(res, "reason", res)
    n = len(article.text)
    for e in res.events:
        assert e["fatalities"] is None or (isinstance(e["fatalities"], int) and 0 <= e["fatalities"] < 2**63)
        if e.get("date"):
            assert 1 <= int(e["date"][:4]) <= 9999, e["date"]
        for ev in e.get("evidence", []):
            assert 0 <= ev["start"] <= ev["end"] <= n
        loc = e.get("location") or {}
        assert all(loc.get(k) is None or math.isfinite(loc[k]) for k in ("lat", "lon"))
    for c in res.claims:
        assert c.get("value") is None or math.isfinite(c["value"])
    return res
