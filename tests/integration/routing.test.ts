import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addDays } from 'date-fns';
import { malaysiaDay } from '@/lib/calendar/days';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { eventText } from '@/lib/complaints/event-text';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { auditLog, categories, categoryOfficers, categoryTargets, complaintEvents, complaints, users, type AssignmentMode } from '@/lib/db/schema';
import { QUEUE_SLA_RECOMPUTE } from '@/lib/jobs/boss';
import { addCategoryOfficer, removeCategoryOfficer, saveCategoryTargets, setAssignmentMode, TargetsInputError } from '@/lib/sla/category-admin';
import { nextInTurn } from '@/lib/sla/routing';
import { currentAwayUntil, setAwayUntil } from '@/lib/staff/away';
import { solvedAltcha } from '../support/captcha';
import { validFields } from '../support/fixtures';
import { fakeResend, waitFor } from '../support/inspect';
import { newOfficer } from '../support/officer-fixtures';
import { drainOutbox, ipSequence, newIc, withOutboxWorker } from '../support/outbox';
import { sql } from 'drizzle-orm';

// Routing (issue 10, part 5): a category's assignment mode decides who gets a new complaint at
// filing, officers away are skipped, and each person told gets exactly one email.

withOutboxWorker();

const db = () => getDb();
const ip = ipSequence('10.203');
const MAIL_TEST_MS = 90_000;

type Officer = Awaited<ReturnType<typeof newOfficer>>;

/** A category of this test's own, so other files' categories and email counts are untouched. */
async function newCategory(mode: AssignmentMode, officers: Officer[] = []) {
  const slug = `ujian-agihan-${randomUUID().slice(0, 8)}`;
  const [c] = await db().insert(categories).values({ slug, nameMs: `Agihan ${slug.slice(-8)}`, nameEn: `Routing ${slug.slice(-8)}`, sortOrder: 900, assignmentMode: mode }).returning();
  if (officers.length > 0) await db().insert(categoryOfficers).values(officers.map((o) => ({ categoryId: c.id, userId: o.id })));
  return c;
}

/** Two officers whose names sort as given (routing takes turns by name). */
async function officersInOrder(n: number, role: 'pegawai' | 'penyelia' = 'pegawai') {
  const made: Officer[] = [];
  for (let i = 0; i < n; i++) made.push(await newOfficer(role));
  const prefix = randomUUID().slice(0, 6);
  for (const [i, o] of made.entries()) {
    o.name = `${prefix} ${String.fromCharCode(65 + i)} ${o.name}`;
    await db().update(users).set({ name: o.name }).where(eq(users.id, o.id));
  }
  return made;
}

async function file(slug: string) {
  const ic = newIc();
  const r = await submitComplaint(db(), {
    fields: { ...validFields(), category: slug, ic: `${ic.slice(0, 6)}-${ic.slice(6, 8)}-${ic.slice(8)}`, email: `pengadu-${randomUUID().slice(0, 8)}@example.gov.my` },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: ip(),
  });
  if (!r.ok) throw new Error(`could not file: ${JSON.stringify(r)}`);
  const [row] = await db().select({ id: complaints.id, assignedTo: complaints.assignedTo }).from(complaints).where(eq(complaints.number, r.number));
  return { number: r.number, ...row };
}

const today = () => malaysiaDay(new Date());
const dayFromToday = (n: number) => malaysiaDay(addDays(new Date(), n));

async function staffEmails(number: string) {
  return (await fakeResend().emails()).emails.filter((e) => e.idempotencyKey?.startsWith('new-complaint-') && e.subject.includes(number));
}

