#!/usr/bin/env python3
"""Extraction quality by fold (issue 18): the figures of `make bench-quality`, per fold of
pages grouped by site (tools/quality/folds.json), and the rule that accepts a change.

    python3 tools/quality/cv.py [--out RUN.json] [--engines pith,trafilatura,readability]
    python3 tools/quality/cv.py --baseline A.json --candidate B.json [--tolerance 0]
    python3 tools/quality/cv.py --worst 15         # Pith's worst pages, training folds only

A run scores every engine on every page and prints, per fold, news-dev shingle F1,
multilingual-dev snippet F and readability shingle F1 (each computed within the fold
exactly as quality.py computes it over a whole corpus), then mean ± standard error over
the validation folds and over the training folds. `--out` saves the run (per-page scores
too) for a later comparison.

Folds: folds.json names training folds (a hand-made change may be tuned on their pages)
and validation folds (they decide). A learned model is cross-validated instead: K builds,
build k trained without fold k; `--pith 'DIR/fold{fold}/pith'` scores each fold's pages
with its own build, and every fold is then a validation fold.

The rule (`--baseline A --candidate B`, runs of the same folds): accept when the mean over
validation folds of the two targets of issue 18 (news-dev F1 and multilingual-dev F)
rises, and no metric's validation mean falls by more than `--tolerance` (default 0: the
scores are deterministic, so any fall is a real page getting worse). Training folds are
shown beside, never used for the decision: a change that lifts training and not
validation fits the pages it was tuned on.
"""

import argparse
import hashlib
import json
import math
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import quality  # noqa: E402  (same folder: one implementation of the metrics)
from evaluation import stats  # noqa: E402  (tools/evaluation: means and standard errors, shared with issue 21)

ROOT = quality.ROOT
FOLDS = Path(__file__).with_name("folds.json")
METRICS = [("news", "news-dev F1"), ("multilingual", "multilingual F"), ("readability", "readability F1")]
TARGETS = ["news", "multilingual"]
LABELS = {"pith": "Pith", "trafilatura": "trafilatura", "readability": "Readability.js"}


# ---------------------------------------------------------------- scoring


def page_scores(engine, pages, records_of):
    """{corpus: {key: per-page numbers}}: [P, R] for shingle corpora, [tp, fn, fp] for
    multilingual. `records_of(corpus, files)` gives {file: record}."""
    out = {}
    for corpus, page_list in pages.items():
        records = records_of(corpus, [p[1] for p in page_list])
        if corpus == "multilingual":
            *_, details = quality.snippet_score(page_list, records)
            out[corpus] = {
                key: [n_with - len(missing), len(missing), len(leaked)]
                for key, missing, leaked, n_with, _, _ in details
            }
        else:
            *_, details = quality.body_score([p[:3] for p in page_list], records)
            out[corpus] = {key: [round(p, 6), round(r, 6)] for key, p, r, *_ in details}
    return out


def fold_metric(corpus, scores):
    """The corpus metric over some pages' scores, as quality.py computes it."""
    if not scores:
        return None
    if corpus == "multilingual":
        tp = sum(s[0] for s in scores)
        fn = sum(s[1] for s in scores)
        fp = sum(s[2] for s in scores)
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return quality.f1(p, r)
    mp = sum(s[0] for s in scores) / len(scores)
    mr = sum(s[1] for s in scores) / len(scores)
    return quality.f1(mp, mr)


def by_fold(per_page, folds, k):
    """{corpus: [metric of fold 0, …]}"""
    out = {}
    for corpus, scores in per_page.items():
        out[corpus] = [
            fold_metric(corpus, [s for key, s in scores.items() if folds[corpus].get(key) == f]) for f in range(k)
        ]
    return out


def mean_se(values):
    """(mean, standard error) of the values present; SE is None under two values."""
    values = [v for v in values if v is not None]
    if not values:
        return None, None
    se = stats.standard_error(values)
    return stats.mean(values), None if math.isnan(se) else se


def fmt(m, se=None, sign=""):
    if m is None:
        return "—"
    return f"{m:{sign}.3f}" if se is None else f"{m:{sign}.3f} ± {se:.3f}"


# ---------------------------------------------------------------- a run


def load_folds():
    data = json.loads(FOLDS.read_text(encoding="utf-8"))
    data["digest"] = hashlib.sha256(FOLDS.read_bytes()).hexdigest()[:16]
    return data


def corpus_pages(corpora):
    pages = {}
    if "news" in corpora:
        pages["news"] = quality.news_pages()
    if "multilingual" in corpora:
        pages["multilingual"] = quality.multilingual_pages()
    if "readability" in corpora:
        pages["readability"] = [p[:3] for p in quality.readability_pages()]
    return pages


