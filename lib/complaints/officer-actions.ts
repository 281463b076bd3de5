import { eq, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { attachments, complaintEvents, complaints, users, type ComplaintStatus } from '@/lib/db/schema';
import { audit } from '@/lib/audit';
import { enqueueEmail } from '@/lib/jobs/boss';
import { attachmentRows, deleteQuietly, inspectFiles, putFiles, type IncomingFile } from '@/lib/uploads/store';
import { ComplaintError } from './errors';
import { lockComplaint, moveStatus, type Actor } from './transitions';

// What an officer does to a complaint. The console calls these; so do tests, so the console and
// the public pages are exercised through the same rules.

type StaffRef = { userId: string; ip?: string | null };

async function staffActor(db: Db, userId: string): Promise<Extract<Actor, { type: 'staff' }>> {
  const [u] = await db.select({ id: users.id, name: users.name, active: users.active }).from(users).where(eq(users.id, userId));
  if (!u || !u.active) throw new ComplaintError('forbidden', 403);
  return { type: 'staff', userId: u.id, name: u.name };
}

/**
 * A public reply: written to the history, shown on the complaint's page and emailed to the
 * complainant. An optional status change rides along in the same transaction (one email).
 */
export async function addPublicReply(
  db: Db,
  input: StaffRef & { number: string; body: string; status?: ComplaintStatus; files?: IncomingFile[] },
): Promise<{ eventId: number }> {
  return writeStaffEvent(db, { ...input, internal: false });
}

/** An internal note: history only, never on a public page or in an email. */
export async function addInternalNote(
  db: Db,
  input: StaffRef & { number: string; body: string; files?: IncomingFile[] },
): Promise<{ eventId: number }> {
  return writeStaffEvent(db, { ...input, internal: true });
}

async function writeStaffEvent(
  db: Db,
  input: StaffRef & { number: string; body: string; status?: ComplaintStatus; files?: IncomingFile[]; internal: boolean },
): Promise<{ eventId: number }> {
  const body = input.body.trim();
  if (!body) throw new ComplaintError('required');
  if (body.length > 10_000) throw new ComplaintError('too_long');
  const actor = await staffActor(db, input.userId);
  const inspected = await inspectFiles(input.files ?? []);
  if (!inspected.ok) throw new ComplaintError(inspected.error);
  const stored = await putFiles(input.number, inspected.clean);
  try {
    return await db.transaction(async (tx) => {
      const c = await lockComplaint(tx, input.number);
      if (c.status === 'ditutup') throw new ComplaintError('complaint_closed', 409);
      const [event] = await tx
        .insert(complaintEvents)
        .values({
          complaintId: c.id,
          type: input.internal ? 'internal_note' : 'public_reply',
          body,
          authorType: 'staff',
          authorUserId: actor.userId,
          authorName: actor.name,
          internal: input.internal,
        })
        .returning({ id: complaintEvents.id });
      if (stored.length > 0) await tx.insert(attachments).values(attachmentRows(stored, c.id, event.id, input.internal));
      if (!input.internal) {
        // Answering a new complaint puts it in progress, unless the officer chose a status.
        const to = input.status ?? (c.status === 'baru' ? 'dalam_tindakan' : undefined);
        if (to && to !== c.status) await moveStatus(tx, c, to, actor);
        else await tx.update(complaints).set({ updatedAt: sql`now()` }).where(eq(complaints.id, c.id));
        await enqueueEmail(tx, { kind: 'officer-reply', eventId: event.id });
      }
      await audit(tx, {
        actorType: 'staff',
        actorId: actor.userId,
        action: input.internal ? 'complaint.internal_note' : 'complaint.public_reply',
        targetType: 'complaint',
        targetId: c.number,
        ip: input.ip ?? null,
      });
      return { eventId: event.id };
    });
  } catch (e) {
    await deleteQuietly(stored.map((s) => s.key));
    throw e;
  }
}

/** A status change by an officer; the complainant is told by email. Closing needs a reason. */
export async function changeStatus(
  db: Db,
  input: StaffRef & { number: string; to: ComplaintStatus; reason?: string },
): Promise<{ eventId: number }> {
  const actor = await staffActor(db, input.userId);
  return db.transaction(async (tx) => {
    const c = await lockComplaint(tx, input.number);
    const from = c.status;
    const { eventId, type } = await moveStatus(tx, c, input.to, actor, input.reason);
    await enqueueEmail(tx, type === 'closed' ? { kind: 'complaint-closed', eventId } : { kind: 'status-changed', eventId });
    await audit(tx, {
      actorType: 'staff',
      actorId: actor.userId,
      action: 'complaint.status_change',
      targetType: 'complaint',
      targetId: c.number,
      ip: input.ip ?? null,
      detail: { from, to: input.to },
    });
    return { eventId };
  });
}
