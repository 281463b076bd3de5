import { addDays } from 'date-fns';
import { and, eq, isNotNull, lte, notExists, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { complaintEvents, complaints, slaNotices } from '@/lib/db/schema';
import { addWorkingDays, type WorkingCalendar } from '@/lib/calendar/working';
import { enqueueComplaintNotices } from '@/lib/notify/enqueue';
import { SYSTEM_ACTOR } from '@/lib/complaints/transitions';
import { claimNotice, lockComplaintById } from './notices';

// The reminder: a complaint waiting for the complainant (menunggu pengadu) for N working days gets
// one reminder, an email (and WhatsApp where agreed) with a public history event. It is claimed as
// the notice `reminder` for the instant the wait began (`clock_paused_at`), so a complaint sent
// back to the complainant later gets a reminder for that new wait, and never two for one.

const BATCH = 200;

/** When a wait that began at `pausedAt` is due its reminder. */
export const reminderDueAt = (cal: WorkingCalendar, pausedAt: Date, days: number) => addWorkingDays(cal, pausedAt, days);

/**
 * One reminder run at `at`: complaints waiting `days` working days get their reminder.
 * `closesAfterDays` (null when closing unanswered complaints is off) is what the email promises.
 */
export async function runReminders(db: Db, at: Date, cal: WorkingCalendar, days: number, closesAfterDays: number | null): Promise<number> {
  // N working days are at least N − 1 calendar days: a cheap bound before the exact check.
  const pausedBefore = addDays(at, -(days - 1));
  const rows = await db
    .select({ id: complaints.id, pausedAt: complaints.clockPausedAt })
    .from(complaints)
    .where(
      and(
        eq(complaints.status, 'menunggu_pengadu'),
        isNotNull(complaints.clockPausedAt),
        lte(complaints.clockPausedAt, pausedBefore),
        notExists(
          sql`(select 1 from ${slaNotices} where ${slaNotices.complaintId} = ${complaints.id} and ${slaNotices.kind} = 'reminder' and ${slaNotices.dueAt} = ${complaints.clockPausedAt})`,
        ),
      ),
    )
    .orderBy(complaints.clockPausedAt)
    .limit(BATCH);
  let sent = 0;
  for (const r of rows) {
    if (r.pausedAt && reminderDueAt(cal, r.pausedAt, days).getTime() <= at.getTime() && (await remindOne(db, r.id, at, cal, days, closesAfterDays))) sent += 1;
  }
  return sent;
}

async function remindOne(db: Db, id: string, at: Date, cal: WorkingCalendar, days: number, closesAfterDays: number | null): Promise<boolean> {
  return db.transaction(async (tx) => {
    const c = await lockComplaintById(tx, id);
    // Checked again under the lock: feedback may have handed it back meanwhile.
    if (!c || c.status !== 'menunggu_pengadu' || !c.clockPausedAt) return false;
    if (reminderDueAt(cal, c.clockPausedAt, days).getTime() > at.getTime()) return false;
    if (!(await claimNotice(tx, c.id, 'reminder', sql`${complaints.clockPausedAt}`, at))) return false;
    const [event] = await tx
      .insert(complaintEvents)
      .values({
        complaintId: c.id,
        type: 'public_reply',
        data: { kind: 'reminder_sent', days },
        authorType: 'system',
        authorName: SYSTEM_ACTOR.name,
      })
      .returning({ id: complaintEvents.id });
    await enqueueComplaintNotices(tx, { kind: 'complaint-reminder', eventId: event.id, closesAfterDays }, c);
    return true;
  });
}
