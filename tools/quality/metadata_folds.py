#!/usr/bin/env python3
"""Titles, dates and bylines right, by fold of sites: the metadata rule beside cv.py's.

    python3 tools/quality/metadata_folds.py [--pith BIN] [--baseline BASE_BIN]

cv.py scores the article's text only, so a metadata change (a title cut, a date source)
is neutral there whatever it does. This counts, per fold group of `folds.json` (training,
validation), the multilingual-dev pages whose `evaldata.json` reference Pith matches:
- **title**: equal, Unicode NFC, whitespace collapsed, case folded;
- **date**: the reference's date is the first 10 characters of `published_time`;
- **byline**: equal as the title (`tools/quality/bylines.py` has the finer classes);
and, over the whole Readability corpus, its `expected-metadata.json` title, byline, site
name and publication time the same way. With `--baseline`, both builds and the
difference: keep a metadata change when the validation counts rise and none falls.
Pages are read as the corpus snapshot reads them (no `--url`). Standard library only.
"""

import argparse
import json
import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
sys.path.insert(0, str(ROOT / "tools"))
from evaluation.pith import run_json  # noqa: E402

FOLDS = json.loads((ROOT / "tools" / "quality" / "folds.json").read_text(encoding="utf-8"))
VALIDATION = set(FOLDS["validation"])

# (reference field, Pith's field, how they are compared)
MULTILINGUAL_FIELDS = [("title", "title", "text"), ("date", "published_time", "date"), ("author", "byline", "text")]
READABILITY_FIELDS = [
    ("title", "title", "text"),
    ("byline", "byline", "text"),
    ("siteName", "site_name", "text"),
    ("publishedTime", "published_time", "text"),
]


def folded(value):
    if isinstance(value, list):
        value = ", ".join(value)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", value or "")).strip().casefold()


def same(reference, ours, how):
    if how == "date":
        return (ours or "")[:10] == reference[:10]
    return folded(reference) == folded(ours)


def count(pith):
    """{(corpus field, group): [right, pages]} for one build."""
    counts = {}

    def tally(key, right):
        cell = counts.setdefault(key, [0, 0])
        cell[0] += right
        cell[1] += 1

    evaldata = json.loads((CORPORA / "multilingual-dev" / "evaldata.json").read_text(encoding="utf-8"))
    files = {entry["file"]: key for key, entry in evaldata.items()}
    paths = [str(CORPORA / "multilingual-dev" / "eval" / name) for name in sorted(files)]
    results = {Path(f).name: r for f, r in run_json(pith, paths).items()}
    for name, key in files.items():
        reference, ours = evaldata[key], results.get(name, {})
        group = "validation" if FOLDS["folds"]["multilingual"].get(key) in VALIDATION else "training"
        for field, pith_field, how in MULTILINGUAL_FIELDS:
            if reference.get(field):
                tally((f"multilingual {field}", group), same(reference[field], ours.get(pith_field), how))

    pages = sorted(p for p in (CORPORA / "readability").iterdir() if (p / "source.html").exists())
    results = run_json(pith, [str(p / "source.html") for p in pages], ["--url", "https://example.com/"])
    for page in pages:
        reference = json.loads((page / "expected-metadata.json").read_text(encoding="utf-8"))
        ours = results.get(str(page / "source.html"), {})
        for field, pith_field, how in READABILITY_FIELDS:
            if field in reference:
                tally((f"readability {field}", "all"), same(reference[field] or "", ours.get(pith_field), how))
    return counts


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pith", default=str(ROOT / "target" / "release" / "pith"))
    ap.add_argument("--baseline", help="another build to compare with")
    args = ap.parse_args()
    if not CORPORA.is_dir():
        sys.exit(f"metadata_folds: {CORPORA} is absent; nothing to measure")
    candidate = count(args.pith)
    baseline = count(args.baseline) if args.baseline else None
    print("| field | group | " + ("baseline | candidate | Δ |" if baseline else "right |"))
    print("|---|---|" + ("---|---|---|" if baseline else "---|"))
    fell = False
    for key in sorted(candidate):
        right, total = candidate[key]
        if baseline:
            before = baseline.get(key, [0, total])[0]
            fell |= key[1] != "training" and right < before
            print(f"| {key[0]} | {key[1]} | {before}/{total} | {right}/{total} | {right - before:+d} |")
        else:
            print(f"| {key[0]} | {key[1]} | {right}/{total} = {right / total:.3f} |")
    if baseline:
        print("\nA validation or Readability count fell." if fell else "\nNo validation or Readability count fell.")


if __name__ == "__main__":
    main()
