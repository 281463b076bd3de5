import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { assignComplaint, takeComplaint } from '@/lib/complaints/assignment';
import { bulkAction } from '@/lib/complaints/bulk';
import { AppError as ComplaintError } from '@/lib/errors';
import { changeStatus } from '@/lib/complaints/officer-actions';
import { getPublicComplaint } from '@/lib/complaints/public-view';
import { listTags, setTags } from '@/lib/complaints/tags';
import { getDb } from '@/lib/db';
import { auditLog, complaintEvents, complaints, complaintTags, tags, users } from '@/lib/db/schema';
import { fakeResend, waitFor } from '../support/inspect';
import { fileComplaint, newOfficer, statusesOf } from '../support/officer-fixtures';
import { drainOutbox, withOutboxWorker } from '../support/outbox';

// Who works a complaint, its tags, and one action on many complaints at once.

withOutboxWorker();

const MAIL_WAIT_MS = 45_000;
const db = () => getDb();
const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof ComplaintError ? e.code : `unexpected ${String(e)}`),
  );
const assignedTo = async (id: string) =>
  (await db().select({ a: complaints.assignedTo }).from(complaints).where(eq(complaints.id, id)))[0].a;
const tagsOf = async (id: string) =>
  (
    await db()
      .select({ name: tags.name })
      .from(complaintTags)
      .innerJoin(tags, eq(tags.id, complaintTags.tagId))
      .where(eq(complaintTags.complaintId, id))
  )
    .map((t) => t.name)
    .sort();

describe('assignment', () => {
  it('writes an internal event the public never sees, and emails the assignee once, without personal data', async () => {
    const supervisor = await newOfficer('penyelia');
    const officer = await newOfficer();
    const c = await fileComplaint();
    const r = await assignComplaint(db(), { userId: supervisor.id, number: c.number, assigneeId: officer.id, ip: '10.2.2.2' });
    expect(r.changed).toBe(true);
    expect(await assignedTo(c.id)).toBe(officer.id);

    const [event] = await db().select().from(complaintEvents).where(eq(complaintEvents.id, r.eventId!));
    expect(event).toMatchObject({ type: 'assignment', internal: true, body: null, data: { kind: 'assigned', assigneeId: officer.id }, authorName: supervisor.name });
    const view = await getPublicComplaint(db(), c.number);
    expect(view!.history.some((e) => e.data?.kind === 'assigned' || (e.type as string) === 'assignment')).toBe(false);
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.action, 'complaint.assigned'), eq(auditLog.targetId, c.number)));
    expect(audits).toHaveLength(1);

    const key = `complaint-assigned/${r.eventId}`;
    const email = await waitFor(async () => (await fakeResend().emails()).emails.find((e) => e.idempotencyKey === key), MAIL_WAIT_MS);
    expect(email.to).toEqual([officer.email]);
    expect(email.subject).toContain(c.number);
    expect(email.text).toContain('Kod iklan tiada'); // the title
    expect(email.text).toContain(`/konsol/aduan/${c.number}`);
    for (const personal of [c.email, c.phone, '013-987 6543', '987 6543']) {
      expect(email.text).not.toContain(personal);
      expect(email.html).not.toContain(personal);
    }
    // Same assignee again changes nothing and sends nothing.
    expect(await assignComplaint(db(), { userId: supervisor.id, number: c.number, assigneeId: officer.id })).toEqual({ changed: false, eventId: null });
    await drainOutbox();
    expect((await fakeResend().emails()).emails.filter((e) => e.to.includes(officer.email))).toHaveLength(1);
  }, 60_000);

  it("takes an unassigned complaint, keeps one's own, refuses another's, and unassigns", async () => {
    const a = await newOfficer();
    const b = await newOfficer();
    const c = await fileComplaint();
    expect((await takeComplaint(db(), { userId: a.id, number: c.number })).changed).toBe(true);
    expect(await assignedTo(c.id)).toBe(a.id);
    expect((await takeComplaint(db(), { userId: a.id, number: c.number })).changed).toBe(false);
    expect(await refusal(takeComplaint(db(), { userId: b.id, number: c.number }))).toBe('already_assigned');
    expect(await assignedTo(c.id)).toBe(a.id);

    const un = await assignComplaint(db(), { userId: a.id, number: c.number, assigneeId: null });
    expect(un.changed).toBe(true);
    expect(await assignedTo(c.id)).toBeNull();
    const events = await db().select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, c.id), eq(complaintEvents.type, 'assignment')));
    expect(events.map((e) => e.data)).toEqual([
      { kind: 'assigned', assigneeId: a.id, assigneeName: a.name, previousAssigneeId: null },
      { kind: 'unassigned', previousAssigneeId: a.id },
    ]);

    // Taking one's own complaint sends no email to oneself.
    await drainOutbox();
    expect((await fakeResend().emails()).emails.filter((e) => e.idempotencyKey?.startsWith('complaint-assigned/') && e.to.includes(a.email))).toHaveLength(0);

    const inactive = await newOfficer();
    await db().update(users).set({ active: false }).where(eq(users.id, inactive.id));
    expect(await refusal(assignComplaint(db(), { userId: a.id, number: c.number, assigneeId: inactive.id }))).toBe('assignee_invalid');
    expect(await refusal(takeComplaint(db(), { userId: inactive.id, number: c.number }))).toBe('forbidden');
  }, 30_000);
});