def pith_records(template, folds):
    """Records of Pith: one build, or one build per fold (`{fold}` in the path)."""

    def records_of(corpus, files):
        if "{fold}" not in template:
            return quality.run_jsonl([template, "--format", "json"], files)
        fold_of_file = {p[1]: folds["folds"][corpus][p[0]] for p in corpus_pages([corpus])[corpus]}
        out = {}
        for f in range(folds["k"]):
            mine = [x for x in files if fold_of_file.get(x) == f]
            out.update(quality.run_jsonl([template.format(fold=f), "--format", "json"], mine))
        return out

    return records_of


def peer_records(engine, fresh):
    def records_of(corpus, files):
        records, _ = quality.outputs(engine, corpus, files, fresh)
        return records

    return records_of


def git_head():
    proc = subprocess.run(["git", "describe", "--always", "--dirty"], cwd=ROOT, capture_output=True, text=True)
    return proc.stdout.strip() or None


def run(args, folds):
    pages = corpus_pages(args.corpora.split(","))
    result = {
        "when": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "commit": git_head(),
        "folds_digest": folds["digest"],
        "pith": args.pith,
        "validation": list(range(folds["k"])) if "{fold}" in args.pith else folds["validation"],
        "engines": {},
    }
    for engine in args.engines.split(","):
        if engine == "pith":
            records_of = pith_records(args.pith, folds)
        else:
            key = "readability" if engine == "readability" else engine
            if not quality.available(key):
                print(f"{engine}: not available, skipped (make bench-cv installs the peers)", file=sys.stderr)
                continue
            records_of = peer_records(key, args.fresh)
        per_page = page_scores(engine, pages, records_of)
        result["engines"][engine] = {"per_page": per_page, "folds": by_fold(per_page, folds["folds"], folds["k"])}
    return result


# ---------------------------------------------------------------- reports


def summary_rows(fold_values, validation, training):
    val = mean_se([fold_values[f] for f in validation])
    tra = mean_se([fold_values[f] for f in training])
    return val, tra, mean_se(fold_values)


def print_run(result, folds):
    k = folds["k"]
    validation = result["validation"]
    training = [f for f in range(k) if f not in validation]
    sizes = {
        c: [sum(1 for v in folds["folds"][c].values() if v == f) for f in range(k)] for c in folds["folds"]
    }
    print(f"\nExtraction quality by fold (folds grouped by site: tools/quality/folds.json, {k} folds;")
    print(f"validation folds {validation}, training folds {training}). Run {result['when']}, {result['commit']}.")
    for corpus, title in METRICS:
        engines = [e for e in result["engines"] if corpus in result["engines"][e]["folds"]]
        if not engines:
            continue
        print(f"\n{title} (pages per fold: {sizes[corpus]})\n")
        head = " | ".join(f"fold {f}{'*' if f in validation else ''}" for f in range(k))
        print(f"| engine | {head} | validation mean ± SE | training mean ± SE | all folds |")
        print("|---|" + "---|" * (k + 3))
        for e in engines:
            values = result["engines"][e]["folds"][corpus]
            val, tra, every = summary_rows(values, validation, training)
            cells = " | ".join(fmt(v) for v in values)
            print(f"| {LABELS.get(e, e)} | {cells} | **{fmt(*val)}** | {fmt(*tra)} | {fmt(*every)} |")
        if "pith" in engines and len(engines) > 1:
            pith = result["engines"]["pith"]["folds"][corpus]
            for e in engines:
                if e == "pith":
                    continue
                other = result["engines"][e]["folds"][corpus]
                gaps = [None if a is None or b is None else a - b for a, b in zip(pith, other)]
                cells = " | ".join("—" if g is None else f"{g:+.3f}" for g in gaps)
                val, tra, every = summary_rows(gaps, validation, training)
                print(f"| Pith − {LABELS.get(e, e)} | {cells} | {fmt(*val, '+')} | {fmt(*tra, '+')} | {fmt(*every, '+')} |")
    print("\n(* validation fold. SE = standard deviation over folds / √folds.)")


