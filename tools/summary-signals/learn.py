#!/usr/bin/env python3
"""A supervised sentence scorer for the summary, cross-validated on the dump of signals.py.

Usage (the rouge venv's python, which has numpy and rouge-score):
  learn.py DUMP.json [--variant NAME ...] [--weights] [--trend]

The whole run, from main's tree (the patch is measurement only, never committed):
  git apply tools/summary-signals/measure.patch && cargo build --release
  cp target/release/pith /tmp/pith-dump && git checkout src/summary.rs
  .make/venv-rouge/bin/python tools/summary-signals/signals.py dump --pith /tmp/pith-dump DUMP.json
  .make/venv-rouge/bin/python tools/summary-signals/learn.py DUMP.json --weights --trend

DUMP.json is `signals.py dump`'s (every article's ranking inputs, from a CLI built with
measure.patch). Nothing is rebuilt: the engine's ranking (`signals.pick`, the leaning rule,
the half-the-article rule) is re-run with the learned score in place of today's, and the
tool first checks that today's score gives the engine's summaries on every article.

Labels: bbc-dev's references are extractive, so a sentence is positive when it is in the
reference; cnndm-dev's are written apart, so its positives are the greedy ROUGE oracle
(sentences added while they raise mean R1/R2 F1 against the highlights, at most 3).

Features (per sentence, none needs a word list of any language; `FEATURES` names them):
today's signals (TextRank centrality, the position prior, the length credit), relative and
absolute position, first of its paragraph and the paragraph's relative index, length in
words, similarity to the first sentence, to the lead (the first three) and to the rest
(degree), shares of tokens with digits and of capitalised words, quotation marks (any;
unpaired), the engine's leaning flag (opening connective or pronoun: the engine's lists,
which fall back to "never" in other languages), the frequency and centroid terms of the
seventh session, today's rank, position × article length, a `?`/`!` or `:` ending.

Folds: bbc-dev's five categories and cnndm-dev's five id groups. Each fold is scored by a
model fitted on the other nine, corpora weighing one half each in the loss. Variants (rules
fixed before any run):
  pooled    L2-regularised logistic regression (L2 1 on standardised features); the score is
            the logit, redundancy weight 1 on that scale (about today's 0.5 on its range).
  residual  today's score plus a learned correction: logit = b·today + w·x + c, b free, w
            under L2 λ; the pick uses logit / b with today's redundancy 0.5, so λ → ∞ is
            today's engine exactly. λ is chosen per held-out fold from LAMBDAS by an inner
            leave-one-fold-out over the other nine (best mean (R1+R2)/2, corpora one half each).
  corpus    as pooled, but fitted on the held-out fold's own corpus only (four folds): a
            measure of what a genre-specific scorer could do, not a candidate (the engine
            cannot tell a page's genre). corpus-soft and corpus-oracle: the same for those two.
  residual-soft  as residual, by ridge regression on the soft label (below); λ from
            SOFT_LAMBDAS (added after the first runs: see BENCHMARKS.md).
  soft      ridge regression (L2 1 on standardised features) on a soft label, each sentence's
            own mean R1/R2 F1 against the reference divided by the article's best sentence's,
            so CNN/DM's 50 articles teach with every sentence, not 131 oracle picks; the score
            is the prediction (about 0..1), redundancy 0.25 (today's 0.5 over its range of
            about 2).
  oracle    as pooled, with greedy-oracle labels on bbc-dev too (the first session's labels).
  count     today's score, but the summary's length a function of the article's: k sentences
            = clamp(round(r · sentences), 2, 6), r from COUNT_SHARES (0 = today's 3), chosen per
            held-out fold by the best objective on the other nine.
"Training" figures are the all-folds model of the variant on every article (tuned-on);
"held out" the per-fold models on their own fold. The final weights, were a variant kept,
would be the all-folds fit by the same rule (for residual: λ by leave-one-fold-out on all ten).
"""

import argparse
import json
import math
import os
import sys

