import { sql, type SQL } from 'drizzle-orm';
import { malaysiaDay } from '@/lib/calendar/days';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import type { Db } from '@/lib/db';
import { settings } from '@/lib/db/schema';
import { at, reportContext } from './context';
import { liveDurationsCtes } from './durations';
import { calendarFingerprint, DURATIONS_MISSING, STORED_DURATIONS_KEY, storedDurationsFingerprint } from './stored-durations';

// Filling the stored working minutes (lib/reports/stored-durations.ts) of many complaints at once:
// after the migration that added them (existing rows), and after every working-calendar change
// (the `sla-recompute` job the change queues). Never inside a person's request.

/**
 * Computes the stored figures in SQL (the report's working-day table, lib/reports/working-sql.ts,
 * equal to lib/calendar per complaint): of every complaint when the calendar changed since they
 * were stored, else only of those missing one; one year of filings per statement. Then records the
 * calendar's fingerprint, unless the calendar changed meanwhile. Returns how many rows it wrote.
 */
export async function fillStoredDurations(db: Db, now: Date = new Date()): Promise<number> {
  const cal = await loadWorkingCalendar(db);
  const fp = calendarFingerprint(cal);
  const all = (await storedDurationsFingerprint(db)) !== fp;
  const [first] = await db.execute<{ at: string | null }>(sql`select min(created_at)::text as at from complaints`);
  let count = 0;
  if (first?.at) {
    const today = malaysiaDay(now);
    const firstDay = malaysiaDay(new Date(first.at));
    // The day table reaches a year past today: an instant beyond it would count as no time.
    const ctx = await reportContext(db, { from: firstDay, to: malaysiaDay(new Date(now.getTime() + 366 * 86_400_000)) }, now);
    const firstYear = Number(firstDay.slice(0, 4));
    const lastYear = Number(today.slice(0, 4));
    for (let y = firstYear; y <= lastYear; y++) {
      const from = at(new Date(Date.UTC(y - 1, 11, 31, 16)));
      const to = at(new Date(Date.UTC(y, 11, 31, 16)));
      const which: SQL = all ? sql`true` : DURATIONS_MISSING;
      const rows = await db.execute<{ n: number }>(sql`
        with ${liveDurationsCtes(ctx, sql`c.created_at >= ${from} and c.created_at < ${to} and ${which}`)},
        w as (
          update complaints c set first_response_minutes = d.first_minutes::int, resolution_minutes = d.resolution_minutes::int
          from d where c.id = d.id
            -- Rechecked on a row changed meanwhile (READ COMMITTED): written only if still computed from it.
            and row(c.created_at, c.first_responded_at, c.status, c.closed_at, c.clock_paused_at, c.clock_paused_minutes) is not distinct from d.inputs
            and (c.first_response_minutes is distinct from d.first_minutes::int or c.resolution_minutes is distinct from d.resolution_minutes::int)
          returning 1
        )
        select count(*)::int as n from w`);
      count += Number(rows[0]?.n ?? 0);
    }
  }
  if (calendarFingerprint(await loadWorkingCalendar(db)) === fp) {
    const value = { fingerprint: fp, filledAt: now.toISOString() };
    await db
      .insert(settings)
      .values({ key: STORED_DURATIONS_KEY, value })
      .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`now()` } });
  }
  return count;
}
