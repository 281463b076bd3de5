import { getTranslations } from 'next-intl/server';
import { DayInput } from '@/components/konsol/day-input';
import type { Locale } from '@/lib/i18n/config';
import type { reportChoices } from '@/lib/reports/choices';
import type { ReportFilterErrors, ReportFilters } from '@/lib/reports/filters';
import { formatDisplayDay } from '@/lib/calendar/display-day';

// The report's filter form (GET, so the URL is the report): dates typed dd-MM-yyyy, category, PTJ,
// officer. A bad range is answered beside the end date; the form keeps what was typed.
export async function ReportFiltersForm({
  filters,
  errors,
  raw,
  choices,
  locale,
}: {
  filters: ReportFilters;
  errors: ReportFilterErrors;
  raw: { from?: string; to?: string };
  choices: Awaited<ReturnType<typeof reportChoices>>;
  locale: Locale;
}) {
  const t = await getTranslations('reports');
  const tc = await getTranslations('console');
  const input = 'rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm';
  const rangeError = errors.to && errors.to !== 'day_invalid' ? errors.to : null;
  return (
    <form method="get" aria-label={t('filterLabel')} className="flex flex-wrap items-start gap-3 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200 print:hidden">
      <DayInput id="lap-from" name="from" label={tc('from')} raw={raw.from ?? formatDisplayDay(filters.from)} className={input} />
      <div className="flex flex-col">
        <DayInput id="lap-to" name="to" label={tc('to')} raw={raw.to ?? formatDisplayDay(filters.to)} className={input} />
        {rangeError && (
          <span role="alert" className="mt-1 text-xs font-semibold text-red-800" data-testid="report-range-error">
            {t(`errors.${rangeError}`)}
          </span>
        )}
      </div>
      <label className="flex flex-col gap-1 font-medium">
        {t('category')}
        <select name="category" defaultValue={filters.categoryId ?? ''} className={input}>
          <option value="">{t('all')}</option>
          {choices.categories.map((c) => (
            <option key={c.id} value={c.id}>{locale === 'en' ? c.nameEn : c.nameMs}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 font-medium">
        {t('ptj')}
        <select name="ptj" defaultValue={filters.ptjId ?? ''} className={`${input} max-w-64`}>
          <option value="">{t('all')}</option>
          {choices.ptj.map((p) => (
            <option key={p.id} value={p.id}>{p.code} {p.name}</option>
          ))}
        </select>
      </label>
      <label className="flex flex-col gap-1 font-medium">
        {t('officer')}
        <select name="officer" defaultValue={filters.officerId ?? ''} className={input}>
          <option value="">{t('all')}</option>
          {choices.officers.map((o) => (
            <option key={o.id} value={o.id}>{o.name}</option>
          ))}
        </select>
      </label>
      <button type="submit" className="mt-6 rounded-md bg-slate-900 px-4 py-1.5 font-semibold text-white">
        {t('show')}
      </button>
    </form>
  );
}
