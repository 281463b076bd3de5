import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import PgBoss from 'pg-boss';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWorkingDays } from '@/lib/calendar/working';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { malaysiaDay, startOfMalaysiaDay } from '@/lib/calendar/days';
import { submitFeedback } from '@/lib/complaints/feedback';
import { changeStatus } from '@/lib/complaints/officer-actions';
import { getPublicComplaint } from '@/lib/complaints/public-view';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { auditLog, categoryTargets, complaintEvents, complaints, settings, users } from '@/lib/db/schema';
import { OPEN_STATUSES } from '@/lib/complaints/status';
import { getEnv } from '@/lib/env';
import { QUEUE_SLA_DAILY_SUMMARY, QUEUE_SLA_TICK } from '@/lib/jobs/boss';
import { workServiceLevelQueues } from '@/lib/jobs/worker';
import { runDailySummary, runServiceLevelTick } from '@/lib/sla/automation';
import { storeDueTimes } from '@/lib/sla/due';
import { getServiceLevelSettings, saveServiceLevelSettings } from '@/lib/sla/settings';
import { summaryCounts } from '@/lib/sla/summary';
import { solvedAltcha } from '../support/captcha';
import { validFields } from '../support/fixtures';
import { fakeResend, waitFor } from '../support/inspect';
import { newOfficer } from '../support/officer-fixtures';
import { drainOutbox, ipSequence, newIc, withOutboxWorker } from '../support/outbox';

// The service-level automation as it runs in production: pg-boss jobs with a controllable `at`,
// worked by TWO extra pg-boss instances (besides the outbox worker, which works them too), against
// the real Postgres, and the email worker delivering to the fake Resend. Every run is sent several
// times at once, so each assertion of "once" holds across workers and runs. The fake Resend also
// drops a repeated idempotency key, so "once" is asserted on the email jobs as well.

withOutboxWorker();

const db = () => getDb();
const ip = ipSequence('10.204');
const MINUTE = 60_000;
const workers: PgBoss[] = [];

beforeAll(async () => {
  // This file drives the clock weeks ahead. Files run one at a time (fileParallelism: false), so
  // every complaint earlier files left open would be escalated at that clock as well, to every
  // supervisor they left active: close those complaints and retire those supervisors first, so
  // each run here acts on this file's own complaints and people.
  await db()
    .update(complaints)
    .set({ status: 'ditutup', closedAt: sql`coalesce(${complaints.closedAt}, now())` })
    .where(inArray(complaints.status, [...OPEN_STATUSES]));
  await db().update(users).set({ active: false }).where(eq(users.role, 'penyelia'));
  for (let i = 0; i < 2; i++) {
    const boss = new PgBoss({ connectionString: getEnv().DATABASE_URL, max: 2, schedule: false, supervise: false });
    boss.on('error', () => {});
    await boss.start();
    await workServiceLevelQueues(boss, 0.5);
    workers.push(boss);
  }
}, 60_000);

afterAll(async () => {
  for (const w of workers) await w.stop({ graceful: true, wait: true });
}, 60_000);

/** Sends the run `times` times at once with the clock at `at`, waits for every run, then drains the outbox. */
async function run(queue: string, at: Date, times = 4): Promise<void> {
  const ids = await Promise.all(Array.from({ length: times }, (_, i) => workers[i % 2].send(queue, { at: at.toISOString() })));
  const jobs = async () =>
    db().execute<{ state: string; output: unknown }>(
      sql`select state::text as state, output from pgboss.job where id in (${sql.join(ids.map((id) => sql`${id}::uuid`), sql`, `)})`,
    );
  const final = await waitFor(async () => {
    const rows = await jobs();
    // A run that threw waits for a retry: fail at once with what it threw.
    const failed = rows.find((r) => r.state === 'retry' || r.state === 'failed');
    if (failed) throw new Error(`a ${queue} run failed: ${JSON.stringify(failed.output)}`);
    return rows.length === times && rows.every((r) => r.state === 'completed') && rows;
  }, 60_000);
  expect(final).toHaveLength(times);
  await drainOutbox();
}

