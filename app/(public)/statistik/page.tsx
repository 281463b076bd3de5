import type { Metadata } from 'next';
import { getLocale, getTranslations } from 'next-intl/server';
import { formatMyDateTime } from '@/lib/calendar/format';
import { getDb } from '@/lib/db';
import { toLocale } from '@/lib/i18n/config';
import { chartSvg } from '@/lib/reports/charts';
import { getPublicStatistics, type PublicCount } from '@/lib/reports/public-stats';
import { displayMonth } from '@/lib/reports/tables';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('statistics');
  return { title: t('metaTitle') };
}

// The service's figures for everyone (lib/reports/public-stats.ts): no personal data, small counts
// withheld, computed at most once an hour. Charts are server-rendered SVG with their tables.
export default async function StatisticsPage() {
  const t = await getTranslations('statistics');
  const locale = toLocale(await getLocale());
  const s = await getPublicStatistics(getDb());
  const nf = new Intl.NumberFormat(locale === 'en' ? 'en-MY' : 'ms-MY', { maximumFractionDigits: 1 });
  const count = (n: PublicCount) => (n === '<5' ? t('lessThan5') : nf.format(n));
  const figure = (x: number | null) => (x === null ? t('notShown') : nf.format(x));
  const chartValue = (n: PublicCount) => (n === '<5' ? null : n);
  const perMonthSvg = chartSvg(
    {
      labels: s.months.map((m) => displayMonth(m.month)),
      series: [
        { name: t('received'), values: s.months.map((m) => chartValue(m.received)) },
        { name: t('closed'), values: s.months.map((m) => chartValue(m.closed)) },
      ],
    },
    { width: 720, height: 300 },
  );
  const th = 'border-b border-slate-200 px-2 py-1.5';
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-bold text-slate-900">{t('title')}</h1>
        <p className="mt-2 text-slate-700">{t('intro')}</p>
        <p className="mt-1 text-sm text-slate-600">{t('updatedAt', { at: formatMyDateTime(new Date(s.computedAt)) })}</p>
      </div>

      <section aria-labelledby="stat-overall" className="grid gap-3 sm:grid-cols-2">
        <h2 id="stat-overall" className="sr-only">{t('overall')}</h2>
        <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <p className="text-sm text-slate-700">{t('medianDays')}</p>
          <p className="text-3xl font-bold text-slate-900" data-testid="stat-median">{figure(s.overall.medianDays)}</p>
        </div>
        <div className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
          <p className="text-sm text-slate-700">{t('within15')}</p>
          <p className="text-3xl font-bold text-slate-900" data-testid="stat-within15">{figure(s.overall.within15Percent)}</p>
        </div>
      </section>

      <section aria-labelledby="stat-months" className="report-section rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <h2 id="stat-months" className="mb-2 text-lg font-semibold">{t('perMonth')}</h2>
        <div role="img" aria-label={t('chartLabel', { title: t('perMonth') })} className="mb-3" dangerouslySetInnerHTML={{ __html: perMonthSvg }} />
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="stat-months">
          <table className="min-w-full text-sm" data-testid="stat-months-table">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className={th}>{t('month')}</th>
                <th scope="col" className={`${th} text-right`}>{t('received')}</th>
                <th scope="col" className={`${th} text-right`}>{t('closed')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {s.months.map((m) => (
                <tr key={m.month}>
                  <th scope="row" className="px-2 py-1 text-left font-normal">{displayMonth(m.month)}</th>
                  <td className="px-2 py-1 text-right tabular-nums">{count(m.received)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{count(m.closed)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="stat-categories" className="report-section rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <h2 id="stat-categories" className="mb-2 text-lg font-semibold">{t('byCategory')}</h2>
        <div className="overflow-x-auto" tabIndex={0} role="region" aria-labelledby="stat-categories">
          <table className="min-w-full text-sm" data-testid="stat-categories-table">
            <thead className="bg-slate-50 text-left">
              <tr>
                <th scope="col" className={th}>{t('category')}</th>
                <th scope="col" className={`${th} text-right`}>{t('received')}</th>
                <th scope="col" className={`${th} text-right`}>{t('closed')}</th>
                <th scope="col" className={`${th} text-right`}>{t('medianDays')}</th>
                <th scope="col" className={`${th} text-right`}>{t('within15')}</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {s.categories.map((c) => (
                <tr key={c.id}>
                  <th scope="row" className="px-2 py-1 text-left font-normal">{locale === 'en' ? c.nameEn : c.nameMs}</th>
                  <td className="px-2 py-1 text-right tabular-nums">{count(c.received)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{count(c.closed)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{figure(c.medianDays)}</td>
                  <td className="px-2 py-1 text-right tabular-nums">{figure(c.within15Percent)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </div>
  );
}