describe('tags', () => {
  it('creates missing tags in lowercase, replaces the set and enforces the limits', async () => {
    const officer = await newOfficer();
    const c = await fileComplaint();
    const suffix = c.number.slice(-6);
    const saved = await setTags(db(), { userId: officer.id, number: c.number, tags: [`Bajet  ${suffix}`, `bajet ${suffix}`, `Kod-Barang-${suffix}`] });
    expect(saved).toEqual([`bajet ${suffix}`, `kod-barang-${suffix}`]);
    expect(await tagsOf(c.id)).toEqual(saved);

    expect(await setTags(db(), { userId: officer.id, number: c.number, tags: [`kod-barang-${suffix}`] })).toEqual([`kod-barang-${suffix}`]);
    expect(await tagsOf(c.id)).toEqual([`kod-barang-${suffix}`]);
    const listed = await listTags(db());
    expect(listed.find((t) => t.name === `bajet ${suffix}`)).toMatchObject({ count: 0 });
    expect(listed.find((t) => t.name === `kod-barang-${suffix}`)).toMatchObject({ count: 1 });

    const eleven = Array.from({ length: 11 }, (_, i) => `t${i}-${suffix}`);
    expect(await refusal(setTags(db(), { userId: officer.id, number: c.number, tags: eleven }))).toBe('too_many_tags');
    expect(await refusal(setTags(db(), { userId: officer.id, number: c.number, tags: ['x'.repeat(33)] }))).toBe('tag_invalid');
    expect(await refusal(setTags(db(), { userId: officer.id, number: c.number, tags: ['<script>'] }))).toBe('tag_invalid');
    expect(await tagsOf(c.id)).toEqual([`kod-barang-${suffix}`]);
  });
});

describe('bulk actions', () => {
  it('reports an illegal status move on its row and applies the rest', async () => {
    const officer = await newOfficer();
    const [a, b, closed] = [await fileComplaint(), await fileComplaint(), await fileComplaint()];
    await changeStatus(db(), { userId: officer.id, number: closed.number, to: 'ditutup', reason: 'Pendua.' });

    const results = await bulkAction(db(), {
      userId: officer.id,
      numbers: [a.number, closed.number, b.number, 'PKN000000000000000'],
      action: { type: 'status', to: 'dalam_tindakan' },
    });
    expect(results).toEqual([
      { number: a.number, ok: true },
      { number: closed.number, ok: false, error: 'illegal_transition' },
      { number: b.number, ok: true },
      { number: 'PKN000000000000000', ok: false, error: 'not_found' },
    ]);
    const s = await statusesOf([a.id, b.id, closed.id]);
    expect([s.get(a.id), s.get(b.id), s.get(closed.id)]).toEqual(['dalam_tindakan', 'dalam_tindakan', 'ditutup']);
  });

  it('assigns and tags many complaints, and refuses more than 100', async () => {
    const supervisor = await newOfficer('penyelia');
    const officer = await newOfficer();
    const [a, b] = [await fileComplaint(), await fileComplaint()];
    const tag = `pukal-${a.number.slice(-6)}`;

    const assigned = await bulkAction(db(), { userId: supervisor.id, numbers: [a.number, b.number], action: { type: 'assign', assigneeId: officer.id } });
    expect(assigned.every((r) => r.ok)).toBe(true);
    expect([await assignedTo(a.id), await assignedTo(b.id)]).toEqual([officer.id, officer.id]);

    await setTags(db(), { userId: officer.id, number: a.number, tags: ['sedia-ada'] });
    const tagged = await bulkAction(db(), { userId: officer.id, numbers: [a.number, b.number], action: { type: 'tag', tag: tag.toUpperCase() } });
    expect(tagged.every((r) => r.ok)).toBe(true);
    expect(await tagsOf(a.id)).toEqual([tag, 'sedia-ada']);
    expect(await tagsOf(b.id)).toEqual([tag]);

    const many = Array.from({ length: 101 }, (_, i) => `PKN${String(i).padStart(15, '0')}`);
    expect(await refusal(bulkAction(db(), { userId: officer.id, numbers: many, action: { type: 'tag', tag } }))).toBe('bulk_too_many');
  });
});
