#!/usr/bin/env python3
"""Folds grouped by site for cross-validation (issue 18): every page of the three shared
corpora gets one of K folds, and one site is never in two folds.

    python3 tools/quality/folds.py            # rewrite tools/quality/folds.json
    python3 tools/quality/folds.py --check    # fail if folds.json is not what this makes

A site is a page's registrable domain by the ICANN section of the Public Suffix List
(Debian's `publicsuffix` package), reduced to its first label, so that `bbc.co.uk` and
`bbc.com`, and Readability's `nytimes-3` test page and news-dev's `www.nytimes.com`, are
one site. Private suffixes (blogspot.com, wordpress.com) are deliberately not used: blogs
on one platform share its templates, and a template seen in training is not a new site.
Wayback Machine addresses count as the site they archive. multilingual-dev's `hard::`
entries have no URL: their site is read from the file name (`diaadia.com.pa-ulpiano.html`).
Readability's test pages are named by site or by feature (`nytimes-2`, `rtl-1`, `001`):
the name without its number is the site.

Assignment is deterministic and balanced: sites are taken largest first (ties in the
order of a hash of their name, so neighbours in the alphabet do not land together), each
into the fold that has fewest pages of the corpus the site weighs most in. folds.json is
metadata about the corpora (keys and fold numbers, no content), so it is committed.
"""

import argparse
import hashlib
import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]
CORPORA = ROOT.parent / "shared" / "corpora"
OUT = Path(__file__).with_name("folds.json")
PSL = Path("/usr/share/publicsuffix/public_suffix_list.dat")
K = 5
# Folds a hand-made change may be tuned on; the others decide (see cv.py). A learned
# model instead rotates: trained on K-1 folds, scored on the one left out, K times.
TRAINING = [0, 1, 2]
VALIDATION = [3, 4]


def icann_suffixes():
    """The ICANN section of the Public Suffix List: (rules, wildcards, exceptions)."""
    if not PSL.exists():
        sys.exit(f"{PSL} missing: apt-get install publicsuffix")
    rules, wild, exceptions = set(), set(), set()
    for line in PSL.read_text(encoding="utf-8").splitlines():
        if "===END ICANN DOMAINS===" in line:
            break
        line = line.strip()
        if not line or line.startswith("//"):
            continue
        if line.startswith("!"):
            exceptions.add(line[1:])
        elif line.startswith("*."):
            wild.add(line[2:])
        else:
            rules.add(line)
    return rules, wild, exceptions


RULES, WILD, EXCEPTIONS = icann_suffixes()


def is_suffix(name):
    if name in EXCEPTIONS:
        return False
    parent = name.partition(".")[2]
    return name in RULES or (parent in WILD)


def registrable(host):
    """The registrable domain of a host name (eTLD+1)."""
    labels = host.lower().strip(".").split(".")
    for i in range(len(labels)):
        if is_suffix(".".join(labels[i:])):
            return ".".join(labels[max(0, i - 1) :])
    return ".".join(labels[-2:])


def site_of_host(host):
    return registrable(host).split(".")[0]


def site_of_url(url):
    url = url.removeprefix("x")  # one multilingual-dev key is "xhttps://…"
    archived = re.match(r"https?://web\.archive\.org/web/\d+/(.+)", url)
    if archived:
        url = archived.group(1)
    return site_of_host(urlsplit(url).hostname or url)


def site_of_file_name(name):
    """`diaadia.com.pa-ulpiano.html`, `pcgamer.com.skyrim.html` → the first label, once a
    public suffix follows it (the rest of the name is a slug)."""
    stem = name.removesuffix(".html").split("-")[0]
    labels = stem.split(".")
    for j in range(len(labels), 1, -1):
        if is_suffix(".".join(labels[1:j])):
            return labels[0].lower()
    return labels[0].lower()


