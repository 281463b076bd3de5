import { eq, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/db';
import { complaintColumns, complaintEvents, complaints, type Complaint, type EventData } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { enqueueComplaintNotices } from '@/lib/notify/enqueue';
import { auditStaffAction, staffActor, type StaffActor } from './staff-actor';
import { isClosed } from './status';
import { lockComplaint, moveStatus } from './transitions';

// One problem, many complaints. A CHILD follows its PARENT: public replies and status changes on
// the parent reach every open child (lib/complaints/officer-actions.ts). Links are one level deep
// (a parent is never a child, a child never a parent), so there are no cycles and a fan-out
// never recurses. A true DUPLICATE is instead merged: closed, with a pointer to its target. Only
// a complaint of the same complainant (the same IC hash) is merged: its closing then names the
// complaint that carries on, which is theirs too. Someone else's complaint is linked instead, so no
// complainant ever learns another's number.
//
// Rows are locked parent (or target) first, then child (or duplicate), the order a fan-out uses.

type Ref = { userId: string; ip?: string | null };

/**
 * Records a link, unlink or merge: an internal event with its facts on each of the two complaints,
 * and one audit row on the complaint acted on.
 */
async function recordChange(
  tx: Tx,
  actor: StaffActor,
  ip: string | null | undefined,
  change: { action: string; subject: string; detail: Record<string, string>; facts: [Complaint, EventData][] },
) {
  for (const [c, data] of change.facts) {
    await tx.insert(complaintEvents).values({
      complaintId: c.id,
      type: 'internal_note',
      data,
      authorType: 'staff',
      authorUserId: actor.userId,
      authorName: actor.name,
      internal: true,
    });
  }
  await auditStaffAction(tx, actor, change.action, change.subject, ip, change.detail);
}

/** A link or unlink, recorded on the child and on the parent. */
function recordLinkChange(tx: Tx, actor: StaffActor, ip: string | null | undefined, kind: 'linked' | 'unlinked', child: Complaint, parent: Complaint) {
  const pair = { child: child.number, parent: parent.number };
  return recordChange(tx, actor, ip, {
    action: `complaint.${kind}`,
    subject: child.number,
    detail: { parent: parent.number },
    facts: [
      [child, { kind, side: 'child', ...pair }],
      [parent, { kind, side: 'parent', ...pair }],
    ],
  });
}

/** Locks the complaint that carries on (parent or target) first, then the other; both must be open. */
async function lockOpenPair(tx: Tx, keeperNumber: string, otherNumber: string): Promise<[Complaint, Complaint]> {
  const keeper = await lockComplaint(tx, keeperNumber);
  const other = await lockComplaint(tx, otherNumber);
  if (isClosed(keeper.status) || isClosed(other.status)) throw new AppError('link_closed', 409);
  return [keeper, other];
}

async function hasChildren(tx: Tx | Db, id: string): Promise<boolean> {
  const [row] = await tx.select({ id: complaints.id }).from(complaints).where(eq(complaints.parentId, id)).limit(1);
  return Boolean(row);
}

const touch = (tx: Tx, id: string, set: Partial<Pick<Complaint, 'parentId' | 'mergedIntoId'>>) =>
  tx.update(complaints).set({ ...set, updatedAt: sql`now()` }).where(eq(complaints.id, id));

/** Makes `childNumber` follow `parentNumber`. Both must be open; one parent per child; one level. */
export async function linkToParent(db: Db, input: Ref & { childNumber: string; parentNumber: string }): Promise<void> {
  if (input.childNumber === input.parentNumber) throw new AppError('link_self');
  const actor = await staffActor(db, input.userId);
  await db.transaction(async (tx) => {
    const [parent, child] = await lockOpenPair(tx, input.parentNumber, input.childNumber);
    if (child.parentId) throw new AppError('already_linked', 409);
    // Covers the cycle parent → child → parent as well as chains.
    if (parent.parentId) throw new AppError('parent_is_child', 409);
    if (await hasChildren(tx, child.id)) throw new AppError('has_children', 409);

    await touch(tx, child.id, { parentId: parent.id });
    await recordLinkChange(tx, actor, input.ip, 'linked', child, parent);
  });
}

/** Stops `childNumber` following its parent. Allowed on closed complaints too (tidying up). */
export async function unlinkFromParent(db: Db, input: Ref & { childNumber: string }): Promise<void> {
  const actor = await staffActor(db, input.userId);
  await db.transaction(async (tx) => {
    const child = await lockComplaint(tx, input.childNumber);
    if (!child.parentId) throw new AppError('not_linked', 409);
    const [parent] = await tx.select(complaintColumns).from(complaints).where(eq(complaints.id, child.parentId));
    await touch(tx, child.id, { parentId: null });
    await recordLinkChange(tx, actor, input.ip, 'unlinked', child, parent);
  });
}

/** Merging is for one person filing the same thing twice; anyone else's complaint is linked instead. */
function assertMergeable(target: Pick<Complaint, 'icHash' | 'status'>, dup: Pick<Complaint, 'icHash' | 'status'>) {
  if (isClosed(target.status) || isClosed(dup.status)) throw new AppError('link_closed', 409);
  if (target.icHash !== dup.icHash) throw new AppError('merge_other_complainant', 409);
}

export type MergeSide = Pick<Complaint, 'number' | 'title' | 'name' | 'status' | 'createdAt'>;

/**
 * What the officer confirms before a merge: both complaints side by side. Refuses, without
 * changing anything, every merge that `mergeInto` would refuse for what the two complaints are.
 */
export async function mergePreview(db: Db, input: { duplicateNumber: string; targetNumber: string }): Promise<{ duplicate: MergeSide; target: MergeSide }> {
  if (input.duplicateNumber === input.targetNumber) throw new AppError('link_self');
  const rows = await db.select(complaintColumns).from(complaints).where(inArray(complaints.number, [input.duplicateNumber, input.targetNumber]));
  const dup = rows.find((r) => r.number === input.duplicateNumber);
  const target = rows.find((r) => r.number === input.targetNumber);
  if (!dup || !target) throw new AppError('not_found', 404);
  assertMergeable(target, dup);
  if (await hasChildren(db, dup.id)) throw new AppError('has_children', 409);
  const side = ({ number, title, name, status, createdAt }: Complaint): MergeSide => ({ number, title, name, status, createdAt });
  return { duplicate: side(dup), target: side(target) };
}

/**
 * Closes `duplicateNumber` as a duplicate of `targetNumber`, both filed by the same complainant:
 * the closing reason (public, in their history and email) names the target, and
 * `merged_into_id` points at it.
 */
export async function mergeInto(
  db: Db,
  input: Ref & { duplicateNumber: string; targetNumber: string },
): Promise<{ eventId: number }> {
  if (input.duplicateNumber === input.targetNumber) throw new AppError('link_self');
  const actor = await staffActor(db, input.userId);
  return db.transaction(async (tx) => {
    const target = await lockComplaint(tx, input.targetNumber);
    const dup = await lockComplaint(tx, input.duplicateNumber);
    assertMergeable(target, dup);
    // Its followers would be left following a closed complaint; the officer relinks them first.
    if (await hasChildren(tx, dup.id)) throw new AppError('has_children', 409);

    // The same person's complaint: the public closing may name it.
    const { eventId } = await moveStatus(tx, dup, 'ditutup', actor, undefined, { kind: 'closed_as_duplicate', target: target.number });
    await touch(tx, dup.id, { mergedIntoId: target.id });
    // A duplicate carries on in its target: its closing asks for no verdict.
    await enqueueComplaintNotices(tx, { kind: 'complaint-closed', eventId }, dup, { askSatisfaction: false });
    const pair = { duplicate: dup.number, target: target.number };
    await recordChange(tx, actor, input.ip, {
      action: 'complaint.merged',
      subject: dup.number,
      detail: { into: target.number },
      facts: [
        [dup, { kind: 'merged', side: 'duplicate', ...pair }],
        [target, { kind: 'merged', side: 'target', ...pair }],
      ],
    });
    return { eventId };
  });
}
