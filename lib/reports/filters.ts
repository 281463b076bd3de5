import { z } from 'zod';
import { malaysiaDay, startOfMalaysiaDay, type CalendarDay } from '@/lib/calendar/days';
import { formatDisplayDay, parseDisplayDay } from '@/lib/calendar/display-day';

// A report's filters: a date range (required; this Malaysia month so far by default) on the day a
// complaint was received, and optionally one category, one PTJ and one officer (the assignee).
// Read from the URL; a bad value is reported beside its field (the `reports.errors` messages) and
// the default is used instead, so the page always shows a report.

export type ReportFilters = {
  from: CalendarDay;
  to: CalendarDay;
  categoryId?: number;
  ptjId?: number;
  officerId?: string;
};

export type ReportFilterErrors = Partial<Record<'from' | 'to', 'day_invalid' | 'range_order' | 'range_too_long'>>;

/** The longest range one report covers (two years): bounds the work a URL can ask for. */
export const MAX_REPORT_DAYS = 731;

const id = z.coerce.number().int().positive().max(2_147_483_647);
const uuid = z.string().uuid();

type SearchParams = Record<string, string | string[] | undefined>;
const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

/** The first day of the Malaysia month `at` falls in. */
export const monthStart = (at: Date): CalendarDay => `${malaysiaDay(at).slice(0, 7)}-01`;

/** The last day of the month a day is in. */
export function monthEnd(day: CalendarDay): CalendarDay {
  const [y, m] = day.split('-').map(Number);
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return `${day.slice(0, 7)}-${String(last).padStart(2, '0')}`;
}

/** The previous month's first and last days, for the month `at` falls in. */
export function previousMonth(at: Date): { from: CalendarDay; to: CalendarDay; month: string } {
  const [y, m] = malaysiaDay(at).split('-').map(Number);
  const py = m === 1 ? y - 1 : y;
  const pm = m === 1 ? 12 : m - 1;
  const from = `${py}-${String(pm).padStart(2, '0')}-01`;
  return { from, to: monthEnd(from), month: from.slice(0, 7) };
}

const daysBetween = (a: CalendarDay, b: CalendarDay) => Math.round((startOfMalaysiaDay(b).getTime() - startOfMalaysiaDay(a).getTime()) / 86_400_000);

export function parseReportParams(searchParams: SearchParams, now: Date = new Date()): { filters: ReportFilters; errors: ReportFilterErrors; raw: { from?: string; to?: string } } {
  const p = searchParams && typeof searchParams === 'object' ? searchParams : {};
  const get = (k: string) => (Object.hasOwn(p, k) ? first(p[k]) : undefined);
  const errors: ReportFilterErrors = {};
  const rawFrom = get('from')?.trim() || undefined;
  const rawTo = get('to')?.trim() || undefined;
  let from = rawFrom ? parseDisplayDay(rawFrom) : null;
  let to = rawTo ? parseDisplayDay(rawTo) : null;
  if (rawFrom && !from) errors.from = 'day_invalid';
  if (rawTo && !to) errors.to = 'day_invalid';
  // A bad day: the whole default range, with the error beside the field.
  if (errors.from || errors.to) from = to = null;
  from ??= monthStart(now);
  to ??= malaysiaDay(now) < from ? monthEnd(from) : malaysiaDay(now);
  if (to < from) errors.to = 'range_order';
  else if (daysBetween(from, to) >= MAX_REPORT_DAYS) errors.to = 'range_too_long';
  // A range that cannot be: the default one (this month so far), the error beside the end date.
  if (errors.to && errors.to !== 'day_invalid') {
    from = monthStart(now);
    to = malaysiaDay(now);
  }
  const cat = id.safeParse(get('category'));
  const ptj = id.safeParse(get('ptj'));
  const officer = uuid.safeParse(get('officer'));
  const filters: ReportFilters = {
    from,
    to,
    ...(cat.success ? { categoryId: cat.data } : {}),
    ...(ptj.success ? { ptjId: ptj.data } : {}),
    ...(officer.success ? { officerId: officer.data } : {}),
  };
  return { filters, errors, raw: { from: rawFrom, to: rawTo } };
}

/** The filters as a query string (days as people type them); parseReportParams reads it back. */
export function reportQuery(f: ReportFilters, extra: Record<string, string> = {}): string {
  const q = new URLSearchParams({ from: formatDisplayDay(f.from), to: formatDisplayDay(f.to) });
  if (f.categoryId) q.set('category', String(f.categoryId));
  if (f.ptjId) q.set('ptj', String(f.ptjId));
  if (f.officerId) q.set('officer', f.officerId);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}
