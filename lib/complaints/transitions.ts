import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { complaintEvents, complaints, type Complaint, type ComplaintStatus } from '@/lib/db/schema';
import { ComplaintError } from './errors';
import { assertMove, closingNeedsReason } from './status';

export type Actor =
  | { type: 'complainant'; name: string }
  | { type: 'staff'; userId: string; name: string }
  | { type: 'system'; name: string };

/** Reads a complaint and locks its row for the rest of the transaction (one writer at a time). */
export async function lockComplaint(tx: Tx, number: string): Promise<Complaint> {
  const [c] = await tx.select().from(complaints).where(eq(complaints.number, number)).for('update');
  if (!c) throw new ComplaintError('not_found', 404);
  return c;
}

/**
 * Moves a complaint to another status and writes the matching history event: `closed` when it is
 * closed, `reopened` when a resolved complaint goes back to work, `status_change` otherwise.
 * An illegal move throws; a closing by staff without a reason is refused.
 */
export async function moveStatus(
  tx: Tx,
  complaint: Complaint,
  to: ComplaintStatus,
  actor: Actor,
  reason?: string,
): Promise<{ eventId: number; type: 'closed' | 'reopened' | 'status_change' }> {
  assertMove(complaint.status, to);
  if (to === 'ditutup' && closingNeedsReason(actor.type) && !reason?.trim()) throw new ComplaintError('reason_required');
  const type = to === 'ditutup' ? 'closed' : complaint.status === 'selesai' ? 'reopened' : 'status_change';
  const [event] = await tx
    .insert(complaintEvents)
    .values({
      complaintId: complaint.id,
      type,
      body: reason?.trim() || null,
      fromStatus: complaint.status,
      toStatus: to,
      authorType: actor.type,
      authorUserId: actor.type === 'staff' ? actor.userId : null,
      authorName: actor.name,
    })
    .returning({ id: complaintEvents.id });
  await tx
    .update(complaints)
    .set({ status: to, updatedAt: sql`now()`, closedAt: to === 'ditutup' ? sql`now()` : null })
    .where(eq(complaints.id, complaint.id));
  complaint.status = to;
  return { eventId: event.id, type };
}
