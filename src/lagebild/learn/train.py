"""`lagebild train`: fit the event model on the project's annotations and write it into the package.

Every candidate event the extractor weighs in a training article is labelled by the gold: true when a
gold event (required or optional) of its type reads the same sentence and agrees on date and place as
the referee matches them (`evaluate/scoring.py`), else false. Candidates from the train half of the
corpus's off-topic sections (sport, culture, business ...) are all false. A logistic regression over
their features (events/features.py) is fitted with scikit-learn; its regularisation and the threshold
are chosen by cross-validation grouped by article, so that no article is judged by a model that saw it.
The result is a JSON file of weights (events/model.py), deterministic to apply and small to ship.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lagebild.doc import Article, Doc
from lagebild.evaluate.scoring import dates_compatible, evidence_overlaps, location_ok, score
from lagebild.events.model import MODEL_FILE, EventModel
from lagebild.pipeline import Pipeline

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLDS = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8)
FOLDS = 5
NOISE = 0.01  # event F1 differences below this are not told apart by cross-validation here


@dataclass
class Examples:
    features: list[dict[str, float]]
    labels: list[int]
    groups: list[str]

    def __len__(self) -> int:
        return len(self.labels)


def label(candidate: dict, gold: list[dict]) -> int:
    """1 when a gold event of the candidate's type reads its sentence and agrees on date and place."""
    pred = {"evidence": [{"start": candidate["start"], "end": candidate["end"]}]}
    for g in gold:
        if (
            g.get("event_type") == candidate["event_type"]
            and evidence_overlaps(g, pred)
            and dates_compatible(g.get("date"), candidate["date"])
            and location_ok(g.get("location"), candidate["location"])
        ):
            return 1
    return 0


def prepare(pipe: Pipeline, articles: Iterable[Article]) -> list[Doc]:
    """Every article read up to the events stage, once: the model is then tried on the same docs many times."""
    stages = [c for n, c in zip(pipe.names, pipe.components, strict=True) if n not in ("events", "claims")]
    docs = []
    for art in articles:
        doc = Doc(article=art)
        for comp in stages:
            doc = comp(doc)
        docs.append(doc)
    return docs


def extract_events(pipe: Pipeline, doc: Doc) -> Doc:
    """Run the events stage (again) on a prepared doc."""
    doc.events, doc.claims, doc.candidates = [], [], []
    return pipe.get("events")(doc)


def collect(pipe: Pipeline, gold: dict[str, list[dict]], docs: list[Doc]) -> Examples:
    """Every candidate of every doc, kept or not, with its features and label (no gold: none is true)."""
    events = pipe.get("events")
    events.keep_all = True
    ex = Examples([], [], [])
    try:
        for doc in docs:
            for cand in extract_events(pipe, doc).candidates:
                if cand["vetoed"]:
                    continue  # never kept, whatever the model says: nothing to learn from
                ex.features.append(cand["features"])
                ex.labels.append(label(cand, gold.get(doc.article.id, [])))
                ex.groups.append(doc.article.id)
    finally:
        events.keep_all = False
    return ex


def _best_threshold(probs, labels) -> tuple[float, float]:
    """The threshold with the best F1 of the true candidates, and that F1."""
    pairs = sorted(zip(probs, labels, strict=True), reverse=True)
    total = sum(labels)
    best, tp, fp = (0.0, 0.5), 0, 0
    for p, y in pairs:
        tp, fp = tp + y, fp + (1 - y)
        f1 = 2 * tp / (tp + fp + total) if total else 0.0
        if f1 > best[0]:
            best = (f1, p)
    return best[1], best[0]


def _logistic(c: float):
    from sklearn.linear_model import LogisticRegression

    return LogisticRegression(C=c, max_iter=5000, class_weight="balanced")


def _as_model(vec, fitted, threshold: float) -> EventModel:
    names = vec.get_feature_names_out()
    weights = {str(n): float(w) for n, w in zip(names, fitted.coef_[0], strict=True) if abs(w) > 1e-9}
    return EventModel(weights, float(fitted.intercept_[0]), threshold)