const tick = (at: Date, times?: number) => run(QUEUE_SLA_TICK, at, times);

/** Email jobs of a kind (and more fields of their data) in the outbox: each is one decision to send. */
async function emailJobs(match: Record<string, string>): Promise<number> {
  const cond = Object.entries(match).map(([k, v]) => sql`data->>${k} = ${v}`);
  const [r] = await db().execute<{ n: string }>(sql`select count(*) as n from pgboss.job where name = 'email' and ${sql.join(cond, sql` and `)}`);
  return Number(r.n);
}

const emailsTo = async (to: string, subjectPart: string) =>
  (await fakeResend().emails()).emails.filter((e) => e.to.includes(to) && e.subject.includes(subjectPart));

async function file() {
  const ic = newIc();
  const email = `pengadu-${randomUUID().slice(0, 8)}@example.gov.my`;
  const fields = { ...validFields(), ic: `${ic.slice(0, 6)}-${ic.slice(6, 8)}-${ic.slice(8)}`, email };
  const r = await submitComplaint(db(), { fields, files: [], captchaToken: await solvedAltcha(), ip: ip() });
  if (!r.ok) throw new Error(`could not file: ${JSON.stringify(r)}`);
  const [row] = await db().select().from(complaints).where(eq(complaints.number, r.number));
  return { ...row, ic, email };
}

const reload = async (id: string) => (await db().select().from(complaints).where(eq(complaints.id, id)))[0];

async function feedback(c: { number: string; ic: string; name: string }) {
  const r = await submitFeedback(db(), {
    number: c.number,
    fields: { icUser: c.ic, name: c.name, message: 'Ini maklumbalas saya.' },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: ip(),
  });
  expect(r.ok).toBe(true);
}

const eventsOf = async (id: string) => db().select().from(complaintEvents).where(eq(complaintEvents.complaintId, id));

describe('escalation', () => {
  it('tells the officer once when nearly late and the supervisors once when breached, and again after the due time moves', async () => {
    const officer = await newOfficer();
    const supervisor = await newOfficer('penyelia');
    const c = await file();
    await db().update(complaints).set({ assignedTo: officer.id }).where(eq(complaints.id, c.id));
    const filed = await reload(c.id);

    await tick(new Date(filed.resolutionWarnAt!.getTime() + MINUTE));
    expect(await emailJobs({ kind: 'sla-escalation', notice: 'nearly_late', complaintId: c.id })).toBe(1);
    const nearly = await emailsTo(officer.email, `${c.number} hampir lewat`);
    expect(nearly).toHaveLength(1);
    // No reply yet, a day after filing: the officer also hears that the first reply is late, once.
    expect(await emailJobs({ kind: 'sla-escalation', notice: 'first_response_late', complaintId: c.id })).toBe(1);
    expect(await emailsTo(officer.email, `${c.number} belum dibalas`)).toHaveLength(1);
    expect(await emailJobs({ kind: 'sla-escalation', notice: 'breached', complaintId: c.id })).toBe(0);
    // Runs in the same process at once, too: nothing more.
    await Promise.all([1, 2, 3].map(() => runServiceLevelTick(db(), new Date(filed.resolutionWarnAt!.getTime() + 2 * MINUTE))));
    expect(await emailJobs({ kind: 'sla-escalation', notice: 'nearly_late', complaintId: c.id })).toBe(1);

    const breachAt = new Date(filed.resolutionDueAt!.getTime() + MINUTE);
    await tick(breachAt);
    await tick(new Date(breachAt.getTime() + 5 * MINUTE));
    expect(await emailJobs({ kind: 'sla-escalation', notice: 'breached', complaintId: c.id })).toBe(1);
    const breached = await emailsTo(supervisor.email, c.number);
    expect(breached).toHaveLength(1);
    expect(breached[0].subject).toContain('telah lewat');
    expect(breached[0].text).toContain(`/konsol/aduan/${c.number}`);
    expect(breached[0].text).not.toContain(c.email); // nothing personal about the complainant
    expect(await emailsTo(officer.email, 'telah lewat')).toHaveLength(0);

    // A new priority with a longer target moves the due time: a later breach is a new one.
    await db().insert(categoryTargets).values({ categoryId: c.categoryId, priority: 'kritikal', firstResponseHours: 9, resolutionDays: 16 }).onConflictDoNothing();
    try {
      await db().transaction(async (tx) => {
        await tx.update(complaints).set({ priority: 'kritikal' }).where(eq(complaints.id, c.id));
        await storeDueTimes(tx, { ...filed, priority: 'kritikal' });
      });
      const moved = await reload(c.id);
      expect(moved.resolutionDueAt!.getTime()).toBeGreaterThan(filed.resolutionDueAt!.getTime());
      await tick(new Date(moved.resolutionDueAt!.getTime() + MINUTE));
      expect(await emailJobs({ kind: 'sla-escalation', notice: 'breached', complaintId: c.id })).toBe(2);
      expect(await emailsTo(supervisor.email, c.number)).toHaveLength(2);
    } finally {
      await db().delete(categoryTargets).where(and(eq(categoryTargets.categoryId, c.categoryId), eq(categoryTargets.priority, 'kritikal')));
    }
  }, 240_000);
});