def compare(baseline, candidate, folds, tolerance):
    """Prints fold-by-fold differences of Pith; returns True to accept."""
    if baseline.get("folds_digest") != candidate.get("folds_digest"):
        print("warning: the two runs used different folds.json files", file=sys.stderr)
    k = folds["k"]
    validation = candidate["validation"]
    training = [f for f in range(k) if f not in validation]
    a = baseline["engines"]["pith"]["folds"]
    b = candidate["engines"]["pith"]["folds"]
    print(f"\nPith: candidate ({candidate.get('commit')}, {candidate.get('pith')}) − baseline ({baseline.get('commit')})")
    print(f"validation folds {validation}; training folds {training} (shown, not used to decide)\n")
    head = " | ".join(f"fold {f}{'*' if f in validation else ''}" for f in range(k))
    print(f"| metric | {head} | Δ validation mean | Δ training mean | baseline → candidate (validation) |")
    print("|---|" + "---|" * (k + 3))
    deltas = {}
    for corpus, title in METRICS:
        if corpus not in a or corpus not in b:
            continue
        d = [None if x is None or y is None else y - x for x, y in zip(a[corpus], b[corpus])]
        dv, _ = mean_se([d[f] for f in validation])
        dt, _ = mean_se([d[f] for f in training])
        va, _ = mean_se([a[corpus][f] for f in validation])
        vb, _ = mean_se([b[corpus][f] for f in validation])
        deltas[corpus] = dv
        cells = " | ".join("—" if x is None else f"{x:+.4f}" for x in d)
        print(f"| {title} | {cells} | **{dv:+.4f}** | {'—' if dt is None else f'{dt:+.4f}'} | {va:.4f} → {vb:.4f} |")
    targets = [deltas[c] for c in TARGETS if c in deltas]
    target_gain = sum(targets) / len(targets) if targets else 0.0
    falls = [c for c, d in deltas.items() if d is not None and d < -tolerance]
    accept = target_gain > 0 and not falls
    print(f"\nTargets' validation mean (news F1, multilingual F): {target_gain:+.4f}.")
    if falls:
        print("Falls beyond the tolerance on validation: " + ", ".join(falls) + ".")
    print("ACCEPT" if accept else "REJECT", "(rule: targets' validation mean rises; no metric's validation mean falls "
          f"by more than {tolerance})")
    changed = page_changes(baseline, candidate, folds, validation)
    if changed:
        print("\nValidation pages that changed (baseline → candidate):")
        for line in changed:
            print("  " + line)
    return accept


def page_changes(baseline, candidate, folds, validation, limit=40):
    lines = []
    a = baseline["engines"]["pith"]["per_page"]
    b = candidate["engines"]["pith"]["per_page"]
    for corpus in a:
        for key, sa in a[corpus].items():
            sb = b.get(corpus, {}).get(key)
            if sb is None or sa == sb or folds["folds"][corpus].get(key) not in validation:
                continue
            if corpus == "multilingual":
                lines.append(f"{corpus}/{key[:60]}: with found {sa[0]} → {sb[0]}, leaked {sa[2]} → {sb[2]}")
            else:
                fa, fb = quality.f1(*sa), quality.f1(*sb)
                if abs(fa - fb) >= 0.001:
                    lines.append(f"{corpus}/{key[:40]}: F1 {fa:.3f} → {fb:.3f}")
    return lines[:limit] + ([f"… and {len(lines) - limit} more"] if len(lines) > limit else [])


def worst(args, folds):
    """Pith's worst pages on the training folds: where tuning may look."""
    training = folds["training"]
    pages = corpus_pages(args.corpora.split(","))
    keep = {c: [p for p in pl if folds["folds"][c][p[0]] in training] for c, pl in pages.items()}
    details = {}
    for corpus, page_list in keep.items():
        records = quality.run_jsonl([args.pith, "--format", "json"], [p[1] for p in page_list])
        if corpus == "multilingual":
            details[corpus] = quality.snippet_score(page_list, records)[3]
        else:
            details[corpus] = quality.body_score(page_list, records)[3]
    rows = quality.worst_pages(
        details.get("news") or [], details.get("readability") or [], details.get("multilingual") or [], args.worst
    )
    print(f"Pith's {len(rows)} worst pages of the training folds {training} (validation pages are not shown):")
    for score, corpus, key, reason in rows:
        print(f"  {score:.3f}  {corpus}/{key[:50]}: {reason}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--engines", default="pith,trafilatura,readability")
    ap.add_argument("--corpora", default="news,multilingual,readability")
    ap.add_argument("--pith", default=quality.PITH, help="the CLI; '{fold}' in it = one build per fold")
    ap.add_argument("--out", type=Path, help="save the run (per-page and per-fold scores) as JSON")
    ap.add_argument("--fresh", action="store_true", help="rerun peers instead of using their cached outputs")
    ap.add_argument("--baseline", type=Path, help="a saved run to compare against")
    ap.add_argument("--candidate", type=Path, help="a saved run (default: run now)")
    ap.add_argument("--tolerance", type=float, default=0.0, help="largest fall of a validation mean accepted")
    ap.add_argument("--worst", type=int, help="list Pith's N worst pages of the training folds and stop")
    args = ap.parse_args()
    if not quality.CORPORA.exists():
        print(f"corpus absent ({quality.CORPORA}), skipped")
        return 0
    folds = load_folds()
    if args.worst:
        worst(args, folds)
        return 0
    if args.candidate:
        result = json.loads(args.candidate.read_text())
    else:
        result = run(args, folds)
        print_run(result, folds)
        if args.out:
            args.out.write_text(json.dumps(result))
            print(f"\nSaved to {args.out}")
    if args.baseline:
        baseline = json.loads(args.baseline.read_text())
        return 0 if compare(baseline, result, folds, args.tolerance) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
