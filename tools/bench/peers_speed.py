#!/usr/bin/env python3
"""Pith's CLI beside trafilatura and readability-lxml, side by side in one run (issue 18).

    make bench-peers          # or: .make/venv-quality/bin/python tools/bench/peers_speed.py [--pages 60] [--rounds 5]

The same pages (the first N real pages of ../shared/corpora/readability: 20 KB and more,
by name), each engine once per page per round, interleaved: for every page the engines run
one after the other, in an order that rotates with the page and the round, so that a
change of load on the shared machine falls on all of them alike. Per page and engine the
median over rounds is kept; the tables give the median over pages and the mean, and the
per-page ratio peer / Pith (median over pages), for wall-clock time and for CPU time
(user + system of Pith's process; `time.process_time()` around the peer's call).

What is timed (wall clock):
- Pith: the whole CLI per page, `pith --format json FILE` as a new process: process start,
  reading, decoding, the full pipeline (extraction, dedupe, statistics, summary, rendering),
  JSON out. Pith's in-process time is lower; this is the figure a batch user sees.
- trafilatura with metadata: `bare_extraction(bytes, with_metadata=True)` in a warm Python
  process (the interpreter and the module already loaded);
- trafilatura without metadata: `bare_extraction(bytes, with_metadata=False)`;
- readability-lxml: `Document(bytes).summary()`.
So the peers are timed without their interpreter's start, Pith with its process start:
the comparison leans towards the peers.
"""

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpora" / "readability"
PITH = os.environ.get("PITH_BIN", str(ROOT / "target" / "release" / "pith"))
MIN_BYTES = 20_000

WORKER = r"""
import json, sys, time, warnings
warnings.filterwarnings("ignore")
import trafilatura
from readability import Document
import logging
logging.disable(logging.CRITICAL)
def run(engine, data):
    if engine == "trafilatura+meta":
        trafilatura.bare_extraction(data, with_metadata=True)
    elif engine == "trafilatura":
        trafilatura.bare_extraction(data, with_metadata=False)
    elif engine == "readability-lxml":
        Document(data).summary(html_partial=True)
for line in sys.stdin:
    engine, path = json.loads(line)
    with open(path, "rb") as f:
        data = f.read()
    start, cpu = time.perf_counter(), time.process_time()
    try:
        run(engine, data)
        ok = True
    except Exception:
        ok = False
    print(json.dumps([time.perf_counter() - start, time.process_time() - cpu, ok]), flush=True)
"""

ENGINES = ["pith", "trafilatura+meta", "trafilatura", "readability-lxml"]
LABELS = {
    "pith": "Pith: whole CLI per page (new process)",
    "trafilatura+meta": "trafilatura `bare_extraction(with_metadata=True)`",
    "trafilatura": "trafilatura `bare_extraction(with_metadata=False)`",
    "readability-lxml": "readability-lxml `Document(bytes).summary()`",
}


def pages(n):
    chosen = []
    for d in sorted(CORPUS.iterdir()):
        f = d / "source.html"
        if f.exists() and f.stat().st_size >= MIN_BYTES:
            chosen.append(str(f))
    return chosen[:n]


def children_cpu():
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_pith(path):
    start, cpu = time.perf_counter(), children_cpu()
    proc = subprocess.run([PITH, "--format", "json", path], capture_output=True)
    return time.perf_counter() - start, children_cpu() - cpu, proc.returncode == 0


def table(title, times, files, failures):
    """Prints one table of per-page medians; returns them."""
    med = {e: {f: statistics.median(v) for f, v in times[e].items()} for e in ENGINES}
    print(f"\n{title}, per page: median over rounds, then over pages\n")
    print("| engine | median ms/page | mean ms/page | per-page ratio to Pith (median) | failures |")
    print("|---|---|---|---|---|")
    for e in ENGINES:
        vals = list(med[e].values())
        ratios = [med[e][f] / med["pith"][f] for f in files if med["pith"][f] > 0]
        ratio = "1" if e == "pith" else f"{statistics.median(ratios):.1f}×"
        print(f"| {LABELS[e]} | {1000 * statistics.median(vals):.1f} | {1000 * statistics.mean(vals):.1f} | "
              f"{ratio} | {len(failures[e])} |")
    means = {e: statistics.mean(med[e].values()) for e in ENGINES}
    print(f"\nRatio of means: trafilatura with metadata {means['trafilatura+meta'] / means['pith']:.1f}×, "
          f"without {means['trafilatura'] / means['pith']:.1f}×, readability-lxml "
          f"{means['readability-lxml'] / means['pith']:.1f}× Pith's whole CLI.")
    return med


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pages", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--python", default=sys.executable, help="a Python with trafilatura and readability-lxml")
    ap.add_argument("--json", type=Path, help="write per-page medians here")
    args = ap.parse_args()
    if not CORPUS.exists():
        print(f"corpus absent ({CORPUS}), skipped")
        return 0
    files = pages(args.pages)
    worker = subprocess.Popen([args.python, "-c", WORKER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def time_peer(engine, path):
        worker.stdin.write(json.dumps([engine, path]) + "\n")
        worker.stdin.flush()
        return json.loads(worker.stdout.readline())

    # One untimed pass: module caches, page cache, the first calls' one-time costs.
    for path in files[:5]:
        time_pith(path)
        for e in ENGINES[1:]:
            time_peer(e, path)
    load_before = os.getloadavg()[0]
    times = {e: {f: [] for f in files} for e in ENGINES}
    cpu_times = {e: {f: [] for f in files} for e in ENGINES}
    failures = {e: set() for e in ENGINES}
    started = time.time()
    for r in range(args.rounds):
        for i, path in enumerate(files):
            k = (i + r) % len(ENGINES)
            for engine in ENGINES[k:] + ENGINES[:k]:
                seconds, cpu, ok = time_pith(path) if engine == "pith" else time_peer(engine, path)
                times[engine][path].append(seconds)
                cpu_times[engine][path].append(cpu)
                if not ok:
                    failures[engine].add(path)
    worker.stdin.close()
    worker.wait()
    load_after = os.getloadavg()[0]
    print(f"\n{len(files)} pages of ../shared/corpora/readability (≥ 20 KB, first by name), {args.rounds} interleaved "
          f"rounds, {time.time() - started:.0f} s; load average {load_before:.1f} before, {load_after:.1f} after.")
    med = table("Wall clock", times, files, failures)
    table("CPU time (user + system: less sensitive to the load of a shared machine)", cpu_times, files, failures)
    if args.json:
        args.json.write_text(json.dumps({"files": files, "median_seconds": med}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