describe('reminders and closing unanswered complaints', () => {
  let saved: Awaited<ReturnType<typeof getServiceLevelSettings>>;
  let admin: { id: string };
  beforeAll(async () => {
    saved = await getServiceLevelSettings(db());
    admin = await newOfficer('penyelia');
    await saveServiceLevelSettings(db(), { userId: admin.id }, { ...saved, reminderAfterDays: 3, autoCloseUnanswered: true, autoCloseUnansweredAfterDays: 5 });
  });
  afterAll(async () => {
    await saveServiceLevelSettings(db(), { userId: admin.id }, saved);
  });

  async function waiting() {
    const officer = await newOfficer();
    const c = await file();
    await changeStatus(db(), { userId: officer.id, number: c.number, to: 'menunggu_pengadu', ip: ip() });
    return { ...c, ...(await reload(c.id)), ic: c.ic, email: c.email };
  }

  it('reminds once after N working days, then closes it M working days later with one email', async () => {
    const cal = await loadWorkingCalendar(db());
    const c = await waiting();
    expect(c.clockPausedAt).not.toBeNull();

    const early = new Date(addWorkingDays(cal, c.clockPausedAt!, 3).getTime() - MINUTE);
    await tick(early);
    expect((await eventsOf(c.id)).filter((e) => e.data?.kind === 'reminder_sent')).toHaveLength(0);

    const remindAt = new Date(early.getTime() + 2 * MINUTE);
    await tick(remindAt);
    await tick(new Date(remindAt.getTime() + 5 * MINUTE));
    const reminders = (await eventsOf(c.id)).filter((e) => e.data?.kind === 'reminder_sent');
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ type: 'public_reply', authorType: 'system', body: null, internal: false, data: { kind: 'reminder_sent', days: 3 } });
    expect(await emailJobs({ kind: 'complaint-reminder', eventId: String(reminders[0].id) })).toBe(1);
    const mail = await emailsTo(c.email, 'Peringatan');
    expect(mail).toHaveLength(1);
    expect(mail[0].text).toContain('5 hari bekerja'); // the closing it promises
    const view = await getPublicComplaint(db(), c.number);
    expect(view!.history.some((e) => e.data?.kind === 'reminder_sent')).toBe(true);
    expect((await reload(c.id)).status).toBe('menunggu_pengadu');

    const closeAt = new Date(addWorkingDays(cal, remindAt, 5).getTime() + MINUTE);
    await tick(closeAt);
    await tick(new Date(closeAt.getTime() + 5 * MINUTE));
    expect((await reload(c.id)).status).toBe('ditutup');
    const closings = (await eventsOf(c.id)).filter((e) => e.type === 'closed');
    expect(closings).toHaveLength(1);
    expect(closings[0]).toMatchObject({ authorType: 'system', data: { kind: 'closed_automatically', reason: 'unanswered', days: 5 } });
    expect(await emailJobs({ kind: 'complaint-closed', eventId: String(closings[0].id) })).toBe(1);
    const closedMail = await emailsTo(c.email, 'ditutup');
    expect(closedMail).toHaveLength(1);
    expect(closedMail[0].text).toContain('Tiada jawapan daripada pengadu dalam 5 hari bekerja selepas peringatan');
  }, 240_000);

  it('does not close a complaint whose complainant answered after the reminder', async () => {
    const cal = await loadWorkingCalendar(db());
    const c = await waiting();
    const remindAt = new Date(addWorkingDays(cal, c.clockPausedAt!, 3).getTime() + MINUTE);
    await tick(remindAt, 2);
    expect((await eventsOf(c.id)).filter((e) => e.data?.kind === 'reminder_sent')).toHaveLength(1);
    await feedback(c);
    expect((await reload(c.id)).status).toBe('dalam_tindakan');
    await tick(new Date(addWorkingDays(cal, remindAt, 6).getTime()), 2);
    expect((await reload(c.id)).status).toBe('dalam_tindakan');
    expect((await eventsOf(c.id)).filter((e) => e.type === 'closed')).toHaveLength(0);
  }, 240_000);
});

