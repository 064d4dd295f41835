"""`lagebild train-places`: fit the place model (places/recognise.py) on GermEval 2014's dev split.

Every name the places component considers in a dev sentence (with the rules' verdict) is a training
example: a place when it shares a token with a `LOC` entity. A logistic regression (scikit-learn) is
fitted; its regularisation and threshold are chosen together by five-fold cross-validation over blocks
of dev sentences, scored as bench/germeval.py scores (overlap precision and recall over all `LOC`
entities, the names the component never proposes counting as missed), by F0.5. There are three bars
(recognise.BARS): `threshold` for a name the rules turned down, `veto` for one they took, `vouched` for one
they took that the article's geography vouches for. The test split is never read. The
same corpus gives the same file.
"""

from __future__ import annotations

import itertools
import json
from dataclasses import dataclass
from pathlib import Path

from lagebild.lang import Language
from lagebild.pipeline import Pipeline
from lagebild.places.germeval import PLACES_PIPELINE, Sentence, overlaps, predicted, run, token_range
from lagebild.places.recognise import MODEL_FILE, without_model

C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
THRESHOLDS = tuple(round(0.3 + 0.05 * k, 2) for k in range(11))  # 0.30 ... 0.80
# bars for a name the rules took, and for one the article's geography vouches for: the model learned from
# encyclopaedia and news sentences, not from conflict reports, whose places it doubts more often than it should
VETOES = (0.2, 0.3, 0.4, 0.5, 0.6, 0.7)
# none: any bar drops villages of conflict reports the article's geography vouches for ("Iwaniwka im Gebiet
# Saporischschja" scores 0.07-0.10: GermEval's -ka names are mostly surnames); kept as a setting of the file
VOUCHED = (0.0,)
FOLDS = 5
BETA = 0.5  # settings are scored by F0.5: precision counts twice, since a false place moves an event
CREDIT = (
    "Fitted on the dev split of GermEval 2014 NER (D. Benikova, C. Biemann, M. Reznicek: NoSta-D Named Entity "
    "Annotation for German: Guidelines and Dataset, LREC 2014), licensed CC BY 4.0. Rebuild: lagebild train-places."
)


@dataclass
class Examples:
    feats: list[list[str]]
    labels: list[int]
    bars: list[str]  # which bar each name must pass (recognise.BARS)
    groups: list[int]  # the sentence each example comes from
    fixed_tp: list[int]  # per sentence: right places the model does not decide on (lists, seats kept, ...)
    fixed_pred: list[int]  # per sentence: such places in all
    gold: int  # LOC entities in all


def collect(pipe: Pipeline, sents: list[Sentence]) -> Examples:
    """Run every sentence with the rules alone, recording the names considered and their features."""
    finder = pipe.get("places")
    model, finder.model = finder.model, None
    finder.trace = []
    ex = Examples([], [], [], [], [], [], sum(len(s.gold) for s in sents))
    try:
        for n, sent in enumerate(sents):
            start = len(finder.trace)
            doc = run(pipe, sent, n)
            decided = set()
            for _, tok_start, tok_end, bar, feats in finder.trace[start:]:
                rng = token_range(sent, doc.tokens[tok_start].start, doc.tokens[tok_end - 1].end)
                if rng is None:
                    continue
                decided.add(rng)
                ex.feats.append(feats)
                ex.bars.append(bar)
                ex.labels.append(int(any(overlaps(rng, g) for g in sent.gold)))
                ex.groups.append(n)
            others = [r for r in predicted(doc, sent) if r not in decided]
            ex.fixed_pred.append(len(others))
            ex.fixed_tp.append(sum(any(overlaps(r, g) for g in sent.gold) for r in others))
    finally:
        finder.model, finder.trace = model, None
    return ex


def fit(ex: Examples, n_sents: int) -> dict:
    """Choose C and the threshold by cross-validation, then fit on all examples."""
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = DictVectorizer()
    X = vec.fit_transform([dict.fromkeys(f, 1.0) for f in ex.feats])
    y = np.array(ex.labels)
    fold = np.array([g * FOLDS // n_sents for g in ex.groups])
    bars = np.array(ex.bars)
    fixed_tp, fixed_pred = sum(ex.fixed_tp), sum(ex.fixed_pred)
    scores: dict[str, list[float]] = {}  # setting -> cross-validated (precision, recall)
    best: tuple[float, float, float, float, float] | None = None  # (F0.5, C, threshold, veto, vouched)
    for C in C_GRID:
        prob = np.zeros(len(y))
        for k in range(FOLDS):
            train, test = fold != k, fold == k
            clf = LogisticRegression(C=C, max_iter=2000).fit(X[train], y[train])
            prob[test] = clf.predict_proba(X[test])[:, 1]
        for v, w, t in itertools.product(VETOES, VOUCHED, THRESHOLDS):
            bar = np.select([bars == "taken", bars == "vouched"], [v, w], t)
            take = prob >= bar
            tp = int((y[take] == 1).sum()) + fixed_tp
            pred = int(take.sum()) + fixed_pred
            p, r = (tp / pred if pred else 0.0), tp / ex.gold
            f = (1 + BETA**2) * p * r / (BETA**2 * p + r) if p + r else 0.0
            scores[f"C={C} veto={v} vouched={w} threshold={t}"] = [round(p, 4), round(r, 4)]
            if best is None or f > best[0]:
                best = (f, C, t, v, w)
    assert best is not None
    f, C, t, v, w = best
    clf = LogisticRegression(C=C, max_iter=2000).fit(X, y)
    weights = {
        name: round(float(w), 6)
        for name, w in sorted(zip(vec.get_feature_names_out(), clf.coef_[0], strict=True))
        if round(float(w), 6) != 0.0
    }
    cv = scores[f"C={C} veto={v} vouched={w} threshold={t}"]
    return {
        "about": CREDIT,
        "threshold": t,
        "veto": v,
        "vouched": w,
        "intercept": round(float(clf.intercept_[0]), 6),
        "meta": {
            "C": C,
            "examples": len(y),
            "places": int(y.sum()),
            "sentences": n_sents,
            "loc_entities": ex.gold,
            "cv_precision": cv[0],
            "cv_recall": cv[1],
            "cv_f05": round(f, 4),
            "grid": {"C": list(C_GRID), "veto": list(VETOES), "vouched": list(VOUCHED), "threshold": list(THRESHOLDS)},
        },
        "weights": weights,
    }


def default_output(lang: Language) -> Path:
    return lang.path / MODEL_FILE


def train_places(lang: Language, sents: list[Sentence]) -> dict:
    """The place model fitted on these (dev) sentences."""
    with without_model():
        pipe = Pipeline(lang, names=PLACES_PIPELINE, warm=False)
    return fit(collect(pipe, sents), len(sents))


def write(model: dict, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(model, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