import numpy as np
from rouge_score import rouge_scorer

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
import signals  # noqa: E402
from evaluation import corpora  # noqa: E402

F32 = signals.F32
CORPORA = signals.CORPORA
COUNT_SHARES = (0.0, 0.1, 0.15, 0.2, 0.25)
LAMBDAS = (1.0, 10.0, 100.0, 1000.0, 10000.0)
# residual-soft's, fixed after the residual's grid proved too short (it took its top value).
SOFT_LAMBDAS = (10.0, 100.0, 1000.0, 10000.0, 100000.0, 1000000.0)
FEATURES = (
    "centrality", "position prior", "length credit", "relative position", "first sentence",
    "second sentence", "third sentence", "first of paragraph", "paragraph position",
    "words / 40", "sim. to first", "sim. to lead", "degree", "digit share", "capital share",
    "quote marks", "unpaired quote", "leans", "frequency", "centroid", "1 / (today's rank + 1)",
    "rel. position × length", "first × length", "ends ? or !", "ends :",
)
QUOTES = "\"“”„«»'‘’"


def paragraph_of(article, sentences):
    """Each sentence's paragraph (the text corpora's paragraphs are blank-line separated)."""
    starts, at = [], 0
    for p in article.split("\n\n"):
        at = article.find(p, at)
        starts.append(at)
        at += len(p)
    out, cursor = [], 0
    for s in sentences:
        found = article.find(s[: min(len(s), 40)], cursor)
        if found < 0:
            found = cursor
        cursor = found
        out.append(max(k for k, start in enumerate(starts) if start <= found) if starts else 0)
    return out


def features(d, article):
    """The feature matrix of one article's ranked sentences (float64, rows = sentences)."""
    x = d["engine"]
    n = len(x["sentences"])
    if n == 0:
        return np.zeros((0, len(FEATURES)))
    i = np.arange(n, dtype=float)
    sim = x["sim"].astype(float)
    para = paragraph_of(article, x["sentences"])
    paragraphs = max(para) + 1
    first_of_paragraph = [k == 0 or para[k] != para[k - 1] for k in range(n)]
    rank = np.empty(n)
    rank[np.argsort(-x["scores"], kind="stable")] = np.arange(n)
    size = min(n, 60) / 60
    rows = []
    for k, sentence in enumerate(x["sentences"]):
        tokens = x["tokens"][k] or [""]
        words = sentence.split()
        capitals = sum(1 for w in words[1:] if w[:1].isupper()) / max(len(words) - 1, 1)
        lead = [sim[k, j] for j in range(min(n, 3)) if j != k]
        others = [sim[k, j] for j in range(n) if j != k]
        relative = k / max(n - 1, 1)
        rows.append([
            x["c"][k], 0.4 * math.exp(-k * n / 400.0), min(x["w"][k] / 22.5, 1.0), relative,
            k == 0, k == 1, k == 2, first_of_paragraph[k], para[k] / max(paragraphs - 1, 1),
            min(x["w"][k] / 40.0, 2.0), 1.0 if k == 0 else sim[k, 0], np.mean(lead) if lead else 1.0,
            np.mean(others) if others else 0.0, sum(any(c.isdigit() for c in t) for t in tokens) / len(tokens),
            capitals, any(c in QUOTES for c in sentence), x["q"][k], x["leans"][k], x["freq"][k],
            x["centroid"][k], 1.0 / (rank[k] + 1), relative * size, (k == 0) * size,
            sentence.rstrip(QUOTES + " ")[-1:] in "?!", sentence.rstrip()[-1:] == ":",
        ])
    return np.array(rows, dtype=float)


def oracle(scorer, reference, sentences, most=3):
    """Greedy ROUGE oracle: add the sentence that most raises mean R1/R2 F1, while it rises."""
    chosen, best = [], 0.0
    while len(chosen) < min(most, len(sentences)):
        gains = []
        for k in range(len(sentences)):
            if k not in chosen:
                r = scorer.score(reference, " ".join(sentences[j] for j in sorted(chosen + [k])))
                gains.append(((r["rouge1"].fmeasure + r["rouge2"].fmeasure) / 2, k))
        value, k = max(gains)
        if value <= best:
            break
        chosen.append(k)
        best = value
    return chosen


