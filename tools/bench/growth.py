"""Plots the engine's cost growth (bench-out/growth.jsonl from `examples/growth.rs`)
into docs/growth.png and writes bench-out/growth.md with the table and the fitted
exponent (time ~ size^k; k near 1 is linear).

    python3 tools/bench/growth.py
"""
import json
import math
from pathlib import Path

import matplotlib

matplotlib.use("Agg")  # no display on CI machines
import matplotlib.pyplot as plt  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
rows = [json.loads(line) for line in (ROOT / "bench-out" / "growth.jsonl").read_text().splitlines() if line.strip()]
xs = [r["bytes"] / 1e6 for r in rows]
ys = [r["ms"] for r in rows]

# Least-squares slope on log-log axes over the sizes where fixed costs no longer dominate.
big = [(math.log(x), math.log(y)) for x, y in zip(xs, ys) if x >= 0.1]
n = len(big)
mx = sum(a for a, _ in big) / n
my = sum(b for _, b in big) / n
k = sum((a - mx) * (b - my) for a, b in big) / sum((a - mx) ** 2 for a, _ in big)

fig, ax = plt.subplots(figsize=(6.4, 4.2), dpi=120)
ax.loglog(xs, ys, "o-", color="#1f5f8b", label="pith::clean (native, release)")
ref = [ys[-1] * x / xs[-1] for x in xs]
ax.loglog(xs, ref, "--", color="#999999", label="linear reference")
ax.set_xlabel("page size (MB)")
ax.set_ylabel("time (ms, median)")
ax.set_title(f"Pith cost growth: time ∝ size^{k:.2f}")
ax.grid(True, which="both", alpha=0.3)
ax.legend()
fig.tight_layout()
(ROOT / "docs").mkdir(exist_ok=True)
fig.savefig(ROOT / "docs" / "growth.png")

table = ["| page size | time (median) | throughput |", "|---|---|---|"]
for r in rows:
    table.append(f"| {r['bytes'] / 1e6:.2f} MB | {r['ms']:.1f} ms | {r['mb_per_s']:.1f} MB/s |")
md = (
    "Synthetic news pages, 10 KB to 20 MB (`cargo run --release --example growth > bench-out/growth.jsonl && "
    "python3 tools/bench/growth.py`, part of `make bench`). "
    f"Fitted exponent over pages ≥ 0.1 MB: **time ∝ size^{k:.2f}** (1.00 is linear).\n\n"
    + "\n".join(table)
    + "\n\n![Cost growth](docs/growth.png)\n"
)
(ROOT / "bench-out" / "growth.md").write_text(md)
print(md)
