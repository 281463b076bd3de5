import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ReportView } from '@/components/reports/report-view';
import { requireStaff } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { toLocale } from '@/lib/i18n/config';
import { buildReport } from '@/lib/reports';
import { reportChoices } from '@/lib/reports/choices';
import { parseReportParams, reportQuery } from '@/lib/reports/filters';
import { REPORT_LIST_MAX_ROWS } from '@/lib/reports/list';
import { ReportFiltersForm } from './report-filters';
import { ReportHeading } from './report-heading';

type SearchParams = Record<string, string | string[] | undefined>;

// Reports (supervisors and admins): filters in the URL, every figure with its chart and table,
// the exports and the A4 print view of the same filters.
export default async function ReportPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff('reports.view');
  const t = await getTranslations('reports');
  const locale = toLocale(await getLocale());
  const { filters, errors, raw } = parseReportParams(await searchParams);
  const db = getConsoleDb();
  const [report, choices] = await Promise.all([buildReport(db, filters), reportChoices(db)]);
  const exportHref = (format: 'csv' | 'xlsx', kind: 'report' | 'list') => `/api/konsol/laporan/eksport?${reportQuery(filters, { format, kind })}`;
  const button = 'rounded-md border border-slate-400 bg-white px-3 py-1.5 font-semibold text-slate-900 hover:bg-slate-50';
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <ReportFiltersForm filters={filters} errors={errors} raw={raw} choices={choices} locale={locale} />
      <ReportHeading filters={filters} at={report.at} choices={choices} locale={locale} />
      <div className="flex flex-wrap items-center gap-3 text-sm">
        <Link href={`/konsol/laporan/cetak?${reportQuery(filters)}`} className={button} data-testid="report-print-link">
          {t('print')}
        </Link>
        <a href={exportHref('csv', 'report')} className={button} download>{t('exportCsv')}</a>
        <a href={exportHref('xlsx', 'report')} className={button} download>{t('exportXlsx')}</a>
        <a href={exportHref('csv', 'list')} className={button} download>{t('exportListCsv')}</a>
      </div>
      <p className="text-sm text-slate-600">{t('exportHint', { max: REPORT_LIST_MAX_ROWS.toLocaleString(locale === 'en' ? 'en-MY' : 'ms-MY') })}</p>
      <ReportView report={report} locale={locale} />
    </div>
  );
}
