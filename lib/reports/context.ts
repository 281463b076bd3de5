import { sql, type SQL } from 'drizzle-orm';
import { malaysiaDay, startOfMalaysiaDay, startOfNextMalaysiaDay } from '@/lib/calendar/days';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import type { WorkingCalendar } from '@/lib/calendar/working';
import type { Db } from '@/lib/db';
import type { ReportFilters } from './filters';
import { calendarFingerprint, DURATIONS_MISSING, storedDurationsFingerprint } from './stored-durations';
import { workDays, workDaysCte, type WorkDays } from './working-sql';

// What every figure of one report shares: the filters, the instant it is read at, the working
// calendar and its day table (lib/reports/working-sql.ts), and the complaints it is about.

export type ReportContext = {
  filters: ReportFilters;
  now: Date;
  cal: WorkingCalendar;
  wd: WorkDays;
  /** The range as instants: [start, end). */
  start: Date;
  end: Date;
  /** Whether the working minutes stored on the report's complaints are read (see durations.ts). */
  stored: boolean;
};

export async function reportContext(db: Db, filters: ReportFilters, now: Date = new Date()): Promise<ReportContext> {
  const cal = await loadWorkingCalendar(db);
  const today = malaysiaDay(now);
  // Every instant a figure reads (filing, first response, pause, closing) lies between the range's
  // first day and now (or the range's end, for a range still running).
  const last = today > filters.to ? today : filters.to;
  const ctx: ReportContext = { filters, now, cal, wd: workDays(cal, filters.from, last), start: startOfMalaysiaDay(filters.from), end: startOfNextMalaysiaDay(filters.to), stored: false };
  ctx.stored = await storedDurationsUsable(db, ctx);
  return ctx;
}

/**
 * Whether the working minutes stored on every complaint matching `where` (alias `c`) can be read:
 * computed with today's calendar (lib/reports/stored-durations.ts) and none missing.
 */
export async function storedDurationsUsable(db: Db, ctx: ReportContext, where: SQL = scopeWhere(ctx)): Promise<boolean> {
  if ((await storedDurationsFingerprint(db)) !== calendarFingerprint(ctx.cal)) return false;
  // Planned on the partial index of complaints missing a figure: empty or nearly so once filled.
  const [r] = await db.execute<{ missing: boolean }>(sql`select exists (select 1 from complaints c where ${DURATIONS_MISSING} and ${where}) as missing`);
  return !r.missing;
}

/** `with wd as (…)`: the working-day table of the context. */
export const wdCte = (ctx: ReportContext) => workDaysCte(ctx.wd);

/** The optional filters (category, PTJ, officer) on complaints aliased `c`. */
export function filterWhere(ctx: ReportContext): SQL {
  const f = ctx.filters;
  const parts: SQL[] = [sql`true`];
  if (f.categoryId) parts.push(sql`c.category_id = ${f.categoryId}`);
  if (f.ptjId) parts.push(sql`c.ptj_id = ${f.ptjId}`);
  if (f.officerId) parts.push(sql`c.assigned_to = ${f.officerId}`);
  return sql.join(parts, sql` and `);
}

/**
 * One of the report's big statements, run without parallel workers (`SET LOCAL`, in a transaction
 * of its own: the connection goes back to the pool as it was). The report runs its statements side
 * by side on the console's pool, on the 2 cores it is budgeted for, so a statement's workers only
 * compete with its siblings; at 1,000,000 complaints on the shared machine the events' and the
 * open complaints' scans took 2–3× as long with workers as without (their start and the Gather).
 */
export function serially<T extends Record<string, unknown>>(db: Db, query: SQL) {
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local max_parallel_workers_per_gather = 0`);
    return tx.execute<T>(query);
  });
}

/** Whether any of the optional filters (category, PTJ, officer) is set. */
export const hasFilter = (ctx: ReportContext): boolean => Boolean(ctx.filters.categoryId || ctx.filters.ptjId || ctx.filters.officerId);

/** The report's complaints: received (filed) in the range, with the optional filters; alias `c`. */
export function scopeWhere(ctx: ReportContext): SQL {
  return sql`c.created_at >= ${at(ctx.start)} and c.created_at < ${at(ctx.end)} and ${filterWhere(ctx)}`;
}

/**
 * When a complaint was resolved, for the service clock: the pause at *selesai* (its clock stopped
 * counting then), or its closing when it was closed without passing through a pause. Null while
 * officers still hold it or it waits for the complainant.
 */
export const RESOLVED_AT = sql`(case when c.status = 'ditutup' then least(c.closed_at, coalesce(c.clock_paused_at, c.closed_at)) when c.status = 'selesai' then c.clock_paused_at end)`;

export const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));
export const numOrNull = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

/** An instant as a SQL value (postgres.js binds Dates in raw SQL only as text). */
export const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
