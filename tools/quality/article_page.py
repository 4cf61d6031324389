#!/usr/bin/env python3
"""Fits the article-page model of `src/extract/article_page.rs` (issue 18).

    python3 tools/quality/article_page.py [--cached] [--write] [--automatic-only] [--trade] [--engine]

Pith asks a small logistic model whether a page is an article page, over the page's
shape and the article extracted from it (Readability's own check is no longer used).
This script:

1. runs `target/release/examples/readerable --features` on every page of
   `tests/readerable/labels.tsv` and of `tools/quality/real_pages.tsv` (real pages kept out
   of the repository, fetched by `tools/quality/real_pages.py`; skipped, with a note, when
   absent) (null when nothing is extracted: never an article);
2. folds: every page has one in its note, grouped by site (corpus pages: their site's
   fold in `tools/quality/folds.json`; written pages: each its own invented site,
   crc32(name) % 5; real pages: crc32(site) % 5). Folds 0-2 train, folds 3-4 validate;
3. chooses two thresholds on the training folds alone, by leave-one-fold-out among them
   (each training page scored by a model that never saw its site): automatic mode's, the
   highest cut that keeps `TARGET_RECALL` of the news-dev and written articles (automatic
   mode must not cover a page that is not an article; a page it skips costs a reader one
   click), and a click's, the highest that keeps `TARGET_RECALL` of the multilingual-dev
   articles too (a reader who clicks asked for the article);
4. fits L2-regularised logistic regression (classes weighted to equal weight) on folds
   0-2 and reports training (fitted on: said so), the leave-one-fold-out figures inside
   training, and the validation folds 3-4 (never fitted or tuned on); then, as a second
   estimate on more pages, a 5-fold grouped cross-validation (every page judged by a
   model fitted, threshold included, on the four folds without its site);
5. automatic mode also reads the page's address (sixth session): never a site's front page
   (the front-page rule), and an additive term over five 0/1 shapes of the address
   (`ADDRESS_NAMES`, computed by the engine), fitted after the page model with each training
   page's out-of-fold log-odds as its offset. Pages get the address they were saved from
   (`readerable.address_of`); written pages have none, and then the page model decides alone.
   Automatic mode is reported three ways (`MODES`): the page model alone (main before), with
   the front-page rule, with the rule and the term;
6. with `--write`, replaces the weights, means, scales, the address term and both
   thresholds in `src/extract/article_page.rs` (the model fitted on folds 0-2);
7. with `--trade` (seventh session), also sweeps automatic mode's cut on what the engine compares
   (log-odds plus the address term) on the training folds out of fold, and reports the validation
   folds and a 5-fold CV at the lowest cut refusing `TARGET_SPECIFICITY` of the training
   non-articles: what meeting 0.97 would cost in articles (not written into the engine);
8. with `--engine`, fits nothing: counts the engine's own automatic answers on every page, by fold.

Standard library only. Deterministic (Newton's method from zeros).
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import readerable  # noqa: E402

ROOT = readerable.ROOT
EXAMPLE = Path(os.environ.get("READERABLE_BIN", readerable.EXAMPLE))  # a copy, while cargo rebuilds
RUST = ROOT / "src" / "extract" / "article_page.rs"
CACHE = ROOT / "bench-out" / "article_page_features.json"  # --cached reuses it
# Real pages (saved by two crawler projects: home pages, fronts, forum indexes, listings, logins,
# searches), kept out of the repository: `python3 tools/quality/real_pages.py` fetches them.
REAL_LABELS = ROOT / "tools" / "quality" / "real_pages.tsv"
REAL_PAGES = Path(os.environ.get("PITH_REAL_PAGES", ROOT.parent / "readerable-real"))
NAMES = [
    "ln(1 + article chars), CJK x3",
    "article chars / page chars",
    "ln(1 + article paragraphs)",
    "ln(1 + mean paragraph chars)",
    "ln(1 + Readability score of the article's paragraphs)",
    "ln(1 + article headings)",
    "article headings / paragraphs",
    "page link chars / page chars",
    "ln(1 + <time> elements on the page)",
    "ln(1 + <article> elements on the page)",
    "ln(1 + form fields on the page)",
    "a dialog on the page",
    "og:type article (+1) / other (-1)",
    "publication time known",
    "byline known",
    "article link chars / article chars",
    "ln(1 + longest run of prose paragraphs' chars)",
    "a password field on the page",
    "ln(1 + text nodes in linked headings on the page)",
    "JSON-LD: an article type (+1) / a listing type (-1)",
]
L2 = 0.1  # ridge penalty on the standardised weights (not the bias), per page
NEWTON_STEPS = 25
TARGET_SPECIFICITY = readerable.TARGET_SPECIFICITY
TARGET_RECALL = readerable.TARGET_RECALL
CUTS = [c / 4 for c in range(-12, 13)]  # the thresholds tried, log-odds -3 to 3
TRAINING_FOLDS = (0, 1, 2)
# The address features after the front, in the order of the engine's `address_features`.
ADDRESS_NAMES = ["a segment of 3+ words (a story's name)", "4+ digits in a row (a story's number or date)",
                 "an account or search word", "a listing segment or a page number", "one bare section word"]
# Ridge penalty of the address term, per page: chosen among 0.02, 0.01, 0.005, 0.002 on the
# training folds alone (each judged by a term fitted on the other two): 0.005, where news-dev and
# the written articles all stay kept and lower values refuse one or two more non-articles.
ADDRESS_L2 = 0.005
# What automatic mode reads, for comparison: the page model alone (main before the address),
# with the front-page rule, or with the front-page rule and the address term (the engine).
MODES = ("page model alone", "front-page rule", "front-page rule and address term")
# The cuts `--trade` sweeps on automatic mode's log-odds plus the address term.
TRADE_CUTS = [c / 4 for c in range(-2, 7)]


def features(rows, cache):
    """Each page's features and its address features (None: nothing extracted, or no address
    known), by the engine (`examples/readerable.rs --features --addresses=…`)."""
    files = [str(ROOT / r["path"]) for r in rows]
    if cache and CACHE.exists():
        out = json.loads(CACHE.read_text())
        if all(isinstance(out.get(f), list) and len(out[f]) == 2 for f in files):  # (a cache before addresses: no)
            return [tuple(out[f]) for f in files]
    option = readerable.addresses_option([r["address"] for r in rows], files)
    out = {}
    for i in range(0, len(files), 200):
        chunk = files[i : i + 200]
        proc = subprocess.run([str(EXAMPLE), "--features", option, *chunk],
                              capture_output=True, text=True, check=True)
        for line in proc.stdout.split("\n"):
            if line.strip():
                rec = json.loads(line)
                out[rec["file"]] = (rec.get("features"), rec.get("address_features"))
    CACHE.write_text(json.dumps(out))
    return [tuple(out.get(f, (None, None))) for f in files]


def standardise(xs):
    n = len(xs[0])
    means = [sum(x[j] for x in xs) / len(xs) for j in range(n)]
    scales = [math.sqrt(sum((x[j] - means[j]) ** 2 for x in xs) / len(xs)) or 1.0 for j in range(n)]
    return means, scales


def fit(xs, ys, sample_weights):
    """Weights (standardised features, bias last), means, scales: Newton's method on the
    class-weighted, L2-penalised log-likelihood (the bias not penalised); each page's term
    also weighted by `sample_weights`."""
    means, scales = standardise(xs)
    zs = [[(v - m) / s for v, m, s in zip(x, means, scales)] + [1.0] for x in xs]
    n = len(zs[0])
    pos = sum(ys)
    weight = {1: len(ys) / (2 * pos), 0: len(ys) / (2 * (len(ys) - pos))}
    w = [0.0] * n
    for _ in range(NEWTON_STEPS):
        grad = [L2 * len(ys) * w[j] if j < n - 1 else 0.0 for j in range(n)]
        hess = [[(L2 * len(ys) if i == j and i < n - 1 else 0.0) for j in range(n)] for i in range(n)]
        for z, y, q in zip(zs, ys, sample_weights):
            t = sum(wj * zj for wj, zj in zip(w, z))
            p = 1 / (1 + math.exp(-max(-30, min(30, t))))
            g, h = q * weight[y] * (p - y), q * weight[y] * p * (1 - p)
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


def fold_of(row):
    m = re.search(r"fold (\d)", row["note"])
    if not m:
        sys.exit(f"no fold in the note of {row['path']}")
    return int(m.group(1))


def source(row):
    """Where a page comes from: a corpus, written for this set (articles or not), or a
    crawler project's saved real pages."""
    if row.get("real"):
        return "real " + row["real"]
    if row["path"].startswith("tests/"):
        return "written " + row["label"]
    return row["group"]


