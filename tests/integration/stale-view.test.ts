import { and, eq, gt } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addInternalNote, addPublicReply, changeStatus, StaleViewError } from '@/lib/complaints/officer-actions';
import { getDb } from '@/lib/db';
import { complaintEvents, complaints } from '@/lib/db/schema';
import { fakeResend } from '../support/inspect';
import { fileComplaint, newOfficer } from '../support/officer-fixtures';
import { drainOutbox, withOutboxWorker } from '../support/outbox';

// Two officers on one complaint: a public reply or status change sent from a page that has not
// seen a newer public event is held (StaleViewError, nothing written, nothing emailed); resent
// with the newer event id, it goes out.

withOutboxWorker();

/** The newest public event of a complaint: what a freshly loaded console page shows. */
async function latestPublic(complaintId: string): Promise<number> {
  const rows = await getDb().select({ id: complaintEvents.id }).from(complaintEvents)
    .where(and(eq(complaintEvents.complaintId, complaintId), eq(complaintEvents.internal, false)));
  return Math.max(...rows.map((r) => r.id));
}

async function caught(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a refusal');
}

const repliesTo = async (number: string, complaintId: string) => {
  const ids = (await getDb().select({ id: complaintEvents.id }).from(complaintEvents)
    .where(and(eq(complaintEvents.complaintId, complaintId), eq(complaintEvents.type, 'public_reply')))).map((r) => r.id);
  const keys = new Set(ids.map((id) => `officer-reply/${id}`));
  return { events: ids.length, emails: (await fakeResend().emails()).emails.filter((e) => e.idempotencyKey && keys.has(e.idempotencyKey) && e.subject.includes(number)).length };
};

describe('a reply or status change from a page that is out of date', () => {
  it('holds the second officer\'s reply until they have seen the first, then sends it: two replies, two emails', async () => {
    const db = getDb();
    const filed = await fileComplaint();
    const [a, b] = [await newOfficer(), await newOfficer()];
    const seen = await latestPublic(filed.id); // both pages opened now

    const first = await addPublicReply(db, { userId: a.id, number: filed.number, body: 'Jawapan pegawai A.', seenEventId: seen });
    const held = await caught(addPublicReply(db, { userId: b.id, number: filed.number, body: 'Jawapan pegawai B.', seenEventId: seen }));
    expect(held).toBeInstanceOf(StaleViewError);
    expect((held as StaleViewError).status).toBe(409);
    // What changed: A's reply (and the move to dalam_tindakan it made), nothing of B's written.
    expect((held as StaleViewError).eventIds).toContain(first.eventId);
    expect((await db.select({ id: complaintEvents.id }).from(complaintEvents).where(eq(complaintEvents.body, 'Jawapan pegawai B.')))).toHaveLength(0);

    // B read it and confirms: resent with the newest id the refusal named.
    await addPublicReply(db, { userId: b.id, number: filed.number, body: 'Jawapan pegawai B.', seenEventId: Math.max(...(held as StaleViewError).eventIds) });
    await drainOutbox();
    expect(await repliesTo(filed.number, filed.id)).toEqual({ events: 2, emails: 2 });
  });

  it('holds a status change the same way, and counts only public events (an internal note holds nothing)', async () => {
    const db = getDb();
    const filed = await fileComplaint();
    const [a, b] = [await newOfficer(), await newOfficer()];
    const seen = await latestPublic(filed.id);
    await addInternalNote(db, { userId: a.id, number: filed.number, body: 'Nota dalaman sahaja.' });
    await changeStatus(db, { userId: b.id, number: filed.number, to: 'dalam_tindakan', seenEventId: seen });

    const held = await caught(changeStatus(db, { userId: a.id, number: filed.number, to: 'menunggu_pengadu', seenEventId: seen }));
    expect(held).toBeInstanceOf(StaleViewError);
    const [row] = await db.select({ status: complaints.status }).from(complaints).where(eq(complaints.id, filed.id));
    expect(row.status).toBe('dalam_tindakan');
    await changeStatus(db, { userId: a.id, number: filed.number, to: 'menunggu_pengadu', seenEventId: Math.max(...(held as StaleViewError).eventIds) });
    const [after] = await db.select({ status: complaints.status }).from(complaints).where(eq(complaints.id, filed.id));
    expect(after.status).toBe('menunggu_pengadu');
  });

  it('checks nothing for callers that pass no seenEventId (bulk actions, older callers)', async () => {
    const db = getDb();
    const filed = await fileComplaint();
    const a = await newOfficer();
    const seen = await latestPublic(filed.id);
    await addPublicReply(db, { userId: a.id, number: filed.number, body: 'Pertama.' });
    await addPublicReply(db, { userId: a.id, number: filed.number, body: 'Kedua.' });
    const newer = await db.select({ id: complaintEvents.id }).from(complaintEvents)
      .where(and(eq(complaintEvents.complaintId, filed.id), gt(complaintEvents.id, seen), eq(complaintEvents.type, 'public_reply')));
    expect(newer).toHaveLength(2);
  });
});
