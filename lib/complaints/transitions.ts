import { eq, sql } from 'drizzle-orm';
import type { Tx } from '@/lib/db';
import { complaintColumns, complaintEvents, complaints, type Complaint, type ComplaintStatus, type EventData } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { applyClockEffect } from '@/lib/sla/due';
import { storeWorkingDurations } from '@/lib/reports/stored-durations';
import { assertMove, closingNeedsReason, isClosed, isResolved } from './status';

export type Actor =
  | { type: 'complainant'; name: string }
  | { type: 'staff'; userId: string; name: string }
  | { type: 'system'; name: string };

/** The author of what the helpdesk does by itself (routing, schedules): a name that reads the same in both languages. */
export const SYSTEM_ACTOR: Extract<Actor, { type: 'system' }> = { type: 'system', name: 'Helpdesk iSPEKS' };

/** Reads a complaint and locks its row for the rest of the transaction (one writer at a time). */
export async function lockComplaint(tx: Tx, number: string): Promise<Complaint> {
  const [c] = await tx.select(complaintColumns).from(complaints).where(eq(complaints.number, number)).for('update');
  if (!c) throw new AppError('not_found', 404);
  return c;
}

/**
 * Moves a complaint to another status and writes the matching history event: `closed` when it is
 * closed, `reopened` when a resolved complaint goes back to work, `status_change` otherwise.
 * An illegal move throws; a closing by staff without a reason is refused. A system-made reason
 * (e.g. a merge's `closed_as_duplicate`) is passed as `data`, never as a sentence. The service
 * clock pauses or resumes as the status rules say. `at` is the instant of the move (the scheduled
 * jobs pass their own clock).
 */
export async function moveStatus(
  tx: Tx,
  complaint: Complaint,
  to: ComplaintStatus,
  actor: Actor,
  reason?: string,
  data?: EventData,
  at: Date = new Date(),
): Promise<{ eventId: number; type: 'closed' | 'reopened' | 'status_change' }> {
  // An appeal (lib/complaints/satisfaction.ts) is the one move outside the table (status.ts).
  assertMove(complaint.status, to, { appeal: data?.kind === 'appeal_opened' });
  if (isClosed(to) && closingNeedsReason(actor.type) && !reason?.trim() && !data) throw new AppError('reason_required');
  const type = isClosed(to) ? 'closed' : isResolved(complaint.status) || isClosed(complaint.status) ? 'reopened' : 'status_change';
  const [event] = await tx
    .insert(complaintEvents)
    .values({
      complaintId: complaint.id,
      type,
      body: reason?.trim() || null,
      data: data ?? null,
      fromStatus: complaint.status,
      toStatus: to,
      authorType: actor.type,
      authorUserId: actor.type === 'staff' ? actor.userId : null,
      authorName: actor.name,
    })
    .returning({ id: complaintEvents.id });
  await tx
    .update(complaints)
    .set({ status: to, updatedAt: sql`now()`, closedAt: isClosed(to) ? sql`now()` : null })
    .where(eq(complaints.id, complaint.id));
  await applyClockEffect(tx, complaint, complaint.status, to, at);
  complaint.status = to;
  // The report's stored working minutes (resolution reached, undone by a reopening, and so on).
  await storeWorkingDurations(tx, complaint.id);
  return { eventId: event.id, type };
}