def read_real_rows():
    """The labelled real pages (tools/quality/real_pages.tsv) found in `REAL_PAGES`."""
    if not REAL_PAGES.is_dir():
        print(f"(no real pages in {REAL_PAGES}: python3 tools/quality/real_pages.py fetches them)")
        return []
    rows = []
    for line in REAL_LABELS.read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#") or line.startswith("path\t"):
            continue
        file, label, group, split, note = line.split("\t")
        if (REAL_PAGES / file).exists():
            rows.append({"path": str(REAL_PAGES / file), "label": label, "group": group, "lang": "",
                         "split": split, "note": note, "real": file.split("/")[0]})
    return rows


def fit_on(pages):
    """The model fitted on these (row, features) pages; pages with no features are skipped.
    Each source weighs the same within its class: the 495 multilingual-dev pages would
    otherwise drown the 70-odd written articles, the only short bare article pages."""
    pages = [(r, f) for r, f in pages if f is not None]
    per_source = Counter(source(r) for r, _ in pages)
    per_label = Counter(r["label"] for r, _ in pages)
    sources_of_label = Counter(label for label, _ in {(r["label"], source(r)) for r, _ in pages})
    weights = [per_label[r["label"]] / (sources_of_label[r["label"]] * per_source[source(r)]) for r, _ in pages]
    return fit([f for _, f in pages], [int(r["label"] == "article") for r, _ in pages], weights)


