import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { DayInput } from '@/components/konsol/day-input';
import { requireStaff } from '@/lib/auth/guard';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { AUDIT_EXPORT_MAX_ROWS } from '@/lib/console/audit-export';
import { auditActors, listAudit, parseAuditParams, type AuditFilters } from '@/lib/console/audit-log';
import { auditActionChoices, auditRowText } from '@/lib/console/audit-text';
import { getConsoleDb } from '@/lib/db';
import { toLocale } from '@/lib/i18n/config';

type SearchParams = Record<string, string | string[] | undefined>;

// The audit log (admins), readable by a person: what was done in words, who by name, the complaint
// linked; filters who / what / when (dates typed dd-MM-yyyy) and a CSV export of the same rows.
export default async function AuditPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  await requireStaff('audit.view');
  const t = await getTranslations('console');
  const ta = await getTranslations('audit');
  const locale = toLocale(await getLocale());
  const sp = await searchParams;
  const filters = parseAuditParams(sp);
  const db = getConsoleDb();
  const [{ rows, nextBefore }, actors] = await Promise.all([listAudit(db, filters), auditActors(db)]);
  const raw = (k: string) => (typeof sp[k] === 'string' ? (sp[k] as string) : undefined);
  const input = 'rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm';
  const { before: _page, ...kept } = filters;
  const exportHref = `/api/konsol/audit?${toQuery(kept)}`;
  const nextHref = nextBefore ? `/konsol/audit?${toQuery({ ...filters, before: nextBefore })}` : null;
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t('auditTitle')}</h1>
      <form method="get" aria-label={t('filter')} className="flex flex-wrap items-start gap-3 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200">
        <label className="flex flex-col gap-1 font-medium">
          {ta('who')}
          <select name="actor" defaultValue={filters.actor ?? ''} className={input}>
            <option value="">{ta('anyone')}</option>
            <option value="complainant">{ta('actor.complainant')}</option>
            <option value="system">{ta('actor.system')}</option>
            {actors.map((a) => (
              <option key={a.id} value={a.id}>{a.name}</option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 font-medium">
          {ta('what')}
          <select name="action" defaultValue={filters.action ?? ''} className={input}>
            <option value="">{ta('anything')}</option>
            {auditActionChoices(locale).map((g) => (
              <optgroup key={g.group} label={g.label}>
                <option value={g.group}>{ta('allInGroup', { group: g.label })}</option>
                {g.actions.map((a) => (
                  <option key={a.value} value={a.value}>{a.label}</option>
                ))}
              </optgroup>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 font-medium">
          {ta('targetFilter')}
          <input name="target" defaultValue={filters.target ?? ''} placeholder="PKN…" className={input} />
        </label>
        <DayInput id="audit-from" name="from" label={t('from')} raw={raw('from')} className={input} />
        <DayInput id="audit-to" name="to" label={t('to')} raw={raw('to')} className={input} />
        <button type="submit" className="mt-6 rounded-md bg-slate-900 px-4 py-1.5 font-semibold text-white">
          {t('filter')}
        </button>
      </form>
      <p className="flex flex-wrap items-center gap-3 text-sm">
        <a href={exportHref} className="rounded-md border border-slate-400 bg-white px-3 py-1.5 font-semibold text-slate-900 hover:bg-slate-50" download>
          {ta('export')}
        </a>
        <span className="text-slate-600">{ta('exportHint', { max: AUDIT_EXPORT_MAX_ROWS.toLocaleString(locale === 'en' ? 'en-MY' : 'ms-MY') })}</span>
      </p>
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left">
            <tr>
              <th scope="col" className="px-3 py-2">{t('auditAt')}</th>
              <th scope="col" className="px-3 py-2">{t('auditActor')}</th>
              <th scope="col" className="px-3 py-2">{t('auditAction')}</th>
              <th scope="col" className="px-3 py-2">{t('auditTarget')}</th>
              <th scope="col" className="px-3 py-2">{t('auditIp')}</th>
              <th scope="col" className="px-3 py-2">{t('auditDetail')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.map((r) => {
              const x = auditRowText(r, locale);
              return (
                <tr key={r.id}>
                  <td className="whitespace-nowrap px-3 py-1.5">{x.at}</td>
                  <td className="px-3 py-1.5">{x.actor}</td>
                  <td className="px-3 py-1.5">{x.action}</td>
                  <td className="px-3 py-1.5">
                    {x.target?.href ? (
                      <Link href={x.target.href} className="text-brand-700 underline underline-offset-2">{x.target.label}</Link>
                    ) : (x.target?.label ?? '')}
                  </td>
                  <td className="px-3 py-1.5 font-mono">{x.ip}</td>
                  <td className="max-w-md truncate px-3 py-1.5 font-mono text-xs" title={x.detail}>{x.detail}</td>
                </tr>
              );
            })}
            {rows.length === 0 && (
              <tr>
                <td colSpan={6} className="px-3 py-4 text-slate-600">{ta('none')}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {nextHref && (
        <Link className="text-sm font-semibold underline" href={nextHref}>
          {t('next')} →
        </Link>
      )}
    </div>
  );
}

/** The filters back into a query string, dates as people type them. */
function toQuery(f: AuditFilters): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) {
    if (v === undefined) continue;
    q.set(k, k === 'from' || k === 'to' ? formatDisplayDay(String(v)) : String(v));
  }
  return q.toString();
}