def ridge(X, y, weight, l2, free=()):
    """Weighted ridge regression; `free` columns and the intercept (last column added here)
    are not penalised."""
    A = np.hstack([X, np.ones((len(X), 1))])
    penalty = np.full(A.shape[1], l2)
    penalty[-1] = 0.0
    for f in free:
        penalty[f] = 0.0
    return np.linalg.solve((A * weight[:, None]).T @ A + np.diag(penalty + 1e-9), A.T @ (weight * y))


def fit(X, y, weight, l2, free=()):
    """Weighted L2 logistic regression by Newton steps; `free` columns are not penalised.
    X is standardised by the caller; the intercept (last column added here) is free."""
    A = np.hstack([X, np.ones((len(X), 1))])
    penalty = np.full(A.shape[1], l2)
    penalty[-1] = 0.0
    for f in free:
        penalty[f] = 0.0
    w = np.zeros(A.shape[1])
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(A @ w, -30, 30)))
        grad = A.T @ (weight * (p - y)) + penalty * w
        hess = (A * (weight * p * (1 - p))[:, None]).T @ A + np.diag(penalty + 1e-9)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


class Data:
    def __init__(self, dump):
        self.docs = signals.load(dump)
        articles, leads = {}, {}
        for name, path in corpora.available(corpora.SHARED, corpora.BUILT):
            if name in CORPORA:
                for doc in corpora.load(name, path, 3):
                    articles[(name, doc["id"])] = doc["article"]
                    leads[(name, doc["id"])] = " ".join(doc["lead"])
        self.scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
        self.X = [features(d, articles[(d["corpus"], d["id"])]) for d in self.docs]
        # The labels cost about 100,000 ROUGE calls (the greedy oracle on bbc-dev): kept beside
        # the dump, and rebuilt when that file is missing or not this dump's.
        cache = dump + ".labels.json"
        stamp = os.path.getsize(dump)
        labels = None
        if os.path.exists(cache):
            with open(cache, encoding="utf-8") as f:
                labels = json.load(f)
            if labels.get("dump_bytes") != stamp:
                labels = None
        if labels is None:
            labels = {"dump_bytes": stamp, "oracle": [], "soft": []}
            for d in self.docs:
                x = d["engine"]
                picked = oracle(self.scorer, d["reference"], x["sentences"])
                labels["oracle"].append([float(k in picked) for k in range(len(x["sentences"]))])
                own = []
                for sentence in x["sentences"]:
                    r = self.scorer.score(d["reference"], sentence)
                    own.append((r["rouge1"].fmeasure + r["rouge2"].fmeasure) / 2)
                top = max(own, default=0.0)
                labels["soft"].append([v / top if top > 0 else v for v in own])
            with open(cache, "w", encoding="utf-8") as f:
                json.dump(labels, f)
        self.oracle = [np.array(v, dtype=float) for v in labels["oracle"]]
        self.soft = [np.array(v, dtype=float) for v in labels["soft"]]
        self.y = [np.array(signals.in_reference(d), dtype=float) if d["corpus"] == "bbc-dev" else self.oracle[k]
                  for k, d in enumerate(self.docs)]
        self.folds = sorted({(d["corpus"], d["fold"]) for d in self.docs})
        self.cache = {}
        self.lead = [self.rouge(k, leads[(d["corpus"], d["id"])]) for k, d in enumerate(self.docs)]

    def rouge(self, k, text):
        key = (k, text)
        if key not in self.cache:
            r = self.scorer.score(self.docs[k]["reference"], text)
            # R1, R2 (F1 × 100) and the summary's length in words.
            self.cache[key] = (100 * r["rouge1"].fmeasure, 100 * r["rouge2"].fmeasure, len(text.split()))
        return self.cache[key]

    def indices(self, folds):
        return [k for k, d in enumerate(self.docs) if (d["corpus"], d["fold"]) in folds]