def out_of_fold(pages, folds):
    """Each page's log-odds by a model fitted on the other folds (None: nothing extracted)."""
    scores = {}
    for k in folds:
        model = fit_on([(r, f) for r, f in pages if r["fold"] != k and r["fold"] in folds])
        for r, f in pages:
            if r["fold"] == k:
                scores[r["path"]] = None if f is None else log_odds(model, f)
    return scores


def fit_address(items):
    """The address term of automatic mode: weights of `ADDRESS_NAMES` (no constant: an
    address that shows none of them leaves the page model alone), fitted on (row, offset)
    pages whose address is known by Newton's method on the L2-penalised log-likelihood with
    the page model's log-odds as a fixed offset; classes and sources weighted as in `fit_on`."""
    n = len(ADDRESS_NAMES)
    if not items:
        return [0.0] * n
    zs = [[float(v) for v in r["address"][1:]] for r, _ in items]
    ys = [int(r["label"] == "article") for r, _ in items]
    offsets = [o for _, o in items]
    sources = [source(r) for r, _ in items]
    per_source = Counter(sources)
    sources_of_label = Counter(y for y, _ in set(zip(ys, sources)))
    weights = [len(ys) / (2 * sources_of_label[y] * per_source[src]) for y, src in zip(ys, sources)]
    w = [0.0] * n
    for _ in range(NEWTON_STEPS):
        grad = [ADDRESS_L2 * len(ys) * w[j] for j in range(n)]
        hess = [[ADDRESS_L2 * len(ys) if i == j else 0.0 for j in range(n)] for i in range(n)]
        for z, y, o, q in zip(zs, ys, offsets, weights):
            t = o + sum(wj * zj for wj, zj in zip(w, z))
            p = 1 / (1 + math.exp(-max(-30, min(30, t))))
            for i in range(n):
                grad[i] += q * (p - y) * z[i]
                for j in range(n):
                    hess[i][j] += q * p * (1 - p) * z[i] * z[j]
        w = [wj - sj for wj, sj in zip(w, solve(hess, grad))]
    return w


def fit_automatic(pages, folds):
    """The page model fitted on `pages`, and the address term fitted on the same pages with
    each page's out-of-fold log-odds (within `folds`) as its offset: the term learns what the
    address adds to a page model that has not seen the page."""
    base = out_of_fold(pages, folds)
    items = [(r, base[r["path"]]) for r, f in pages if f is not None and r["address"] is not None]
    return fit_on(pages), fit_address(items)


def automatic_taken(model, w, pages, click_cut, cut, mode):
    """Automatic mode's verdict on each page, as the engine's `judge` in this `mode` (an index
    of `MODES`): taken by a click, not a site's front (modes 1, 2), and the page model's
    log-odds plus the address term (mode 2) above `cut`."""
    taken = {}
    for r, f in pages:
        if f is None:
            taken[r["path"]] = False
            continue
        odds = log_odds(model, f)
        a = r["address"]
        if a is None or mode == 0:
            taken[r["path"]] = odds > cut
            continue
        term = sum(wj for wj, on in zip(w, a[1:]) if on) if mode == 2 else 0.0
        taken[r["path"]] = odds > click_cut and not a[0] and odds + term > cut
    return taken


