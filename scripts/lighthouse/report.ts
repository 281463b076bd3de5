// The pure parts of `npm run lighthouse` (scripts/lighthouse.ts), unit-tested in
// tests/unit/lighthouse-report.test.ts: issue #14's Lighthouse budgets, the failing audits behind a
// score, the table, and the "## Lighthouse" section of docs/BENCHMARKS.md between its markers
// (which `npm run bench` carries over when it rewrites the file).

export const LIGHTHOUSE_START = '<!-- lighthouse:start -->';
export const LIGHTHOUSE_END = '<!-- lighthouse:end -->';
const HEADING = '## Lighthouse';

export type CategoryId = 'performance' | 'accessibility' | 'best-practices' | 'seo';
export const CATEGORIES: CategoryId[] = ['performance', 'accessibility', 'best-practices', 'seo'];
const CATEGORY_NAMES: Record<CategoryId, string> = { performance: 'performance', accessibility: 'accessibility', 'best-practices': 'best practices', seo: 'SEO' };

/** Issue #14: mobile profile, performance ≥ 95, accessibility 100, best practices ≥ 95 (SEO has no budget). On the score as Lighthouse shows it (0–100, rounded). */
export const BUDGETS: Partial<Record<CategoryId, number>> = { performance: 95, accessibility: 100, 'best-practices': 95 };

/** The budget table's row for the JS size and Lighthouse budgets, written by `npm run bench` (scripts/bench/report.ts) and set by `npm run lighthouse`. */
export const BUDGET_ROW =
  '| first-load JS ≤ 100 KB; Lighthouse (mobile) performance ≥ 95, accessibility 100, best practices ≥ 95 | first-load JS: checked by `npm run check:bundle` on the build output, not by npm run bench; Lighthouse: `npm run lighthouse`, scores and verdicts under [Lighthouse](#lighthouse) below | see there |';
const BUDGET_ROW_START = '| first-load JS ≤ 100 KB';

/** The parts of a Lighthouse result (LH.Result) this report reads. */
export type Lhr = {
  categories: Record<string, { score: number | null; auditRefs: { id: string; weight: number }[] } | undefined>;
  audits: Record<string, { id: string; title: string; score: number | null; scoreDisplayMode: string; displayValue?: string } | undefined>;
  runtimeError?: { code: string; message: string };
};

export type FailingAudit = { id: string; title: string; displayValue?: string; score: number };

/** A category's score as Lighthouse shows it (0–100), or null when it could not be computed. */
export function shownScore(lhr: Lhr, category: CategoryId): number | null {
  const s = lhr.categories[category]?.score;
  return s === null || s === undefined ? null : Math.round(s * 100);
}

export function meetsBudget(category: CategoryId, score: number | null): boolean | null {
  const budget = BUDGETS[category];
  if (budget === undefined) return null;
  return score !== null && score >= budget;
}

/**
 * The audits that cost a category points: scored audits (binary, numeric, metric savings) below
 * full marks, the ones that carry weight first. Performance metrics count as failing below 0.9
 * (Lighthouse's green); everything else below 1.
 */
export function failingAudits(lhr: Lhr, category: CategoryId): FailingAudit[] {
  const refs = lhr.categories[category]?.auditRefs ?? [];
  const scored = new Set(['binary', 'numeric', 'metricSavings']);
  return refs
    .map((ref) => ({ ref, audit: lhr.audits[ref.id] }))
    .filter(({ audit }) => audit && audit.score !== null && scored.has(audit.scoreDisplayMode))
    .filter(({ audit }) => audit!.score! < (audit!.scoreDisplayMode === 'numeric' ? 0.9 : 1))
    .sort((a, b) => b.ref.weight - a.ref.weight)
    .map(({ audit }) => ({ id: audit!.id, title: audit!.title, score: audit!.score!, ...(audit!.displayValue && { displayValue: audit!.displayValue }) }));
}

export type PageResult = { page: string; url: string; lhr: Lhr };

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\s+/g, ' ');

/** The scores table (markdown), a budget miss in bold. */
export function scoreTable(results: PageResult[]): string {
  const head = `| page | ${CATEGORIES.map((c) => `${CATEGORY_NAMES[c]}${BUDGETS[c] !== undefined ? ` (${BUDGETS[c] === 100 ? '100' : `≥ ${BUDGETS[c]}`})` : ''}`).join(' | ')} |`;
  const rows = results.map(({ page, lhr }) => {
    const cells = CATEGORIES.map((c) => {
      const s = shownScore(lhr, c);
      const text = s === null ? '—' : String(s);
      return meetsBudget(c, s) === false ? `**${text}**` : text;
    });
    return `| ${cell(page)} | ${cells.join(' | ')} |`;
  });
  return [head, `|---|${CATEGORIES.map(() => '---:').join('|')}|`, ...rows].join('\n');
}

