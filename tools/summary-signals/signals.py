#!/usr/bin/env python3
"""Sentence signals for the summary, measured offline from what the engine saw (issue 21).

Usage (the rouge venv's python: it has rouge-score and numpy):
  signals.py dump --pith PATCHED_PITH OUT.json   every article's ranking inputs, through the
                                                  engine of measure.patch (PITH_X_DUMP)
  signals.py agreement DUMP.json                  bbc-dev: how often a ranking's picks are
                                                  sentences of the (extractive) reference
  signals.py grid DUMP.json GRID [--by-length L]  ROUGE of each setting of GRID, simulated;
                                                  ten-fold leave-one-fold-out choice; the gain
                                                  of setting L by article length
  signals.py bounds DUMP.json                     ceilings for 3 sentences: the greedy R1
                                                  oracle; on bbc-dev the 3 longest reference
                                                  sentences, and Pith's picks among reference
                                                  sentences only

The engine's ranking is re-run in Python on its own inputs (sentences as it split them,
TextRank centrality, similarity matrix, leaning flags, word counts), in float32 as the engine
computes, so a setting's summaries are the engine's without a rebuild per setting; `grid`
first checks that today's setting gives the engine's summaries on every article.

Settings (GRID: a label, then key=value; a label alone is today's engine):
  cw centrality weight (1), lw length weight (0.6), lf words at full length credit (22.5),
  pw position weight (0.4), span position span (400), rw redundancy weight (0.5),
  fw weight of the frequency term: the mean, over the sentence's content terms (the
     engine's: stop words out, stemmed), of the term's count in the article / the top count,
  ce weight of the centroid term: cosine of the sentence's and the article's term counts.

Folds: bbc-dev's categories and cnndm-dev's id groups (tools/evaluation/corpora.py). For
each of the ten folds the setting with the best mean (R1+R2)/2 on the other nine, each
corpus weighing one half, is chosen and scored on the held-out fold: one engine, one setting.
"""

import argparse
import json
import math
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter

import numpy as np
from rouge_score import rouge_scorer

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from evaluation import corpora  # noqa: E402

F32 = np.float32
CORPORA = ("bbc-dev", "cnndm-dev")
TODAY = dict(cw=1.0, lw=0.6, lf=22.5, pw=0.4, span=400.0, rw=0.5, fw=0.0, ce=0.0)


def dump(pith, out):
    """One record per article: its fold, reference, the engine's summary and ranking inputs."""
    records = []
    for name, path in corpora.available(corpora.SHARED, corpora.BUILT):
        if name not in CORPORA:
            continue
        with tempfile.TemporaryDirectory(prefix="pith-signals-") as tmp:
            for i, doc in enumerate(corpora.load(name, path, 3)):
                file = os.path.join(tmp, f"{i:06d}.txt")
                with open(file, "w", encoding="utf-8") as f:
                    f.write(doc["article"])
                # One article per process: the dump goes to stderr, one JSON line per summary.
                run = subprocess.run([pith, "--input", "text", "--summary", "3", "--format", "json", file],
                                     capture_output=True, text=True, check=False, env=dict(os.environ, PITH_X_DUMP="1"))
                lines = [line for line in run.stderr.split("\n") if line.startswith("{")]
                if not lines:
                    sys.exit(f"signals: no dump for {name} {doc['id']}: is {pith} built with measure.patch?")
                summary = json.loads(run.stdout.split("\n")[0]).get("summary", [])
                records.append({"corpus": name, "id": doc["id"], "fold": doc["fold"], "reference": doc["reference"],
                                "summary": summary, "engine": json.loads(lines[0])})
    with open(out, "w", encoding="utf-8") as f:
        json.dump(records, f)
    print(f"{len(records)} articles dumped to {out}")


def load(path):
    with open(path, encoding="utf-8") as f:
        docs = json.load(f)
    for d in docs:
        x = d["engine"]
        n = len(x["sentences"])
        x["sim"] = np.array(x["sim"], dtype=F32).reshape(n, n)
        x["scores"] = np.array(x["scores"], dtype=F32)
        x["c"] = np.array(x["centrality"], dtype=F32)
        x["w"] = np.array(x["words"], dtype=F32)
        x["i"] = np.arange(n, dtype=F32)
        x["q"] = np.array(x["quote"], dtype=bool)
        counts = Counter(t for terms in x["terms"] for t in terms)
        top = max(counts.values(), default=1)
        x["freq"] = np.array([np.mean([counts[t] / top for t in ts]) if ts else 0.0 for ts in x["terms"]], dtype=F32)
        norm = math.sqrt(sum(v * v for v in counts.values())) or 1.0
        centroid = []
        for ts in x["terms"]:
            own = Counter(ts)
            own_norm = math.sqrt(sum(v * v for v in own.values())) or 1.0
            centroid.append(sum(v * counts[t] for t, v in own.items()) / own_norm / norm)
        x["centroid"] = np.array(centroid, dtype=F32)
    return docs


