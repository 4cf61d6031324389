#!/usr/bin/env python3
"""Is this an article? Precision and recall of Pith's two answers (issue 18).

    python3 tools/quality/readerable.py [--labels tests/readerable/labels.tsv] [--json OUT]

`make eval-readerable` builds what it needs and runs this. Two answers are measured on
every labelled page (tests/readerable/labels.tsv):

- `pith::is_readerable(html, address)`, automatic mode's answer (the `automatic` of
  `clean()`, through `examples/readerable.rs`: the CLI does not show it), each page given
  its address where the set knows it (`address_of`);
- `clean().readerable`, what the panel shows ("not an article page") and the CLI prints
  with `--format json`.

Reported: recall on real news articles (news-dev; target ≥ 0.98), on multilingual-dev and on
the written hard articles; the share of written non-articles refused (specificity; the
target "precision ≥ 0.97 on the non-articles" means no more than 3 in 100 non-articles
taken for articles); precision over the whole labelled set; each split apart (train /
validation: folds grouped by site, see the label file). Every miss is listed with a reason computed
by an approximation of the check both answers rest on, Readability's
`isProbablyReaderable`: visible `p`, `pre`, `article` and `div`-with-`br` blocks of at
least 140 characters (46 on CJK pages), not named as boilerplate by class/id, each adding
√(chars − 140); the page is an article once the sum passes 20.

Standard library only.
"""

import argparse
import gzip
import html as html_module
import json
import math
import re
import sys
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality  # noqa: E402

ROOT = quality.ROOT
LABELS = ROOT / "tests" / "readerable" / "labels.tsv"
EXAMPLE = ROOT / "target" / "release" / "examples" / "readerable"
TARGET_RECALL = 0.98
TARGET_SPECIFICITY = 0.97

# Readability's isProbablyReaderable, as dom_smoothie implements it (vendor/dom_smoothie/src/readable.rs).
UNLIKELY = (
    "-ad- ai2html banner breadcrumbs combx comment community cover-wrap disqus extra footer gdpr header "
    "legends menu related remark replies rss shoutbox sidebar skyscraper social sponsor supplemental "
    "ad-break agegate pagination pager popup yom-remote"
).split()
MAYBE = "and article body column content layout main mathjax shadow".split()
MIN_CHARS, MIN_SCORE, CJK_FACTOR = 140, 20.0, 3


# ---------------------------------------------------------------- labels


def read_labels(path):
    rows = []
    for line in path.read_text(encoding="utf-8").split("\n"):
        if not line or line.startswith("#") or line.startswith("path\t"):
            continue
        file, label, group, lang, split, note = (line.split("\t") + [""] * 6)[:6]
        rows.append({"path": file, "label": label, "group": group, "lang": lang, "split": split, "note": note})
    return rows


# ---------------------------------------------------------------- addresses

NEWS_URLS = ROOT.parent / "shared" / "corpora" / "news-dev" / "ground-truth.json"
MULTILINGUAL_URLS = ROOT.parent / "shared" / "corpora" / "multilingual-dev" / "evaldata.json"
ADDRESSES = ROOT / "bench-out" / "readerable-addresses.tsv"  # for examples/readerable.rs --addresses=
# The address a saved page names as its own (multilingual-dev and Readability's pages were saved without theirs).
OWN_ADDRESS = (re.compile(r"<link\b[^>]*\brel\s*=\s*[\"']?canonical\b[^>]*>", re.I),
               re.compile(r"<meta\b[^>]*\bproperty\s*=\s*[\"']og:url[\"'][^>]*>", re.I))


def corpus_urls():
    """The addresses the corpora's pages were saved from: news-dev's ground truth (page id ->
    address) and multilingual-dev's evaluation data (keyed by address, file name inside)."""
    urls = {}
    if NEWS_URLS.exists():
        urls.update((k, v["url"]) for k, v in json.loads(NEWS_URLS.read_text()).items())
    if MULTILINGUAL_URLS.exists():
        urls.update((v["file"], k) for k, v in json.loads(MULTILINGUAL_URLS.read_text()).items())
    return urls