def choose_cut(pages, folds, policy="recall"):
    """The threshold, from the pages' out-of-fold log-odds. `recall` (the one written into
    the engine): the highest cut that keeps `TARGET_RECALL` of the news-dev articles and of
    the written articles (short bare article pages, the fixtures of tests/pages among
    them): a reader's article is never refused by design. `specificity`: the lowest cut
    that refuses `TARGET_SPECIFICITY` of the non-articles, printed for comparison."""
    scores = out_of_fold(pages, folds)

    def kept(cut, pick):
        sel = [scores[r["path"]] for r, _ in pages if r["fold"] in folds and pick(r)]
        return sum(s is not None and s > cut for s in sel) >= TARGET_RECALL * len(sel)

    if policy == "recall":
        ok = [c for c in CUTS if kept(c, lambda r: r["group"] == "news") and kept(c, lambda r: source(r) == "written article")]
        return ok[-1] if ok else CUTS[0]
    if policy == "click":
        ok = [c for c in CUTS if all(kept(c, lambda r, g=g: r["group"] == g) for g in ("news", "multilingual"))
              and kept(c, lambda r: source(r) == "written article")]
        return ok[-1] if ok else CUTS[0]
    non = [scores[r["path"]] for r, _ in pages if r["label"] == "not-article" and r["fold"] in folds]
    for cut in CUTS:
        if sum(s is None or s <= cut for s in non) >= TARGET_SPECIFICITY * len(non):
            return cut
    return CUTS[-1]


def rate(sel):
    sel = list(sel)
    return f"{sum(sel)}/{len(sel)} = {sum(sel) / len(sel):.3f}" if sel else "—"


def report(title, pages, taken):
    """One table row per measure: `taken` says whether each page was taken for an article."""
    print(f"\n{title}")
    groups = [
        ("recall, news-dev (target >= 0.98)", lambda r: r["group"] == "news"),
        ("recall, multilingual-dev", lambda r: r["group"] == "multilingual"),
        ("recall, Readability test pages", lambda r: r["group"] == "readability"),
        ("recall, written hard articles", lambda r: r["label"] == "article" and r["path"].startswith("tests/")),
        ("recall, real articles (crawler pages)", lambda r: r["label"] == "article" and r.get("real")),
    ]
    for name, pick in groups:
        print(f"  {name:44} {rate(taken[r['path']] for r, _ in pages if pick(r))}")
    refused = {
        "written non-articles refused": lambda r: not r.get("real"),
        "real non-articles refused": lambda r: r.get("real"),
        "all non-articles refused (target >= 0.97)": lambda r: True,
    }
    for name, pick in refused.items():
        print(f"  {name:44} {rate(not taken[r['path']] for r, _ in pages if r['label'] == 'not-article' and pick(r))}")
    print(f"  {'pages with no address known':44} {sum(r['address'] is None for r, _ in pages)} of {len(pages)}")
    by_group = Counter((r["group"], taken[r["path"]]) for r, _ in pages if r["label"] == "not-article" and r.get("real"))
    groups = sorted({g for g, _ in by_group})
    print("    real non-articles taken, by kind: "
          + ", ".join(f"{g} {by_group[(g, True)]}/{by_group[(g, True)] + by_group[(g, False)]}" for g in groups))


def decide(scores, cut):
    return {path: s is not None and s > cut for path, s in scores.items()}


