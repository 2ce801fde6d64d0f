/** Small statistics shared by the eval, the bench and the load test. */

/** Nearest-rank percentile of an ascending array (p in 0..100; NaN when empty). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const rank = Math.ceil((p / 100) * sorted.length) - 1;
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank))]!;
}
