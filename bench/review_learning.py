"""Does a desk's own review teach the extractor? Event F1 on held-apart reviews, before and after.

    python bench/review_learning.py [--folds 3] [--desks gnad,trends,wikinews] [--json FILE]

A desk is simulated from the project's own annotations, never from the check split: the train-split
articles of one source (10kGNAD, the 2024 trend articles or Wikinews) are the desk's articles, and
the rest of the train split (with the dev and own gold and the off-topic train half) is what the
extractor was trained on before the desk began (the baseline model, fitted without any desk article).

The desk then reviews its articles with the baseline extractor through the review desk itself
(`lagebild.review.simulate`: confirm, correct, reject, add, as the annotations say), and exports the
reviews in the annotation format (`lagebild reviews export`). The desk's articles are split into
`--folds` parts by a hash of their ids; for each part, a model is trained as `lagebild train
--reviews` does, on the baseline's data plus the reviews of the other parts, and both models are
scored on the held-apart part against the desk's reviews. The counts are pooled over the parts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from pathlib import Path

from lagebild.evaluate.scoring import Result, score
from lagebild.evaluate.sets import available, load_set, off_topic_articles
from lagebild.events.model import EventModel
from lagebild.lang import load_language
from lagebild.learn.train import extract_events, prepare, train
from lagebild.pipeline import Pipeline
from lagebild.review.annotations import export
from lagebild.review.simulate import review_like_gold
from lagebild.store import Store

PREFIXES = {"gnad": "gnad-", "trends": "trends-", "wikinews": "wikinews-"}


def fold_of(article_id: str, folds: int) -> int:
    return int(hashlib.sha1(article_id.encode("utf-8")).hexdigest(), 16) % folds


def as_model(fitted: dict) -> EventModel:
    return EventModel(fitted["weights"], fitted["intercept"], fitted["threshold"], fitted.get("meta", {}))


def predict(pipe: Pipeline, model: EventModel, docs: list) -> dict[str, list[dict]]:
    events = pipe.get("events")
    saved, events.model = events.model, model
    try:
        return {d.article.id: extract_events(pipe, d).events for d in docs}
    finally:
        events.model = saved


def add(total: Result, part: Result) -> None:
    total.tp, total.fp, total.fn, total.strict_tp = (
        total.tp + part.tp, total.fp + part.fp, total.fn + part.fn, total.strict_tp + part.strict_tp
    )  # fmt: skip
    for k, (ok, n) in part.fields.items():
        total.fields[k][0] += ok
        total.fields[k][1] += n


def run_desk(name: str, pipe: Pipeline, docs: dict, base: dict, off: list, train_set, folds: int) -> dict:
    """Baseline and improved scores on held-apart parts of one simulated desk."""
    prefix = PREFIXES[name]
    desk_ids = sorted(a for a in train_set.gold if a.startswith(prefix))
    base_gold = {a: g for a, g in base.items() if not a.startswith(prefix)}
    base_docs = [docs[a] for a in base_gold] + off
    select_on = {a for a in train_set.gold if not a.startswith(prefix)}  # as `lagebild train` chooses
    t0 = time.perf_counter()
    baseline = as_model(train(pipe, base_gold, base_docs, select_on=select_on))
    # the desk reviews its articles with the baseline extractor, through the review desk
    events = pipe.get("events")
    saved, events.model = events.model, baseline
    articles = {a.id: a for a in train_set.articles}
    with tempfile.TemporaryDirectory() as tmp:
        store = Store(f"sqlite:///{tmp}/desk.db")
        try:
            actions = review_like_gold(store, pipe, [(articles[a], train_set.gold[a]) for a in desk_ids])
        finally:
            events.model = saved
        exported = export(store, Path(tmp) / "reviews")
        store.close()
        reviews = load_set(str(Path(tmp) / "reviews"))
    review_gold = reviews.gold
    before, after, before_ann, after_ann = Result(), Result(), Result(), Result()
    for k in range(folds):
        held = [a for a in exported if fold_of(a, folds) == k]
        learn = [a for a in exported if fold_of(a, folds) != k]
        if not held:
            continue
        gold = base_gold | {a: review_gold[a] for a in learn}
        improved = as_model(train(pipe, gold, base_docs + [docs[a] for a in learn], select_on=select_on | set(learn)))
        held_docs = [docs[a] for a in held]
        for model, res, res_ann in ((baseline, before, before_ann), (improved, after, after_ann)):
            pred = predict(pipe, model, held_docs)
            add(res, score({a: review_gold[a] for a in held}, pred))
            add(res_ann, score({a: train_set.gold[a] for a in held}, pred))
    return {
        "desk": name,
        "articles": len(desk_ids),
        "reviewed": len(exported),
        "actions": dict(actions),
        "before": before.summary(),
        "after": after.summary(),
        "before_annotations": before_ann.summary(),
        "after_annotations": after_ann.summary(),
        "seconds": round(time.perf_counter() - t0),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--folds", type=int, default=3)
    ap.add_argument("--desks", default=",".join(PREFIXES))
    ap.add_argument("--json", help="also write the results here")
    args = ap.parse_args()
    if not available("train"):
        sys.exit("bench/review_learning.py needs ../shared next to the repository (the train split)")
    train_set = load_set("train")
    others = [load_set(n) for n in ("dev", "own") if available(n)]
    pipe = Pipeline(load_language("de"), warm=False)
    off_articles = off_topic_articles("train", annotated=False)
    every = [*train_set.articles, *(a for s in others for a in s.articles)]
    print(f"preparing {len(every)} annotated and {len(off_articles)} off-topic articles ...", file=sys.stderr)
    docs = {d.article.id: d for d in prepare(pipe, every)}
    off = prepare(pipe, off_articles)
    base = dict(train_set.gold)
    for s in others:
        base |= s.gold
    rows = []
    for name in args.desks.split(","):
        print(f"desk {name} ...", file=sys.stderr)
        rows.append(run_desk(name, pipe, docs, base, off, train_set, args.folds))
        r = rows[-1]
        print(
            f"{name}: {r['reviewed']} reviewed articles, event F1 {r['before']['f1']:.3f} -> {r['after']['f1']:.3f}",
            file=sys.stderr,
        )
    print(f"\nevent F1 on held-apart reviews ({args.folds} parts per desk), baseline -> with the desk's reviews")
    print(f"{'desk':<10} {'articles':>8} {'F1':>15} {'precision':>15} {'recall':>15} {'strict F1':>15}")
    total_b, total_a = Result(), Result()
    for r in rows:
        b, a = r["before"], r["after"]
        cells = [f"{b[k]:.3f} -> {a[k]:.3f}" for k in ("f1", "precision", "recall", "strict_f1")]
        print(f"{r['desk']:<10} {r['reviewed']:>8} " + " ".join(f"{c:>15}" for c in cells))
        for res, s in ((total_b, b), (total_a, a)):
            res.tp, res.fp, res.fn, res.strict_tp = res.tp + s["tp"], res.fp + s["fp"], res.fn + s["fn"], res.strict_tp
    if rows:
        print(
            f"{'pooled':<10} {sum(r['reviewed'] for r in rows):>8} {total_b.f1:.3f} -> {total_a.f1:.3f}"
            f"   (tp/fp/fn {total_b.tp}/{total_b.fp}/{total_b.fn} -> {total_a.tp}/{total_a.fp}/{total_a.fn})"
        )
        print("\nthe same predictions scored against the project's annotations of those articles:")
        for r in rows:
            print(f"{r['desk']:<10} F1 {r['before_annotations']['f1']:.3f} -> {r['after_annotations']['f1']:.3f}")
    if args.json:
        Path(args.json).write_text(json.dumps(rows, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
