import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { AppError as ComplaintError } from '@/lib/errors';
import { linkToParent, mergeInto, mergePreview, unlinkFromParent } from '@/lib/complaints/links';
import { addPublicReply, changeStatus } from '@/lib/complaints/officer-actions';
import { getPublicComplaint } from '@/lib/complaints/public-view';
import { getDb } from '@/lib/db';
import { attachments, auditLog, complaintEvents, complaints } from '@/lib/db/schema';
import { errorMessage } from '@/lib/i18n/errors';
import { pngBytes } from '../support/fixtures';
import { fakeResend, waitFor } from '../support/inspect';
import { fileComplaint, newOfficer, statusesOf, type Filed } from '../support/officer-fixtures';
import { drainOutbox, withOutboxWorker } from '../support/outbox';

// One problem, many complaints: children follow their parent's public replies and status
// changes, each complainant told on their own; links stay one level deep; a duplicate is merged.

withOutboxWorker();

const MAIL_WAIT_MS = 45_000;
const db = () => getDb();

async function family(n: number) {
  const staff = await newOfficer();
  const parent = await fileComplaint();
  const children: Filed[] = [];
  for (let i = 0; i < n; i++) {
    const child = await fileComplaint();
    await linkToParent(db(), { userId: staff.id, childNumber: child.number, parentNumber: parent.number, ip: '10.1.1.1' });
    children.push(child);
  }
  return { staff, parent, children };
}

const refusal = (p: Promise<unknown>) =>
  p.then(
    () => 'accepted',
    (e: unknown) => (e instanceof ComplaintError ? e.code : `unexpected ${String(e)}`),
  );

describe('a reply on a parent', () => {
  it('reaches each linked complainant once, with their own link, and shows in each public history', async () => {
    const { staff, parent, children } = await family(3);
    const body = 'Masalah kod barang telah diselesaikan untuk semua PTJ. Sila cuba semula.';
    const r = await addPublicReply(db(), {
      userId: staff.id,
      number: parent.number,
      body,
      files: [{ name: 'langkah.png', bytes: await pngBytes() }],
    });
    expect(r.children.sort()).toEqual(children.map((c) => c.number).sort());

    const everyone = [parent, ...children];
    const replies = async () =>
      (await fakeResend().emails()).emails.filter(
        (e) => e.idempotencyKey?.startsWith('officer-reply/') && everyone.some((c) => e.to.includes(c.email)),
      );
    await drainOutbox();
    const emails = await replies();
    expect(emails).toHaveLength(everyone.length);
    expect(new Set(emails.map((e) => e.to.join())).size).toBe(everyone.length);
    for (const c of everyone) {
      const mine = emails.filter((e) => e.to.includes(c.email));
      expect(mine).toHaveLength(1);
      // Each complainant's link opens their own complaint, and no other's.
      expect(mine[0].text).toContain(`/aduan/${c.number}?t=`);
      for (const other of everyone.filter((o) => o !== c)) expect(mine[0].text).not.toContain(other.number);
    }

    for (const child of children) {
      const view = await getPublicComplaint(db(), child.number);
      const reply = view!.history.find((e) => e.type === 'public_reply');
      expect(reply).toMatchObject({ body, authorName: staff.name });
      // The file is stored again under the child's own number, on the child's own event.
      expect(reply!.attachments).toHaveLength(1);
      expect(reply!.attachments[0].fileName).toBe('langkah.png');
      const [row] = await db().select().from(attachments).where(eq(attachments.id, reply!.attachments[0].id));
      expect(row.objectKey.startsWith(`aduan/${child.number}/`)).toBe(true);
      expect(row.complaintId).toBe(child.id);
      // The link note is internal: not in the public history.
      expect(view!.history.some((e) => e.data?.kind === 'linked')).toBe(false);
      expect(view!.status).toBe('dalam_tindakan');
    }
  }, 60_000);

  it('does not reach a complaint unlinked before the reply', async () => {
    const { staff, parent, children } = await family(2);
    await unlinkFromParent(db(), { userId: staff.id, childNumber: children[1].number });
    const r = await addPublicReply(db(), { userId: staff.id, number: parent.number, body: 'Hanya untuk yang dipautkan.' });
    expect(r.children).toEqual([children[0].number]);
    const view = await getPublicComplaint(db(), children[1].number);
    expect(view!.history.some((e) => e.type === 'public_reply')).toBe(false);
    const [unlinked] = await db().select({ parentId: complaints.parentId }).from(complaints).where(eq(complaints.id, children[1].id));
    expect(unlinked.parentId).toBeNull();
  });
});

