import { describe, expect, it } from 'vitest';
import { chartDrawings, chartSvg, type BarChart } from '@/lib/reports/charts';

const chart = (values: number[]): BarChart => ({ labels: values.map((_, i) => `Bulan ${i + 1}`), series: [{ name: 'Diterima', values }] });

describe('server-drawn charts', () => {
  it('draws a chart once for the same figures and size, and again when a figure or the size changes', () => {
    const before = chartDrawings().made;
    const a = chartSvg(chart([3, 1, 4]), { width: 720, height: 240 });
    expect(a).toMatch(/^<svg width="100%"/);
    expect(chartSvg(chart([3, 1, 4]), { width: 720, height: 240 })).toBe(a);
    expect(chartDrawings().made).toBe(before + 1);

    // A changed figure is a new drawing, never the kept one: a report must not show stale bars.
    const b = chartSvg(chart([3, 1, 5]), { width: 720, height: 240 });
    expect(b).not.toBe(a);
    const c = chartSvg(chart([3, 1, 4]), { width: 720, height: 300 });
    expect(c).not.toBe(a);
    expect(chartDrawings().made).toBe(before + 3);
  });

  it('keeps a bounded number of drawings, dropping the least recently used', () => {
    const { max } = chartDrawings();
    const first = chart([9, 9, 9]);
    chartSvg(first, { width: 100, height: 100 });
    for (let i = 0; i < max + 5; i++) {
      chartSvg(chart([i, i + 1]), { width: 100, height: 100 });
      if (i === max - 3) chartSvg(first, { width: 100, height: 100 }); // used again: kept
    }
    expect(chartDrawings().kept).toBe(max);
    const made = chartDrawings().made;
    chartSvg(first, { width: 100, height: 100 });
    expect(chartDrawings().made).toBe(made);
    chartSvg(chart([0, 1]), { width: 100, height: 100 }); // the oldest: dropped, drawn again
    expect(chartDrawings().made).toBe(made + 1);
  });
});
