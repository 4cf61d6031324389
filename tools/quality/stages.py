#!/usr/bin/env python3
"""Which stage lost or leaked each multilingual-dev snippet (issue 18; diagnosis, not a score).

    cargo build --release && cargo build --release --example smoothie
    python3 tools/quality/stages.py [--pith BIN] [--where] [--folds 0,1,2] [--corpus news]

For every `with` snippet Pith misses and every `without` snippet it shows, on the training
folds by default (tools/quality/folds.json), the stage is told by comparing three runs:
Pith (`--format json`), Pith without de-duplication (`--no-dedupe`) and dom_smoothie alone
(`target/release/examples/smoothie`, Readability's article as the vendored crate finds it):

- missing, not in dom_smoothie's article either: Readability's candidate choice;
- missing, in Pith without de-duplication: removed by de-duplication;
- missing, in dom_smoothie's article only: lost in Pith's own passes (the rebuild through
  the allow-list, the boilerplate passes, the second candidate replacing Readability's);
- leaked, in dom_smoothie's article too: left inside Readability's article by Pith's passes;
- leaked, not in dom_smoothie's article: brought in by Pith (the second candidate, the lead,
  JSON-LD).

`--where` prints where each snippet starts in the page's source: its last six ancestors as
tag#id.class (a structural view of the cause).

`--corpus news`: the same for news-dev's paragraphs, on pages under 0.97 in shingle precision
or recall: a paragraph of Pith's text with under 40 % of its 4-token shingles in the human
body is leaked, a paragraph of the human body with under 40 % of them in Pith's text is
missing; each is put in the stages above by the same share against the other two runs
(lines of fewer than four words are left out: one partial shingle each).
Standard library only.
"""

import argparse
import gzip
import json
import re
import sys
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality  # noqa: E402

FOLDS = json.loads(Path(__file__).with_name("folds.json").read_text(encoding="utf-8"))["folds"]
SMOOTHIE = quality.ROOT / "target/release/examples/smoothie"
# Elements without a closing tag: never on the ancestor stack.
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
# Ancestors shown per snippet, and characters of a snippet used to find it in the source.
SHOWN_ANCESTORS = 6
FIND_CHARS = 40
# news-dev: a page is listed under this precision or recall; a paragraph is "in" a text when
# this share of its shingles is.
PAGE_BAR = 0.97
IN_SHARE = 0.4