def scores(x, s):
    """The engine's sentence score (`Ranking::of`) under setting `s`, in float32."""
    if not len(x["i"]):
        return x["scores"]
    n = F32(len(x["i"]))
    length = F32(s["lw"]) * np.minimum(x["w"] / F32(s["lf"]), F32(1))
    position = F32(s["pw"]) * np.exp(-x["i"] * n / F32(s["span"]))
    score = F32(s["cw"]) * x["c"] + length + position - np.where(x["q"], F32(0.05), F32(0))
    score = score + F32(s["fw"]) * x["freq"] + F32(s["ce"]) * x["centroid"]
    return np.where(x["w"] < 8, score - F32(2), score).astype(F32)


def pick(x, score, k, redundancy):
    """`Ranking::pick`: greedy, redundancy-penalised, a leaning sentence after its predecessor."""
    chosen = []
    while len(chosen) < k:
        ready = best = None
        for i in range(len(score)):
            if i in chosen:
                continue
            value = F32(score[i] - F32(redundancy) * max((x["sim"][i, j] for j in chosen), default=F32(0)))
            if best is None or value > best[1]:
                best = (i, value)
            if (not x["leans"][i] or i - 1 in chosen) and (ready is None or value > ready[1]):
                ready = (i, value)
        if (ready or best) is None:
            break
        chosen.append((ready or best)[0])
    return sorted(chosen)


def summarize(x, s, n=3):
    """`summarize_prose`: fewer sentences while the picks are half the article or more."""
    score = scores(x, s)
    for k in range(min(n, x["all"]), 0, -1):
        picked = pick(x, score, k, s["rw"])
        if F32(sum(x["words"][i] for i in picked)) < F32(0.5) * F32(x["article_words"]):
            return [x["shown"][i] for i in picked]
    return []


def squash(text):
    return re.sub(r"\W+", "", text.lower())


def in_reference(d):
    reference = squash(d["reference"])
    return [bool(squash(s)) and squash(s) in reference for s in d["engine"]["sentences"]]


def agreement(path):
    docs = [d for d in load(path) if d["corpus"] == "bbc-dev"]
    selected = sum(sum(in_reference(d)) for d in docs)
    total = sum(len(d["engine"]["sentences"]) for d in docs)
    print(f"bbc-dev: {selected} of {total} sentences are in the reference ({100 * selected / total:.1f} %)")
    rankings = {
        "lead (document order)": lambda x: -x["i"],
        "Pith's score": lambda x: x["scores"],
        "Pith's score + 0.2 frequency": lambda x: scores(x, dict(TODAY, fw=0.2)),
        "Pith's score + 1.0 frequency": lambda x: scores(x, dict(TODAY, fw=1.0)),
        "TextRank centrality alone": lambda x: x["c"],
        "frequency term alone": lambda x: x["freq"],
        "centroid term alone": lambda x: x["centroid"],
        "length (words) alone": lambda x: x["w"],
    }
    print(f"  {'ranking':<32} {'top k, k = reference':>20} {'top 3':>7} {'top 3 as picked':>16}")
    for label, rank in rankings.items():
        hit_k = all_k = hit_3 = all_3 = hit_p = all_p = 0
        for d in docs:
            x, labels = d["engine"], in_reference(d)
            value = rank(x)
            order = sorted(range(len(labels)), key=lambda i: (-value[i], i))
            k = sum(labels)
            hit_k, all_k = hit_k + sum(labels[i] for i in order[:k]), all_k + k
            if len(labels) > 3:
                hit_3, all_3 = hit_3 + sum(labels[i] for i in order[:3]), all_3 + 3
                # As the engine picks with this score (redundancy, leaning rule), where it is a score.
                if label.startswith("Pith"):
                    picked = pick(x, value, 3, TODAY["rw"])
                    hit_p, all_p = hit_p + sum(labels[i] for i in picked), all_p + 3
        as_picked = f"{100 * hit_p / all_p:15.1f}%" if all_p else f"{'':>16}"
        print(f"  {label:<32} {100 * hit_k / all_k:19.1f}% {100 * hit_3 / all_3:6.1f}% {as_picked}")


def read_grid(path):
    settings = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            words = line.split("#", 1)[0].split()
            if words:
                settings[words[0]] = dict(TODAY, **{k: float(v) for k, v in (w.split("=") for w in words[1:])})
    return settings


def mean_se(values):
    values = list(values)
    return np.mean(values), np.std(values, ddof=1) / math.sqrt(len(values))


