import type { Db } from '@/lib/db';
import { malaysiaDay } from '@/lib/calendar/days';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { isWorkingDay, type WorkingCalendar } from '@/lib/calendar/working';
import { reportMonthlyPacks } from '@/lib/db/schema';
import { enqueueEmail } from '@/lib/jobs/boss';
import { staffWithRoles } from '@/lib/sla/notices';
import { monthEnd, previousMonth } from './filters';

// The monthly pack: on the first WORKING day of each month (the working calendar: weekend and
// holidays), every active supervisor is emailed the previous month's report as XLSX with a link to
// its print view. The schedule runs every morning (lib/jobs/boss.ts); only the first working day
// does anything. A row per (month, supervisor) in `report_monthly_packs` is inserted with its
// email job, so the pack goes once however many workers or runs there are.

/** The first working day of the month `day` falls in, or null if it has none. */
export function firstWorkingDay(cal: WorkingCalendar, day: string): string | null {
  const last = monthEnd(day);
  for (let d = `${day.slice(0, 7)}-01`; d <= last; d = nextDay(d)) if (isWorkingDay(cal, d)) return d;
  return null;
}

const nextDay = (d: string) => new Date(Date.parse(`${d}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** One run at `at`: how many supervisors the pack was queued for (0 on any other day). */
export async function runMonthlyPack(db: Db, at: Date): Promise<number> {
  const today = malaysiaDay(at);
  if (firstWorkingDay(await loadWorkingCalendar(db), today) !== today) return 0;
  const { month } = previousMonth(at);
  const supervisors = await staffWithRoles(db, ['penyelia']);
  if (supervisors.length === 0) return 0;
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(reportMonthlyPacks)
      .values(supervisors.map((userId) => ({ month, userId, sentAt: at })))
      .onConflictDoNothing()
      .returning({ userId: reportMonthlyPacks.userId });
    for (const { userId } of claimed) await enqueueEmail(tx, { kind: 'report-monthly-pack', userId, month });
    return claimed.length;
  });
}