describe('closing resolved complaints', () => {
  async function resolved() {
    const officer = await newOfficer();
    const c = await file();
    await changeStatus(db(), { userId: officer.id, number: c.number, to: 'selesai', ip: ip() });
    return c;
  }
  const days = (n: number) => n * 24 * 60 * MINUTE;

  it('closes a complaint selesai for 7 days once, with the event, an audit row and one email', async () => {
    const c = await resolved();
    await tick(new Date(Date.now() + days(6)));
    expect((await reload(c.id)).status).toBe('selesai');

    const at = new Date(Date.now() + days(7) + MINUTE);
    await tick(at);
    await tick(new Date(at.getTime() + 5 * MINUTE));
    expect((await reload(c.id)).status).toBe('ditutup');
    const closings = (await eventsOf(c.id)).filter((e) => e.type === 'closed');
    expect(closings).toHaveLength(1);
    expect(closings[0]).toMatchObject({ authorType: 'system', fromStatus: 'selesai', toStatus: 'ditutup', data: { kind: 'closed_automatically', reason: 'resolved', days: 7 } });
    const audits = await db().select().from(auditLog).where(and(eq(auditLog.action, 'complaint.closed_automatically'), eq(auditLog.targetId, c.number)));
    expect(audits).toHaveLength(1);
    expect(await emailJobs({ kind: 'complaint-closed', eventId: String(closings[0].id) })).toBe(1);
    const mail = await emailsTo(c.email, 'ditutup');
    expect(mail).toHaveLength(1);
    expect(mail[0].text).toContain('Tiada maklumbalas daripada pengadu dalam 7 hari selepas aduan diselesaikan');
  }, 240_000);

  it('does not close it when the complainant sent feedback in the meantime', async () => {
    const c = await resolved();
    await feedback(c);
    expect((await reload(c.id)).status).toBe('dalam_tindakan');
    await tick(new Date(Date.now() + days(8)));
    expect((await reload(c.id)).status).toBe('dalam_tindakan');
    expect((await eventsOf(c.id)).filter((e) => e.type === 'closed')).toHaveLength(0);
    expect(await emailsTo(c.email, 'ditutup')).toHaveLength(0);
  }, 240_000);
});

