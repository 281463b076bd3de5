import { and, asc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm';
import { malaysiaDay } from '@/lib/calendar/days';
import { OPEN_STATUSES } from '@/lib/complaints/status';
import type { Tx } from '@/lib/db';
import { categories, categoryOfficers, complaintEvents, complaints, users, type AssignmentMode, type Complaint } from '@/lib/db/schema';
import { enqueueEmail } from '@/lib/jobs/boss';
import { SYSTEM_ACTOR } from '@/lib/complaints/transitions';

// Who a new complaint goes to, decided once, inside the filing transaction (lib/complaints/submit.ts).
// A category hands its new complaints out by its assignment mode: `manual` leaves them for its
// officers to take (each is told once), `round_robin` gives each to the next of its officers in
// turn, `least_open` to the officer with the fewest open complaints. Only eligible officers count:
// active accounts not away today (Malaysia date). When an automatic mode finds nobody eligible, the
// complaint is left unassigned and the manual notice goes out instead: to the category's eligible
// officers, or, when it has none, to the supervisors and admins on duty, so someone always knows.

/** The name the history shows for what the system did by itself. */

export type RoutingOutcome =
  | { kind: 'assigned'; assigneeId: string; mode: Exclude<AssignmentMode, 'manual'> }
  | { kind: 'notified'; officerIds: string[]; reason: 'manual' | 'nobody_eligible' };

type Officer = { id: string; name: string };

/** Eligible on `day` (yyyy-MM-dd, Malaysia): active, and not away (away until a day before `day`). */
const onDuty = (day: string) => and(eq(users.active, true), or(isNull(users.awayUntil), lt(users.awayUntil, day)));

/**
 * Routes a complaint that has just been filed. In an automatic mode it locks the category row
 * first (and reads the mode again under the lock), so two filings at once take turns: the second
 * reads the round-robin pointer and the open counts the first left. The
 * lock is FOR NO KEY UPDATE: each filing already holds a key-share lock on the row (the complaint's
 * foreign key), which FOR UPDATE would wait on, deadlocking two filings against each other.
 */
export async function routeNewComplaint(tx: Tx, complaint: Pick<Complaint, 'id' | 'categoryId'>, now: Date = new Date()): Promise<RoutingOutcome> {
  const choice = () =>
    tx.select({ mode: categories.assignmentMode, last: categories.lastAssignedUserId }).from(categories).where(eq(categories.id, complaint.categoryId));
  // Only the automatic modes need filings to take turns; a manual category's filings do not wait
  // for each other (at 16 at once, that lock held each until the one before had committed).
  const [seen] = await choice();
  const [category] = seen && seen.mode !== 'manual' ? await choice().for('no key update') : [seen];
  const day = malaysiaDay(now);
  // Every officer of the category in a stable order (name, then id), for taking turns and for
  // breaking ties; those away or inactive keep their place in the turn but are passed over.
  const all = await tx
    .select({ id: users.id, name: users.name, eligible: sql<boolean>`${onDuty(day)}` })
    .from(categoryOfficers)
    .innerJoin(users, eq(users.id, categoryOfficers.userId))
    .where(eq(categoryOfficers.categoryId, complaint.categoryId))
    .orderBy(asc(users.name), asc(users.id));
  const officers: Officer[] = all.filter((o) => o.eligible).map(({ id, name }) => ({ id, name }));

  const mode = category?.mode ?? 'manual';
  if (mode !== 'manual' && officers.length > 0) {
    const chosen = mode === 'round_robin' ? nextInTurn(all, category?.last ?? null) : await leastOpen(tx, officers);
    await assignBySystem(tx, complaint, chosen, mode);
    if (mode === 'round_robin') {
      await tx.update(categories).set({ lastAssignedUserId: chosen.id }).where(eq(categories.id, complaint.categoryId));
    }
    return { kind: 'assigned', assigneeId: chosen.id, mode };
  }

  const reason = mode === 'manual' ? 'manual' : 'nobody_eligible';
  const recipients = officers.length > 0 || reason === 'manual' ? officers : await supervisorsOnDuty(tx, day);
  const officerIds = recipients.map((o) => o.id);
  if (officerIds.length > 0) {
    await enqueueEmail(tx, { kind: 'new-complaint-for-category', complaintId: complaint.id, officerIds, reason });
  }
  return { kind: 'notified', officerIds, reason };
}

/**
 * The first eligible officer after `last` in the category's stable order, wrapping round (an
 * officer who is away is skipped, and the turn goes on from where they stand); from the start
 * when `last` is no longer one of the category's officers. Needs at least one eligible officer.
 */
export function nextInTurn<T extends Officer & { eligible: boolean }>(all: T[], last: string | null): Officer {
  const start = all.findIndex((o) => o.id === last) + 1; // 0 when last is unknown
  for (let k = 0; k < all.length; k++) {
    const o = all[(start + k) % all.length];
    if (o.eligible) return { id: o.id, name: o.name };
  }
  throw new Error('nextInTurn needs an eligible officer');
}

async function leastOpen(tx: Tx, officers: Officer[]): Promise<Officer> {
  const counts = await tx
    .select({ id: complaints.assignedTo, n: sql<number>`count(*)::int` })
    .from(complaints)
    .where(and(inArray(complaints.assignedTo, officers.map((o) => o.id)), inArray(complaints.status, [...OPEN_STATUSES])))
    .groupBy(complaints.assignedTo);
  const open = new Map(counts.map((c) => [c.id, c.n]));
  // The first in the stable order among those with the fewest.
  return officers.reduce((best, o) => ((open.get(o.id) ?? 0) < (open.get(best.id) ?? 0) ? o : best));
}

async function supervisorsOnDuty(tx: Tx, day: string): Promise<Officer[]> {
  return tx
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(and(inArray(users.role, ['penyelia', 'pentadbir']), onDuty(day)))
    .orderBy(asc(users.name), asc(users.id));
}

async function assignBySystem(tx: Tx, complaint: Pick<Complaint, 'id'>, to: Officer, mode: Exclude<AssignmentMode, 'manual'>) {
  await tx.update(complaints).set({ assignedTo: to.id }).where(eq(complaints.id, complaint.id));
  const [event] = await tx
    .insert(complaintEvents)
    .values({
      complaintId: complaint.id,
      type: 'assignment',
      data: { kind: 'assigned', assigneeId: to.id, assigneeName: to.name, previousAssigneeId: null, routing: mode },
      authorType: 'system',
      authorName: SYSTEM_ACTOR.name,
      internal: true,
    })
    .returning({ id: complaintEvents.id });
  await enqueueEmail(tx, { kind: 'new-complaint-assigned', complaintId: complaint.id, eventId: event.id, assigneeId: to.id });
}