def address_of(row, urls):
    """The page's address as the extension would give it (the tab's), where the set knows it:
    the corpora's (`urls`: `corpus_urls()`), the real pages' notes; else the address the page
    names as its own (`<link rel=canonical>`, `og:url`: Readability's test pages), else None
    (the written pages)."""
    if row["group"] == "news":
        return urls.get(Path(row["path"]).name.split(".")[0])
    if row["group"] == "multilingual" and urls.get(Path(row["path"]).name, "").startswith("http"):
        return urls[Path(row["path"]).name]  # (its "hard::" pages have no address there)
    if row.get("real"):
        m = re.search(r"; (https?://\S+)", row["note"])
        return m.group(1) if m else None
    path = ROOT / row["path"]
    data = gzip.decompress(path.read_bytes()) if path.name.endswith(".gz") else path.read_bytes()
    html = data.decode("utf-8", errors="replace")
    for pattern in OWN_ADDRESS:
        tag = pattern.search(html)
        href = tag and re.search(r"(?:href|content)\s*=\s*[\"']([^\"']+)", tag.group(0))
        address = href and html_module.unescape(href.group(1))
        if address and address.startswith("http"):
            return address
    return None


def addresses_option(addresses, files):
    """Writes the `--addresses=` file of `examples/readerable.rs` (each file's address, None:
    unknown) and returns that option."""
    ADDRESSES.parent.mkdir(exist_ok=True)
    ADDRESSES.write_text("".join(f"{f}\t{a}\n" for f, a in zip(files, addresses) if a), encoding="utf-8")
    return f"--addresses={ADDRESSES}"


# ---------------------------------------------------------------- the explanation


class _Blocks(HTMLParser):
    """Text of every p/pre/article and div-with-br, nested ones included, with its class/id."""

    VOID = {"br", "img", "hr", "input", "meta", "link", "source", "area", "base", "col", "embed", "wbr", "track"}

    CLOSES_P = set(
        "address article aside blockquote details dialog div dl fieldset figcaption figure footer form h1 h2 h3 "
        "h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul".split()
    )

    def _scope(self):
        """Index above the innermost table cell, button or similar scope boundary."""
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] in ("td", "th", "table", "button", "caption", "marquee", "object"):
                return i + 1
        return 0

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack = []  # [tag, match string, text parts or None, visible, in li]
        self.blocks = []
        self.skip = 0
        self.title = []
        self.in_title = False
        self.lang = ""

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = (a.get("lang") or "").lower()
        if tag == "title":
            self.in_title = True
        if tag in ("script", "style", "template", "noscript"):
            self.skip += 1
            return
        if tag == "br" and self.stack and self.stack[-1][0] == "div" and self.stack[-1][2] is None:
            self.stack[-1][2] = []  # a div > br: counted like a paragraph
            return
        if tag in self.VOID:
            return
        if tag in self.CLOSES_P and any(e[0] == "p" for e in self.stack[self._scope():]):
            self._close("p")  # an HTML parser closes an open <p> at a block start tag
        style = (a.get("style") or "").replace(" ", "").lower()
        visible = "hidden" not in a and "display:none" not in style and "visibility:hidden" not in style
        visible = visible and (a.get("aria-hidden") != "true")
        match = ((a.get("class") or "") + " " + (a.get("id") or "")).lower()
        in_li = any(e[0] == "li" for e in self.stack)
        counted = [] if tag in ("p", "pre", "article") else None
        self.stack.append([tag, match, counted, visible, in_li])

    def _close(self, tag):
        for i in range(len(self.stack) - 1, -1, -1):
            if self.stack[i][0] == tag:
                for e in self.stack[i:][::-1]:
                    self._finish(e)
                del self.stack[i:]
                return

    def _finish(self, e):
        tag, match, parts, visible, in_li = e
        if parts is None:
            return
        text = " ".join("".join(parts).split())
        self.blocks.append({"tag": tag, "match": match.strip(), "text": text, "visible": visible, "li_p": tag == "p" and in_li})

    def handle_endtag(self, tag):
        if tag == "title":
            self.in_title = False
        if tag in ("script", "style", "template", "noscript"):
            self.skip = max(0, self.skip - 1)
            return
        self._close(tag)

    def handle_data(self, data):
        if self.in_title:
            self.title.append(data)
        if self.skip:
            return
        for e in self.stack:
            if e[2] is not None:
                e[2].append(data)

    def close(self):
        super().close()
        for e in self.stack[::-1]:
            self._finish(e)
        self.stack = []


