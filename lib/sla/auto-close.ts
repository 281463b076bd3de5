import { addDays } from 'date-fns';
import { and, eq, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { complaintEvents, complaints, slaNotices } from '@/lib/db/schema';
import { addWorkingDays, type WorkingCalendar } from '@/lib/calendar/working';
import { lockComplaint, moveStatus, SYSTEM_ACTOR } from '@/lib/complaints/transitions';
import { enqueueComplaintNotices } from '@/lib/notify/enqueue';
import type { ServiceLevelSettings } from './settings';

// Closing by the schedule, each under the complaint's row lock through moveStatus (so two workers
// close it once: the second finds it closed), with a `closed_automatically` event, an audit row
// and the complainant's closing email:
// - resolved: `selesai` for N calendar days since it was last moved there. Feedback in the
//   meantime moves it out of selesai (lib/complaints/status.ts), and a later move back starts again.
// - unanswered (only when the setting is on): still waiting for the complainant M working days
//   after the reminder for the same wait. An answer hands the complaint back to the officers.

const BATCH = 200;

export type AutoCloseResult = { resolved: number; unanswered: number };

export async function runAutoClose(db: Db, at: Date, cal: WorkingCalendar, s: ServiceLevelSettings): Promise<AutoCloseResult> {
  const result: AutoCloseResult = { resolved: 0, unanswered: 0 };

  const resolvedBefore = addDays(at, -s.autoCloseResolvedAfterDays);
  const resolved = await db.execute<{ number: string }>(sql`
    select c.number from ${complaints} c
    cross join lateral (
      select max(e.created_at) as resolved_at from ${complaintEvents} e where e.complaint_id = c.id and e.to_status = 'selesai'
    ) r
    where c.status = 'selesai' and r.resolved_at <= ${resolvedBefore.toISOString()}::timestamptz
    order by r.resolved_at limit ${BATCH}`);
  for (const { number } of resolved) {
    if (await closeOne(db, number, at, 'resolved', s.autoCloseResolvedAfterDays, cal)) result.resolved += 1;
  }

  if (s.autoCloseUnanswered) {
    // The reminder's send time bounds the wait: M working days are at least M − 1 calendar days.
    const remindedBefore = addDays(at, -(s.autoCloseUnansweredAfterDays - 1));
    const waiting = await db
      .select({ number: complaints.number, remindedAt: slaNotices.sentAt })
      .from(complaints)
      .innerJoin(slaNotices, and(eq(slaNotices.complaintId, complaints.id), eq(slaNotices.kind, 'reminder'), eq(slaNotices.dueAt, complaints.clockPausedAt)))
      .where(and(eq(complaints.status, 'menunggu_pengadu'), sql`${slaNotices.sentAt} <= ${remindedBefore.toISOString()}::timestamptz`))
      .orderBy(slaNotices.sentAt)
      .limit(BATCH);
    for (const w of waiting) {
      if (addWorkingDays(cal, w.remindedAt, s.autoCloseUnansweredAfterDays).getTime() > at.getTime()) continue;
      if (await closeOne(db, w.number, at, 'unanswered', s.autoCloseUnansweredAfterDays, cal)) result.unanswered += 1;
    }
  }
  return result;
}

async function closeOne(db: Db, number: string, at: Date, reason: 'resolved' | 'unanswered', days: number, cal: WorkingCalendar): Promise<boolean> {
  return db.transaction(async (tx) => {
    const c = await lockComplaint(tx, number);
    if (!(await stillDue(tx, c, at, reason, days, cal))) return false;
    const { eventId } = await moveStatus(tx, c, 'ditutup', SYSTEM_ACTOR, undefined, { kind: 'closed_automatically', reason, days }, at);
    await enqueueComplaintNotices(tx, { kind: 'complaint-closed', eventId }, c);
    await audit(tx, { actorType: 'system', action: 'complaint.closed_automatically', targetType: 'complaint', targetId: number, detail: { reason, days } });
    return true;
  });
}

/** The same question as the candidates' query, asked again of the locked row. */
async function stillDue(tx: Tx, c: Awaited<ReturnType<typeof lockComplaint>>, at: Date, reason: 'resolved' | 'unanswered', days: number, cal: WorkingCalendar): Promise<boolean> {
  if (reason === 'resolved') {
    if (c.status !== 'selesai') return false;
    const [r] = await tx
      .select({ at: sql<Date | null>`max(${complaintEvents.createdAt})`.mapWith((v) => (v ? new Date(v) : null)) })
      .from(complaintEvents)
      .where(and(eq(complaintEvents.complaintId, c.id), eq(complaintEvents.toStatus, 'selesai')));
    return r?.at !== null && r?.at !== undefined && addDays(r.at, days).getTime() <= at.getTime();
  }
  if (c.status !== 'menunggu_pengadu' || !c.clockPausedAt) return false;
  const [n] = await tx
    .select({ sentAt: slaNotices.sentAt })
    .from(slaNotices)
    .where(and(eq(slaNotices.complaintId, c.id), eq(slaNotices.kind, 'reminder'), sql`${slaNotices.dueAt} = ${complaints.clockPausedAt}`))
    .innerJoin(complaints, eq(complaints.id, slaNotices.complaintId));
  return n !== undefined && addWorkingDays(cal, n.sentAt, days).getTime() <= at.getTime();
}
