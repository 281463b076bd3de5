import { getTranslations } from 'next-intl/server';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { formatMyDateTime } from '@/lib/calendar/format';
import type { Locale } from '@/lib/i18n/config';
import type { reportChoices } from '@/lib/reports/choices';
import type { ReportFilters } from '@/lib/reports/filters';

/** The report's period, filters and when it was made: on the page and on the printed A4. */
export async function ReportHeading({ filters, at, choices, locale }: { filters: ReportFilters; at: Date; choices: Awaited<ReturnType<typeof reportChoices>>; locale: Locale }) {
  const t = await getTranslations('reports');
  const cat = choices.categories.find((c) => c.id === filters.categoryId);
  const p = choices.ptj.find((x) => x.id === filters.ptjId);
  const o = choices.officers.find((x) => x.id === filters.officerId);
  return (
    <div className="text-sm text-slate-700">
      <p className="font-semibold text-slate-900" data-testid="report-period">
        {t('period', { from: formatDisplayDay(filters.from), to: formatDisplayDay(filters.to) })}
      </p>
      <p>
        {t('filtersLine', {
          category: cat ? (locale === 'en' ? cat.nameEn : cat.nameMs) : t('all'),
          ptj: p ? `${p.code} ${p.name}` : t('all'),
          officer: o?.name ?? t('all'),
        })}
      </p>
      <p>{t('generatedAt', { at: formatMyDateTime(at) })}</p>
    </div>
  );
}
