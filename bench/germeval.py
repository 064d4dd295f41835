"""Place recognition in running text against an outside gold: GermEval 2014's `LOC` entities.

    python bench/germeval.py [--split test|dev|both] [--errors N] [--corpus DIR]

Each GermEval sentence (Wikipedia and news, 2009-2010) is run alone through the pipeline up to the places
component, as an undated one-sentence article; its place spans (anaphors such as "die Stadt" left out,
since GermEval marks names only) are compared with the outer `B-LOC`/`I-LOC` entities. `LOCderiv`
("deutsche") and `LOCpart` ("Berlin-Korrespondent") are not places in GermEval's sense, nor in ours.

Two matchings are printed: `exact` (the same tokens) and `overlap` (one-to-one, any shared token; the
headline figure, since "südlichen Gazastreifen" for `Gazastreifen` names the right place). Each is given
for every name recognised as a place, and for those alone that the gazetteer also locates (`located only`:
without the `place_name` spans, names the place model takes for places that no gazetteer entry has, such as
streets, which events cannot use). The place model (places/recognise.py) is fitted on the dev split, so dev
figures are in-sample; `lagebild train-places` prints its cross-validated ones, and test is the held-out
measure. The false
places are broken down by what GermEval says they are (a person, an organisation, ...), and `--errors`
lists the most frequent false and missed names. The corpus lives in ../shared/corpora/germeval2014 and
is read from there, never copied.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from lagebild.pipeline import Pipeline
from lagebild.places.germeval import CORPUS, PLACES_PIPELINE, SPLITS, Sentence, matched, read_split, run, score
from lagebild.places.germeval import predicted as predicted_ranges

DEFAULT = CORPUS


def predicted(pipe: Pipeline, sent: Sentence, n: int) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    """The place names the pipeline recognises, as GermEval token ranges: all of them, and those it locates."""
    doc = run(pipe, sent, n)
    return predicted_ranges(doc, sent), predicted_ranges(doc, sent, unlocated=False)


def errors(sents: list[Sentence], preds: list[list[tuple[int, int]]]) -> tuple[Counter, Counter, Counter]:
    """False places by what GermEval calls them, and the most frequent false and missed names."""
    kinds: Counter = Counter()
    false: Counter = Counter()
    missed: Counter = Counter()
    for sent, pred in zip(sents, preds, strict=True):
        pairs = matched(sent.gold, pred, "overlap")
        hit_p = {p for _, p in pairs}
        hit_g = {g for g, _ in pairs}
        words = sent.text.split(" ")
        for p in pred:
            if p in hit_p:
                continue
            tag = sent.tags[p[0]]
            kinds[tag[2:] if tag != "O" else "O (no entity)"] += 1
            false[" ".join(words[p[0] : p[1]]) + f"  [{tag}]"] += 1
        for g in sent.gold:
            if g not in hit_g:
                missed[" ".join(words[g[0] : g[1]])] += 1
    return kinds, false, missed


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--split", choices=("test", "dev", "both"), default="both")
    ap.add_argument("--errors", type=int, default=0, help="list the N most frequent false and missed names")
    ap.add_argument("--corpus", default=str(DEFAULT))
    args = ap.parse_args()
    corpus = Path(args.corpus)
    splits = ["test", "dev"] if args.split == "both" else [args.split]
    missing = [corpus / SPLITS[s] for s in splits if not (corpus / SPLITS[s]).exists()]
    if missing:
        print(f"GermEval 2014 not found: {', '.join(map(str, missing))}", file=sys.stderr)
        return 2
    pipe = Pipeline(names=PLACES_PIPELINE)
    for split in splits:
        sents = read_split(corpus / SPLITS[split])
        t0 = time.perf_counter()
        both = [predicted(pipe, s, n) for n, s in enumerate(sents)]
        dt = time.perf_counter() - t0
        preds = [p for p, _ in both]
        res = score(sents, preds)
        located = score(sents, [p for _, p in both])
        print(f"GermEval 2014 {split}: {len(sents)} sentences, {res['overlap']['gold']} LOC entities, {dt:.1f} s")
        for mode in ("overlap", "exact"):
            for label, r in ((mode, res[mode]), (f"{mode}, located only", located[mode])):
                print(
                    f"  {label:22s} precision {r['precision']:.3f}  recall {r['recall']:.3f}  F1 {r['f1']:.3f}"
                    f"  ({r['tp']} right of {r['pred']} predicted)"
                )
        kinds, false, missed = errors(sents, preds)
        print("  false places by GermEval class: " + ", ".join(f"{k} {v}" for k, v in kinds.most_common()))
        if args.errors:
            print(f"  most frequent false places ({sum(false.values())}):")
            for name, n in false.most_common(args.errors):
                print(f"    {n:3d}  {name}")
            print(f"  most frequent missed LOC ({sum(missed.values())}):")
            for name, n in missed.most_common(args.errors):
                print(f"    {n:3d}  {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