def summarize(x, score, redundancy, n=3):
    """`signals.summarize` with a given score: fewer sentences while the picks are half the article."""
    for k in range(min(n, x["all"]), 0, -1):
        picked = signals.pick(x, score, k, redundancy)
        if F32(sum(x["words"][i] for i in picked)) < F32(0.5) * F32(x["article_words"]):
            return [x["shown"][i] for i in picked]
    return []


class Model:
    """A fitted variant: standardisation, weights, and how its score feeds the pick."""

    def __init__(self, data, train, variant, l2):
        self.variant = variant
        X = np.vstack([data.X[k] for k in train])
        labels = {"soft": data.soft, "residual-soft": data.soft, "oracle": data.oracle}.get(variant, data.y)
        y = np.concatenate([labels[k] for k in train])
        # Each corpus weighs one half of the loss, whatever its sentence count.
        weight = np.concatenate([np.full(len(data.y[k]), 1.0) for k in train])
        corpus = np.concatenate([np.full(len(data.y[k]), data.docs[k]["corpus"] == "bbc-dev") for k in train])
        for flag in (True, False):
            if (corpus == flag).any():
                weight[corpus == flag] *= 0.5 * len(y) / (corpus == flag).sum()
        self.mean, self.sd = X.mean(0), X.std(0) + 1e-9
        Z = (X - self.mean) / self.sd
        if variant.startswith("residual"):
            today = np.concatenate([data.docs[k]["engine"]["scores"].astype(float) for k in train])
            Z = np.hstack([today[:, None], Z])
            self.w = (fit if variant == "residual" else ridge)(Z, y, weight, l2, free=(0,))
        elif variant == "soft":
            self.w = ridge(Z, y, weight, l2)
        else:
            self.w = fit(Z, y, weight, l2)

    def score(self, data, k):
        x = data.docs[k]["engine"]
        Z = (data.X[k] - self.mean) / self.sd
        if self.variant.startswith("residual"):
            b = self.w[0] if self.w[0] > 1e-6 else 1e-6
            logit = x["scores"].astype(float) * self.w[0] + Z @ self.w[1:-1] + self.w[-1]
            score, redundancy = logit / b, 0.5
        elif self.variant == "soft":
            score, redundancy = Z @ self.w[:-1] + self.w[-1], 0.25
        else:
            score, redundancy = Z @ self.w[:-1] + self.w[-1], 1.0
        # Fragments stay below every full sentence, as in the engine.
        score = np.where(x["w"] < 8, score - 100.0, score)
        return score.astype(F32), redundancy

    def rouge(self, data, k):
        score, redundancy = self.score(data, k)
        return data.rouge(k, " ".join(summarize(data.docs[k]["engine"], score, redundancy)))


def objective(data, rouge, idx):
    """Mean (R1+R2)/2 over the indices, corpora one half each (as signals.py grid)."""
    total = 0.0
    for corpus in CORPORA:
        part = [(rouge[k][0] + rouge[k][1]) / 2 for k in idx if data.docs[k]["corpus"] == corpus]
        total += np.mean(part) / 2 if part else 0.0
    return total


def held_out(data, variant, folds, train_folds_of):
    """ROUGE of every article of `folds`, each fold by a model fitted on train_folds_of(fold)."""
    out = {}
    chosen = {}
    for fold in folds:
        train = data.indices(train_folds_of(fold))
        l2 = 1.0
        if variant.startswith("residual"):
            inner = train_folds_of(fold)

            def inner_score(lam):
                r = {}
                for f in inner:
                    m = Model(data, data.indices([g for g in inner if g != f]), variant, lam)
                    for k in data.indices([f]):
                        r[k] = m.rouge(data, k)
                return objective(data, r, list(r))

            l2 = max(lambdas(variant), key=inner_score)
        chosen[fold] = l2
        model = Model(data, train, variant, l2)
        for k in data.indices([fold]):
            out[k] = model.rouge(data, k)
    return out, chosen


def lambdas(variant):
    return LAMBDAS if variant == "residual" else SOFT_LAMBDAS


