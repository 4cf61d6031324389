#!/usr/bin/env python3
"""Pith's misses that issue 18 asks to explain, measured (diagnosis, not a score to tune).

    python3 tools/quality/misses.py [--section lost,leaks,titles,repeats]

- lost: multilingual-dev pages where every `with` snippet is missing, with the opening of
  what Pith kept instead;
- leaks: news-dev paragraphs of Pith's text that the human truth does not have (over 60 %
  of their shingles absent from it), sorted into kinds by their words: captions and photo
  credits, teasers of other stories, promotions (newsletter, app, subscription), author
  notes, and the rest;
- titles: a site name left in the title ("… | Factorio"): against the expected titles of
  multilingual-dev (`title` in evaldata.json) and of the Readability corpus, and on
  news-dev (no expected title) when the title's last segment after a separator names the
  site (its domain or `site_name`);
- repeats: the title or the byline shown twice: once as metadata, once as a paragraph of
  the text (a paragraph equal to the title; a short paragraph holding the byline).

Every line names its page and fold (tools/quality/folds.json). Standard library only.
"""

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlsplit

sys.path.insert(0, str(Path(__file__).resolve().parent))
import quality  # noqa: E402

ROOT = quality.ROOT
CORPORA = quality.CORPORA
FOLDS = json.loads(Path(__file__).with_name("folds.json").read_text(encoding="utf-8"))["folds"]

# A paragraph is a leak when this share of its shingles is absent from the truth.
LEAK_SHARE = 0.6
# Title separators before a site name.
SEPARATORS = re.compile(r"\s+(?:\||-|–|—|·|::|»|/|:)\s+")
# A byline paragraph is short: the byline and a few words (a date, "By").
BYLINE_PARAGRAPH_CHARS = 120

KINDS = [
    ("caption", re.compile(
        r"\b(caption|image \d|photo(graph)?:?|getty|reuters/|ap photo|afp|shutterstock|illustration|"
        r"artist's concept|\d+of\d+|credit|foto:|bild:|images?$)", re.I)),
    ("teaser", re.compile(
        r"(^also on\b|more great|^trending|don'?t miss|^related|you may also like|leggi anche|read more|"
        r"^see also|^watch:|^listen:)", re.I)),
    # A headline in capitals on its own line: another story's link.
    ("teaser", re.compile(r"^[A-Z0-9 ,'’:\"-]{25,}$")),
    ("promotion", re.compile(r"(sign up|newsletter|inbox|subscribe|get the .* app|delivered|download|click here)", re.I)),
    ("author note", re.compile(r"(is a (reporter|writer|journalist)|contributed to this|write to |^email |follow (him|her|us)|"
                               r"reach the reporter)", re.I)),
    ("comments, tags, share", re.compile(r"(^tags\b|comment|share|whatsapp|facebook|twitter)", re.I)),
]


def pith_records(files):
    return quality.run_jsonl([quality.PITH, "--format", "json"], files)


# ---------------------------------------------------------------- lost pages


def lost(records_of):
    pages = quality.multilingual_pages()
    recs = records_of([p[1] for p in pages])
    rows = []
    for key, file, with_, _ in pages:
        r = recs.get(file) or {}
        text = quality.norm_ws(quality.text_of(r))
        if with_ and all(quality.norm_ws(s) not in text for s in with_):
            rows.append((key, FOLDS["multilingual"].get(key), r.get("readerable"), r.get("word_count"), text[:110]))
    print(f"\nmultilingual-dev pages missing every `with` snippet: {len(rows)}")
    for key, fold, readerable, words, text in rows:
        print(f"  fold {fold} {key[:90]}\n      readerable={readerable}, {words} words: \"{text}…\"")
    return rows


# ---------------------------------------------------------------- leaks


def kind_of(paragraph):
    for name, pattern in KINDS:
        if pattern.search(paragraph.strip()):
            return name
    return "other"


def leaks(records_of):
    pages = quality.news_pages()
    recs = records_of([p[1] for p in pages])
    per_kind = Counter()
    pages_by_kind = defaultdict(set)
    lines = []
    for key, file, truth in pages:
        text = quality.text_of(recs.get(file))
        truth_shingles = quality.shingles(truth)
        truth_tokens = " ".join(quality.TOKEN.findall(truth))
        extra = []
        for para in text.split("\n"):
            sh = quality.shingles(para)
            n = sum(sh.values())
            tokens = " ".join(quality.TOKEN.findall(para))
            if n == 0 or len(quality.TOKEN.findall(para)) < quality.SHINGLE:
                if tokens and tokens not in truth_tokens:
                    extra.append(para)
                continue
            if sum((sh - truth_shingles).values()) / n > LEAK_SHARE:
                extra.append(para)
        for para in extra:
            k = kind_of(para)
            per_kind[k] += 1
            pages_by_kind[k].add(key)
        if extra:
            kinds = Counter(kind_of(p) for p in extra)
            lines.append((key, kinds, extra))
    print(f"\nnews-dev: paragraphs Pith keeps that the truth does not ({len(lines)} of {len(pages)} pages):")
    for k, n in per_kind.most_common():
        print(f"  {k}: {n} paragraphs on {len(pages_by_kind[k])} pages")
    print("\nPages with caption or teaser leaks (fold, page, kinds, first such paragraph):")
    for key, kinds, extra in lines:
        if not (kinds["caption"] or kinds["teaser"]):
            continue
        first = next(p for p in extra if kind_of(p) in ("caption", "teaser"))
        summary = ", ".join(f"{k} {n}" for k, n in kinds.most_common())
        print(f"  fold {FOLDS['news'][key]} {key[:12]} ({summary}): \"{first[:100]}\"")
    return per_kind


