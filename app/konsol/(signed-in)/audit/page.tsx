import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { requireStaff } from '@/lib/auth/guard';
import { listAudit, parseAuditParams } from '@/lib/console/audit-log';
import { getDb } from '@/lib/db';
import { formatMyDateTime } from '@/lib/calendar/format';

// The audit log (admins): sign-ins, views of personal data, status changes, assignments, exports.
export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireStaff('audit.view');
  const t = await getTranslations('console');
  const filters = parseAuditParams(await searchParams);
  const { rows, nextBefore } = await listAudit(getDb(), filters);
  const input = 'rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm';
  const next = new URLSearchParams(Object.entries({ ...filters, before: nextBefore }).map(([k, v]) => [k, String(v)]));
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t('auditTitle')}</h1>
      <form method="get" className="flex flex-wrap items-end gap-3 rounded-lg bg-white p-4 text-sm shadow-sm ring-1 ring-slate-200">
        <label className="flex flex-col gap-1 font-medium">
          {t('auditAction')}
          <input name="action" defaultValue={filters.action ?? ''} placeholder="complaint." className={input} />
        </label>
        <label className="flex flex-col gap-1 font-medium">
          {t('auditTarget')}
          <input name="target" defaultValue={filters.target ?? ''} placeholder="PKN…" className={input} />
        </label>
        <label className="flex flex-col gap-1 font-medium">
          {t('from')}
          <input type="date" name="from" defaultValue={filters.from ?? ''} className={input} />
        </label>
        <label className="flex flex-col gap-1 font-medium">
          {t('to')}
          <input type="date" name="to" defaultValue={filters.to ?? ''} className={input} />
        </label>
        <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 font-semibold text-white">
          {t('filter')}
        </button>
      </form>
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
            {rows.map((r) => (
              <tr key={r.id}>
                <td className="whitespace-nowrap px-3 py-1.5">{formatMyDateTime(r.at)}</td>
                <td className="px-3 py-1.5">{r.actorName ?? r.actorType}</td>
                <td className="px-3 py-1.5 font-mono">{r.action}</td>
                <td className="px-3 py-1.5 font-mono">{r.targetId ?? ''}</td>
                <td className="px-3 py-1.5 font-mono">{r.ip ?? ''}</td>
                <td className="max-w-md truncate px-3 py-1.5 font-mono text-xs">{r.detail ? JSON.stringify(r.detail) : ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {nextBefore && (
        <Link className="text-sm font-semibold underline" href={`/konsol/audit?${next}`}>
          {t('next')} →
        </Link>
      )}
    </div>
  );
}