def cross_validated(data, variant, lam):
    """A residual variant's objective at λ, each of the ten folds scored by the other nine."""
    rouge = {}
    for fold in data.folds:
        model = Model(data, data.indices([g for g in data.folds if g != fold]), variant, lam)
        for k in data.indices([fold]):
            rouge[k] = model.rouge(data, k)
    return objective(data, rouge, list(rouge))


def count_rouge(data, share):
    """Today's ranking with k = clamp(round(share · sentences), 2, 6) sentences (share 0: 3)."""
    out = {}
    for k, d in enumerate(data.docs):
        x = d["engine"]
        n = 3 if share == 0 else min(max(round(share * x["all"]), 2), 6)
        out[k] = data.rouge(k, " ".join(summarize(x, x["scores"], 0.5, n)))
    return out


def report(data, label, rouge, training, today, chosen=None):
    print(f"\n{label}")
    print(f"  {'fold':<26} {'n':>5} {'train R1':>9} {'held R1':>8} {'held R2':>8} {'today R1':>9} {'today R2':>9} {'Lead-3 R1':>10}")
    for fold in data.folds:
        idx = data.indices([fold])
        extra = f"  (chosen: {chosen[fold]:g})" if chosen else ""
        print(f"  {' '.join(fold):<26} {len(idx):>5} {np.mean([training[k][0] for k in idx]):9.2f} "
              f"{np.mean([rouge[k][0] for k in idx]):8.2f} {np.mean([rouge[k][1] for k in idx]):8.2f} "
              f"{np.mean([today[k][0] for k in idx]):9.2f} {np.mean([today[k][1] for k in idx]):9.2f} "
              f"{np.mean([data.lead[k][0] for k in idx]):10.2f}{extra}")
    for corpus in CORPORA:
        idx = [k for k, d in enumerate(data.docs) if d["corpus"] == corpus]
        cells = [signals.mean_se(src[k][m] for k in idx) for src in (training, rouge, today, data.lead) for m in (0, 1)]
        gain = signals.mean_se(rouge[k][0] - today[k][0] for k in idx)
        gain_lead = signals.mean_se(rouge[k][0] - data.lead[k][0] for k in idx)
        print(f"  {corpus + ', all':<26} {len(idx):>5} training R1 {cells[0][0]:.2f} ± {cells[0][1]:.2f} R2 {cells[1][0]:.2f}; "
              f"held out R1 {cells[2][0]:.2f} ± {cells[2][1]:.2f} R2 {cells[3][0]:.2f} ± {cells[3][1]:.2f}; "
              f"today R1 {cells[4][0]:.2f} ± {cells[4][1]:.2f} R2 {cells[5][0]:.2f} ± {cells[5][1]:.2f}; "
              f"Lead-3 R1 {cells[6][0]:.2f} ± {cells[6][1]:.2f} R2 {cells[7][0]:.2f}; "
              f"held − today R1 {gain[0]:+.2f} ± {gain[1]:.2f}; held − Lead-3 {gain_lead[0]:+.2f} ± {gain_lead[1]:.2f}; "
              f"summary words held out {np.mean([rouge[k][2] for k in idx]):.1f}, today {np.mean([today[k][2] for k in idx]):.1f}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dump")
    parser.add_argument("--variant", action="append", choices=("pooled", "residual", "residual-soft", "corpus", "corpus-soft", "corpus-oracle", "soft", "oracle", "count"))
    parser.add_argument("--weights", action="store_true", help="print each variant's all-folds weights")
    parser.add_argument("--trend", action="store_true",
                        help="residual, residual-soft: the ten-fold objective and R1 at each λ, their grid and beyond (1e12 ≈ today's)")
    args = parser.parse_args()
    data = Data(args.dump)
    today = {}
    mismatched = 0
    for k, d in enumerate(data.docs):
        x = d["engine"]
        shown = summarize(x, x["scores"], 0.5)
        mismatched += shown != d["summary"]
        today[k] = data.rouge(k, " ".join(shown))
    print(f"simulation check: today's score gives the engine's summary on {len(data.docs) - mismatched} of {len(data.docs)} articles")
    if mismatched:
        sys.exit("learn: the simulation does not reproduce the engine")
    positives = {c: (sum(data.y[k].sum() for k, d in enumerate(data.docs) if d["corpus"] == c),
                     sum(len(data.y[k]) for k, d in enumerate(data.docs) if d["corpus"] == c)) for c in CORPORA}
    print("labels: " + ", ".join(f"{c} {int(p)} positive of {t} sentences" for c, (p, t) in positives.items()))
    everything = data.indices(data.folds)
    for variant in ("residual", "residual-soft") if args.trend else ():
        print(f"{variant}, each fold scored by the other nine: λ, objective, R1 per corpus (today's: "
              f"{objective(data, today, everything):.3f})")
        for lam in sorted(set(lambdas(variant) + (1e5, 1e6, 1e12))):
            rouge = {}
            for fold in data.folds:
                model = Model(data, data.indices([g for g in data.folds if g != fold]), variant, lam)
                rouge.update({k: model.rouge(data, k) for k in data.indices([fold])})
            print(f"  λ {lam:g}: {objective(data, rouge, everything):.3f}, " + ", ".join(
                f"{c} R1 {np.mean([rouge[k][0] for k in everything if data.docs[k]['corpus'] == c]):.2f}" for c in CORPORA))
    for variant in args.variant or ("pooled", "residual", "residual-soft", "corpus", "soft", "oracle", "corpus-soft",
                                        "corpus-oracle", "count"):
        if variant == "count":
            by_share = {share: count_rouge(data, share) for share in COUNT_SHARES}
            rouge, chosen = {}, {}
            for fold in data.folds:
                rest = data.indices([g for g in data.folds if g != fold])
                chosen[fold] = max(COUNT_SHARES, key=lambda share: objective(data, by_share[share], rest))
                rouge.update({k: by_share[chosen[fold]][k] for k in data.indices([fold])})
            final = max(COUNT_SHARES, key=lambda share: objective(data, by_share[share], everything))
            print(f"\ncount: share for all ten folds {final:g}; on all articles: " + ", ".join(
                f"{share:g}: " + " / ".join(f"{np.mean([by_share[share][k][0] for k in data.indices([g for g in data.folds if g[0] == c])]):.2f}"
                                           for c in CORPORA) for share in COUNT_SHARES))
            report(data, "variant count (R1 bbc-dev / cnndm-dev above)", rouge, by_share[final], today, chosen)
            continue
        if variant.startswith("corpus"):
            base = variant.split("-", 1)[1] if "-" in variant else "pooled"
            rouge, chosen = held_out(data, base, data.folds,
                                     lambda f: [g for g in data.folds if g[0] == f[0] and g != f])
            models = {c: Model(data, data.indices([g for g in data.folds if g[0] == c]), base, 1.0) for c in CORPORA}
            training = {k: models[data.docs[k]["corpus"]].rouge(data, k) for k in everything}
            final = models["bbc-dev"]
        else:
            rouge, chosen = held_out(data, variant, data.folds, lambda f: [g for g in data.folds if g != f])
            # The final λ by the same rule as each fold's: leave one fold out, here over all ten.
            l2 = max(lambdas(variant), key=lambda lam: cross_validated(data, variant, lam)) if variant.startswith("residual") else 1.0
            final = Model(data, everything, variant, l2)
            training = {k: final.rouge(data, k) for k in everything}
            if variant.startswith("residual"):
                print(f"\n{variant}: λ for the all-folds model {l2:g}")
        report(data, f"variant {variant}", rouge, training, today, chosen if variant.startswith("residual") else None)
        if args.weights:
            names = (("today's score",) if variant.startswith("residual") else ()) + FEATURES + ("intercept",)
            print("  weights (standardised features): " + ", ".join(f"{n} {w:+.2f}" for n, w in zip(names, final.w)))


if __name__ == "__main__":
    main()