def train(pipe: Pipeline, gold: dict[str, list[dict]], docs: list[Doc], select_on: set[str] | None = None) -> dict:
    """Fit the event model; the model (as a dict for `write`) with its cross-validated scores.

    `select_on` names the articles whose cross-validated events choose the threshold (default: all with
    candidates): the annotated news like the news the product meets, not gold sets tuned on by hand.

    The regularisation and the threshold are chosen together by the events' F1 as the referee scores
    them, each article extracted by a model fitted without it: the model that keeps the most true events
    of many read sentences, not only the most true candidates.
    """
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.model_selection import GroupKFold

    ex = collect(pipe, gold, docs)
    vec = DictVectorizer(sparse=True, sort=True)
    x = vec.fit_transform(ex.features)
    y = np.array(ex.labels)
    groups = np.array(ex.groups)
    folds = list(GroupKFold(n_splits=FOLDS).split(x, y, groups))
    by_c = {}
    for c in C_GRID:
        oof = np.zeros(len(y))
        for tr, te in folds:
            oof[te] = _logistic(c).fit(x[tr], y[tr]).predict_proba(x[te])[:, 1]
        by_c[c] = _best_threshold(oof.tolist(), y.tolist())[1]
    # the regularisation and the threshold together, by the events the pipeline extracts from held-out
    # articles as the referee scores them (the candidates' F1 above is reported, not chosen by)
    with_candidates = {g for g in ex.groups}
    by_id = {d.article.id: d for d in docs if d.article.id in with_candidates}
    judged = [aid for aid in by_id if select_on is None or aid in select_on or aid not in gold]
    events = pipe.get("events")
    saved = events.model
    by_ct: dict[float, dict[float, Any]] = {}
    try:
        for c in C_GRID:
            predicted: dict[float, dict[str, list[dict]]] = {t: {} for t in THRESHOLDS}
            for tr, te in folds:
                fitted = _logistic(c).fit(x[tr], y[tr])
                for t in THRESHOLDS:
                    events.model = _as_model(vec, fitted, t)
                    for aid in sorted(set(groups[te].tolist())):
                        predicted[t][aid] = extract_events(pipe, by_id[aid]).events
            by_ct[c] = {t: score({aid: gold.get(aid, []) for aid in judged}, predicted[t]) for t in THRESHOLDS}
    finally:
        events.model = saved
    # the curve is noisy between neighbouring thresholds and may fall off a cliff right after its peak:
    # take the threshold whose neighbourhood (itself and the thresholds beside it) scores best on average,
    # so that an article more or less does not tip it over the edge
    # and of the regularisations that score within a point of the best, the strongest: differences that
    # small are noise on a few hundred articles, and the simpler model is the safer one on unseen news
    best_of = {k: max(_neighbourhood(by_ct[k], t) for t in THRESHOLDS) for k in C_GRID}
    c = min(k for k in C_GRID if best_of[k] >= max(best_of.values()) - NOISE)
    threshold = max(THRESHOLDS, key=lambda t: (_neighbourhood(by_ct[c], t), -t))
    scored = by_ct[c]
    best = scored[threshold]
    final = _as_model(vec, _logistic(c).fit(x, y), threshold)
    weights = {k: round(v, 6) for k, v in sorted(final.weights.items(), key=lambda kv: -abs(kv[1]))}
    return {
        "weights": weights,
        "intercept": round(final.intercept, 6),
        "threshold": threshold,
        "meta": {
            "trained": dt.date.today().isoformat(),
            "candidates": len(y),
            "true": int(y.sum()),
            "articles": len(set(ex.groups)),
            "C": c,
            "cv_candidate_f1": {str(k): round(v, 4) for k, v in by_c.items()},
            "cv_event_f1": {str(t): round(scored[t].f1, 4) for t in THRESHOLDS},
            "cv_event_f1_by_C": {str(k): round(max(v[t].f1 for t in THRESHOLDS), 4) for k, v in by_ct.items()},
            "cv_event_precision": round(best.precision, 4),
            "cv_event_recall": round(best.recall, 4),
        },
    }


def _neighbourhood(scored: dict, t: float) -> float:
    """The mean event F1 of threshold `t` and the thresholds on either side of it in `THRESHOLDS`."""
    k = THRESHOLDS.index(t)
    near = THRESHOLDS[max(0, k - 1) : k + 2]
    return sum(scored[u].f1 for u in near) / len(near)


def default_output(pipe: Pipeline) -> Path:
    return pipe.lang.path / MODEL_FILE


def write(model: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
