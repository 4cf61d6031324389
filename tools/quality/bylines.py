#!/usr/bin/env python3
"""Pith's byline against the references that exist, per corpus and per fold of sites.

    python3 tools/quality/bylines.py [--list [--folds 0,1,2]] [--json FILE]

References: the Readability corpus's `expected-metadata.json` (`byline`: what
Readability.js says, "By" and dates included, `null` when it finds none) and
multilingual-dev's `author` (a name as an annotator wrote it; empty or absent on pages
without one). news-dev has no author field: its bylines are only classified below.

Per corpus and fold (`folds.json`), over the pages whose reference names an author:
- **exact**: Pith's byline equals the reference, whitespace collapsed;
- **name**: the same person(s) once both sides are reduced to names (case, punctuation,
  "and"/"und"/"&", a leading "By"/"Von"/"Par"…, a trailing date or time dropped): the
  right author whatever the wording.
Then, on every page (reference or not), Pith's bylines by kind of defect, each found by
its form, not by the reference: `glued` (two elements' text joined without a space:
"TUCKERAssociated", "Collignon22."), `doubled` (the same name twice), `introducer` ("By",
"Von:", "Posted by"…), `date` (a date or time in the byline), `credit` (a photo credit),
`label` (a form or comment label: "Name *", "… says:"); and against a reference: `missing`
(an author, no byline), `extra` (Readability.js finds none, Pith gives one), `wrong`
(names none of the reference's words). `--list` prints every page with a defect.
Standard library only; runs `PITH_BIN` (default target/release/pith) once per corpus.
"""

import argparse
import json
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import quality as q  # noqa: E402

FOLDS = json.loads(Path(__file__).with_name("folds.json").read_text())

# What a byline may say around the name, in the corpora's languages. Evaluation-only
# lists: the engine does not read them.
INTRODUCER = re.compile(
    r"^\W*(?:(?:posted|written|published|edited|text|photos?|analysis|interview|story|report|reported)"
    r"\s+(?:by|von)|by|von|vom|par|por|di|de|door|av|af|przez|autor(?:in)?|author|text|texte|"
    r"geschrieben\s+von|veröffentlicht\s+von|verfasst\s+von|artikel\s+von|ein\s+beitrag\s+von|"
    r"interview|текст|автор|بقلم)\b\W*",
    re.IGNORECASE,
)
MONTH = (
    r"jan|feb|mär|mar|apr|ma[iy]|jun|jul|aug|sep|o[ck]t|nov|de[cz]|januar|februar|märz|juni|juli|"
    r"oktober|dezember|janvier|février|mars|avril|mai|juin|juillet|août|septembre|octobre|novembre|"
    r"décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre"
)
DATE = re.compile(
    rf"\d{{1,2}}[./-]\d{{1,2}}[./-]\d{{2,4}}|\b\d{{4}}-\d\d-\d\d|\b\d{{1,2}}:\d\d\b|"
    rf"\b\d{{1,2}}\.?\s*(?:{MONTH})\w*\.?\s+\d{{4}}|\b(?:{MONTH})\w*\.?\s+\d{{1,2}},?\s+\d{{4}}|"
    r"\b(?:hace|vor|ago|il y a)\b|\bupdated\b|\baktualisiert\b",
    re.IGNORECASE,
)
CREDIT = re.compile(r"^\W*(?:foto|photo|bild|image|picture|credit|©|\(c\)|zvg|getty|dpa-bild|фото)", re.I)
LABEL = re.compile(r"^name\b.*(?:\*|erforderlich|required)|\b(?:says|said|sagt|schreibt):?\s*$|^posted on$|^no author$", re.I)
# Two words run together: a lower-case run into a capital ("FoustMonday", "vonElisa"), a
# capitals run into a word ("TUCKERAssociated"), a name into a day ("Collignon22.").
# By form only, in bylines of two words or more: camel-case brands ("ZooRoyal Petcare")
# are flagged too, so `--list` is read before a count is quoted.
GLUED = re.compile(r"[a-zß-ÿ]{2}[A-ZÀ-Þ][a-zß-ÿ]|[A-ZÀ-Þ]{3}[A-ZÀ-Þ][a-zß-ÿ]{2}|[a-zß-ÿ]{2}\d{1,2}\b")
CONNECTOR = re.compile(r"\b(?:and|und|et|y|e|i|&)\b", re.IGNORECASE)


def collapse(s):
    return " ".join(str(s or "").split())


