import 'server-only';
import * as echarts from 'echarts';

// Charts drawn on the SERVER as SVG (Apache ECharts' SSR renderer), so the strict CSP needs no
// script for them: the page embeds the SVG (ECharts escapes every label; it carries only inline
// styles, which the CSP allows). Each chart is wrapped by the page in role="img" with an
// aria-label, and its numbers are the table under it (lib/reports/tables.ts).

export type BarChart = { labels: string[]; series: { name: string; values: (number | null)[] }[]; horizontal?: boolean; line?: boolean };

const COLOURS = ['#1d4ed8', '#059669', '#b45309', '#7c3aed'];

// Drawn charts by their figures: a chart is a pure function of its labels, values and size, and
// ECharts takes 5-25 ms to draw one, so a report or /statistik shown again with the same figures
// (a reload, the print view, the next visitor) reuses the drawing. Bounded: the oldest goes first.
const drawn = new Map<string, string>();
const DRAWN_MAX = 64;
let draws = 0;

/** How many drawings are kept and how many were made since start (for the tests). */
export const chartDrawings = () => ({ kept: drawn.size, made: draws, max: DRAWN_MAX });

export function chartSvg(c: BarChart, size: { width: number; height: number } = { width: 720, height: 280 }): string {
  const key = JSON.stringify([c, size]);
  const hit = drawn.get(key);
  if (hit !== undefined) {
    drawn.delete(key); // most recently used last
    drawn.set(key, hit);
    return hit;
  }
  const svg = drawSvg(c, size);
  drawn.set(key, svg);
  if (drawn.size > DRAWN_MAX) drawn.delete(drawn.keys().next().value!);
  return svg;
}

function drawSvg(c: BarChart, size: { width: number; height: number }): string {
  draws++;
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width: size.width, height: size.height });
  try {
    const category = { type: 'category' as const, data: c.labels, axisLabel: { fontSize: 11, hideOverlap: true } };
    const value = { type: 'value' as const, minInterval: 1, axisLabel: { fontSize: 11 } };
    chart.setOption({
      animation: false,
      color: COLOURS,
      textStyle: { fontFamily: 'system-ui, sans-serif', color: '#0f172a' },
      grid: { left: c.horizontal ? 150 : 40, right: 20, top: c.series.length > 1 ? 36 : 16, bottom: 40, containLabel: false },
      legend: c.series.length > 1 ? { top: 0, textStyle: { fontSize: 12 } } : undefined,
      xAxis: c.horizontal ? value : category,
      yAxis: c.horizontal ? { ...category, inverse: true, axisLabel: { fontSize: 11, width: 140, overflow: 'truncate' as const } } : value,
      series: c.series.map((s) => ({ name: s.name, type: c.line ? ('line' as const) : ('bar' as const), data: s.values, barMaxWidth: 28 })),
    });
    // Scales with its box (the viewBox keeps the drawing), so a phone or an A4 page fits it.
    return chart.renderToSVGString().replace(/^<svg width="\d+" height="\d+"/, '<svg width="100%" preserveAspectRatio="xMinYMin meet" class="h-auto w-full"');
  } finally {
    chart.dispose();
  }
}
