import 'server-only';
import { and, asc, eq, gt, lt, ne, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { complaintPresence, complaints, users } from '@/lib/db/schema';

// Who has a complaint open in the console right now. The open page sends a heartbeat every
// PRESENCE_POLL_SECONDS; an officer counts as "here" while their last heartbeat is younger than
// PRESENCE_WINDOW_SECONDS (two missed beats and they are gone). Heartbeats live in Postgres, so
// officers served by different app instances see each other.

export const PRESENCE_POLL_SECONDS = 15;
export const PRESENCE_WINDOW_SECONDS = 30;

const fresh = sql`now() - make_interval(secs => ${PRESENCE_WINDOW_SECONDS})`;

/**
 * Records that `userId` has the complaint open now and answers the names of the other officers
 * who have it open. Null when there is no such complaint.
 */
export async function heartbeat(db: Db, input: { userId: string; number: string }): Promise<{ others: string[] } | null> {
  const [c] = await db.select({ id: complaints.id }).from(complaints).where(eq(complaints.number, input.number));
  if (!c) return null;
  await db
    .insert(complaintPresence)
    .values({ complaintId: c.id, userId: input.userId })
    .onConflictDoUpdate({ target: [complaintPresence.complaintId, complaintPresence.userId], set: { seenAt: sql`now()` } });
  // Gone officers' rows are of no use to anyone: each beat sweeps its own complaint.
  await db.delete(complaintPresence).where(and(eq(complaintPresence.complaintId, c.id), lt(complaintPresence.seenAt, fresh)));
  const others = await db
    .select({ name: users.name })
    .from(complaintPresence)
    .innerJoin(users, eq(users.id, complaintPresence.userId))
    .where(and(eq(complaintPresence.complaintId, c.id), ne(complaintPresence.userId, input.userId), gt(complaintPresence.seenAt, fresh), eq(users.active, true)))
    .orderBy(asc(users.name));
  return { others: others.map((o) => o.name) };
}