def bounds(path):
    docs = load(path)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)

    def r1(d, picked):
        sentences = d["engine"]["sentences"]
        return 100 * scorer.score(d["reference"], " ".join(sentences[i] for i in sorted(picked)))["rouge1"].fmeasure

    for corpus in CORPORA:
        oracle, longest, filtered = [], [], []
        for d in (d for d in docs if d["corpus"] == corpus):
            x, n = d["engine"], len(d["engine"]["sentences"])
            chosen = []
            for _ in range(min(3, n)):
                chosen.append(max((i for i in range(n) if i not in chosen), key=lambda i: r1(d, chosen + [i])))
            oracle.append(r1(d, chosen))
            if corpus == "bbc-dev":
                labels = in_reference(d)
                longest.append(r1(d, sorted((i for i in range(n) if labels[i]), key=lambda i: -x["words"][i])[:3]))
                # Today's ranking, with every sentence outside the reference pushed below all others.
                score = np.where(labels, scores(x, TODAY), scores(x, TODAY) - F32(5)).astype(F32)
                picked = pick(x, score, min(3, x["all"]), TODAY["rw"])
                filtered.append(r1(d, picked))
        print(f"{corpus}: greedy R1 oracle of 3 sentences {np.mean(oracle):.2f}")
        if longest:
            print(f"{corpus}: the 3 longest reference sentences {np.mean(longest):.2f}; Pith's picks among "
                  f"reference sentences only (no coverage rule) {np.mean(filtered):.2f}")


def grid(path, grid_path, by_length=None):
    docs = load(path)
    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2"], use_stemmer=True)
    mismatched = sum(summarize(d["engine"], TODAY) != d["summary"] for d in docs)
    print(f"simulation check: today's setting gives the engine's summary on {len(docs) - mismatched} of {len(docs)} articles")
    if mismatched:
        sys.exit("signals: the simulation does not reproduce the engine; fix it before reading any figure")
    settings = read_grid(grid_path)
    rouge = {}
    for label, s in settings.items():
        rouge[label] = []
        for d in docs:
            r = scorer.score(d["reference"], " ".join(summarize(d["engine"], s)))
            rouge[label].append((100 * r["rouge1"].fmeasure, 100 * r["rouge2"].fmeasure))
    first = next(iter(settings))
    print(f"every setting on all articles (tuned-on, for orientation); Δ R1 paired against '{first}' ± SE")
    for label in settings:
        cells = []
        for corpus in CORPORA:
            idx = [i for i, d in enumerate(docs) if d["corpus"] == corpus]
            gain = mean_se(rouge[label][i][0] - rouge[first][i][0] for i in idx)
            cells.append(f"{corpus} R1 {np.mean([rouge[label][i][0] for i in idx]):6.2f} "
                         f"R2 {np.mean([rouge[label][i][1] for i in idx]):6.2f} Δ {gain[0]:+.2f} ± {gain[1]:.2f}")
        print(f"  {label:<28} " + " | ".join(cells))
    folds = sorted({(d["corpus"], d["fold"]) for d in docs})
    held_out = [None] * len(docs)
    print("leave one of the ten folds out (corpora weigh one half each):")
    for corpus, fold in folds:
        def training(label):
            return sum(np.mean([(r1 + r2) / 2 for d, (r1, r2) in zip(docs, rouge[label])
                                if d["corpus"] == c and (c, d["fold"]) != (corpus, fold)]) / 2 for c in CORPORA)
        best = max(settings, key=training)
        for i, d in enumerate(docs):
            if (d["corpus"], d["fold"]) == (corpus, fold):
                held_out[i] = rouge[best][i]
        print(f"  {corpus} {fold:<14} chosen on the other nine: {best}")
    for corpus in CORPORA:
        idx = [i for i, d in enumerate(docs) if d["corpus"] == corpus]
        gain = mean_se(held_out[i][0] - rouge[first][i][0] for i in idx)
        print(f"  {corpus} held out: R1 {np.mean([held_out[i][0] for i in idx]):.2f} "
              f"R2 {np.mean([held_out[i][1] for i in idx]):.2f}, against '{first}' {gain[0]:+.2f} ± {gain[1]:.2f}")
    if by_length:
        print(f"'{by_length}' against '{first}' by article length (words), R1 paired ± SE:")
        for corpus, edges in (("bbc-dev", (0, 200, 300, 400, 600, 10**6)), ("cnndm-dev", (0, 400, 600, 800, 10**6))):
            for low, high in zip(edges, edges[1:]):
                idx = [i for i, d in enumerate(docs) if d["corpus"] == corpus and low <= d["engine"]["article_words"] < high]
                gain = mean_se(rouge[by_length][i][0] - rouge[first][i][0] for i in idx)
                words = np.median([len(docs[i]["reference"].split()) for i in idx])
                print(f"  {corpus} {low}-{high} words: {len(idx)} articles, {gain[0]:+.2f} ± {gain[1]:.2f} "
                      f"(reference {words:.0f} words, median)")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("dump")
    p.add_argument("--pith", required=True)
    p.add_argument("out")
    sub.add_parser("agreement").add_argument("dump")
    p = sub.add_parser("grid")
    p.add_argument("dump")
    p.add_argument("grid")
    p.add_argument("--by-length", help="a label of GRID")
    sub.add_parser("bounds").add_argument("dump")
    args = parser.parse_args()
    if args.command == "dump":
        dump(args.pith, args.out)
    elif args.command == "agreement":
        agreement(args.dump)
    elif args.command == "bounds":
        bounds(args.dump)
    else:
        grid(args.dump, args.grid, args.by_length)


if __name__ == "__main__":
    main()
