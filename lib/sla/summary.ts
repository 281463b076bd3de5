import { and, count, gte, inArray, lt, ne } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { complaints, slaDailySummaries } from '@/lib/db/schema';
import { malaysiaDay, startOfMalaysiaDay, startOfNextMalaysiaDay, type CalendarDay } from '@/lib/calendar/days';
import { clockRuns, STATUSES } from '@/lib/complaints/status';
import { enqueueEmail, type DailySummaryCounts } from '@/lib/jobs/boss';
import { staffWithRoles } from './notices';

// The supervisors' daily summary: counts for the whole helpdesk on the Malaysia day the run falls
// on, one email per active supervisor. Each (day, supervisor) is a row in `sla_daily_summaries`
// inserted with its email job, so a second run or worker the same day sends nothing more.

const RUNNING = STATUSES.filter(clockRuns);

/** The Malaysia day before `day`. */
export const dayBefore = (day: CalendarDay): CalendarDay => malaysiaDay(new Date(startOfMalaysiaDay(day).getTime() - 1));

/**
 * Counts at `at`: filed yesterday, open now, due today (clock running, resolution due later
 * today), overdue (clock running, past its resolution due time) and closed yesterday.
 * Complaints waiting for the complainant or resolved have their clock paused: they are open, but
 * neither due nor overdue.
 */
export async function summaryCounts(db: Db, at: Date): Promise<DailySummaryCounts> {
  const today = malaysiaDay(at);
  const yesterday = dayBefore(today);
  const [yStart, tStart, tEnd] = [startOfMalaysiaDay(yesterday), startOfMalaysiaDay(today), startOfNextMalaysiaDay(today)];
  const n = async (where: ReturnType<typeof and>) => (await db.select({ n: count() }).from(complaints).where(where))[0].n;
  const running = inArray(complaints.status, RUNNING);
  return {
    newYesterday: await n(and(gte(complaints.createdAt, yStart), lt(complaints.createdAt, tStart))),
    open: await n(ne(complaints.status, 'ditutup')),
    dueToday: await n(and(running, gte(complaints.resolutionDueAt, at), lt(complaints.resolutionDueAt, tEnd))),
    overdue: await n(and(running, lt(complaints.resolutionDueAt, at))),
    closedYesterday: await n(and(gte(complaints.closedAt, yStart), lt(complaints.closedAt, tStart))),
  };
}

/** One summary run at `at`: how many supervisors it was sent to. */
export async function runDailySummary(db: Db, at: Date): Promise<number> {
  const day = malaysiaDay(at);
  const supervisors = await staffWithRoles(db, ['penyelia']);
  if (supervisors.length === 0) return 0;
  const counts = await summaryCounts(db, at);
  return db.transaction(async (tx) => {
    const claimed = await tx
      .insert(slaDailySummaries)
      .values(supervisors.map((userId) => ({ day, userId, sentAt: at })))
      .onConflictDoNothing()
      .returning({ userId: slaDailySummaries.userId });
    for (const { userId } of claimed) await enqueueEmail(tx, { kind: 'sla-daily-summary', userId, day, counts });
    return claimed.length;
  });
}

