import { describe, expect, it } from 'vitest';
import {
  BUDGET_ROW,
  budgetVerdicts,
  failingAudits,
  failingText,
  keepMarked,
  LIGHTHOUSE_END,
  LIGHTHOUSE_START,
  markedContent,
  pointBudgetRow,
  replaceMarked,
  scoreTable,
  type Lhr,
} from '@/scripts/lighthouse/report';

// The pure parts of `npm run lighthouse`: the section of docs/BENCHMARKS.md between its markers
// (replaced by each run, kept by `npm run bench`), the budgets and the audits behind a low score.

const section = (body: string) => `${LIGHTHOUSE_START}\n${body}\n${LIGHTHOUSE_END}`;

describe('the Lighthouse section of docs/BENCHMARKS.md', () => {
  const doc = `# Benchmarks\n\n## Budgets\n\ntable\n\n## Lighthouse\n\n${section('old figures\nmore')}\n\n## Paths\n\npaths\n`;

  it('replaces only what is between the markers', () => {
    const out = replaceMarked(doc, 'new figures');
    expect(markedContent(out)).toBe('new figures');
    expect(out).toBe(doc.replace('old figures\nmore', 'new figures'));
    expect(replaceMarked(out, 'new figures')).toBe(out); // the same run twice: the same file
  });

  it('adds the section before "## Paths" when the file has no markers, else at its end', () => {
    const bare = '# Benchmarks\n\n## Budgets\n\ntable\n\n## Paths\n\npaths\n';
    const out = replaceMarked(bare, 'figures');
    expect(out).toBe(`# Benchmarks\n\n## Budgets\n\ntable\n\n## Lighthouse\n\n${section('figures')}\n\n## Paths\n\npaths\n`);
    expect(replaceMarked('# Benchmarks\n\ntext\n\n', 'figures')).toBe(`# Benchmarks\n\ntext\n\n## Lighthouse\n\n${section('figures')}\n`);
  });

  it('refuses markers that are not one well-formed pair', () => {
    expect(() => replaceMarked(`${LIGHTHOUSE_START}\nno end`, 'x')).toThrow(/markers/);
    expect(() => replaceMarked(`${LIGHTHOUSE_END}\n${LIGHTHOUSE_START}`, 'x')).toThrow(/markers/);
    expect(() => replaceMarked(`${section('a')}\n${section('b')}`, 'x')).toThrow(/markers/);
  });

  it('keeps the previous section when npm run bench writes the file again', () => {
    const fresh = `# Benchmarks (new run)\n\n## Lighthouse\n\n${section('Not measured by npm run bench')}\n\n## Paths\n`;
    expect(markedContent(keepMarked(doc, fresh))).toBe('old figures\nmore');
    expect(keepMarked(doc, fresh)).toContain('# Benchmarks (new run)');
    expect(keepMarked('', fresh)).toBe(fresh); // no earlier file
    expect(keepMarked('# an old file without the section', fresh)).toBe(fresh);
    expect(keepMarked(`${LIGHTHOUSE_START} broken`, fresh)).toBe(fresh); // not worth failing the bench
  });

  it("points the budget table's JS / Lighthouse row at the section, the JS part at check:bundle", () => {
    const table = '| budget | this run | verdict |\n|---|---|---|\n| first-load JS ≤ 100 KB, Lighthouse scores | checked by their own script, not by npm run bench | NOT MEASURED HERE |\n';
    const out = pointBudgetRow(table);
    expect(out).toBe(`| budget | this run | verdict |\n|---|---|---|\n${BUDGET_ROW}\n`);
    expect(BUDGET_ROW).toContain('npm run check:bundle');
    expect(BUDGET_ROW).toContain('(#lighthouse)');
    expect(pointBudgetRow(out)).toBe(out);
  });
});

function lhr(scores: Record<string, number | null>, audits: Lhr['audits'] = {}, refs: Record<string, { id: string; weight: number }[]> = {}): Lhr {
  return {
    categories: Object.fromEntries(Object.entries(scores).map(([id, score]) => [id, { score, auditRefs: refs[id] ?? [] }])),
    audits,
  };
}

