#!/usr/bin/env python3
"""Fits the article-page model of `src/extract/article_page.rs` (issue 18).

    python3 tools/quality/article_page.py [--write]

Readability's check says "article" for any page with a few long paragraphs; Pith then
asks a small logistic model whether the page around the extracted article is shaped like
an article page. This script:

1. runs `target/release/examples/readerable --features` on every page of
   `tests/readerable/labels.tsv` (the features of pages Readability's check already
   refuses are null: the model never sees them);
2. fits an L2-regularised logistic regression, classes weighted to equal weight, on the
   `train` split only (news-dev, multilingual-dev and Readability pages of training folds
   0-2, and the written training pages);
3. reports leave-one-group-out figures inside the training split (every kind of
   written page -- home, search, login… -- judged by a model that never saw its kind; the
   corpus pages in 3 groups), then the `validation` split (corpus pages of folds 3-4,
   other sites) and the `heldout` written pages, neither tuned on;
4. with `--write`, replaces the weights, means, scales and threshold in
   `src/extract/article_page.rs`.

The threshold is the largest log-odds that keeps `MIN_TRAIN_RECALL` of the training
articles: a refused article costs a reader one click, a covered home page costs trust.

Standard library only. Deterministic (Newton's method from zeros).
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import readerable  # noqa: E402

ROOT = readerable.ROOT
EXAMPLE = Path(os.environ.get("READERABLE_BIN", readerable.EXAMPLE))  # a copy, while cargo rebuilds
RUST = ROOT / "src" / "extract" / "article_page.rs"
CACHE = ROOT / "bench-out" / "article_page_features.json"  # --cached reuses it
NAMES = [
    "ln(1 + article chars), CJK x3",
    "article chars / page chars",
    "ln(1 + mean paragraph chars)",
    "share of the article's headings linked on the page",
    "the article's linked headings / paragraphs",
    "page link chars / page chars",
    "ln(1 + linked headings on the page)",
    "ln(1 + <time> elements on the page)",
    "og:type article (+1) / other (-1)",
    "publication time known",
]
L2 = 0.1  # ridge penalty on the standardised weights (not the bias), per page
NEWTON_STEPS = 25
MIN_TRAIN_RECALL = 0.995


def features(rows, cache):
    files = [str(ROOT / r["path"]) for r in rows]
    if cache and CACHE.exists():
        out = json.loads(CACHE.read_text())
        if all(f in out for f in files):
            return [out[f] for f in files]
    out = {}
    for i in range(0, len(files), 200):
        chunk = files[i : i + 200]
        proc = subprocess.run([str(EXAMPLE), "--features", *chunk], capture_output=True, text=True, check=True)
        for line in proc.stdout.split("\n"):
            if line.strip():
                rec = json.loads(line)
                out[rec["file"]] = rec.get("features")
    CACHE.parent.mkdir(exist_ok=True)
    CACHE.write_text(json.dumps(out))
    return [out.get(f) for f in files]


def standardise(xs):
    n = len(xs[0])
    means = [sum(x[j] for x in xs) / len(xs) for j in range(n)]
    scales = [math.sqrt(sum((x[j] - means[j]) ** 2 for x in xs) / len(xs)) or 1.0 for j in range(n)]
    return means, scales


def fit(xs, ys):
    """Weights (standardised features, bias last), means, scales: Newton's method on the
    class-weighted, L2-penalised log-likelihood (the bias not penalised)."""
    means, scales = standardise(xs)
    zs = [[(v - m) / s for v, m, s in zip(x, means, scales)] + [1.0] for x in xs]
    n = len(zs[0])
    pos = sum(ys)
    weight = {1: len(ys) / (2 * pos), 0: len(ys) / (2 * (len(ys) - pos))}
    w = [0.0] * n
    for _ in range(NEWTON_STEPS):
        grad = [L2 * len(ys) * w[j] if j < n - 1 else 0.0 for j in range(n)]
        hess = [[(L2 * len(ys) if i == j and i < n - 1 else 0.0) for j in range(n)] for i in range(n)]
        for z, y in zip(zs, ys):
            t = sum(wj * zj for wj, zj in zip(w, z))
            p = 1 / (1 + math.exp(-max(-30, min(30, t))))
            g, h = weight[y] * (p - y), weight[y] * p * (1 - p)
            for i in range(n):
                grad[i] += g * z[i]
                hz = h * z[i]
                row = hess[i]
                for j in range(n):
                    row[j] += hz * z[j]
        step = solve(hess, grad)
        w = [wj - sj for wj, sj in zip(w, step)]
    return w, means, scales


def solve(a, b):
    """x with a·x = b (Gaussian elimination with partial pivoting; a is small)."""
    n = len(b)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        p = max(range(c, n), key=lambda r: abs(m[r][c]))
        m[c], m[p] = m[p], m[c]
        for r in range(c + 1, n):
            f = m[r][c] / m[c][c]
            for k in range(c, n + 1):
                m[r][k] -= f * m[c][k]
    x = [0.0] * n
    for r in range(n - 1, -1, -1):
        x[r] = (m[r][n] - sum(m[r][k] * x[k] for k in range(r + 1, n))) / m[r][r]
    return x


def log_odds(model, x):
    w, means, scales = model
    return sum(wj * (v - m) / s for wj, v, m, s in zip(w, x, means, scales)) + w[-1]


def threshold(model, xs, ys):
    scores = sorted(log_odds(model, x) for x, y in zip(xs, ys) if y == 1)
    keep = math.ceil(MIN_TRAIN_RECALL * len(scores))
    return scores[len(scores) - keep] - 1e-6 if scores else 0.0


def judged(rows, feats, decide):
    """Is each page taken for an article: Readability's gate (features present) and the model."""
    return [f is not None and decide(f) for f in feats]