const METRICS = [
  ['first-contentful-paint', 'FCP'],
  ['largest-contentful-paint', 'LCP'],
  ['total-blocking-time', 'TBT'],
  ['cumulative-layout-shift', 'CLS'],
  ['speed-index', 'Speed Index'],
] as const;

/** The performance metrics behind the score (simulated mobile: slow 4G, 4× CPU slowdown), as Lighthouse shows them. */
export function metricsTable(results: PageResult[]): string {
  const head = `| page | ${METRICS.map(([, name]) => name).join(' | ')} |`;
  const rows = results.map(({ page, lhr }) => `| ${cell(page)} | ${METRICS.map(([id]) => cell(lhr.audits[id]?.displayValue ?? '—')).join(' | ')} |`);
  return [head, `|---|${METRICS.map(() => '---:').join('|')}|`, ...rows].join('\n');
}

/** One line per budget: met on every page, or where not and by how much. */
export function budgetVerdicts(results: PageResult[]): string[] {
  return (Object.keys(BUDGETS) as CategoryId[]).map((c) => {
    const misses = results
      .map(({ page, lhr }) => ({ page, s: shownScore(lhr, c) }))
      .filter(({ s }) => meetsBudget(c, s) === false)
      .map(({ page, s }) => `${page} ${s === null ? 'no score' : `${s} (${BUDGETS[c]! - s} short)`}`);
    const budget = `${CATEGORY_NAMES[c]} ${BUDGETS[c] === 100 ? '100' : `≥ ${BUDGETS[c]}`}`;
    return misses.length === 0 ? `${budget}: **MET** on every page` : `${budget}: **NOT MET** on ${misses.join(', ')}`;
  });
}

/** The failing audits of every score below its budget, as markdown lists. */
export function failingText(results: PageResult[]): string {
  const parts: string[] = [];
  for (const { page, lhr } of results) {
    for (const c of CATEGORIES) {
      if (meetsBudget(c, shownScore(lhr, c)) !== false) continue;
      const audits = failingAudits(lhr, c);
      parts.push(`${page}, ${CATEGORY_NAMES[c]}:`);
      parts.push(...(audits.length ? audits.map((a) => `- \`${a.id}\` ${cell(a.title)}${a.displayValue ? ` — ${cell(a.displayValue)}` : ''}`) : ['- (no single audit below full marks)']));
      parts.push('');
    }
  }
  return parts.join('\n').trim();
}

function markerPositions(doc: string): { start: number; end: number } | null {
  const start = doc.indexOf(LIGHTHOUSE_START);
  const end = doc.indexOf(LIGHTHOUSE_END);
  if (start < 0 && end < 0) return null;
  if (start < 0 || end < 0 || end < start || doc.indexOf(LIGHTHOUSE_START, start + 1) >= 0 || doc.indexOf(LIGHTHOUSE_END, end + 1) >= 0) {
    throw new Error(`docs/BENCHMARKS.md: the markers ${LIGHTHOUSE_START} … ${LIGHTHOUSE_END} are not one well-formed pair`);
  }
  return { start, end };
}

/** What is between the markers in `doc` (trimmed), or null when it has none. */
export function markedContent(doc: string): string | null {
  const at = markerPositions(doc);
  return at ? doc.slice(at.start + LIGHTHOUSE_START.length, at.end).trim() : null;
}

/**
 * `doc` with `content` between the markers. A document without them gets the section (its heading
 * and the markers) before the heading `before` when it has one, else at its end.
 */
export function replaceMarked(doc: string, content: string, before = '## Paths'): string {
  const block = `${LIGHTHOUSE_START}\n${content.trim()}\n${LIGHTHOUSE_END}`;
  const at = markerPositions(doc);
  if (at) return doc.slice(0, at.start) + block + doc.slice(at.end + LIGHTHOUSE_END.length);
  const section = `${HEADING}\n\n${block}\n`;
  const h = doc.search(new RegExp(`^${before.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*$`, 'm'));
  if (h >= 0) return `${doc.slice(0, h)}${section}\n${doc.slice(h)}`;
  return `${doc.replace(/\s*$/, '')}\n\n${section}`;
}

/**
 * `fresh` (a document just written) with the marked section of `previous` kept, when it had one
 * (well formed: a broken pair of markers is not worth failing a whole bench run for).
 */
export function keepMarked(previous: string, fresh: string): string {
  let kept: string | null = null;
  try {
    kept = previous ? markedContent(previous) : null;
  } catch {
    kept = null;
  }
  return kept === null ? fresh : replaceMarked(fresh, kept);
}

/** `doc` with the budget table's JS/Lighthouse row pointing at the Lighthouse section. */
export function pointBudgetRow(doc: string): string {
  return doc
    .split('\n')
    .map((line) => (line.startsWith(BUDGET_ROW_START) ? BUDGET_ROW : line))
    .join('\n');
}
