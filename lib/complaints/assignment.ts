import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { complaintEvents, complaints, users } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { enqueueEmail } from '@/lib/jobs/boss';
import { auditStaffAction, staffActor } from './staff-actor';
import { isClosed } from './status';
import { lockComplaint } from './transitions';

// Who works a complaint. Every change is an internal `assignment` event (never on a public page
// or in a complainant's email) and an audit entry; the new assignee gets an email, unless they
// assigned it to themselves.

type AssignInput = { userId: string; number: string; assigneeId: string | null; ip?: string | null };
export type AssignResult = { changed: boolean; eventId: number | null };

/** Assigns a complaint to an active officer, or unassigns it (`assigneeId: null`). */
export function assignComplaint(db: Db, input: AssignInput): Promise<AssignResult> {
  return assign(db, input, false);
}

/** "Ambil aduan ini": assigns to oneself when unassigned (or already one's own). */
export function takeComplaint(db: Db, input: { userId: string; number: string; ip?: string | null }): Promise<AssignResult> {
  return assign(db, { ...input, assigneeId: input.userId }, true);
}

async function assign(db: Db, input: AssignInput, onlyIfFree: boolean): Promise<AssignResult> {
  const actor = await staffActor(db, input.userId);
  let assignee: { id: string; name: string } | null = null;
  if (input.assigneeId) {
    const [u] = await db
      .select({ id: users.id, name: users.name, active: users.active })
      .from(users)
      .where(eq(users.id, input.assigneeId));
    if (!u?.active) throw new AppError('assignee_invalid');
    assignee = { id: u.id, name: u.name };
  }
  return db.transaction(async (tx) => {
    const c = await lockComplaint(tx, input.number);
    if (isClosed(c.status)) throw new AppError('complaint_closed', 409);
    // Checked under the row lock, so two officers pressing "take" at once cannot both get it.
    if (onlyIfFree && c.assignedTo && c.assignedTo !== actor.userId) throw new AppError('already_assigned', 409);
    const to = assignee?.id ?? null;
    if (c.assignedTo === to) return { changed: false, eventId: null };

    await tx.update(complaints).set({ assignedTo: to, updatedAt: sql`now()` }).where(eq(complaints.id, c.id));
    const [event] = await tx
      .insert(complaintEvents)
      .values({
        complaintId: c.id,
        type: 'assignment',
        // Facts, not a sentence: lib/complaints/event-text.ts words them for each reader. An
        // unassignment always had an assignee (an unchanged assignment returned above).
        data: assignee
          ? { kind: 'assigned', assigneeId: assignee.id, assigneeName: assignee.name, previousAssigneeId: c.assignedTo }
          : { kind: 'unassigned', previousAssigneeId: c.assignedTo! },
        authorType: 'staff',
        authorUserId: actor.userId,
        authorName: actor.name,
        internal: true,
      })
      .returning({ id: complaintEvents.id });
    if (assignee && assignee.id !== actor.userId) {
      await enqueueEmail(tx, { kind: 'complaint-assigned', eventId: event.id, assigneeId: assignee.id });
    }
    await auditStaffAction(tx, actor, 'complaint.assigned', c.number, input.ip, { from: c.assignedTo, to });
    return { changed: true, eventId: event.id };
  });
}