def summary(rows, answers, title):
    def rate(sel):
        sel = list(sel)
        return f"{sum(sel)}/{len(sel)} = {sum(sel) / len(sel):.3f}" if sel else "—"

    print(f"\n{title}")
    for split in ("train", "validation", "heldout"):
        pick = [(r, a) for r, a in zip(rows, answers) if r["split"] == split]
        if not pick:
            continue
        news = rate(a for r, a in pick if r["group"] == "news")
        multi = rate(a for r, a in pick if r["group"] == "multilingual")
        readability = rate(a for r, a in pick if r["group"] == "readability")
        written = rate(a for r, a in pick if r["label"] == "article" and r["path"].startswith("tests/"))
        refused = rate(not a for r, a in pick if r["label"] == "not-article")
        print(f"  {split:10} recall news {news}, multilingual {multi}, readability {readability}, written articles {written}; "
              f"non-articles refused {refused}")


def cv_group(row):
    if row["path"].startswith("tests/"):
        return row["group"] if row["label"] == "not-article" else "written-articles"
    return f"corpus-{zlib.crc32(row['path'].encode()) % 3}"


def write_rust(model, cut):
    w, means, scales = model
    fmt = lambda xs: "[" + ", ".join(f"{v:.4}" for v in xs) + "]"  # noqa: E731
    src = RUST.read_text(encoding="utf-8")
    src = re.sub(r"const WEIGHTS: \[f32; FEATURE_COUNT \+ 1\] =\s*\[[^\]]*\];",
                 f"const WEIGHTS: [f32; FEATURE_COUNT + 1] = {fmt(w)};", src)
    src = re.sub(r"const MEANS: \[f32; FEATURE_COUNT\] =\s*\[[^\]]*\];", f"const MEANS: [f32; FEATURE_COUNT] = {fmt(means)};", src)
    src = re.sub(r"const SCALES: \[f32; FEATURE_COUNT\] =\s*\[[^\]]*\];",
                 f"const SCALES: [f32; FEATURE_COUNT] = {fmt(scales)};", src)
    src = re.sub(r"const THRESHOLD: f32 = [^;]*;", f"const THRESHOLD: f32 = {cut:.4};", src)
    RUST.write_text(src, encoding="utf-8")
    subprocess.run(["cargo", "fmt", "--", str(RUST)], cwd=ROOT, check=False)
    print(f"\nwrote {RUST.relative_to(ROOT)} (rebuild, then make eval-readerable)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="write the fitted model into src/extract/article_page.rs")
    ap.add_argument("--cached", action="store_true", help=f"reuse the features in {CACHE.relative_to(ROOT)}")
    args = ap.parse_args()
    if not EXAMPLE.exists():
        sys.exit(f"{EXAMPLE} missing: cargo build --release --example readerable")
    rows = [r for r in readerable.read_labels(readerable.LABELS) if (ROOT / r["path"]).exists()]
    feats = features(rows, args.cached)
    summary(rows, [f is not None for f in feats], "Readability's check alone (the gate):")

    train = [(r, f) for r, f in zip(rows, feats) if r["split"] == "train" and f is not None]
    # Leave one group out inside the training split.
    groups = sorted({cv_group(r) for r, _ in train})
    cv_answer = {}
    for g in groups:
        fit_rows = [(r, f) for r, f in train if cv_group(r) != g]
        xs, ys = [f for _, f in fit_rows], [int(r["label"] == "article") for r, _ in fit_rows]
        model = fit(xs, ys)
        cut = threshold(model, xs, ys)
        for r, f in train:
            if cv_group(r) == g:
                cv_answer[r["path"]] = log_odds(model, f) > cut
    train_rows = [r for r in rows if r["split"] == "train"]
    summary(train_rows, [cv_answer.get(r["path"], False) for r in train_rows],
            "Leave one group out inside the training split (each kind of written page judged unseen):")

    xs, ys = [f for _, f in train], [int(r["label"] == "article") for r, _ in train]
    model = fit(xs, ys)
    cut = threshold(model, xs, ys)
    summary(rows, judged(rows, feats, lambda f: log_odds(model, f) > cut),
            "The model fitted on the whole training split (train: tuned on; validation, heldout: not):")
    print("\nweights (standardised features):")
    for name, w in zip(NAMES, model[0]):
        print(f"  {w:+.3f}  {name}")
    print(f"  {model[0][-1]:+.3f}  bias; threshold {cut:.3f}")
    misses = [(r["split"], r["path"].split("/")[-1], round(log_odds(model, f), 2))
              for r, f in zip(rows, feats) if f is not None and r["split"] != "heldout"
              and (log_odds(model, f) > cut) != (r["label"] == "article")]
    print("\nmisses (train and validation):")
    for m in misses:
        print("  ", *m)
    if args.write:
        write_rust(model, cut)


if __name__ == "__main__":
    main()
