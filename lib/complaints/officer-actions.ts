import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm';
import type { Db, Tx } from '@/lib/db';
import { attachments, complaintColumns, complaintEvents, complaints, type Complaint, type ComplaintStatus } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { enqueueComplaintNotices, noticeForMove } from '@/lib/notify/enqueue';
import {
  attachmentRows,
  deleteQuietly,
  inspectFiles,
  putFiles,
  type IncomingFile,
  type StoredFile,
} from '@/lib/uploads/store';
import { fillPlaceholders, placeholderValues } from '@/lib/console/placeholders';
import { auditStaffAction, staffActor, type StaffActor } from './staff-actor';
import { assertMove, canMove, isClosed, OPEN_STATUSES, statusAfterPublicReply } from './status';
import { lockComplaint, moveStatus } from './transitions';
import { storeWorkingDurations } from '@/lib/reports/stored-durations';

// What an officer does to a complaint. The console calls these; so do tests, so the console and
// the public pages are exercised through the same rules.
//
// One problem, many complaints: a public reply or a status change on a PARENT applies, in the
// same transaction, to each of its open children (lib/complaints/links.ts), each with its own
// event, its own status move (skipped where illegal) and its own notices to its own complainant.
// A reply's files are stored again under each child's number: every object belongs to exactly
// one complaint (object keys are unique per row, and a complaint's page serves only its own
// objects), so each complainant sees the files on their own page. The copies cost storage, N+1
// times the files; that is the honest price of every complainant seeing what they were sent.

type StaffRef = { userId: string; ip?: string | null };

/**
 * What the officer's page showed: the newest public event it rendered. A public reply or a status
 * change made from a page that has not seen a newer public event (another officer's reply, the
 * complainant's feedback) is refused with StaleViewError, so two officers do not send
 * contradicting answers seconds apart. Confirming is resending with the newer id. Without it (the
 * tests, bulk actions) nothing is checked.
 */
type SeenView = { seenEventId?: number };

/** Not sent: public events the officer has not seen happened since their page was loaded. */
export class StaleViewError extends AppError {
  constructor(readonly eventIds: number[]) {
    super('stale_view', 409, { params: { count: eventIds.length } });
    this.name = 'StaleViewError';
  }
}

/** Refuses when the complaint has public events newer than the page showed. Call with the row locked. */
async function assertSeen(tx: Tx, complaintId: string, seenEventId: number | undefined): Promise<void> {
  if (seenEventId === undefined) return;
  const newer = await tx
    .select({ id: complaintEvents.id })
    .from(complaintEvents)
    .where(and(eq(complaintEvents.complaintId, complaintId), eq(complaintEvents.internal, false), gt(complaintEvents.id, seenEventId)))
    .orderBy(asc(complaintEvents.id));
  if (newer.length > 0) throw new StaleViewError(newer.map((e) => e.id));
}

/**
 * A public reply: written to the history, shown on the complaint's page and emailed to the
 * complainant. An optional status change rides along in the same transaction (one email).
 */
export async function addPublicReply(
  db: Db,
  input: StaffRef & SeenView & { number: string; body: string; status?: ComplaintStatus; files?: IncomingFile[] },
): Promise<{ eventId: number; children: string[] }> {
  return writeStaffEvent(db, { ...input, internal: false });
}

/** An internal note: history only, never on a public page or in an email. Not fanned out. */
export async function addInternalNote(
  db: Db,
  input: StaffRef & { number: string; body: string; files?: IncomingFile[] },
): Promise<{ eventId: number }> {
  const { eventId } = await writeStaffEvent(db, { ...input, internal: true });
  return { eventId };
}

/** Open children of a parent, read without locks (to know where to put the files beforehand). */
async function openChildNumbers(db: Db, parentNumber: string): Promise<{ id: string; number: string }[]> {
  const parent = db.select({ id: complaints.id }).from(complaints).where(eq(complaints.number, parentNumber));
  return db
    .select({ id: complaints.id, number: complaints.number })
    .from(complaints)
    .where(and(inArray(complaints.parentId, parent), inArray(complaints.status, [...OPEN_STATUSES])));
}

/** Open children, locked, in one order (by number) so two fan-outs cannot deadlock each other. */
async function lockOpenChildren(tx: Tx, parentId: string): Promise<Complaint[]> {
  return tx
    .select(complaintColumns)
    .from(complaints)
    .where(and(eq(complaints.parentId, parentId), inArray(complaints.status, [...OPEN_STATUSES])))
    .orderBy(asc(complaints.number))
    .for('update');
}