def name_form(s):
    """The names a byline gives: lower case, NFKC, no introducer, no date, no punctuation,
    no connectors."""
    s = unicodedata.normalize("NFKC", collapse(s))
    s = INTRODUCER.sub("", s)
    m = DATE.search(s)
    if m:
        s = s[: m.start()]
    s = re.sub(r"[^\w\s]", " ", s.casefold())
    s = CONNECTOR.sub(" ", s)
    return " ".join(s.split())


def kinds(byline):
    """The defects a byline shows by its form alone."""
    b = collapse(byline)
    if not b:
        return []
    found = []
    if len(b.split()) > 1 and GLUED.search(b):
        found.append("glued")
    words = b.casefold().split()
    half = len(words) // 2
    compact = re.sub(r"\W", "", b.casefold())
    if (half and words[:half] == words[half : 2 * half]) or (
        len(compact) >= 6 and len(compact) % 2 == 0 and compact[: len(compact) // 2] == compact[len(compact) // 2 :]
    ):
        found.append("doubled")
    if INTRODUCER.match(b) and INTRODUCER.sub("", b) != b:
        found.append("introducer")
    if DATE.search(b):
        found.append("date")
    if CREDIT.match(b):
        found.append("credit")
    if LABEL.search(b):
        found.append("label")
    return found


def references():
    """{corpus: [(key, file, reference or None, referenced?)]}: `referenced` says whether the
    reference speaks about this page's author at all."""
    out = {}
    pages = []
    for slug, file, _, meta in q.readability_pages():
        pages.append((slug, file, collapse(meta.get("byline")) or None, True))
    out["readability"] = pages
    root = q.CORPORA / "multilingual-dev"
    data = json.loads((root / "evaldata.json").read_text(encoding="utf-8"))
    pages = []
    for key, file, *_ in q.multilingual_pages():
        author = data[key].get("author")
        if isinstance(author, list):
            author = ", ".join(author)
        pages.append((key, file, collapse(author) or None, False))
    out["multilingual"] = pages
    out["news"] = [(key, file, None, False) for key, file, _ in q.news_pages()]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--list", action="store_true", help="print every page with a defect")
    ap.add_argument("--folds", default="0,1,2", help="folds --list prints (default: the training folds)")
    ap.add_argument("--json", type=Path, help="write the figures as JSON here")
    args = ap.parse_args()
    if not q.CORPORA.exists():
        print(f"corpus absent ({q.CORPORA}), skipped")
        return 0
    training, validation = FOLDS["training"], FOLDS["validation"]
    figures = {}
    listing = []
    print("| corpus | folds | pages with an author | exact | name | defects by kind (all pages) |")
    print("|---|---|---|---|---|---|")
    for corpus, pages in references().items():
        records = q.engine_pith([p[1] for p in pages])
        folds = FOLDS["folds"][corpus]
        per = defaultdict(Counter)
        for key, file, ref, referenced in pages:
            got = collapse((records.get(file) or {}).get("byline")) or None
            fold = folds.get(key)
            found = kinds(got)
            if ref:
                per[fold]["pages"] += 1
                per[fold]["exact"] += got == ref
                per[fold]["name"] += bool(got) and name_form(got) == name_form(ref)
                if not got:
                    found.append("missing")
                elif not set(name_form(got).split()) & set(name_form(ref).split()):
                    found.append("wrong")
            elif referenced and got:
                found.append("extra")
            for kind in found:
                per[fold][kind] += 1
            if found:
                listing.append((corpus, fold, key, ref, got, found))
        for label, chosen in (("training 0-2", training), ("validation 3-4", validation), ("all", range(5))):
            total = sum((per[f] for f in chosen), Counter())
            n = total["pages"]
            defects = ", ".join(
                f"{k} {total[k]}"
                for k in ("glued", "doubled", "introducer", "date", "credit", "label", "missing", "extra", "wrong")
                if total[k]
            )
            exact = f"{total['exact']} ({total['exact'] / n:.3f})" if n else "—"
            name = f"{total['name']} ({total['name'] / n:.3f})" if n else "—"
            print(f"| {corpus} | {label} | {n} | {exact} | {name} | {defects} |")
            figures[f"{corpus}/{label}"] = dict(total)
        for f in range(5):
            figures[f"{corpus}/fold {f}"] = dict(per[f])
    if args.list:
        print()
        shown = {int(f) for f in args.folds.split(",")}
        for corpus, fold, key, ref, got, found in sorted(listing, key=lambda r: (r[0], r[1], r[2])):
            if fold not in shown:
                continue
            print(f"{corpus} f{fold} {key[:50]}: {','.join(found)} | ref {ref!r} | got {got!r}")
    if args.json:
        args.json.write_text(json.dumps(figures, indent=1, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