def cjk_page(parser):
    if parser.lang[:2] in ("zh", "ja", "ko"):
        return True
    title = "".join(parser.title)
    letters = [c for c in title if c.isalnum()]
    cjk = [c for c in title if re.match(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]", c)]
    return bool(letters) and len(cjk) >= 0.3 * len(letters)


def explain(html):
    """(score, threshold, counted blocks, ignored long blocks) by the approximation."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    min_chars = MIN_CHARS // CJK_FACTOR if cjk_page(parser) else MIN_CHARS
    score, counted, ignored = 0.0, [], []
    for b in parser.blocks:
        n = len(b["text"])
        if n < min_chars:
            continue
        unlikely = any(u in b["match"] for u in UNLIKELY) and not any(m in b["match"] for m in MAYBE)
        if not b["visible"] or unlikely or b["li_p"]:
            ignored.append(b)
            continue
        score += math.sqrt(n - min_chars)
        counted.append(b)
    return score, min_chars, counted, ignored


def reason(entry, html, record):
    score, min_chars, counted, ignored = explain(html)
    words = (record or {}).get("word_count")
    if entry["label"] == "article":
        longest = max((len(b["text"]) for b in counted), default=0)
        why = f"score ≤ {MIN_SCORE:.0f}: {len(counted)} block(s) ≥ {min_chars} chars (longest {longest})"
        if ignored:
            why += f"; {len(ignored)} long block(s) not counted (" + ", ".join(
                sorted({_why_ignored(b) for b in ignored})) + ")"
        if words is not None:
            why += f"; extraction found {words} words"
        if score > MIN_SCORE:
            why = f"(the approximation passes it: score {score:.1f} > {MIN_SCORE:.0f}; the engine's tree differs) " + why
        return why
    top = sorted(counted, key=lambda b: -len(b["text"]))[:1]
    example = f", e.g. <{top[0]['tag']} class=\"{top[0]['match'][:30]}\"> \"{top[0]['text'][:60]}…\"" if top else ""
    return f"score {score:.1f} > {MIN_SCORE:.0f} from {len(counted)} block(s) ≥ {min_chars} chars{example}"


def _why_ignored(b):
    if not b["visible"]:
        return "hidden"
    if b["li_p"]:
        return "li p"
    return "class/id " + next(u for u in UNLIKELY if u in b["match"])


# ---------------------------------------------------------------- the run


def run_engines(rows, files):
    """The CLI's `clean()` (a click's answer: it does not read the address) and automatic
    mode's `is_readerable`, each page given its address where the set knows it."""
    pith = quality.run_jsonl([quality.PITH, "--format", "json"], files)
    urls = corpus_urls()
    cheap = quality.run_jsonl([str(EXAMPLE), addresses_option([address_of(r, urls) for r in rows], files)], files)
    return pith, cheap


def rate(hits, total):
    return f"{hits}/{total} = {hits / total:.3f}" if total else "—"