describe('daily summary', () => {
  it('goes once to each supervisor with the counts of the Malaysia day', async () => {
    const s1 = await newOfficer('penyelia');
    const s2 = await newOfficer('penyelia');
    // A day far ahead, at 07:30 Malaysia time: its "yesterday" holds only what this test puts there.
    const day = malaysiaDay(new Date(Date.now() + 400 * 24 * 60 * MINUTE));
    const at = new Date(startOfMalaysiaDay(day).getTime() + (7 * 60 + 30) * MINUTE);
    const yesterdayNoon = new Date(startOfMalaysiaDay(day).getTime() - 12 * 60 * MINUTE);
    const base = await summaryCounts(db(), at);

    const fresh = await file(); // filed yesterday, due later today
    await db().update(complaints).set({ createdAt: yesterdayNoon, resolutionDueAt: new Date(at.getTime() + 6 * 60 * MINUTE) }).where(eq(complaints.id, fresh.id));
    const late = await file(); // overdue since two days ago
    await db().update(complaints).set({ resolutionDueAt: new Date(at.getTime() - 2 * 24 * 60 * MINUTE) }).where(eq(complaints.id, late.id));
    const done = await file(); // closed yesterday
    await db().update(complaints).set({ status: 'ditutup', closedAt: yesterdayNoon }).where(eq(complaints.id, done.id));

    await run(QUEUE_SLA_DAILY_SUMMARY, at, 4);
    const expected = {
      newYesterday: base.newYesterday + 1,
      open: base.open + 2,
      dueToday: base.dueToday + 1,
      overdue: base.overdue + 1,
      closedYesterday: base.closedYesterday + 1,
    };
    for (const s of [s1, s2]) {
      expect(await emailJobs({ kind: 'sla-daily-summary', userId: s.id, day })).toBe(1);
      const [job] = await db().execute<{ counts: unknown }>(sql`select data->'counts' as counts from pgboss.job where name = 'email' and data->>'kind' = 'sla-daily-summary' and data->>'userId' = ${s.id}`);
      expect(job.counts).toEqual(expected);
      const mail = await emailsTo(s.email, 'Ringkasan harian');
      expect(mail).toHaveLength(1);
      expect(mail[0].text).toMatch(/Lewat \/ Overdue\s+\d+/i);
    }
    const [{ n: supervisors }] = await db().execute<{ n: string }>(sql`select count(*) as n from users where role = 'penyelia' and active`);
    expect(await emailJobs({ kind: 'sla-daily-summary', day })).toBe(Number(supervisors));
    expect(await runDailySummary(db(), new Date(at.getTime() + 60 * MINUTE))).toBe(0);
  }, 240_000);
});

describe('settings', () => {
  it('queues a recompute of open complaints only when the nearly-late share changes', async () => {
    const admin = await newOfficer('penyelia');
    const before = await getServiceLevelSettings(db());
    const recomputes = async () => Number((await db().execute<{ n: string }>(sql`select count(*) as n from pgboss.job where name = 'sla-recompute'`))[0].n);
    const n0 = await recomputes();
    try {
      expect(await saveServiceLevelSettings(db(), { userId: admin.id }, { ...before, reminderAfterDays: before.reminderAfterDays + 1 })).toEqual({ recompute: false });
      expect(await recomputes()).toBe(n0);
      expect(await saveServiceLevelSettings(db(), { userId: admin.id }, { ...before, nearlyPercent: before.nearlyPercent === 80 ? 70 : 80 })).toEqual({ recompute: true });
      expect(await recomputes()).toBe(n0 + 1);
      const [row] = await db().select().from(settings).where(eq(settings.key, 'service_levels'));
      expect((row.value as { nearlyPercent: number }).nearlyPercent).not.toBe(before.nearlyPercent);
    } finally {
      await saveServiceLevelSettings(db(), { userId: admin.id }, before);
    }
  });
});
