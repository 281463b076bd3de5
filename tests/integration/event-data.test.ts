import { and, asc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { assignComplaint } from '@/lib/complaints/assignment';
import { eventText } from '@/lib/complaints/event-text';
import { linkToParent, mergeInto, unlinkFromParent } from '@/lib/complaints/links';
import { getPublicComplaint } from '@/lib/complaints/public-view';
import { getConsoleComplaint } from '@/lib/console/complaint-detail';
import { getDb } from '@/lib/db';
import { complaintEvents } from '@/lib/db/schema';
import { fakeResend } from '../support/inspect';
import { fileComplaint, newOfficer } from '../support/officer-fixtures';
import { drainOutbox, withOutboxWorker } from '../support/outbox';

// Events the system writes carry facts in `data` (what reports count) and no sentence; the console
// and the public page word them in the reader's language.

withOutboxWorker();

const db = () => getDb();
const eventsOf = (complaintId: string, type: 'assignment' | 'internal_note' | 'closed') =>
  db()
    .select()
    .from(complaintEvents)
    .where(and(eq(complaintEvents.complaintId, complaintId), eq(complaintEvents.type, type)))
    .orderBy(asc(complaintEvents.id));
const consoleView = async (number: string, userId: string) => (await getConsoleComplaint(db(), number, { userId, canSeePii: false }))!;

describe('an assignment event', () => {
  it('holds the assignee, not a sentence, and reads in English in the console', async () => {
    const supervisor = await newOfficer('penyelia');
    const officer = await newOfficer();
    const c = await fileComplaint();
    await assignComplaint(db(), { userId: supervisor.id, number: c.number, assigneeId: officer.id });
    await assignComplaint(db(), { userId: supervisor.id, number: c.number, assigneeId: null });

    const events = await eventsOf(c.id, 'assignment');
    expect(events.map((e) => ({ body: e.body, data: e.data, author: e.authorUserId }))).toEqual([
      {
        body: null,
        data: { kind: 'assigned', assigneeId: officer.id, assigneeName: officer.name, previousAssigneeId: null },
        author: supervisor.id,
      },
      { body: null, data: { kind: 'unassigned', previousAssigneeId: officer.id }, author: supervisor.id },
    ]);
    // The new column is under the same append-only rule as the rest of the row.
    const refused = await db()
      .update(complaintEvents)
      .set({ data: null })
      .where(eq(complaintEvents.id, events[0].id))
      .then(
        () => 'updated',
        (e: unknown) => String((e as { cause?: unknown }).cause ?? e),
      );
    expect(refused).toContain('append-only');

    const view = await consoleView(c.number, supervisor.id);
    const words = view.events.filter((e) => e.type === 'assignment').map((e) => eventText(e, 'en'));
    expect(words).toEqual([
      { summary: `Assigned to ${officer.name}`, text: null },
      { summary: 'Unassigned', text: null },
    ]);
  });
});

describe('link and unlink events', () => {
  it('hold both complaint numbers on both complaints and read in English', async () => {
    const staff = await newOfficer();
    const parent = await fileComplaint();
    const child = await fileComplaint();
    await linkToParent(db(), { userId: staff.id, childNumber: child.number, parentNumber: parent.number });
    await unlinkFromParent(db(), { userId: staff.id, childNumber: child.number });

    const pair = { child: child.number, parent: parent.number };
    const onChild = await eventsOf(child.id, 'internal_note');
    expect(onChild.map((e) => [e.body, e.data, e.internal])).toEqual([
      [null, { kind: 'linked', side: 'child', ...pair }, true],
      [null, { kind: 'unlinked', side: 'child', ...pair }, true],
    ]);
    const onParent = await eventsOf(parent.id, 'internal_note');
    expect(onParent.map((e) => e.data)).toEqual([
      { kind: 'linked', side: 'parent', ...pair },
      { kind: 'unlinked', side: 'parent', ...pair },
    ]);

    const childView = await consoleView(child.number, staff.id);
    expect(childView.events.filter((e) => e.type === 'internal_note').map((e) => eventText(e, 'en').summary)).toEqual([
      `Linked to parent complaint ${parent.number}`,
      `Unlinked from parent complaint ${parent.number}`,
    ]);
    const parentView = await consoleView(parent.number, staff.id);
    expect(parentView.events.filter((e) => e.type === 'internal_note').map((e) => eventText(e, 'en').summary)).toEqual([
      `Complaint ${child.number} linked to this complaint`,
      `Complaint ${child.number} unlinked from this complaint`,
    ]);
    // Internal facts never reach the public page.
    const publicView = await getPublicComplaint(db(), child.number);
    expect(publicView!.history.some((e) => e.data !== null)).toBe(false);
  });
});

describe('a merge', () => {
  it("records duplicate and target as data, closes publicly naming the complainant's own target, and words it per reader", async () => {
    const staff = await newOfficer();
    const target = await fileComplaint();
    const dup = await fileComplaint({ ic: target.ic });
    const { eventId } = await mergeInto(db(), { userId: staff.id, duplicateNumber: dup.number, targetNumber: target.number });

    const pair = { duplicate: dup.number, target: target.number };
    const [closed] = await eventsOf(dup.id, 'closed');
    expect(closed).toMatchObject({ id: eventId, internal: false, body: null, data: { kind: 'closed_as_duplicate', target: target.number }, toStatus: 'ditutup' });
    expect((await eventsOf(dup.id, 'internal_note')).map((e) => [e.body, e.data])).toEqual([[null, { kind: 'merged', side: 'duplicate', ...pair }]]);
    expect((await eventsOf(target.id, 'internal_note')).map((e) => [e.body, e.data])).toEqual([[null, { kind: 'merged', side: 'target', ...pair }]]);

    // Console, in English: both sides named.
    const dupConsole = await consoleView(dup.number, staff.id);
    expect(dupConsole.events.map((e) => eventText(e, 'en').summary)).toContain(`Merged into complaint ${target.number}`);
    const targetConsole = await consoleView(target.number, staff.id);
    expect(targetConsole.events.map((e) => eventText(e, 'en').summary)).toContain(`Complaint ${dup.number} merged into this complaint`);

    // Public page, in English and in Malay: the closing and its reason, naming the complainant's
    // own complaint that carries on.
    const publicView = (await getPublicComplaint(db(), dup.number))!;
    const closing = publicView.history.at(-1)!;
    expect(eventText(closing, 'en')).toEqual({
      summary: `Complaint closed by ${staff.name}`,
      text: `Reason: You have reported the same matter in complaint ${target.number}; action continues through that complaint.`,
    });
    expect(eventText(closing, 'ms').text).toBe(`Sebab: Perkara yang sama telah anda laporkan dalam aduan ${target.number}; tindakan diteruskan melalui aduan tersebut.`);

    // The closing email gives the same reason, made from the same data.
    await drainOutbox();
    const email = (await fakeResend().emails()).emails.find((e) => e.idempotencyKey === `complaint-closed/${eventId}`);
    expect(email?.text).toContain(`Perkara yang sama telah anda laporkan dalam aduan ${target.number}`);
  }, 120_000);
});