def report(rows, answers, methods):
    """Prints the tables; returns the figures as a dict."""
    figures = {}
    for method in methods:
        got = answers[method]
        fig = {}
        for name, pick in (
            ("news", lambda r: r["group"] == "news"),
            ("multilingual", lambda r: r["group"] == "multilingual"),
            ("readability", lambda r: r["group"] == "readability"),
            ("written articles", lambda r: r["label"] == "article" and r["path"].startswith("tests/")),
        ):
            for split in ("all", "train", "validation"):
                sel = [r for r in rows if pick(r) and (split == "all" or r["split"] == split)]
                if sel:
                    fig[f"recall {name} ({split})"] = (sum(got[r["path"]] for r in sel), len(sel))
        for split in ("all", "train", "validation"):
            sel = [r for r in rows if r["label"] == "not-article" and (split == "all" or r["split"] == split)]
            if sel:
                fig[f"non-articles refused ({split})"] = (sum(not got[r["path"]] for r in sel), len(sel))
        tp = sum(got[r["path"]] for r in rows if r["label"] == "article")
        fp = sum(got[r["path"]] for r in rows if r["label"] == "not-article")
        fig["precision (whole set)"] = (tp, tp + fp)
        news_tp = sum(got[r["path"]] for r in rows if r["group"] == "news")
        fig["precision (news-dev + written non-articles)"] = (news_tp, news_tp + fp)
        figures[method] = fig
    names = list(figures[methods[0]])
    print("| measure | " + " | ".join(methods) + " |")
    print("|---|" + "---|" * len(methods))
    for n in names:
        cells = " | ".join(rate(*figures[m][n]) if n in figures[m] else "—" for m in methods)
        print(f"| {n} | {cells} |")
    return figures


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--labels", type=Path, default=LABELS)
    ap.add_argument("--json", type=Path, help="write the figures and the misses here")
    ap.add_argument("--show-heldout", action="store_true",
                    help="name held-out misses too (by default only counted: phase 2 must not tune on them)")
    args = ap.parse_args()
    if not EXAMPLE.exists():
        sys.exit(f"{EXAMPLE} missing: cargo build --release --example readerable (make eval-readerable does)")
    rows = read_labels(args.labels)
    present = [r for r in rows if (ROOT / r["path"]).exists()]
    absent = len(rows) - len(present)
    if absent:
        print(f"{absent} labelled pages absent (../shared/corpora missing?): measured without them")
    rows = present
    files = [str(ROOT / r["path"]) for r in rows]
    pith, cheap = run_engines(rows, files)
    answers = {"is_readerable": {}, "clean().readerable": {}}
    records = {}
    for r, f in zip(rows, files):
        rec = pith.get(f) or {}
        records[r["path"]] = rec
        answers["clean().readerable"][r["path"]] = bool(rec.get("readerable"))
        answers["is_readerable"][r["path"]] = bool((cheap.get(f) or {}).get("is_readerable"))
    n_art = sum(r["label"] == "article" for r in rows)
    print(f"\nIs this an article? {len(rows)} labelled pages: {n_art} articles "
          f"({sum(r['group'] == 'news' for r in rows)} news-dev, {sum(r['group'] == 'multilingual' for r in rows)} "
          f"multilingual-dev, {sum(r['label'] == 'article' and r['path'].startswith('tests/') for r in rows)} written), "
          f"{len(rows) - n_art} written non-articles.\n")
    methods = ["is_readerable", "clean().readerable"]
    figures = report(rows, answers, methods)
    print(f"\nTargets: recall on news-dev ≥ {TARGET_RECALL}; non-articles refused ≥ {TARGET_SPECIFICITY} "
          "(automatic mode must never cover a page that is not an article).")
    misses = defaultdict(list)
    hidden = defaultdict(int)
    for r in rows:
        truth = r["label"] == "article"
        wrong = [m for m in methods if answers[m][r["path"]] != truth]
        if not wrong:
            continue
        if r["split"] == "heldout" and not args.show_heldout:
            hidden["false negative" if truth else "false positive"] += 1
            continue
        data = (ROOT / r["path"]).read_bytes()
        if r["path"].endswith(".gz"):
            data = gzip.decompress(data)
        html = data.decode("utf-8", errors="replace")
        kind = "false negative (article judged not one)" if truth else "false positive (taken for an article)"
        misses[kind].append((r, wrong, reason(r, html, records[r["path"]])))
    for kind, items in misses.items():
        print(f"\n{kind}: {len(items)}")
        for r, wrong, why in items:
            name = r["path"].split("/")[-1]
            which = "both" if len(wrong) == 2 else f"only {wrong[0]}"
            print(f"  [{r['group']}/{r['split']}] {name[:48]} ({which}): {why}")
    for kind, n in hidden.items():
        print(f"\nheld-out {kind}s: {n} (not named; --show-heldout names them)")
    if args.json:
        out = {m: {k: list(v) for k, v in f.items()} for m, f in figures.items()}
        out["misses"] = [
            {"path": r["path"], "group": r["group"], "split": r["split"], "label": r["label"], "wrong": w, "reason": y}
            for items in misses.values() for r, w, y in items
        ]
        args.json.write_text(json.dumps(out, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
