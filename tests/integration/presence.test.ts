import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { heartbeat, PRESENCE_WINDOW_SECONDS } from '@/lib/console/presence';
import { getDb } from '@/lib/db';
import { complaintPresence } from '@/lib/db/schema';
import { fileComplaint, newOfficer } from '../support/officer-fixtures';
import { withOutboxWorker } from '../support/outbox';

// Who has a complaint open: each open page beats; an officer whose last beat is older than the
// window is gone (and their row swept), without anyone waiting for it: the beat is backdated.

withOutboxWorker();

const backdate = (complaintId: string, userId: string, seconds: number) =>
  getDb()
    .update(complaintPresence)
    .set({ seenAt: sql`now() - make_interval(secs => ${seconds})` })
    .where(and(eq(complaintPresence.complaintId, complaintId), eq(complaintPresence.userId, userId)));

describe('presence on a complaint', () => {
  it('shows each officer the others who have it open, and forgets one whose heartbeat stopped', async () => {
    const db = getDb();
    const filed = await fileComplaint();
    const [a, b] = [await newOfficer(), await newOfficer()];

    expect(await heartbeat(db, { userId: a.id, number: filed.number })).toEqual({ others: [] });
    expect(await heartbeat(db, { userId: b.id, number: filed.number })).toEqual({ others: [a.name] });
    expect(await heartbeat(db, { userId: a.id, number: filed.number })).toEqual({ others: [b.name] });

    // B closed the tab: no beat for longer than the window.
    await backdate(filed.id, b.id, PRESENCE_WINDOW_SECONDS + 1);
    expect(await heartbeat(db, { userId: a.id, number: filed.number })).toEqual({ others: [] });
    const rows = await db.select().from(complaintPresence).where(eq(complaintPresence.complaintId, filed.id));
    expect(rows.map((r) => r.userId)).toEqual([a.id]);

    // Still within the window: still there.
    await backdate(filed.id, a.id, PRESENCE_WINDOW_SECONDS - 5);
    expect(await heartbeat(db, { userId: b.id, number: filed.number })).toEqual({ others: [a.name] });
  });

  it('answers null for a complaint that does not exist', async () => {
    const a = await newOfficer();
    expect(await heartbeat(getDb(), { userId: a.id, number: 'XX000000000000000' })).toBeNull();
  });
});