def write_rust(model, address_weights, cuts):
    w, means, scales = model
    fmt = lambda xs: "[" + ", ".join(f"{v:.4}" for v in xs) + "]"  # noqa: E731
    src = RUST.read_text(encoding="utf-8")
    src = re.sub(r"const WEIGHTS: \[f32; FEATURE_COUNT \+ 1\] =\s*\[[^\]]*\];",
                 f"const WEIGHTS: [f32; FEATURE_COUNT + 1] = {fmt(w)};", src)
    src = re.sub(r"const MEANS: \[f32; FEATURE_COUNT\] =\s*\[[^\]]*\];", f"const MEANS: [f32; FEATURE_COUNT] = {fmt(means)};", src)
    src = re.sub(r"const SCALES: \[f32; FEATURE_COUNT\] =\s*\[[^\]]*\];",
                 f"const SCALES: [f32; FEATURE_COUNT] = {fmt(scales)};", src)
    src = re.sub(r"const ADDRESS_WEIGHTS: \[f32; ADDRESS_FEATURE_COUNT - 1\] =\s*\[[^\]]*\];",
                 f"const ADDRESS_WEIGHTS: [f32; ADDRESS_FEATURE_COUNT - 1] = {fmt(address_weights)};", src)
    src = re.sub(r"const CLICK_THRESHOLD: f32 = [^;]*;", f"const CLICK_THRESHOLD: f32 = {cuts['click']:.4};", src)
    src = re.sub(r"const AUTOMATIC_THRESHOLD: f32 = [^;]*;", f"const AUTOMATIC_THRESHOLD: f32 = {cuts['recall']:.4};", src)
    RUST.write_text(src, encoding="utf-8")
    subprocess.run(["cargo", "fmt", "--", str(RUST)], cwd=ROOT, check=False)
    print(f"\nwrote {RUST.relative_to(ROOT)} (rebuild, then make eval-readerable)")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--write", action="store_true", help="write the fitted model into src/extract/article_page.rs")
    ap.add_argument("--cached", action="store_true", help=f"reuse the features in {CACHE.relative_to(ROOT)}")
    ap.add_argument("--misses", action="store_true", help="name the training pages the fitted model gets wrong")
    ap.add_argument("--without", default="", help="features left out, by number from 1 (comma-separated): to measure "
                    "what each one brings (not with --write)")
    ap.add_argument("--automatic-only", action="store_true", help="report automatic mode's cut only (not a click's "
                    "and the specificity cut)")
    ap.add_argument("--trade", action="store_true", help="automatic mode's trade: its cut on the page model's log-odds "
                    "plus the address term, swept on the training folds (out of fold), and the validation folds at the "
                    "lowest cut refusing TARGET_SPECIFICITY of the training non-articles (not written into the engine)")
    ap.add_argument("--engine", action="store_true", help="no fit: count the engine's own automatic answers "
                    "(pith::is_readerable through examples/readerable.rs, each page at its address) on every page")
    args = ap.parse_args()
    dropped = {int(n) - 1 for n in args.without.split(",") if n}
    if dropped and args.write:
        sys.exit("--without measures; the engine computes every feature")
    if not EXAMPLE.exists():
        sys.exit(f"{EXAMPLE} missing: cargo build --release --example readerable")
    rows = [r for r in readerable.read_labels(readerable.LABELS) if (ROOT / r["path"]).exists()]
    rows += read_real_rows()
    urls = readerable.corpus_urls()
    for r in rows:
        r["fold"] = fold_of(r)
        r["address"] = readerable.address_of(r, urls)
    if args.engine:
        return engine_report(rows)
    kept = [j for j in range(len(NAMES)) if j not in dropped]
    pages = []
    for r, (f, address) in zip(rows, features(rows, args.cached)):
        r["address"] = address
        pages.append((r, None if f is None else [f[j] for j in kept]))
    train = [(r, f) for r, f in pages if r["fold"] in TRAINING_FOLDS]
    validation = [(r, f) for r, f in pages if r["fold"] not in TRAINING_FOLDS]

    model, address_weights = fit_automatic(train, TRAINING_FOLDS)
    fitted = {r["path"]: None if f is None else log_odds(model, f) for r, f in pages}
    written = {"recall": "automatic mode's cut, written into the engine",
               "click": "a click's cut, written into the engine", "specificity": "for comparison"}
    cuts = {policy: choose_cut(train, TRAINING_FOLDS, policy) for policy in ("recall", "click", "specificity")}
    for policy in ("recall",) if args.automatic_only else ("recall", "click", "specificity"):
        cut = cuts[policy]
        print(f"\n=== threshold by {policy} (chosen on training folds 0-2 alone): {cut:+.2f} ({written[policy]})")
        if policy == "recall":
            automatic_report(pages, train, validation, model, address_weights, cuts)
            if args.trade:
                trade_report(pages, train, validation, model, address_weights, cuts)
            continue
        report("Training folds 0-2, the model fitted on them (TUNED ON):", train, decide(fitted, cut))
        if policy != "specificity":
            report("Training folds 0-2, each fold judged by a model fitted on the other two:",
                   train, decide(out_of_fold(train, TRAINING_FOLDS), cut))
        report("VALIDATION folds 3-4 (other sites; never fitted or tuned on):", validation, decide(fitted, cut))
        # A second estimate on every page: 5 folds, each judged by a model (and a
        # threshold) chosen on the other four alone.
        judged = {}
        for k in range(5):
            others = tuple(j for j in range(5) if j != k)
            rest = [(r, f) for r, f in pages if r["fold"] != k]
            fold_model, fold_cut = fit_on(rest), choose_cut(rest, others, policy)
            for r, f in pages:
                if r["fold"] == k:
                    judged[r["path"]] = f is not None and log_odds(fold_model, f) > fold_cut
        report("5-fold grouped cross-validation (each fold judged by a model and threshold chosen without it):",
               pages, judged)
    cut = cuts["recall"]

    print("\nweights (standardised features):")
    for name, w in zip([NAMES[j] for j in kept], model[0]):
        print(f"  {w:+.3f}  {name}")
    print(f"  {model[0][-1]:+.3f}  bias; thresholds: automatic {cut:+.2f}, click {cuts['click']:+.2f}")
    print("address term (automatic mode; 0/1 features, no constant; never on a site's front):")
    for name, w in zip(ADDRESS_NAMES, address_weights):
        print(f"  {w:+.3f}  {name}")
    if args.misses:
        print("\ntraining pages automatic mode gets wrong (the page model's log-odds; address features):")
        taken = automatic_taken(model, address_weights, train, cuts["click"], cut, 2)
        for r, f in train:
            if taken[r["path"]] != (r["label"] == "article"):
                print(f"  {r['group']:12} {r['path'].split('/')[-1][:50]}  {fitted[r['path']]}  {r['address']}")
    if args.write:
        write_rust(model, address_weights, cuts)


