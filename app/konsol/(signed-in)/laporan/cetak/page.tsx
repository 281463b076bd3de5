import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ReportView } from '@/components/reports/report-view';
import { requireStaff } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { toLocale } from '@/lib/i18n/config';
import { getAgencySettings } from '@/lib/settings/agency';
import { buildReport } from '@/lib/reports';
import { reportChoices } from '@/lib/reports/choices';
import { parseReportParams, reportQuery } from '@/lib/reports/filters';
import { ReportHeading } from '../report-heading';
import { PrintButton } from './print-button';

type SearchParams = Record<string, string | string[] | undefined>;

// The report as one A4 document (the monthly pack's email links here): no filters, one column,
// the console's header hidden in print, sections kept whole (app/globals.css `@media print`).
export default async function ReportPrintPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff('reports.view');
  const t = await getTranslations('reports');
  const locale = toLocale(await getLocale());
  const { filters } = parseReportParams(await searchParams);
  const db = getConsoleDb();
  const [report, choices, agency] = await Promise.all([buildReport(db, filters), reportChoices(db), getAgencySettings(db)]);
  return (
    <article className="mx-auto max-w-4xl space-y-4 bg-white p-6 print:max-w-none print:p-0" data-testid="report-print">
      <div className="flex flex-wrap gap-3 print:hidden">
        <Link href={`/konsol/laporan?${reportQuery(filters)}`} className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-semibold">
          {t('back')}
        </Link>
        <PrintButton label={t('printNow')} />
      </div>
      <header className="border-b border-slate-300 pb-3">
        <p className="text-sm font-semibold text-slate-700">{agency.name}</p>
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <ReportHeading filters={filters} at={report.at} choices={choices} locale={locale} />
      </header>
      <ReportView report={report} locale={locale} print />
    </article>
  );
}