async function writeStaffEvent(
  db: Db,
  input: StaffRef & SeenView & { number: string; body: string; status?: ComplaintStatus; files?: IncomingFile[]; internal: boolean },
): Promise<{ eventId: number; children: string[] }> {
  const body = input.body.trim();
  if (!body) throw new AppError('required');
  if (body.length > 10_000) throw new AppError('too_long');
  const actor = await staffActor(db, input.userId);
  const inspected = await inspectFiles(input.files ?? []);
  if (!inspected.ok) throw new AppError(inspected.error);
  const clean = inspected.clean;

  const stored = await putFiles(input.number, clean);
  const childFiles = new Map<string, StoredFile[]>();
  const allKeys = () => [...stored, ...[...childFiles.values()].flat()].map((s) => s.key);
  let result: { eventId: number; children: string[] };
  try {
    if (!input.internal && clean.length > 0) {
      for (const child of await openChildNumbers(db, input.number)) childFiles.set(child.id, await putFiles(child.number, clean));
    }
    result = await db.transaction(async (tx) => {
      const c = await lockComplaint(tx, input.number);
      if (isClosed(c.status)) throw new AppError('complaint_closed', 409);
      // A note answers nobody outside, so it is never held.
      if (!input.internal) await assertSeen(tx, c.id, input.seenEventId);
      const eventId = await insertStaffEvent(tx, c, actor, body, input.internal, stored);
      if (input.internal) {
        await auditStaffAction(tx, actor, 'complaint.internal_note', c.number, input.ip);
        return { eventId, children: [] };
      }
      // A chosen status must be a legal move; with none, answering a new complaint puts it in progress.
      if (input.status && input.status !== c.status) assertMove(c.status, input.status);
      await markFirstResponse(tx, c);
      const to = statusAfterPublicReply(c.status, input.status);
      if (to) await moveStatus(tx, c, to, actor);
      else await touch(tx, c.id);
      await enqueueComplaintNotices(tx, { kind: 'officer-reply', eventId, status: c.status }, c);
      await auditStaffAction(tx, actor, 'complaint.public_reply', c.number, input.ip);

      const children: string[] = [];
      for (const child of await lockOpenChildren(tx, c.id)) {
        const files = childFiles.get(child.id);
        // Linked after the files were put: the officer tries again rather than a silent loss.
        if (clean.length > 0 && !files) throw new AppError('links_changed', 409);
        const childEvent = await insertStaffEvent(tx, child, actor, body, false, files ?? []);
        await markFirstResponse(tx, child);
        // A child moves only where the move is legal for it; otherwise it keeps its status.
        const want = statusAfterPublicReply(child.status, input.status);
        if (want) await moveStatus(tx, child, want, actor);
        else await touch(tx, child.id);
        await enqueueComplaintNotices(tx, { kind: 'officer-reply', eventId: childEvent, status: child.status }, child);
        await auditStaffAction(tx, actor, 'complaint.public_reply', child.number, input.ip, { via: c.number });
        children.push(child.number);
        childFiles.delete(child.id); // used; what is left over is removed below
      }
      return { eventId, children };
    });
  } catch (e) {
    await deleteQuietly(allKeys());
    throw e;
  }
  // Files put for children that were unlinked or closed meanwhile have no row.
  const unused = [...childFiles.values()].flat().map((s) => s.key);
  if (unused.length > 0) await deleteQuietly(unused);
  return result;
}

async function insertStaffEvent(
  tx: Tx,
  c: Complaint,
  actor: StaffActor,
  body: string,
  internal: boolean,
  files: StoredFile[],
): Promise<number> {
  const [event] = await tx
    .insert(complaintEvents)
    .values({
      complaintId: c.id,
      type: internal ? 'internal_note' : 'public_reply',
      // Placeholders are filled here, for each complaint written to: a reply copied from a parent
      // to its children names each child's own complainant, never the parent's.
      body: fillPlaceholders(body, placeholderValues(c, actor.name)),
      authorType: 'staff',
      authorUserId: actor.userId,
      authorName: actor.name,
      internal,
    })
    .returning({ id: complaintEvents.id });
  if (files.length > 0) await tx.insert(attachments).values(attachmentRows(files, c.id, event.id, internal));
  return event.id;
}

/** The first public reply meets (or misses) the first-response target; later ones change nothing. */
async function markFirstResponse(tx: Tx, c: Complaint): Promise<void> {
  if (c.firstRespondedAt) return;
  const [row] = await tx.update(complaints).set({ firstRespondedAt: sql`now()` }).where(eq(complaints.id, c.id)).returning({ at: complaints.firstRespondedAt });
  c.firstRespondedAt = row.at;
  await storeWorkingDurations(tx, c.id);
}

const touch = (tx: Tx, id: string) => tx.update(complaints).set({ updatedAt: sql`now()` }).where(eq(complaints.id, id));


/**
 * A status change by an officer; the complainant is told. Closing needs a reason. On a parent,
 * each open child for which the move is legal moves too (the others are left as they are).
 */
export async function changeStatus(
  db: Db,
  input: StaffRef & SeenView & { number: string; to: ComplaintStatus; reason?: string },
): Promise<{ eventId: number; children: string[] }> {
  const actor = await staffActor(db, input.userId);
  return db.transaction(async (tx) => {
    const c = await lockComplaint(tx, input.number);
    await assertSeen(tx, c.id, input.seenEventId);
    const from = c.status;
    const { eventId, type } = await moveStatus(tx, c, input.to, actor, input.reason);
    await enqueueComplaintNotices(tx, noticeForMove(type, eventId), c);
    await auditStaffAction(tx, actor, 'complaint.status_change', c.number, input.ip, { from, to: input.to });

    const children: string[] = [];
    for (const child of await lockOpenChildren(tx, c.id)) {
      if (!canMove(child.status, input.to)) continue;
      const childFrom = child.status;
      const moved = await moveStatus(tx, child, input.to, actor, input.reason);
      await enqueueComplaintNotices(tx, noticeForMove(moved.type, moved.eventId), child);
      await auditStaffAction(tx, actor, 'complaint.status_change', child.number, input.ip, { from: childFrom, to: input.to, via: c.number });
      children.push(child.number);
    }
    return { eventId, children };
  });
}
