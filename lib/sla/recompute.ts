import { and, asc, eq, gt, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { complaints } from '@/lib/db/schema';
import { OPEN_STATUSES } from '@/lib/complaints/status';
import { complaintDueTimes } from './clock';
import { loadClockContext } from './context';

// Due times computed again for many complaints at once, in batches: for rows filed before service
// levels existed (no due times yet), and for every open complaint after the calendar, the targets
// or the "hampir lewat" share change. Runs as a job or at start, never inside a person's request.

const BATCH = 500;

export type RecomputeScope = 'missing' | 'open';

/** Returns how many complaints were given new due times. */
export async function recomputeDueTimes(db: Db, scope: RecomputeScope): Promise<number> {
  const { cal, targets, nearlyPercent, appealResolutionDays } = await loadClockContext(db);
  const where: SQL | undefined =
    scope === 'missing' ? isNull(complaints.resolutionDueAt) : inArray(complaints.status, [...OPEN_STATUSES]);
  let after = '00000000-0000-0000-0000-000000000000';
  let count = 0;
  for (;;) {
    const rows = await db
      .select({
        id: complaints.id,
        createdAt: complaints.createdAt,
        categoryId: complaints.categoryId,
        priority: complaints.priority,
        clockPausedMinutes: complaints.clockPausedMinutes,
        appealOpenedAt: complaints.appealOpenedAt,
      })
      .from(complaints)
      .where(and(where, gt(complaints.id, after)))
      .orderBy(asc(complaints.id))
      .limit(BATCH);
    if (rows.length === 0) return count;
    await db.transaction(async (tx) => {
      for (const r of rows) {
        const due = complaintDueTimes(cal, r, targets(r.categoryId, r.priority), r.clockPausedMinutes, nearlyPercent, appealResolutionDays);
        await tx.update(complaints).set(due).where(eq(complaints.id, r.id));
      }
    });
    count += rows.length;
    after = rows[rows.length - 1].id;
  }
}