describe('round robin', () => {
  it('assigns three new complaints alternately (A, B, A), skips an officer who is away, and emails each assignee once', async () => {
    const [a, b, away] = await officersInOrder(3);
    await db().update(users).set({ awayUntil: today() }).where(eq(users.id, away.id));
    const cat = await newCategory('round_robin', [a, b, away]);

    const filed = [await file(cat.slug), await file(cat.slug), await file(cat.slug)];
    expect(filed.map((f) => f.assignedTo)).toEqual([a.id, b.id, a.id]);
    const [pointer] = await db().select({ last: categories.lastAssignedUserId }).from(categories).where(eq(categories.id, cat.id));
    expect(pointer.last).toBe(a.id);

    // The history says the system assigned it, and how, in the reader's language.
    const [event] = await db().select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, filed[0].id), eq(complaintEvents.type, 'assignment')));
    expect(event).toMatchObject({ authorType: 'system', authorName: 'Helpdesk iSPEKS', internal: true, data: { kind: 'assigned', assigneeId: a.id, routing: 'round_robin' } });
    expect(eventText(event, 'ms').summary).toBe(`Diagihkan secara automatik kepada ${a.name} (mengikut giliran)`);
    expect(eventText(event, 'en').summary).toBe(`Assigned automatically to ${a.name} (in turn)`);

    await drainOutbox();
    for (const [i, f] of filed.entries()) {
      const emails = await staffEmails(f.number);
      expect(emails, f.number).toHaveLength(1);
      expect(emails[0].to).toEqual([[a, b, a][i].email]);
      expect(emails[0].idempotencyKey).toBe(`new-complaint-assigned/${f.id}/${[a, b, a][i].id}`);
      expect(emails[0].text).toContain(`/konsol/aduan/${f.number}`);
      for (const personal of ['880101', '012-345 6789', '0123456789', '@example.gov.my']) expect(emails[0].text).not.toContain(personal);
    }
    const all = (await fakeResend().emails()).emails;
    expect(all.filter((e) => e.to.includes(away.email))).toHaveLength(0);

    // Back from leave (away until yesterday): takes their turn again after A.
    await db().update(users).set({ awayUntil: dayFromToday(-1) }).where(eq(users.id, away.id));
    expect((await file(cat.slug)).assignedTo).toBe(b.id);
    expect((await file(cat.slug)).assignedTo).toBe(away.id);
  }, MAIL_TEST_MS);

  it('gives two simultaneous filings different officers', async () => {
    const [a, b] = await officersInOrder(2);
    const cat = await newCategory('round_robin', [a, b]);
    const both = await Promise.all([file(cat.slug), file(cat.slug)]);
    expect(new Set(both.map((f) => f.assignedTo))).toEqual(new Set([a.id, b.id]));
  });

  it('takes turns from where an officer who left would stand', () => {
    const o = (id: string, eligible = true) => ({ id, name: id, eligible });
    expect(nextInTurn([o('a'), o('b'), o('c')], 'b').id).toBe('c');
    expect(nextInTurn([o('a'), o('b'), o('c')], 'c').id).toBe('a');
    expect(nextInTurn([o('a'), o('b', false), o('c')], 'a').id).toBe('c');
    expect(nextInTurn([o('a'), o('b')], 'gone').id).toBe('a');
    expect(nextInTurn([o('a'), o('b')], null).id).toBe('a');
  });
});

describe('least open work', () => {
  it('gives a new complaint to the officer with fewer open complaints, ties by name', async () => {
    const [a, b] = await officersInOrder(2);
    const cat = await newCategory('least_open', [a, b]);
    // A tie (none open): the first by name.
    const first = await file(cat.slug);
    expect(first.assignedTo).toBe(a.id);
    // A now has one open, B none: B. Then a tie again: A.
    expect((await file(cat.slug)).assignedTo).toBe(b.id);
    expect((await file(cat.slug)).assignedTo).toBe(a.id);
    // A closed complaint is not open work: close both of A's, and A has fewer than B's one.
    await db().update(complaints).set({ status: 'ditutup' }).where(eq(complaints.assignedTo, a.id));
    expect((await file(cat.slug)).assignedTo).toBe(a.id);
    const [event] = await db().select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, first.id), eq(complaintEvents.type, 'assignment')));
    expect(event.data).toMatchObject({ routing: 'least_open' });
  });
});

