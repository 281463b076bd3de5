import type { Locale } from '@/lib/i18n/config';
import { chartSvg, type BarChart } from '@/lib/reports/charts';
import type { Report } from '@/lib/reports';
import { messagesFor, reportTables, type Cell, type ReportTable, type TableKey } from '@/lib/reports/tables';

// A report's sections: each with its chart (server-rendered SVG in role="img", named by
// aria-label) and, under it, the same numbers as a table (the rows the exports hold).

/** The longest range drawn day by day: beyond a quarter the bars are under 2 px at 720 px wide. */
export const PER_DAY_CHART_MAX_DAYS = 92;

const nf = (locale: Locale) => new Intl.NumberFormat(locale === 'en' ? 'en-MY' : 'ms-MY', { maximumFractionDigits: 1 });

function chartFor(table: ReportTable): BarChart | null {
  const count = (rows: Cell[][], i = 1) => rows.map((r) => (typeof r[i] === 'number' ? (r[i] as number) : null));
  const labels = table.rows.map((r) => String(r[0] ?? ''));
  const one = (horizontal = false): BarChart => ({ labels, series: [{ name: table.columns[1], values: count(table.rows) }], horizontal });
  const charted: Partial<Record<TableKey, () => BarChart | null>> = {
    perDay: () => (table.rows.length <= PER_DAY_CHART_MAX_DAYS ? one() : null), // longer: a folded table, see ReportView
    perWeek: () => (table.rows.length > 1 ? one() : null),
    perMonth: () => (table.rows.length > 1 ? one() : null),
    byCategory: () => (table.rows.length ? one(true) : null),
    byPtj: () => (table.rows.length ? { ...one(true), labels: labels.slice(0, 15), series: [{ name: table.columns[1], values: count(table.rows).slice(0, 15) }] } : null),
    byStatus: () => one(),
    compliance: () => ({ labels, series: [1, 2].map((i) => ({ name: table.columns[i], values: count(table.rows, i) })) }),
    aging: () => one(),
    officers: () => (table.rows.length ? { labels, series: [1, 3].map((i) => ({ name: table.columns[i], values: count(table.rows, i) })), horizontal: true } : null),
  };
  return charted[table.key]?.() ?? null;
}

export function ReportView({ report, locale, print = false }: { report: Report; locale: Locale; print?: boolean }) {
  const t = messagesFor(locale).reports;
  const fmt = nf(locale);
  const cell = (c: Cell) => (c === null ? '—' : typeof c === 'number' ? fmt.format(c) : c);
  const tables = reportTables(report, locale);
  return (
    <div className={print ? 'space-y-5' : 'grid gap-5 lg:grid-cols-2'}>
      {tables.map((table, i) => {
        const chart = chartFor(table);
        const height = chart?.horizontal ? Math.max(140, 40 + chart.labels.length * 28) : 240;
        const wide = table.key === 'summary' || table.key === 'perDay' || table.key === 'officers';
        const longDaily = table.key === 'perDay' && table.rows.length > PER_DAY_CHART_MAX_DAYS;
        const numbers = (
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby={`lap-${table.key}`}>
            {/* Cell styles set once on the table: a year's report has ~1,500 cells, each class list repeated in the HTML and the RSC payload. */}
            <table className="min-w-full text-sm [&_tbody_th]:px-2 [&_tbody_th]:py-1 [&_tbody_th]:text-left [&_tbody_th]:font-normal [&_td]:px-2 [&_td]:py-1 [&_td]:text-right [&_td]:tabular-nums">
              <thead className="bg-slate-50 text-left print:bg-white">
                <tr>
                  {table.columns.map((c, j) => (
                    <th key={c} scope="col" className={`border-b border-slate-200 px-2 py-1.5 ${j > 0 ? 'text-right' : ''}`}>
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {table.rows.map((r, k) => (
                  <tr key={k}>
                    {r.map((c, j) => (j === 0 ? <th key={j} scope="row">{cell(c)}</th> : <td key={j}>{cell(c)}</td>))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        );
        return (
          <section
            key={table.key}
            aria-labelledby={`lap-${table.key}`}
            data-testid={`report-${table.key}`}
            className={`report-section rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 print:p-0 print:shadow-none print:ring-0 ${wide && !print ? 'lg:col-span-2' : ''} ${print && table.key === 'officers' ? 'report-break' : ''}`}
          >
            <h2 id={`lap-${table.key}`} className="mb-2 text-lg font-semibold">
              {i + 1}. {table.title}
            </h2>
            {longDaily && (
              <p className="mb-3 text-sm text-slate-600" data-testid="report-perDay-no-chart">
                {t.perDayChartOmitted.replace('{days}', String(PER_DAY_CHART_MAX_DAYS))}
              </p>
            )}
            {chart && (
              <div
                role="img"
                aria-label={t.chartLabel.replace('{title}', table.title)}
                className="mb-3 max-w-3xl"
                // ECharts' SVG (labels escaped by ECharts); no script, inline styles only.
                dangerouslySetInnerHTML={{ __html: chartSvg(chart, { width: 720, height }) }}
              />
            )}
            {table.rows.length === 0 ? (
              <p className="text-sm text-slate-600">{t.none}</p>
            ) : longDaily ? (
              // A long range's days fold away (open in the print view), so the page stays readable.
              <details open={print} data-testid="report-perDay-table">
                <summary className="mb-2 cursor-pointer text-sm font-semibold text-blue-800 print:hidden">{t.perDayTable.replace('{days}', fmt.format(table.rows.length))}</summary>
                {numbers}
              </details>
            ) : (
              numbers
            )}
          </section>
        );
      })}
    </div>
  );
}