class Ancestors(HTMLParser):
    """The page's text (whitespace collapsed) and, per text run, its ancestors."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack, self.runs, self.text, self.length = [], [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        a = dict(attrs)
        label = tag + (f"#{a['id']}" if a.get("id") else "") + "".join(f".{c}" for c in (a.get("class") or "").split())
        self.stack.append((tag, label))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        run = re.sub(r"\s+", " ", data)
        if run.strip():
            self.runs.append((self.length, [label for _, label in self.stack]))
            self.text.append(run)
            self.length += len(run)


def where(path, snippet):
    """The ancestors of the text where `snippet` starts in the page at `path`."""
    raw = Path(path).read_bytes()
    page = Ancestors()
    page.feed((gzip.decompress(raw) if path.endswith(".gz") else raw).decode("utf-8", "replace"))
    at = "".join(page.text).find(quality.norm_ws(snippet)[:FIND_CHARS])
    if at < 0:
        return "(not in the source's text)"
    labels = [labels for start, labels in page.runs if start <= at][-1]
    return " > ".join(label[:60] for label in labels[-SHOWN_ANCESTORS:])


# The stages, as printed.
CANDIDATE = "missing: not in dom_smoothie's article (candidate choice)"
PASSES_LOST = "missing: in dom_smoothie's article, lost in Pith's passes"
DEDUPE = "missing: removed by de-duplication"
PASSES_LEFT = "leaked: in dom_smoothie's article too, left by Pith's passes"
BROUGHT = "leaked: brought in by Pith (second candidate, lead, JSON-LD)"


def missing_stage(in_nodedupe, in_smoothie):
    return DEDUPE if in_nodedupe else PASSES_LOST if in_smoothie else CANDIDATE


def judged(paragraphs):
    """The lines of a text long enough to hold a whole shingle (shorter ones are single
    partial shingles, which a "- " before a list item already changes)."""
    return [p for p in paragraphs.split("\n") if len(quality.TOKEN.findall(p)) >= quality.SHINGLE]


def share_in(paragraph, text_shingles):
    """The share of `paragraph`'s 4-token shingles found in a text's shingles."""
    own = quality.shingles(paragraph)
    return sum(1 for s in own if s in text_shingles) / len(own) if own else 1.0


def run_three(pith, files):
    """{run: {file: record}} for Pith, Pith without de-duplication and dom_smoothie alone."""
    return {
        "pith": quality.run_jsonl([pith, "--format", "json"], files),
        "nodedupe": quality.run_jsonl([pith, "--format", "json", "--no-dedupe"], files),
        "smoothie": quality.run_jsonl([str(SMOOTHIE)], files),
    }


def news(args, folds):
    """News-dev's leaked and missing paragraphs by stage (see the module's comment)."""
    fold_of = FOLDS["news"]
    pages = [p for p in quality.news_pages() if fold_of[p[0]] in folds]
    runs = run_three(args.pith, [p[1] for p in pages])
    counts = Counter()
    for key, path, truth in pages:
        text = {name: quality.text_of(run.get(path)) for name, run in runs.items()}
        precision, recall = quality.shingle_prf(truth, text["pith"])[:2]
        if precision >= PAGE_BAR and recall >= PAGE_BAR:
            continue
        print(f"{key[:16]} (fold {fold_of[key]}) P {precision:.3f} R {recall:.3f}")
        have = {name: quality.shingles(t) for name, t in text.items()}
        truth_shingles = quality.shingles(truth)
        for paragraph in judged(text["pith"]):
            if share_in(paragraph, truth_shingles) >= IN_SHARE:
                continue
            stage = PASSES_LEFT if share_in(paragraph, have["smoothie"]) >= IN_SHARE else BROUGHT
            counts[stage] += 1
            print(f"  {stage}: {paragraph[:70]!r}")
        for paragraph in judged(truth):
            if share_in(paragraph, have["pith"]) >= IN_SHARE:
                continue
            stage = missing_stage(
                share_in(paragraph, have["nodedupe"]) >= IN_SHARE, share_in(paragraph, have["smoothie"]) >= IN_SHARE
            )
            counts[stage] += 1
            print(f"  {stage}: {paragraph[:70]!r}")
    return pages, counts


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pith", default=quality.PITH)
    ap.add_argument("--folds", default="0,1,2", help="folds to list (default: the training folds)")
    ap.add_argument("--where", action="store_true", help="print each snippet's ancestors in the source")
    ap.add_argument("--corpus", choices=["multilingual", "news"], default="multilingual")
    args = ap.parse_args()
    if not SMOOTHIE.exists():
        sys.exit(f"{SMOOTHIE} is missing: cargo build --release --example smoothie")
    folds = {int(f) for f in args.folds.split(",")}
    if args.corpus == "news":
        pages, counts = news(args, folds)
    else:
        pages, counts = multilingual(args, folds)
    print(f"\n{args.corpus}, folds {sorted(folds)}, {len(pages)} pages:")
    for stage, n in sorted(counts.items()):
        print(f"  {n:4d}  {stage}")


def multilingual(args, folds):
    """Multilingual-dev's missing and leaked snippets by stage (see the module's comment)."""
    fold_of = FOLDS["multilingual"]
    pages = [p for p in quality.multilingual_pages() if fold_of[p[0]] in folds]
    runs = run_three(args.pith, [p[1] for p in pages])
    counts = Counter()
    for key, path, with_, without in pages:
        text = {name: quality.norm_ws(quality.text_of(run.get(path))) for name, run in runs.items()}
        rows = []
        for snippet in with_:
            s = quality.norm_ws(snippet)
            if s in text["pith"]:
                continue
            rows.append((missing_stage(s in text["nodedupe"], s in text["smoothie"]), snippet))
        for snippet in without:
            s = quality.norm_ws(snippet)
            if s not in text["pith"]:
                continue
            rows.append((PASSES_LEFT if s in text["smoothie"] else BROUGHT, snippet))
        if rows:
            print(f"{key} (fold {fold_of[key]})")
        for stage, snippet in rows:
            counts[stage] += 1
            print(f"  {stage}: {snippet[:70]!r}")
            if args.where:
                print(f"      at {where(path, snippet)}")
    return pages, counts


if __name__ == "__main__":
    main()