describe('manual', () => {
  it("assigns nobody and tells each of the category's officers on duty once", async () => {
    const [a, b, away] = await officersInOrder(3);
    const inactive = await newOfficer();
    await db().update(users).set({ active: false }).where(eq(users.id, inactive.id));
    await db().update(users).set({ awayUntil: dayFromToday(3) }).where(eq(users.id, away.id));
    const cat = await newCategory('manual', [a, b, away, inactive]);

    const f = await file(cat.slug);
    expect(f.assignedTo).toBeNull();
    expect(await db().select().from(complaintEvents).where(and(eq(complaintEvents.complaintId, f.id), eq(complaintEvents.type, 'assignment')))).toHaveLength(0);
    await drainOutbox();
    const emails = await staffEmails(f.number);
    expect(emails.map((e) => e.to[0]).sort()).toEqual([a.email, b.email].sort());
    expect(emails.every((e) => e.idempotencyKey!.startsWith(`new-complaint-for-category/${f.id}/`))).toBe(true);
    expect(emails[0].subject).toContain(cat.nameMs);
    for (const personal of ['880101', '0123456789', '@example.gov.my']) expect(emails[0].text).not.toContain(personal);
  }, MAIL_TEST_MS);

  it("files while another transaction holds the category's row: manual filings do not take turns", async () => {
    const [a] = await officersInOrder(1);
    const cat = await newCategory('manual', [a]);
    let release!: () => void;
    let locked!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const isLocked = new Promise<void>((r) => (locked = r));
    // What an automatic-mode filing holds until it commits. Without the change, the filing below
    // waits for it, and it for the filing: the test never ends.
    const holder = db().transaction(async (tx) => {
      await tx.select({ id: categories.id }).from(categories).where(eq(categories.id, cat.id)).for('no key update');
      locked();
      await held;
    });
    await isLocked;
    const f = await file(cat.slug);
    release();
    await holder;
    expect(f.assignedTo).toBeNull();
  }, MAIL_TEST_MS);

  it('sends nothing for a manual category without officers (as before routing existed)', async () => {
    const cat = await newCategory('manual');
    const f = await file(cat.slug);
    await drainOutbox();
    expect(await staffEmails(f.number)).toHaveLength(0);
  }, MAIL_TEST_MS);
});

describe('nobody eligible', () => {
  it("falls back to the manual notice: unassigned, and with the category's officers all away, the supervisors and admins on duty are told once each", async () => {
    const [a, b] = await officersInOrder(2);
    await db().update(users).set({ awayUntil: dayFromToday(1) }).where(inArray(users.id, [a.id, b.id]));
    const [supervisor] = await officersInOrder(1, 'penyelia');
    const cat = await newCategory('round_robin', [a, b]);

    const f = await file(cat.slug);
    expect(f.assignedTo).toBeNull();
    await drainOutbox();
    const emails = await staffEmails(f.number);
    const expected = await db()
      .select({ email: users.email })
      .from(users)
      .where(and(inArray(users.role, ['penyelia', 'pentadbir']), eq(users.active, true), sql`(${users.awayUntil} is null or ${users.awayUntil} < ${today()})`))
      .orderBy(asc(users.email));
    expect(emails.map((e) => e.to[0]).sort()).toEqual(expected.map((u) => u.email).sort());
    expect(emails.map((e) => e.to[0])).toContain(supervisor.email);
    expect(emails.map((e) => e.to[0])).not.toContain(a.email);
    expect(emails[0].text).toContain('tiada pegawai kategori yang bertugas');
  }, MAIL_TEST_MS);
});