describe('a status change on a parent', () => {
  it('moves the open children where the move is legal and leaves the others', async () => {
    const { staff, parent, children } = await family(3);
    const [open, closed, alreadyResolved] = children;
    await changeStatus(db(), { userId: staff.id, number: closed.number, to: 'ditutup', reason: 'Diselesaikan berasingan.' });
    await changeStatus(db(), { userId: staff.id, number: alreadyResolved.number, to: 'selesai' });

    const r = await changeStatus(db(), { userId: staff.id, number: parent.number, to: 'selesai' });
    expect(r.children).toEqual([open.number]);
    const s = await statusesOf([parent.id, ...children.map((c) => c.id)]);
    expect(s.get(parent.id)).toBe('selesai');
    expect(s.get(open.id)).toBe('selesai');
    expect(s.get(closed.id)).toBe('ditutup');
    expect(s.get(alreadyResolved.id)).toBe('selesai');
    const resolvedMoves = await db()
      .select()
      .from(complaintEvents)
      .where(and(eq(complaintEvents.complaintId, alreadyResolved.id), eq(complaintEvents.toStatus, 'selesai')));
    expect(resolvedMoves).toHaveLength(1);

    // Each moved complaint tells its own complainant.
    const key = (e: { idempotencyKey?: string }) => e.idempotencyKey?.startsWith('status-changed/');
    await waitFor(
      async () => (await fakeResend().emails()).emails.filter((e) => key(e) && (e.to.includes(parent.email) || e.to.includes(open.email))).length >= 2,
      MAIL_WAIT_MS,
    );
    const changed = (await fakeResend().emails()).emails.filter((e) => key(e));
    expect(changed.filter((e) => e.to.includes(open.email))).toHaveLength(1);
    expect(changed.filter((e) => e.to.includes(closed.email))).toHaveLength(0);
  }, 60_000);
});

describe('linking rules', () => {
  it('refuses self links, a second parent, cycles, chains and closed complaints', async () => {
    const { staff, parent, children } = await family(1);
    const [child] = children;
    const other = await fileComplaint();
    const link = (childNumber: string, parentNumber: string) =>
      refusal(linkToParent(db(), { userId: staff.id, childNumber, parentNumber }));

    expect(await link(other.number, other.number)).toBe('link_self');
    expect(await link(child.number, other.number)).toBe('already_linked');
    expect(await link(child.number, parent.number)).toBe('already_linked');
    // parent → child → parent
    expect(await link(parent.number, child.number)).toBe('parent_is_child');
    // other → child (a child cannot be a parent)
    expect(await link(other.number, child.number)).toBe('parent_is_child');
    // parent under other (a parent cannot become a child)
    expect(await link(parent.number, other.number)).toBe('has_children');
    expect(await refusal(unlinkFromParent(db(), { userId: staff.id, childNumber: other.number }))).toBe('not_linked');

    const closed = await fileComplaint();
    await changeStatus(db(), { userId: staff.id, number: closed.number, to: 'ditutup', reason: 'Tiada tindakan.' });
    expect(await link(closed.number, other.number)).toBe('link_closed');
    expect(await link(other.number, closed.number)).toBe('link_closed');

    const [row] = await db().select({ parentId: complaints.parentId }).from(complaints).where(eq(complaints.id, child.id));
    expect(row.parentId).toBe(parent.id);
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.action, 'complaint.linked'), eq(auditLog.targetId, child.number)));
    expect(audits).toHaveLength(1);
    expect(audits[0].detail).toEqual({ parent: parent.number });
  });
});