# ---------------------------------------------------------------- titles


def norm(s):
    return re.sub(r"\W+", "", (s or "").lower())


def title_vs_expected(got, expected):
    """'same', 'suffix left', 'prefix left', 'other' or None (no expectation)."""
    if not expected:
        return None
    g, e = quality.norm_ws(got or ""), quality.norm_ws(expected)
    if g == e:
        return "same"
    if g.startswith(e) and SEPARATORS.match(g[len(e):]):
        return "suffix left"
    if g.endswith(e) and SEPARATORS.search(g[: len(g) - len(e)] + " "):
        return "prefix left"
    return "other"


def site_words(url, site_name):
    host = urlsplit(url).hostname or ""
    labels = [x for x in host.split(".") if x not in ("www", "com", "co", "org", "net", "de", "uk", "html")]
    return {norm(x) for x in labels if len(x) > 2} | ({norm(site_name)} if site_name else set())


def suffix_names_site(title, url, site_name):
    parts = SEPARATORS.split(title or "")
    if len(parts) < 2:
        return False
    last = norm(parts[-1])
    return bool(last) and any(w and (w in last or last in w) for w in site_words(url, site_name))


def titles(records_of):
    # multilingual-dev: expected titles.
    data = json.loads((CORPORA / "multilingual-dev" / "evaldata.json").read_text(encoding="utf-8"))
    pages = quality.multilingual_pages()
    recs = records_of([p[1] for p in pages])
    counts, examples = Counter(), []
    for key, file, *_ in pages:
        got = (recs.get(file) or {}).get("title")
        verdict = title_vs_expected(got, data[key].get("title"))
        if verdict:
            counts[verdict] += 1
            if verdict == "suffix left":
                examples.append((FOLDS["multilingual"][key], got, data[key]["title"]))
    print(f"\nTitles on multilingual-dev (against `title` of evaldata.json, {sum(counts.values())} pages): "
          + ", ".join(f"{k} {v}" for k, v in counts.most_common()))
    for fold, got, expected in examples:
        print(f"  suffix left (fold {fold}): \"{got}\" (expected \"{expected}\")")
    # Readability corpus.
    rpages = quality.readability_pages()
    rrecs = records_of([p[1] for p in rpages])
    rcounts, rexamples = Counter(), []
    for slug, file, _, meta in rpages:
        got = (rrecs.get(file) or {}).get("title")
        verdict = title_vs_expected(got, meta.get("title"))
        if verdict:
            rcounts[verdict] += 1
            if verdict in ("suffix left", "prefix left"):
                rexamples.append((slug, verdict, got, meta["title"]))
    print(f"Titles on the Readability corpus ({sum(rcounts.values())} pages): "
          + ", ".join(f"{k} {v}" for k, v in rcounts.most_common()))
    for slug, verdict, got, expected in rexamples:
        print(f"  {verdict} ({slug}): \"{got}\" (expected \"{expected}\")")
    # news-dev: no expected title; a last segment naming the site.
    truth = json.loads((CORPORA / "news-dev" / "ground-truth.json").read_text())
    npages = quality.news_pages()
    nrecs = records_of([p[1] for p in npages])
    named = []
    for key, file, _ in npages:
        r = nrecs.get(file) or {}
        if suffix_names_site(r.get("title"), truth[key]["url"], r.get("site_name")):
            named.append((FOLDS["news"][key], r.get("title")))
    print(f"news-dev titles whose last segment names the site: {len(named)} of {len(npages)}")
    for fold, t in named:
        print(f"  fold {fold}: \"{t}\"")


# ---------------------------------------------------------------- repeats


def repeats(records_of):
    sets = [
        ("news-dev", [p[1] for p in quality.news_pages()]),
        ("multilingual-dev", [p[1] for p in quality.multilingual_pages()]),
        ("readability", [p[1] for p in quality.readability_pages()]),
        ("written (tests/readerable)", sorted(str(p) for p in (ROOT / "tests/readerable/pages").glob("article-*.html"))),
    ]
    for name, files in sets:
        recs = records_of(files)
        title_twice, byline_twice = [], []
        for f in files:
            r = recs.get(f) or {}
            paras = [quality.norm_ws(p) for p in (r.get("text") or "").split("\n") if p.strip()]
            title, byline = quality.norm_ws(r.get("title") or ""), quality.norm_ws(r.get("byline") or "")
            if title and any(norm(p) == norm(title) for p in paras):
                title_twice.append((f, title))
            if byline and any(byline in p and len(p) <= BYLINE_PARAGRAPH_CHARS for p in paras):
                byline_twice.append((f, byline))
        print(f"\n{name}: title repeated as a paragraph on {len(title_twice)} of {len(files)} pages; "
              f"byline repeated in a short paragraph on {len(byline_twice)}")
        for f, t in title_twice:
            print(f"  title twice: {Path(f).parent.name if f.endswith('source.html') else Path(f).name[:50]}: \"{t[:70]}\"")
        for f, b in byline_twice:
            print(f"  byline twice: {Path(f).parent.name if f.endswith('source.html') else Path(f).name[:50]}: \"{b[:70]}\"")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--section", default="lost,leaks,titles,repeats")
    args = ap.parse_args()
    if not CORPORA.exists():
        print(f"corpus absent ({CORPORA}), skipped")
        return 0
    cache = {}

    def records_of(files):
        todo = [f for f in files if f not in cache]
        if todo:
            cache.update(pith_records(todo))
        return {f: cache.get(f) for f in files}

    sections = {"lost": lost, "leaks": leaks, "titles": titles, "repeats": repeats}
    for name in args.section.split(","):
        sections[name](records_of)
    return 0


if __name__ == "__main__":
    sys.exit(main())
