import { describe, expect, it } from 'vitest';
import { percentileCont, sortHistogram } from '@/lib/reports/percentiles';

// Percentiles read off counts equal PostgreSQL's percentile_cont over the values themselves
// (interpolated between the two nearest ranks); the reports' integration test compares them with
// the database's own percentile_cont on a fixed data set.

/** percentile_cont over the plain values, as PostgreSQL defines it. */
function plain(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const v = [...values].sort((a, b) => a - b);
  const pos = p * (v.length - 1);
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return lo === hi ? v[lo] : v[lo] + (v[hi] - v[lo]) * (pos - lo);
}

const histogram = (values: number[]) => {
  const m = new Map<number, number>();
  for (const x of values) m.set(x, (m.get(x) ?? 0) + 1);
  return sortHistogram([...m.entries()]);
};

describe('percentiles from counts', () => {
  it('equal the plain computation for medians and 90th percentiles', () => {
    let seed = 7;
    const rand = () => (seed = (seed * 48271) % 2147483647) / 2147483647;
    for (const size of [1, 2, 3, 10, 11, 97, 1000]) {
      const values = Array.from({ length: size }, () => Math.floor(rand() * 300));
      for (const p of [0, 0.5, 0.9, 1]) expect(percentileCont(histogram(values), p)).toBe(plain(values, p));
    }
  });

  it('is null with nothing counted, and ignores empty counts', () => {
    expect(percentileCont([], 0.5)).toBeNull();
    expect(percentileCont(sortHistogram([[5, 0]]), 0.5)).toBeNull();
    expect(percentileCont(sortHistogram([[9, 1], [3, 1], [4, 0]]), 0.5)).toBe(6);
  });
});
