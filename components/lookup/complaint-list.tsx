import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import type { LookupItem } from '@/lib/complaints/lookup';
import { formatMyDateTime } from '@/lib/calendar/format';
import { StatusBadge } from '@/components/complaint/status-badge';

/** The lookup's answer: one row per complaint, each opening its history. */
export async function ComplaintList({ items }: { items: LookupItem[] }) {
  const t = await getTranslations('lookup');
  const en = (await getLocale()) === 'en';
  return (
    <section aria-labelledby="results-title" className="mt-8">
      <h2 id="results-title" className="text-xl font-semibold text-brand-800">
        {t('results')}
      </h2>
      <ul className="mt-3 space-y-3">
        {items.map((c) => (
          <li key={c.number}>
            <Link
              href={`/aduan/${c.number}`}
              aria-label={t('open', { number: c.number })}
              className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600 focus-visible:border-brand-600"
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-mono font-bold text-brand-700">{c.number}</span>
                <StatusBadge status={c.status} />
              </div>
              <p className="mt-1 font-medium text-slate-900">{c.title}</p>
              <p className="text-sm text-slate-600">
                {formatMyDateTime(c.createdAt)} · {en ? c.category.en : c.category.ms} · {t('colAging')}: {t('agingDays', { days: c.agingDays })}
              </p>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}
