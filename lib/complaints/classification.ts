import { asc, eq, or, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/db';
import { categories, complaintEvents, complaints, type ComplaintPriority, type EventData } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { storeDueTimes } from '@/lib/sla/due';
import { auditStaffAction, staffActor, type StaffActor } from './staff-actor';
import { isClosed } from './status';
import { lockComplaint } from './transitions';

// How urgent a complaint is and which module it belongs to: officers set both while it is open.
// Both choose the service targets (lib/sla/targets.ts), so each change moves the stored due times
// in the same transaction, and leaves an internal history event (facts, worded by event-text.ts)
// and an audit entry. Setting what is already set changes nothing and writes nothing.

export type ClassificationResult = { changed: boolean; eventId: number | null };

/** Sets the priority (rendah, biasa, tinggi, kritikal) of an open complaint. */
export async function setPriority(
  db: Db,
  input: { userId: string; number: string; priority: ComplaintPriority; ip?: string | null },
): Promise<ClassificationResult> {
  const actor = await staffActor(db, input.userId);
  return db.transaction(async (tx) => {
    const c = await lockComplaint(tx, input.number);
    if (isClosed(c.status)) throw new AppError('complaint_closed', 409);
    if (c.priority === input.priority) return { changed: false, eventId: null };
    const from = c.priority;
    await tx.update(complaints).set({ priority: input.priority, updatedAt: sql`now()` }).where(eq(complaints.id, c.id));
    c.priority = input.priority;
    await storeDueTimes(tx, c);
    const eventId = await internalEvent(tx, c.id, actor, { kind: 'priority_changed', from, to: input.priority });
    await auditStaffAction(tx, actor, 'complaint.priority', c.number, input.ip, { from, to: input.priority });
    return { changed: true, eventId };
  });
}

/** Moves an open complaint to another active category. */
export async function changeCategory(
  db: Db,
  input: { userId: string; number: string; categoryId: number; ip?: string | null },
): Promise<ClassificationResult> {
  const actor = await staffActor(db, input.userId);
  return db.transaction(async (tx) => {
    const c = await lockComplaint(tx, input.number);
    if (isClosed(c.status)) throw new AppError('complaint_closed', 409);
    if (c.categoryId === input.categoryId) return { changed: false, eventId: null };
    const [to] = await tx
      .select({ id: categories.id, ms: categories.nameMs, en: categories.nameEn, active: categories.active })
      .from(categories)
      .where(eq(categories.id, input.categoryId));
    if (!to?.active) throw new AppError('category_invalid');
    const [from] = await tx.select({ ms: categories.nameMs, en: categories.nameEn }).from(categories).where(eq(categories.id, c.categoryId));
    const fromId = c.categoryId;
    await tx.update(complaints).set({ categoryId: to.id, updatedAt: sql`now()` }).where(eq(complaints.id, c.id));
    c.categoryId = to.id;
    await storeDueTimes(tx, c);
    const eventId = await internalEvent(tx, c.id, actor, {
      kind: 'category_changed',
      fromId,
      toId: to.id,
      from: { ms: from.ms, en: from.en },
      to: { ms: to.ms, en: to.en },
    });
    await auditStaffAction(tx, actor, 'complaint.category', c.number, input.ip, { from: fromId, to: to.id });
    return { changed: true, eventId };
  });
}

async function internalEvent(tx: Tx, complaintId: string, actor: StaffActor, data: EventData): Promise<number> {
  const [event] = await tx
    .insert(complaintEvents)
    .values({ complaintId, type: 'internal_note', data, authorType: 'staff', authorUserId: actor.userId, authorName: actor.name, internal: true })
    .returning({ id: complaintEvents.id });
  return event.id;
}

/** The categories a complaint may be moved to (active ones, by sort order), with its own kept in the list. */
export function categoryChoices(db: Db, currentId: number) {
  return db
    .select({ id: categories.id, nameMs: categories.nameMs, nameEn: categories.nameEn })
    .from(categories)
    .where(or(eq(categories.active, true), eq(categories.id, currentId)))
    .orderBy(asc(categories.sortOrder), asc(categories.id));
}