describe('budgets and failing audits', () => {
  const audits: Lhr['audits'] = {
    'color-contrast': { id: 'color-contrast', title: 'Background and foreground colors do not have a sufficient contrast ratio.', score: 0, scoreDisplayMode: 'binary' },
    'target-size': { id: 'target-size', title: 'Touch targets are too small', score: 0, scoreDisplayMode: 'binary' },
    'html-has-lang': { id: 'html-has-lang', title: 'has lang', score: 1, scoreDisplayMode: 'binary' },
    'aria-allowed-role': { id: 'aria-allowed-role', title: 'not applicable', score: null, scoreDisplayMode: 'notApplicable' },
    'largest-contentful-paint': { id: 'largest-contentful-paint', title: 'Largest Contentful Paint', score: 0.62, scoreDisplayMode: 'numeric', displayValue: '3.4 s' },
    'first-contentful-paint': { id: 'first-contentful-paint', title: 'First Contentful Paint', score: 0.92, scoreDisplayMode: 'numeric', displayValue: '1.6 s' },
    'render-blocking-resources': { id: 'render-blocking-resources', title: 'Eliminate render-blocking resources', score: 0.5, scoreDisplayMode: 'metricSavings', displayValue: 'Potential savings of 300 ms' },
    diagnostics: { id: 'diagnostics', title: 'Diagnostics', score: null, scoreDisplayMode: 'informative' },
  };
  const refs = {
    accessibility: [
      { id: 'target-size', weight: 7 },
      { id: 'color-contrast', weight: 7 },
      { id: 'html-has-lang', weight: 7 },
      { id: 'aria-allowed-role', weight: 1 },
    ],
    performance: [
      { id: 'first-contentful-paint', weight: 10 },
      { id: 'largest-contentful-paint', weight: 25 },
      { id: 'render-blocking-resources', weight: 0 },
      { id: 'diagnostics', weight: 0 },
    ],
  };

  it('lists the scored audits below full marks, the heaviest first; a metric fails below 0.9', () => {
    const r = lhr({ accessibility: 0.9, performance: 0.8 }, audits, refs);
    expect(failingAudits(r, 'accessibility').map((a) => a.id)).toEqual(['target-size', 'color-contrast']);
    expect(failingAudits(r, 'performance')).toEqual([
      { id: 'largest-contentful-paint', title: 'Largest Contentful Paint', score: 0.62, displayValue: '3.4 s' },
      { id: 'render-blocking-resources', title: 'Eliminate render-blocking resources', score: 0.5, displayValue: 'Potential savings of 300 ms' },
    ]);
  });

  it('judges the score as Lighthouse shows it: 0.945 shows 95 and meets ≥ 95; accessibility needs 100', () => {
    const pages = [
      { page: '/', url: '/', lhr: lhr({ performance: 0.945, accessibility: 1, 'best-practices': 0.96, seo: 0.5 }) },
      { page: '/semakan', url: '/semakan', lhr: lhr({ performance: 0.93, accessibility: 0.98, 'best-practices': null, seo: 1 }, audits, refs) },
    ];
    expect(budgetVerdicts(pages)).toEqual([
      'performance ≥ 95: **NOT MET** on /semakan 93 (2 short)',
      'accessibility 100: **NOT MET** on /semakan 98 (2 short)',
      'best practices ≥ 95: **NOT MET** on /semakan no score',
    ]);
    const table = scoreTable(pages);
    expect(table.split('\n')[0]).toBe('| page | performance (≥ 95) | accessibility (100) | best practices (≥ 95) | SEO |');
    expect(table).toContain('| / | 95 | 100 | 96 | 50 |'); // no budget on SEO: never bold
    expect(table).toContain('| /semakan | **93** | **98** | **—** | 100 |');
    const failing = failingText(pages);
    expect(failing).toContain('/semakan, accessibility:\n- `target-size` Touch targets are too small\n- `color-contrast`');
    expect(failing).toContain('- `largest-contentful-paint` Largest Contentful Paint — 3.4 s');
    expect(failing).not.toContain('/,'); // the page within its budgets has no list
    expect(budgetVerdicts(pages.slice(0, 1))).toEqual(['performance ≥ 95: **MET** on every page', 'accessibility 100: **MET** on every page', 'best practices ≥ 95: **MET** on every page']);
  });
});