def automatic_report(pages, train, validation, model, address_weights, cuts):
    """Automatic mode in each of `MODES`, at the cuts chosen on the training folds: training
    (fitted on), training judged fold by fold, validation, 5-fold grouped CV (page model,
    address term and both cuts refitted without each fold; the address features themselves
    were designed once, on the training folds' errors, and are not redesigned per fold)."""
    inner = []  # (fitted without fold k of the training folds, fold k's pages)
    for k in TRAINING_FOLDS:
        others = tuple(j for j in TRAINING_FOLDS if j != k)
        inner.append((fit_automatic([(r, f) for r, f in train if r["fold"] != k], others),
                      [(r, f) for r, f in train if r["fold"] == k]))
    outer = []  # (fitted without fold k, its cuts, fold k's pages)
    for k in range(5):
        others = tuple(j for j in range(5) if j != k)
        rest = [(r, f) for r, f in pages if r["fold"] != k]
        outer.append((fit_automatic(rest, others), (choose_cut(rest, others, "click"), choose_cut(rest, others, "recall")),
                      [(r, f) for r, f in pages if r["fold"] == k]))
    for mode, name in enumerate(MODES):
        print(f"\n--- automatic mode: {name}")
        report("Training folds 0-2, fitted on them (TUNED ON):", train,
               automatic_taken(model, address_weights, train, cuts["click"], cuts["recall"], mode))
        judged = {}
        for (fold_model, fold_w), here in inner:
            judged.update(automatic_taken(fold_model, fold_w, here, cuts["click"], cuts["recall"], mode))
        report("Training folds 0-2, each fold judged by a model and address term fitted on the other two:",
               train, judged)
        report("VALIDATION folds 3-4 (other sites; never fitted or tuned on):", validation,
               automatic_taken(model, address_weights, validation, cuts["click"], cuts["recall"], mode))
        judged = {}
        for (fold_model, fold_w), (click_cut, cut), here in outer:
            judged.update(automatic_taken(fold_model, fold_w, here, click_cut, cut, mode))
        report("5-fold grouped cross-validation (each fold judged by a model, address term and cuts chosen "
               "without it):", pages, judged)