describe('category admin', () => {
  it('adds and removes officers (active staff only), changes the mode, each audited', async () => {
    const admin = await newOfficer('penyelia');
    const [a] = await officersInOrder(1);
    const inactive = await newOfficer();
    await db().update(users).set({ active: false }).where(eq(users.id, inactive.id));
    const cat = await newCategory('manual');
    const actor = { userId: admin.id, ip: '10.203.99.1' };
    await addCategoryOfficer(db(), actor, { categoryId: cat.id, userId: a.id });
    await addCategoryOfficer(db(), actor, { categoryId: cat.id, userId: a.id }); // again: nothing new
    await expect(addCategoryOfficer(db(), actor, { categoryId: cat.id, userId: inactive.id })).rejects.toMatchObject({ code: 'assignee_invalid' });
    await setAssignmentMode(db(), actor, { categoryId: cat.id, mode: 'round_robin' });
    expect((await file(cat.slug)).assignedTo).toBe(a.id);
    await removeCategoryOfficer(db(), actor, { categoryId: cat.id, userId: a.id });
    expect(await db().select().from(categoryOfficers).where(eq(categoryOfficers.categoryId, cat.id))).toHaveLength(0);
    const audits = await db().select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'category'), eq(auditLog.targetId, String(cat.id)))).orderBy(asc(auditLog.id));
    expect(audits.map((r) => r.action)).toEqual(['category.officer_added', 'category.mode_changed', 'category.officer_removed']);
  });

  it('refuses bad targets beside each field and saves nothing, then saves good ones, moves due times by a recompute job', async () => {
    const admin = await newOfficer('penyelia');
    const cat = await newCategory('manual');
    const actor = { userId: admin.id };
    const jobs = async () =>
      Number((await db().execute<{ n: string }>(sql`select count(*) as n from pgboss.job where name = ${QUEUE_SLA_RECOMPUTE}`))[0].n);
    const jobsBefore = await jobs();
    const open = await file(cat.slug);
    const dueOf = async () => (await db().select({ due: complaints.resolutionDueAt }).from(complaints).where(eq(complaints.id, open.id)))[0].due!.getTime();
    const charterDue = await dueOf();

    const bad = await saveCategoryTargets(db(), actor, cat.id, {
      'tinggi.firstResponseHours': '0',
      'tinggi.resolutionDays': '2.5',
      'kritikal.firstResponseHours': 'dua',
      'kritikal.resolutionDays': '9999',
      'biasa.resolutionDays': '10',
    }).catch((e: unknown) => e);
    expect(bad).toBeInstanceOf(TargetsInputError);
    expect((bad as TargetsInputError).fieldErrors).toEqual({
      'tinggi.firstResponseHours': 'whole_number',
      'tinggi.resolutionDays': 'whole_number',
      'kritikal.firstResponseHours': 'whole_number',
      'kritikal.resolutionDays': 'too_large',
    });
    expect(await db().select().from(categoryTargets).where(eq(categoryTargets.categoryId, cat.id))).toHaveLength(0);
    expect(await jobs()).toBe(jobsBefore);

    await saveCategoryTargets(db(), actor, cat.id, { 'kritikal.firstResponseHours': '2', 'kritikal.resolutionDays': '3', 'biasa.resolutionDays': ' 10 ' });
    const rows = await db().select().from(categoryTargets).where(eq(categoryTargets.categoryId, cat.id)).orderBy(asc(categoryTargets.priority));
    // One field empty takes the charter's value (one working day of 9 hours).
    expect(rows.map((r) => [r.priority, r.firstResponseHours, r.resolutionDays])).toEqual([
      ['biasa', 9, 10],
      ['kritikal', 2, 3],
    ]);
    expect(await jobs()).toBe(jobsBefore + 1);
    // The worker's recompute moves the open complaint's due time: 10 working days instead of 15.
    await waitFor(async () => (await dueOf()) < charterDue, 30_000);
    // The same values again change nothing: no audit, no job. Emptying a priority returns it to the charter.
    await saveCategoryTargets(db(), actor, cat.id, { 'kritikal.firstResponseHours': '2', 'kritikal.resolutionDays': '3', 'biasa.resolutionDays': '10' });
    expect(await jobs()).toBe(jobsBefore + 1);
    await saveCategoryTargets(db(), actor, cat.id, { 'kritikal.firstResponseHours': '2', 'kritikal.resolutionDays': '3' });
    expect((await db().select().from(categoryTargets).where(eq(categoryTargets.categoryId, cat.id))).map((r) => r.priority)).toEqual(['kritikal']);
    const audits = await db().select({ detail: auditLog.detail }).from(auditLog).where(and(eq(auditLog.action, 'category.targets_updated'), eq(auditLog.targetId, String(cat.id))));
    expect(audits).toHaveLength(2);
  });
});

describe('away', () => {
  it('sets a day from today on, refuses a past or unreal day in Malay terms, and clears it; audited', async () => {
    const o = await newOfficer();
    const actor = { userId: o.id, ip: '10.203.99.2' };
    expect(await setAwayUntil(db(), actor, formatDisplayDay(dayFromToday(-1)))).toEqual({ ok: false, reason: 'away_past' });
    expect(await setAwayUntil(db(), actor, '31-02-2030')).toEqual({ ok: false, reason: 'away_invalid' });
    expect(await currentAwayUntil(db(), o.id)).toBeNull();
    expect(await setAwayUntil(db(), actor, formatDisplayDay(today()))).toEqual({ ok: true, day: today() });
    const until = dayFromToday(5);
    expect(await setAwayUntil(db(), actor, formatDisplayDay(until))).toEqual({ ok: true, day: until });
    expect(await currentAwayUntil(db(), o.id)).toBe(until);
    // A day that has ended no longer shows as away.
    expect(await currentAwayUntil(db(), o.id, addDays(new Date(), 7))).toBeNull();
    expect(await setAwayUntil(db(), actor, null)).toEqual({ ok: true, day: null });
    expect(await currentAwayUntil(db(), o.id)).toBeNull();
    const audits = await db().select({ action: auditLog.action }).from(auditLog).where(and(like(auditLog.action, 'staff.away_%'), eq(auditLog.actorId, o.id))).orderBy(asc(auditLog.id));
    expect(audits.map((a) => a.action)).toEqual(['staff.away_set', 'staff.away_set', 'staff.away_cleared']);
  });
});
