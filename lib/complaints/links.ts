import { eq, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { complaintEvents, complaints, type Complaint } from '@/lib/db/schema';
import { enqueueComplaintNotices } from '@/lib/notify/enqueue';
import { ComplaintError } from './errors';
import { staffActor, type StaffActor } from './staff-actor';
import { lockComplaint, moveStatus } from './transitions';

// One problem, many complaints. A CHILD follows its PARENT: public replies and status changes on
// the parent reach every open child (lib/complaints/officer-actions.ts). Links are one level deep
// (a parent is never a child, a child never a parent), so there are no cycles and a fan-out
// never recurses. A true DUPLICATE is instead merged: closed, with a pointer to its target.
//
// Rows are locked parent (or target) first, then child (or duplicate), the order a fan-out uses.

type Ref = { userId: string; ip?: string | null };

async function internalNote(tx: Tx, c: Complaint, actor: StaffActor, body: string) {
  await tx.insert(complaintEvents).values({
    complaintId: c.id,
    type: 'internal_note',
    body,
    authorType: 'staff',
    authorUserId: actor.userId,
    authorName: actor.name,
    internal: true,
  });
}

async function hasChildren(tx: Tx, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: complaints.id }).from(complaints).where(eq(complaints.parentId, id)).limit(1);
  return Boolean(row);
}

const touch = (tx: Tx, id: string, set: Partial<Pick<Complaint, 'parentId' | 'mergedIntoId'>>) =>
  tx.update(complaints).set({ ...set, updatedAt: sql`now()` }).where(eq(complaints.id, id));

/** Makes `childNumber` follow `parentNumber`. Both must be open; one parent per child; one level. */
export async function linkToParent(db: Db, input: Ref & { childNumber: string; parentNumber: string }): Promise<void> {
  if (input.childNumber === input.parentNumber) throw new ComplaintError('link_self');
  const actor = await staffActor(db, input.userId);
  await db.transaction(async (tx) => {
    const parent = await lockComplaint(tx, input.parentNumber);
    const child = await lockComplaint(tx, input.childNumber);
    if (parent.status === 'ditutup' || child.status === 'ditutup') throw new ComplaintError('link_closed', 409);
    if (child.parentId) throw new ComplaintError('already_linked', 409);
    // Covers the cycle parent → child → parent as well as chains.
    if (parent.parentId) throw new ComplaintError('parent_is_child', 409);
    if (await hasChildren(tx, child.id)) throw new ComplaintError('has_children', 409);

    await touch(tx, child.id, { parentId: parent.id });
    await internalNote(tx, child, actor, `Dipautkan kepada aduan induk ${parent.number}`);
    await internalNote(tx, parent, actor, `Aduan ${child.number} dipautkan kepada aduan ini`);
    await audit(tx, {
      actorType: 'staff',
      actorId: actor.userId,
      action: 'complaint.linked',
      targetType: 'complaint',
      targetId: child.number,
      ip: input.ip ?? null,
      detail: { parent: parent.number },
    });
  });
}

/** Stops `childNumber` following its parent. Allowed on closed complaints too (tidying up). */
export async function unlinkFromParent(db: Db, input: Ref & { childNumber: string }): Promise<void> {
  const actor = await staffActor(db, input.userId);
  await db.transaction(async (tx) => {
    const child = await lockComplaint(tx, input.childNumber);
    if (!child.parentId) throw new ComplaintError('not_linked', 409);
    const [parent] = await tx.select().from(complaints).where(eq(complaints.id, child.parentId));
    await touch(tx, child.id, { parentId: null });
    await internalNote(tx, child, actor, `Dinyahpautkan daripada aduan induk ${parent.number}`);
    await internalNote(tx, parent, actor, `Aduan ${child.number} dinyahpautkan daripada aduan ini`);
    await audit(tx, {
      actorType: 'staff',
      actorId: actor.userId,
      action: 'complaint.unlinked',
      targetType: 'complaint',
      targetId: child.number,
      ip: input.ip ?? null,
      detail: { parent: parent.number },
    });
  });
}

/**
 * Closes `duplicateNumber` as a duplicate of `targetNumber`: the closing reason (public, in the
 * complainant's history and email) names the target, and `merged_into_id` points at it.
 */
export async function mergeInto(
  db: Db,
  input: Ref & { duplicateNumber: string; targetNumber: string },
): Promise<{ eventId: number }> {
  if (input.duplicateNumber === input.targetNumber) throw new ComplaintError('link_self');
  const actor = await staffActor(db, input.userId);
  return db.transaction(async (tx) => {
    const target = await lockComplaint(tx, input.targetNumber);
    const dup = await lockComplaint(tx, input.duplicateNumber);
    if (target.status === 'ditutup' || dup.status === 'ditutup') throw new ComplaintError('link_closed', 409);
    // Its followers would be left following a closed complaint; the officer relinks them first.
    if (await hasChildren(tx, dup.id)) throw new ComplaintError('has_children', 409);

    // The public reason does not name the other complaint: it belongs to someone else.
    const { eventId } = await moveStatus(tx, dup, 'ditutup', actor, 'Aduan yang sama telah dilaporkan; tindakan diteruskan melalui aduan tersebut.');
    await internalNote(tx, dup, actor, `Digabungkan ke aduan ${target.number}`);
    await touch(tx, dup.id, { mergedIntoId: target.id });
    await enqueueComplaintNotices(tx, 'complaint-closed', eventId, dup);
    await internalNote(tx, target, actor, `Aduan ${dup.number} digabungkan ke aduan ini`);
    await audit(tx, {
      actorType: 'staff',
      actorId: actor.userId,
      action: 'complaint.merged',
      targetType: 'complaint',
      targetId: dup.number,
      ip: input.ip ?? null,
      detail: { into: target.number },
    });
    return { eventId };
  });
}

