// Percentiles read off counts: `[value, how many]` pairs, as PostgreSQL's percentile_cont computes
// them over the values themselves (continuous, interpolated between the two nearest ranks:
// lo + (hi - lo) × fraction), so a report groups a million durations by value (a few thousand
// whole minutes) instead of sorting them.

export type Histogram = readonly (readonly [value: number, count: number])[];

export const sortHistogram = (h: Histogram): Histogram => [...h].filter(([, n]) => n > 0).sort((a, b) => a[0] - b[0]);

/** percentile_cont(p) of the values a sorted histogram counts; null when it counts none. */
export function percentileCont(sorted: Histogram, p: number): number | null {
  const total = sorted.reduce((s, [, n]) => s + n, 0);
  if (total === 0) return null;
  const pos = p * (total - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  const at = (rank: number) => {
    let seen = 0;
    for (const [v, n] of sorted) {
      seen += n;
      if (rank < seen) return v;
    }
    return sorted[sorted.length - 1][0];
  };
  const a = at(lo);
  if (hi === lo) return a;
  const b = at(hi);
  return a + (b - a) * (pos - lo);
}
