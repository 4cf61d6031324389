"""The summary corpora in one shape, each article with its fold.

Every corpus is JSON Lines of {id, article, summary}; `article` is plain text with paragraphs
separated by blank lines. A document here is a dict:
    id, article, reference (the text ROUGE compares with), lead (the article's first
    sentences, for Lead-N), fold (the group it is held out with), source, and for built
    corpora `extractive` (the reference is the article's opening words).

Folds are groups of articles that share a source, so a constant tuned on some folds is
checked on articles from sources it never saw:
- cnndm-dev: the corpus keeps no URL or source, and only 3 of its 50 articles say "(cnn)";
  the rest are DailyMail-style. Grouping by source would give folds of 3 and 47, so the
  folds are the id modulo 5 (10 articles each); the source is still reported.
- bbc-dev: the BBC category (business, entertainment, politics, sport, tech).
- corpora built by tools/summary-data (.make/corpora/summaries/*.jsonl): their own `fold`
  field (the site, hashed into 5 groups).
"""

import json
import os
import re

from . import stats

SHARED = "../shared/corpora/summaries"
BUILT = ".make/corpora/summaries"

# A sentence ends at . ! or ? (and closing quotes) before whitespace and a capital or quote;
# a single capital before the full stop is an initial, not an end.
LEAD_SPLIT = re.compile(r'(?<=[.!?])(?<![A-Z]\.)\s+(?=["“]?[A-Z0-9])|(?<=[.!?]["”\'])\s+(?=["“]?[A-Z0-9])')


def split_sentences(text):
    """A plain regex split, paragraphs first: the baseline's own sentences (never Pith's)."""
    out = []
    for paragraph in text.split("\n\n"):
        out += [s.strip() for s in LEAD_SPLIT.split(paragraph.strip()) if s.strip()]
    return out


def lead_sentences(article, n):
    return split_sentences(article)[:n]


def _read(path):
    with open(path, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def load(name, path, lead_n=3):
    """The documents of one corpus, by its file name (the shape differs a little per corpus)."""
    docs = []
    for raw in _read(path):
        doc = {"id": raw["id"], "article": raw["article"]}
        if name == "cnndm-dev":
            doc["reference"] = "\n".join(raw["summary"])
            doc["lead"] = raw["sentences"][:lead_n]
            doc["source"] = "cnn" if raw["article"].startswith("(cnn)") else "dailymail?"
            doc["fold"] = f"id%5={int(raw['id']) % 5}"
        elif name == "bbc-dev":
            doc["reference"] = raw["summary"]
            doc["lead"] = lead_sentences(raw["article"], lead_n)
            doc["source"] = doc["fold"] = raw["id"].split("/")[0]
        else:
            summary = raw["summary"]
            doc["reference"] = "\n".join(summary) if isinstance(summary, list) else summary
            doc["lead"] = lead_sentences(raw["article"], lead_n)
            doc["source"] = raw.get("source", "")
            doc["extractive"] = raw.get("extractive")
            doc["fold"] = raw.get("fold") or f"group-{stats.stable_bucket(str(raw['id']), 5)}"
        docs.append(doc)
    return docs


def available(shared_dir=SHARED, built_dir=BUILT):
    """(name, path) of every corpus present: the shared ones first, then the built ones."""
    found = []
    for name in ("cnndm-dev", "bbc-dev"):
        path = os.path.join(shared_dir, f"{name}.jsonl")
        if os.path.exists(path):
            found.append((name, path))
        else:
            print(f"{name}: corpus absent, skipped ({path})")
    if os.path.isdir(built_dir):
        for file in sorted(os.listdir(built_dir)):
            if file.endswith(".jsonl"):
                found.append((file[: -len(".jsonl")], os.path.join(built_dir, file)))
    return found


def folds_of(docs):
    """The fold names in a stable order."""
    return sorted({d["fold"] for d in docs})