describe('merging a duplicate', () => {
  it("closes the same complainant's duplicate with a pointer to the target, named in their closing email", async () => {
    const staff = await newOfficer();
    const target = await fileComplaint();
    const dup = await fileComplaint({ ic: target.ic });
    const { eventId } = await mergeInto(db(), { userId: staff.id, duplicateNumber: dup.number, targetNumber: target.number, ip: '10.1.1.2' });

    const [row] = await db().select().from(complaints).where(eq(complaints.id, dup.id));
    expect(row.status).toBe('ditutup');
    expect(row.mergedIntoId).toBe(target.id);
    expect(row.closedAt).toBeInstanceOf(Date);
    const events = await db().select().from(complaintEvents).where(eq(complaintEvents.complaintId, dup.id)).orderBy(asc(complaintEvents.id));
    const closedEvent = events.find((e) => e.type === 'closed')!;
    expect(closedEvent.id).toBe(eventId);
    expect(events.some((e) => e.internal && e.data?.kind === 'merged' && e.data.target === target.number)).toBe(true);
    // Both complaints are the same person's: their page and email say where action continues.
    const view = await getPublicComplaint(db(), dup.number);
    expect(view!.history.at(-1)).toMatchObject({ type: 'closed', data: { kind: 'closed_as_duplicate', target: target.number } });
    // The target carries on, untouched but for an internal note.
    expect((await statusesOf([target.id])).get(target.id)).toBe('baru');

    const k = `complaint-closed/${eventId}`;
    const email = await waitFor(async () => (await fakeResend().emails()).emails.find((e) => e.idempotencyKey === k), MAIL_WAIT_MS);
    expect(email.to).toEqual([dup.email]);
    expect(email.text).toContain(`Perkara yang sama telah anda laporkan dalam aduan ${target.number}`);
    expect(email.html).toContain(target.number);
    await drainOutbox();
    // Besides its submission copy, the duplicate's complainant gets exactly the one closing email.
    const toDup = (await fakeResend().emails()).emails.filter((e) => e.to.includes(dup.email) && !e.idempotencyKey?.startsWith('complaint-submitted/'));
    expect(toDup.map((e) => e.idempotencyKey)).toEqual([k]);
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.action, 'complaint.merged'), eq(auditLog.targetId, dup.number)));
    expect(audits).toHaveLength(1);

    expect(await refusal(mergeInto(db(), { userId: staff.id, duplicateNumber: dup.number, targetNumber: target.number }))).toBe('link_closed');
    expect(await refusal(mergeInto(db(), { userId: staff.id, duplicateNumber: target.number, targetNumber: target.number }))).toBe('link_self');
  }, 60_000);

  it("refuses another complainant's complaint, offering a link instead, and changes nothing", async () => {
    const staff = await newOfficer();
    const target = await fileComplaint();
    const other = await fileComplaint();
    expect(await refusal(mergePreview(db(), { duplicateNumber: other.number, targetNumber: target.number }))).toBe('merge_other_complainant');
    expect(await refusal(mergeInto(db(), { userId: staff.id, duplicateNumber: other.number, targetNumber: target.number }))).toBe('merge_other_complainant');
    expect(errorMessage('merge_other_complainant', 'ms')).toContain('Pautkan kepada aduan induk');

    const [row] = await db().select().from(complaints).where(eq(complaints.id, other.id));
    expect(row).toMatchObject({ status: 'baru', mergedIntoId: null });
    const events = await db().select().from(complaintEvents).where(eq(complaintEvents.complaintId, other.id));
    expect(events.map((e) => e.type)).toEqual(['submitted']);
    expect(await db().select().from(auditLog).where(and(eq(auditLog.action, 'complaint.merged'), eq(auditLog.targetId, other.number)))).toEqual([]);
    // Linking them to one parent problem is still possible.
    await linkToParent(db(), { userId: staff.id, childNumber: other.number, parentNumber: target.number });
  });

  it('shows both complaints side by side before the merge, and changes nothing', async () => {
    const target = await fileComplaint();
    const dup = await fileComplaint({ ic: target.ic });
    const preview = await mergePreview(db(), { duplicateNumber: dup.number, targetNumber: target.number });
    expect(preview.duplicate).toMatchObject({ number: dup.number, status: 'baru' });
    expect(preview.target).toMatchObject({ number: target.number, status: 'baru' });
    for (const side of [preview.duplicate, preview.target]) {
      expect(side.name).toBeTruthy();
      expect(side.title).toBeTruthy();
      expect(side.createdAt).toBeInstanceOf(Date);
    }
    expect((await statusesOf([dup.id])).get(dup.id)).toBe('baru');
    expect(await refusal(mergePreview(db(), { duplicateNumber: dup.number, targetNumber: dup.number }))).toBe('link_self');
  });
});

describe('placeholders on a fanned-out reply', () => {
  it('names each complainant in their own copy, never the parent complainant', async () => {
    const staff = await newOfficer();
    const parent = await fileComplaint();
    const child = await fileComplaint();
    await linkToParent(db(), { userId: staff.id, childNumber: child.number, parentNumber: parent.number, ip: '10.1.1.3' });
    await addPublicReply(db(), { userId: staff.id, number: parent.number, body: 'Salam {nama}, aduan {no_aduan} sedang disemak. — {pegawai}' });
    const parentView = await getPublicComplaint(db(), parent.number);
    const childView = await getPublicComplaint(db(), child.number);
    const replyOf = (v: typeof parentView) => v!.history.find((e) => e.type === 'public_reply')!.body!;
    expect(replyOf(parentView)).toContain(parent.number);
    expect(replyOf(childView)).toContain(child.number);
    expect(replyOf(childView)).not.toContain(parent.number);
    const [p] = await db().select({ name: complaints.name }).from(complaints).where(eq(complaints.id, parent.id));
    const [c] = await db().select({ name: complaints.name }).from(complaints).where(eq(complaints.id, child.id));
    if (p.name !== c.name) expect(replyOf(childView)).not.toContain(p.name);
    expect(replyOf(childView)).toContain(c.name);
  });
});