def engine_report(rows):
    """What the engine itself answers in automatic mode, training and validation folds, as the
    report counts it (its weights and cuts, not a refit): the check that what ships is what was measured."""
    files = [str(ROOT / r["path"]) for r in rows]
    option = readerable.addresses_option([r["address"] for r in rows], files)
    taken = {}
    for i in range(0, len(files), 200):
        out = subprocess.run([str(EXAMPLE), option, *files[i : i + 200]], capture_output=True, text=True, check=True)
        taken.update((rec["file"], bool(rec.get("is_readerable")))
                     for rec in map(json.loads, filter(str.strip, out.stdout.split("\n"))))
    pages = [(r, None) for r in rows]
    for r in rows:
        taken[r["path"]] = taken.get(str(ROOT / r["path"]), False)
    report("The engine, training folds 0-2:", [p for p in pages if p[0]["fold"] in TRAINING_FOLDS], taken)
    report("The engine, VALIDATION folds 3-4:", [p for p in pages if p[0]["fold"] not in TRAINING_FOLDS], taken)


def trade_cut(pages, folds, click_cut):
    """Automatic mode at each of `TRADE_CUTS` on the log-odds plus the address term, each fold of
    `folds` judged by a model and term fitted on the others; and the lowest cut refusing
    `TARGET_SPECIFICITY` of the non-articles so judged."""
    judged = {cut: {} for cut in TRADE_CUTS}
    for k in folds:
        others = tuple(j for j in folds if j != k)
        fold_model, fold_w = fit_automatic([(r, f) for r, f in pages if r["fold"] in others], others)
        here = [(r, f) for r, f in pages if r["fold"] == k]
        for cut in TRADE_CUTS:
            judged[cut].update(automatic_taken(fold_model, fold_w, here, click_cut, cut, 2))
    non = [r for r, _ in pages if r["label"] == "not-article" and r["fold"] in folds]
    chosen = next((cut for cut in TRADE_CUTS
                   if sum(not judged[cut][r["path"]] for r in non) >= TARGET_SPECIFICITY * len(non)), TRADE_CUTS[-1])
    return judged, chosen


def trade_report(pages, train, validation, model, address_weights, cuts):
    """Automatic mode with its cut moved on what the engine compares (the page model's log-odds
    plus the address term), at each of `TRADE_CUTS`: the training folds judged fold by fold (a
    model and term fitted on the other two), then the validation folds at the lowest cut that
    refuses `TARGET_SPECIFICITY` of the training non-articles out of fold, then a 5-fold grouped
    CV with that policy (cut chosen inside each fold's four others). Pages without an address (the
    written ones) meet the cut with the page model alone, as in the engine."""
    judged, chosen = trade_cut(train, TRAINING_FOLDS, cuts["click"])

    def count(taken, pick, want):
        sel = [taken[r["path"]] == want for r, _ in train if pick(r)]
        return f"{sum(sel)}/{len(sel)}"

    groups = [("non-articles refused", lambda r: r["label"] == "not-article", False),
              ("news-dev", lambda r: r["group"] == "news", True),
              ("multilingual-dev", lambda r: r["group"] == "multilingual", True),
              ("Readability", lambda r: r["group"] == "readability", True),
              ("written articles", lambda r: r["label"] == "article" and r["path"].startswith("tests/"), True)]
    print("\n=== automatic mode's trade: cut on log-odds + address term; training folds 0-2, each fold judged by a "
          "model and term fitted on the other two")
    print("| cut | " + " | ".join(name for name, _, _ in groups) + " |")
    print("|---|" + "---|" * len(groups))
    for cut in TRADE_CUTS:
        print(f"| {cut:+.2f} | " + " | ".join(count(judged[cut], pick, want) for _, pick, want in groups) + " |")
    report(f"VALIDATION folds 3-4 at {chosen:+.2f}, the lowest cut refusing {TARGET_SPECIFICITY} of the training "
           "non-articles out of fold (the model fitted on folds 0-2):", validation,
           automatic_taken(model, address_weights, validation, cuts["click"], chosen, 2))
    taken, chosen_by_fold = {}, []
    for k in range(5):
        others = tuple(j for j in range(5) if j != k)
        rest = [(r, f) for r, f in pages if r["fold"] != k]
        click_cut = choose_cut(rest, others, "click")
        fold_model, fold_w = fit_automatic(rest, others)
        _, fold_cut = trade_cut(rest, others, click_cut)
        chosen_by_fold.append(fold_cut)
        taken.update(automatic_taken(fold_model, fold_w, [(r, f) for r, f in pages if r["fold"] == k],
                                     click_cut, fold_cut, 2))
    report(f"5-fold grouped CV, the cut chosen by the same policy without each fold ({chosen_by_fold}):", pages, taken)


if __name__ == "__main__":
    main()
