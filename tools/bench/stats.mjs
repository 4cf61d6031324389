// Order statistics shared by the benchmark scripts.

/** The p-th percentile (nearest-rank) of `xs`; null when empty. */
export function percentile(xs, p) {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const median = (xs) => percentile(xs, 50);
