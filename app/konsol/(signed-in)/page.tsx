import Link from 'next/link';
import { after } from 'next/server';
import { getLocale, getTranslations } from 'next-intl/server';
import { StatusBadge } from '@/components/complaint/status-badge';
import { BulkActions } from '@/components/konsol/bulk-actions';
import { DayInput } from '@/components/konsol/day-input';
import { requireStaff } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { STATUSES } from '@/lib/complaints/status';
import { CLOCK_FILTERS, isClockView, SAVED_VIEWS, type SavedViewKey } from '@/lib/console/queue/filters';
import { ClockMark, distanceText, PriorityBadge } from '@/components/konsol/service-clock-marks';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { dueDistance } from '@/lib/sla/remaining';
import { PRIORITIES } from '@/lib/sla/targets';
import { parseQueueParams, queueParamsToSearch } from '@/lib/console/queue/params';
import { countCap, queuePage } from '@/lib/console/queue/query';
import { audit } from '@/lib/audit';
import { getConsoleDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { maskMyKad } from '@/lib/identity/mask';
import { categories } from '@/lib/db/schema';
import { listActiveStaff } from '@/lib/staff/users';
import { formatMyDateTime } from '@/lib/calendar/format';

// The queue: saved views, counts per status, filters kept in the URL, keyset pages.
export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireStaff('queue.view');
  const t = await getTranslations('console');
  const ts = await getTranslations('status');
  const tc = await getTranslations('serviceClock');
  const tsat = await getTranslations('satisfaction');
  const tperf = await getTranslations('perf');
  const viewLabel = (key: SavedViewKey) => (key === 'rayuan' ? tsat('queue.view') : isClockView(key) ? tc(`views.${key}`) : t(`views.${key}`));
  // Category names are data in both languages; the officer's console language picks one.
  const en = (await getLocale()) === 'en';
  const db = getConsoleDb();
  const sp = await searchParams;
  const { filters, cursor, view } = parseQueueParams(sp);
  const viewer = { userId: session.userId };
  // Searching by an IC number is a use of personal data: audited like a view.
  if (filters.q && /^\d{6}-?\d{2}-?\d{4}$/.test(filters.q.replace(/\s/g, ''))) {
    await audit(db, { actorType: 'staff', actorId: session.userId, action: 'queue.search_ic', ip: await currentIp(), detail: { ic: maskMyKad(filters.q.replace(/\D/g, '')) } });
  }
  // One instant for the clock filters, the marks and the time left on this page.
  const now = new Date();
  const [{ rows, nextCursor, counts }, cats, staff, cal] = await Promise.all([
    // A word search keeps its turn until this page has been sent: drawing it takes the server's CPU too.
    queuePage(db, viewer, filters, { cursor, now, keepTurn: (release) => after(release) }),
    db.select({ id: categories.id, nameMs: categories.nameMs, nameEn: categories.nameEn }).from(categories),
    listActiveStaff(db),
    loadWorkingCalendar(db),
  ]);
  // Counts past the cap are not counted further (lib/console/queue/query.ts): shown as "1000+".
  const cap = countCap(filters);
  const input = 'rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm';

  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold text-slate-900">{t('queue')}</h1>
      <nav aria-label={t('queue')} className="flex flex-wrap gap-2">
        {(Object.keys(SAVED_VIEWS) as (keyof typeof SAVED_VIEWS)[]).map((key) => (
          <Link key={key} href={`/konsol?${queueParamsToSearch(SAVED_VIEWS[key].filters, { view: key })}`}
            aria-current={view === key ? 'page' : undefined}
            className={`rounded-full px-3 py-1 text-sm font-medium ring-1 ${view === key ? 'bg-slate-900 text-white ring-slate-900' : 'bg-white text-slate-800 ring-slate-300 hover:bg-slate-50'}`}>
            {viewLabel(key)}
          </Link>
        ))}
        <Link href="/konsol" className="rounded-full bg-white px-3 py-1 text-sm font-medium text-slate-800 ring-1 ring-slate-300 hover:bg-slate-50">
          {t('views.semua')}
        </Link>
      </nav>
      <ul className="flex flex-wrap gap-2 text-sm" aria-label={t('status')}>
        {STATUSES.map((s) => (
          <li key={s}>
            <Link href={`/konsol?${queueParamsToSearch({ ...filters, status: [s] })}`} className="inline-flex items-center gap-1 rounded-md bg-white px-2 py-1 ring-1 ring-slate-300 hover:bg-slate-50">
              {ts(s)}{' '}
              {counts[s] > cap ? (
                <strong data-testid={`count-${s}`} title={tperf('countMoreTitle', { count: cap })}>{tperf('countMore', { count: cap })}</strong>
              ) : (
                <strong data-testid={`count-${s}`}>{counts[s]}</strong>
              )}
            </Link>
          </li>
        ))}
      </ul>

      {/* Keyed by the filters: after a view link the fields show that view's values, not the last ones. */}
      <form key={queueParamsToSearch(filters, { view })} method="get" action="/konsol" className="grid gap-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:grid-cols-2 lg:grid-cols-4">
        {/* A saved view fills in what the form leaves empty, so filtering inside a view keeps it. */}
        {view && <input type="hidden" name="view" value={view} />}
        <label className="flex flex-col gap-1 text-sm font-medium sm:col-span-2">
          {t('searchLabel')}
          <input name="q" type="search" defaultValue={filters.q ?? ''} className={input} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('status')}
          <select name="status" defaultValue={filters.status?.length === 1 ? filters.status[0] : ''} className={input}>
            <option value="">{t('anyStatus')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {ts(s)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('category')}
          <select name="category" defaultValue={filters.categoryId ? String(filters.categoryId) : ''} className={input}>
            <option value="">{t('anyCategory')}</option>
            {cats.map((c) => (
              <option key={c.id} value={c.id}>
                {en ? c.nameEn : c.nameMs}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('assigned')}
          <select name="assigned" defaultValue={filters.assigned ?? ''} className={input}>
            <option value="">{t('anyone')}</option>
            <option value="me">{t('me')}</option>
            <option value="unassigned">{t('unassigned')}</option>
            {staff.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
        <div className="text-sm">
          <DayInput id="queue-from" name="from" label={t('from')} raw={rawDay(sp.from) ?? filters.from} className={input} />
        </div>
        <div className="text-sm">
          <DayInput id="queue-to" name="to" label={t('to')} raw={rawDay(sp.to) ?? filters.to} className={input} />
        </div>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {tc('filterClock')}
          <select name="clock" defaultValue={filters.clock ?? ''} className={input}>
            <option value="">{tc('anyClock')}</option>
            {CLOCK_FILTERS.map((k) => (
              <option key={k} value={k}>
                {tc(`clockFilter.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {tc('filterPriority')}
          <select name="priority" defaultValue={filters.priority ?? ''} className={input}>
            <option value="">{tc('anyPriority')}</option>
            {PRIORITIES.map((p) => (
              <option key={p} value={p}>
                {tc(`priority.${p}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex items-center gap-2 self-end text-sm font-medium">
          <input type="checkbox" name="rayuan" value="1" defaultChecked={filters.appeal === true} className="h-4 w-4" />
          {tsat('queue.filter')}
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('sort')}
          <select name="sort" defaultValue={filters.sort ?? ''} className={input}>
            {/* With a search and no chosen order the rows are ranked (lib/console/queue/query.ts). */}
            <option value="">{filters.q ? t('bestMatch') : t('newest')}</option>
            {filters.q && <option value="newest">{t('newest')}</option>}
            <option value="oldest">{t('oldest')}</option>
            <option value="updated">{t('updated')}</option>
            <option value="due">{tc('sortDue')}</option>
          </select>
        </label>
        <div className="flex items-end gap-2">
          <button type="submit" className="rounded-md bg-slate-900 px-4 py-1.5 text-sm font-semibold text-white hover:bg-slate-700">
            {t('filter')}
          </button>
          <Link href="/konsol" className="rounded-md px-3 py-1.5 text-sm underline">
            {t('reset')}
          </Link>
        </div>
      </form>

      <BulkActions
        formId="bulk"
        canAssign={can(session.role, 'complaint.assign')}
        staff={staff.map((u) => ({ id: u.id, name: u.name }))}
        statuses={STATUSES.map((s) => ({ value: s, label: ts(s) }))}
      />
      <div className="overflow-x-auto rounded-lg bg-white shadow-sm ring-1 ring-slate-200">
        <table className="min-w-full text-sm">
          <thead className="bg-slate-50 text-left text-slate-700">
            <tr>
              <th scope="col" className="px-3 py-2">
                <span className="sr-only">{t('selectAll')}</span>
              </th>
              <th scope="col" className="px-3 py-2">{t('colNumber')}</th>
              <th scope="col" className="px-3 py-2">{t('colTitle')}</th>
              <th scope="col" className="px-3 py-2">{t('colComplainant')}</th>
              <th scope="col" className="px-3 py-2">{t('colCategory')}</th>
              <th scope="col" className="px-3 py-2">{t('colStatus')}</th>
              <th scope="col" className="px-3 py-2">{t('colOfficer')}</th>
              <th scope="col" className="px-3 py-2">{tc('colDue')}</th>
              <th scope="col" className="px-3 py-2">{t('colAging')}</th>
              <th scope="col" className="px-3 py-2">{t('colDate')}</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {rows.length === 0 && (
              <tr>
                <td colSpan={10} className="px-3 py-6 text-center text-slate-600">
                  {t('none')}
                </td>
              </tr>
            )}
            {rows.map((r) => (
              <tr key={r.id} data-late={r.late || undefined} className={r.late ? 'bg-red-50 hover:bg-red-100' : 'hover:bg-slate-50'}>
                <td className="px-3 py-2">
                  <input type="checkbox" name="numbers" value={r.number} form="bulk" aria-label={t('select', { number: r.number })} className="h-4 w-4" />
                </td>
                <td className="px-3 py-2 font-mono">
                  <Link href={`/konsol/aduan/${r.number}`} className="font-semibold text-brand-700 underline">
                    {r.number}
                  </Link>
                  {/* Beside the number, so it shows on a phone before the table is scrolled. */}
                  <span className="block">
                    <ClockMark late={r.late} nearlyLate={r.nearlyLate} />
                  </span>
                  {r.appeal && (
                    <span className="mt-1 inline-block rounded bg-purple-100 px-1.5 py-0.5 font-sans text-xs font-semibold text-purple-900 ring-1 ring-purple-300" data-testid="appeal-badge">
                      {tsat('queue.badge')}
                    </span>
                  )}
                </td>
                <td className="max-w-xs truncate px-3 py-2" title={r.title}>
                  {(r.priority === 'tinggi' || r.priority === 'kritikal') && (
                    <span className="mr-1">
                      <PriorityBadge priority={r.priority} />
                    </span>
                  )}
                  {r.title}
                  {r.tags.length > 0 && <span className="ml-1 text-xs text-slate-500">#{r.tags.join(' #')}</span>}
                </td>
                <td className="px-3 py-2">{r.name}</td>
                <td className="px-3 py-2">{en ? r.categoryEn : r.categoryMs}</td>
                <td className="px-3 py-2">
                  <StatusBadge status={r.status} />
                </td>
                <td className="px-3 py-2">{r.assignedToName ?? '—'}</td>
                <td className="whitespace-nowrap px-3 py-2" data-testid="due">
                  {r.clock === 'stopped' || !r.resolutionDueAt ? (
                    <span className="text-slate-500">{r.resolutionDueAt ? tc('stoppedShort') : tc('noDue')}</span>
                  ) : r.clock === 'paused' ? (
                    <span className="text-violet-900">{tc('pausedShort')}</span>
                  ) : (
                    <>
                      <span className="block">{formatMyDateTime(r.resolutionDueAt)}</span>
                      <span className={`block text-xs ${r.late ? 'font-semibold text-red-800' : 'text-slate-600'}`}>{distanceText(tc, dueDistance(cal, r.resolutionDueAt, now))}</span>
                    </>
                  )}
                </td>
                <td className="px-3 py-2">{t('days', { days: r.agingDays })}</td>
                <td className="whitespace-nowrap px-3 py-2">{formatMyDateTime(r.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex gap-3 text-sm">
        {cursor && (
          <Link href={`/konsol?${queueParamsToSearch(filters, { view })}`} className="underline">
            {t('first')}
          </Link>
        )}
        {nextCursor && (
          <Link href={`/konsol?${queueParamsToSearch(filters, { cursor: nextCursor, view })}`} className="font-semibold underline">
            {t('next')} →
          </Link>
        )}
      </div>
    </div>
  );
}

/** A date filter's value as typed (the first if repeated), so a bad one is shown back with its message. */
function rawDay(v: string | string[] | undefined): string | undefined {
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() ? s : undefined;
}