def corpus_sites():
    """{corpus: {page key: site}} for the three corpora."""
    sites = {"news": {}, "multilingual": {}, "readability": {}}
    truth = json.loads((CORPORA / "news-dev" / "ground-truth.json").read_text())
    for key, v in truth.items():
        sites["news"][key] = site_of_url(v["url"])
    data = json.loads((CORPORA / "multilingual-dev" / "evaldata.json").read_text(encoding="utf-8"))
    for key, v in data.items():
        sites["multilingual"][key] = (
            site_of_file_name(v["file"]) if key.startswith("hard::") else site_of_url(key)
        )
    for d in sorted((CORPORA / "readability").iterdir()):
        if (d / "source.html").exists():
            sites["readability"][d.name] = re.sub(r"-\d+$", "", d.name)
    return sites


def assign(sites):
    """{corpus: {key: fold}}: whole sites into the emptiest fold, largest sites first."""
    pages = defaultdict(lambda: defaultdict(int))  # site -> corpus -> pages
    for corpus, keys in sites.items():
        for site in keys.values():
            pages[site][corpus] += 1
    order = sorted(pages, key=lambda s: (-sum(pages[s].values()), hashlib.sha256(s.encode()).hexdigest()))
    filled = [defaultdict(int) for _ in range(K)]
    fold_of_site = {}
    for site in order:
        main = max(sorted(pages[site]), key=lambda c: pages[site][c])
        fold = min(range(K), key=lambda f: (filled[f][main], sum(filled[f].values()), f))
        fold_of_site[site] = fold
        for corpus, n in pages[site].items():
            filled[fold][corpus] += n
    return {c: {k: fold_of_site[s] for k, s in sorted(keys.items())} for c, keys in sites.items()}


def build():
    sites = corpus_sites()
    folds = assign(sites)
    return {
        "about": "Pages of ../shared/corpora by fold, grouped by site (tools/quality/folds.py).",
        "k": K,
        "training": TRAINING,
        "validation": VALIDATION,
        "folds": folds,
        "sites": {c: dict(sorted(s.items())) for c, s in sites.items()},
    }


def render(data):
    # One page a line: small diffs, easy to grep.
    out = ["{"]
    for name in ("about", "k", "training", "validation"):
        out.append(f" {json.dumps(name)}: {json.dumps(data[name])},")
    for section in ("folds", "sites"):
        out.append(f' "{section}": {{')
        corpora = list(data[section])
        for i, corpus in enumerate(corpora):
            out.append(f"  {json.dumps(corpus)}: {{")
            items = list(data[section][corpus].items())
            for j, (key, value) in enumerate(items):
                comma = "," if j < len(items) - 1 else ""
                out.append(f"   {json.dumps(key, ensure_ascii=False)}: {json.dumps(value, ensure_ascii=False)}{comma}")
            out.append("  }" + ("," if i < len(corpora) - 1 else ""))
        out.append(" }" + ("," if section == "folds" else ""))
    out.append("}")
    return "\n".join(out) + "\n"


def summary(data):
    lines = []
    for corpus, folds in data["folds"].items():
        sizes = [sum(1 for f in folds.values() if f == k) for k in range(data["k"])]
        n_sites = len(set(data["sites"][corpus].values()))
        lines.append(f"{corpus:13} {len(folds):4} pages, {n_sites:4} sites; pages per fold {sizes}")
    return "\n".join(lines)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if folds.json differs from what this makes")
    args = ap.parse_args()
    if not CORPORA.exists():
        print(f"corpus absent ({CORPORA}), skipped")
        return 0
    data = build()
    text = render(data)
    # Every site in exactly one fold, across corpora.
    fold_of = {}
    for corpus, keys in data["sites"].items():
        for key, site in keys.items():
            assert fold_of.setdefault(site, data["folds"][corpus][key]) == data["folds"][corpus][key], site
    if args.check:
        if OUT.read_text(encoding="utf-8") != text:
            print(f"{OUT.relative_to(ROOT)} is stale: run python3 tools/quality/folds.py", file=sys.stderr)
            return 1
        print(f"{OUT.relative_to(ROOT)} is up to date")
    else:
        OUT.write_text(text, encoding="utf-8")
        print(f"wrote {OUT.relative_to(ROOT)}")
    print(summary(data))
    return 0


if __name__ == "__main__":
    sys.exit(main())
