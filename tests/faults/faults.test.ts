import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ms from '@/lib/i18n/messages/ms.json';
import { until, type RoleProcess } from '../support/role-process';
import { pngBytes } from '../support/fixtures';
import { complaintForm, pool, startFaultStack, type FaultStack } from './stack';

// Issue #15 item 9: faults on real components (npm run test:faults). One PostgreSQL of this file's
// own that is stopped mid-load and started again, the S3-compatible server, the fake Resend told to
// fail, hang or lose its answers, one web instance and one outbox worker as plain processes
// (scripts/start.ts --role=…, the production build). Client addresses in 10.157.x.x.
//
// Each case names the protection it proves; docs/SECURITY.md lists which removed line turned it red.

const EXPIRE_SECONDS = 10; // JOB_EXPIRE_SECONDS: a killed worker's delivery is retried after this

let stack: FaultStack;
let web: { proc: RoleProcess; port: number };
let worker: RoleProcess;
let sql: postgres.Sql;
let png: Uint8Array;
let s3: S3Client;

type Outcome = { i: number; phase: 'before' | 'down' | 'after'; status: number | 'network'; number?: string; code?: string; message?: string; submissionKey: string; email: string };
const outcomes: Outcome[] = [];
let nextI = 0;

async function submit(phase: () => Outcome['phase'], domain = 'faults.test', again?: Outcome): Promise<Outcome> {
  const i = again?.i ?? nextI++;
  const { form, submissionKey, email } = await complaintForm(i, stack.env.AUTH_SECRET!, png, domain, again?.submissionKey);
  const at = phase();
  let o: Outcome;
  try {
    const res = await fetch(`http://127.0.0.1:${web.port}/api/v1/aduan`, {
      method: 'POST',
      body: form,
      headers: { 'x-forwarded-for': `10.157.${Math.floor(i / 250)}.${i % 250}` },
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json().catch(() => ({}))) as { number?: string; error?: { code?: string; message?: string } };
    o = { i, phase: at, status: res.status, number: body.number, code: body.error?.code, message: body.error?.message, submissionKey, email };
  } catch {
    o = { i, phase: at, status: 'network', submissionKey, email };
  }
  if (!again) outcomes.push(o);
  return o;
}

const emailsTo = (address: string) => stack.resend.emails.filter((e) => e.to.includes(address));

/** The complainant's confirmation job of complaint `number`: completed (in the job table or already archived). */
async function jobState(number: string): Promise<string | undefined> {
  const rows = await sql`
    select j.state from pgboss.job j join complaints c on j.data->>'complaintId' = c.id::text
     where c.number = ${number} and j.name = 'email' and j.data->>'kind' = 'complaint-submitted'`;
  return rows[0]?.state as string | undefined;
}

beforeAll(async () => {
  png = await pngBytes(24, 16);
  stack = await startFaultStack({
    // Short deadlines, so an outage is seen at once and a lost delivery comes back quickly.
    DB_STATEMENT_TIMEOUT_MS: '3000',
    RESEND_TIMEOUT_MS: '1000',
    JOB_EXPIRE_SECONDS: String(EXPIRE_SECONDS),
  });
  sql = postgres(stack.pg.url, { max: 2, onnotice: () => {} });
  s3 = new S3Client({
    endpoint: stack.env.S3_ENDPOINT,
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  [web, { proc: worker }] = await Promise.all([stack.startRole('web', 'web'), stack.startRole('worker', 'worker-1')]);
}, 300_000);

afterAll(async () => {
  await sql?.end({ timeout: 2 }).catch(() => {});
  await stack?.stop();
});

describe('PostgreSQL stopped mid-load and started again', () => {
  it('answers 201 or a clear 503 in Malay (never a 500), writes nothing by halves, and recovers without a restart', async () => {
    let phase: Outcome['phase'] = 'before';
    let stopLoad = false;
    const ok = (p: Outcome['phase']) => outcomes.filter((o) => o.phase === p && o.status === 201).length;
    const seen = (p: Outcome['phase']) => outcomes.filter((o) => o.phase === p).length;
    const load = pool(
      Array.from({ length: 4 }, () => async () => {
        while (!stopLoad) await submit(() => phase);
      }),
      4,
    );
    try {
      await until('8 complaints filed', 120_000, () => ok('before') >= 8);
      phase = 'down';
      await stack.pg.stop(); // fast shutdown while submissions are in flight
      await until('8 answers while the database is down', 120_000, () => seen('down') >= 8);
      await stack.pg.start();
      phase = 'after';
      await until('8 complaints filed after the restart', 120_000, () => ok('after') >= 8);
    } finally {
      stopLoad = true;
      await load;
    }

    // Only 201 or 503: no 500, no dropped connection.
    expect(outcomes.filter((o) => o.status !== 201 && o.status !== 503)).toEqual([]);
    const refused = outcomes.filter((o) => o.status === 503);
    expect(refused.length).toBeGreaterThan(0);
    // The refusals say it in Malay, with the reason (nothing recorded, try again shortly).
    for (const r of refused) expect({ code: r.code, message: r.message }).toEqual({ code: 'service_unavailable', message: ms.reliability.errors.service_unavailable });
    // The same web process throughout: it recovered by itself.
    expect(web.proc.child.exitCode).toBeNull();
    expect(web.proc.log()).not.toContain('could not start');

    // Nothing half-written: every accepted submission is stored, each whole. A refusal may still
    // have been stored: when the database stops between COMMIT and its answer, the app cannot know
    // (the 503 promises nothing either way). Those are the "in doubt" ones, proven below to come
    // back as the same complaint when the person sends the form again.
    const accepted = outcomes.filter((o) => o.status === 201);
    const stored = () =>
      sql<{ number: string; submission_key: string; events: number; files: number; jobs: number }[]>`
        select c.number, c.submission_key,
               (select count(*)::int from complaint_events e where e.complaint_id = c.id) as events,
               (select count(*)::int from attachments a where a.complaint_id = c.id) as files,
               (select count(*)::int from pgboss.job j where j.name = 'email' and j.data->>'complaintId' = c.id::text and j.data->>'kind' = 'complaint-submitted') as jobs
          from complaints c`;
    let rows = await stored();
    const storedKey = new Map(rows.map((r) => [r.submission_key, r.number]));
    for (const o of accepted) expect(storedKey.get(o.submissionKey)).toBe(o.number);
    const inDoubt = refused.filter((o) => storedKey.has(o.submissionKey));
    expect(rows.length).toBe(accepted.length + inDoubt.length);
    expect(rows.filter((r) => r.events < 1 || r.files !== 1 || r.jobs !== 1)).toEqual([]);
    // Every stored attachment has its object; a refusal's upload was removed, except an in-doubt
    // one's, kept in case its commit landed (the hourly sweep removes it if not).
    const objects = async () => {
      const listed = await s3.send(new ListObjectsV2Command({ Bucket: stack.env.S3_BUCKET }));
      return new Set((listed.Contents ?? []).map((c) => c.Key));
    };
    const keys = (await sql<{ object_key: string }[]>`select object_key from attachments`).map((r) => r.object_key);
    const listed = await objects();
    for (const k of keys) expect(listed.has(k)).toBe(true);
    expect(listed.size - keys.length).toBeLessThanOrEqual(refused.length - inDoubt.length);

    // Nothing twice: the person sends each refused form again (same submission key). An in-doubt
    // one answers 200 with the complaint already stored (the route's replay answer); the others
    // are filed now, once (201).
    for (const o of refused) {
      const again = await submit(() => 'after', 'faults.test', o);
      expect(again.status).toBe(storedKey.has(o.submissionKey) ? 200 : 201);
      if (storedKey.has(o.submissionKey)) expect(again.number).toBe(storedKey.get(o.submissionKey));
      o.number = again.number;
    }
    rows = await stored();
    expect(rows.map((r) => r.submission_key).sort()).toEqual(outcomes.map((o) => o.submissionKey).sort());
    expect(rows.filter((r) => r.events < 1 || r.files !== 1 || r.jobs !== 1)).toEqual([]);

    // Every complainant is emailed exactly once (the worker recovered too), in doubt or not.
    await until('every confirmation delivered', 120_000, () => outcomes.every((o) => emailsTo(o.email).length >= 1));
    for (const o of outcomes) expect(emailsTo(o.email)).toHaveLength(1);
  }, 420_000);
});

describe('Resend failing, rate-limiting and hanging', () => {
  async function deliveredOnce(domain: string, arrange: () => void): Promise<{ attempts: number }> {
    const before = stack.resend.attempts();
    arrange();
    const o = await submit(() => 'after', domain);
    expect(o.status).toBe(201);
    await until(`the confirmation to ${o.email} delivered and its job completed`, 90_000, async () => (await jobState(o.number!)) === 'completed');
    expect(emailsTo(o.email)).toHaveLength(1);
    return { attempts: stack.resend.attempts() - before };
  }

  it('500 three times: retried, delivered once', async () => {
    const { attempts } = await deliveredOnce('r500.test', () => stack.resend.failNext(3, 500));
    expect(attempts).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('429 three times: retried, delivered once', async () => {
    const { attempts } = await deliveredOnce('r429.test', () => stack.resend.failNext(3, 429));
    expect(attempts).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('hanging before accepting: the worker gives up at RESEND_TIMEOUT_MS and the retry delivers once', async () => {
    const hungBefore = stack.resend.hung.length;
    await deliveredOnce('hang.test', () => stack.resend.hangNext(1, { record: false }));
    const hung = stack.resend.hung.slice(hungBefore);
    expect(hung).toHaveLength(1);
    // The worker ended the hanging request itself (its deadline), not left it open.
    expect(hung.every((h) => h.closed)).toBe(true);
  }, 120_000);

  it('accepting but never answering: the retry carries the same idempotency key, so it is still one email', async () => {
    const hungBefore = stack.resend.hung.length;
    const { attempts } = await deliveredOnce('lost.test', () => stack.resend.hangNext(2, { record: true }));
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(stack.resend.hung.slice(hungBefore).every((h) => h.closed)).toBe(true);
  }, 120_000);
});

describe('the worker killed with SIGKILL mid-delivery', () => {
  it('restarted, it delivers every queued email exactly once, the interrupted one included', async () => {
    // This worker waits long for Resend, so it is surely mid-request when it is killed.
    worker.kill();
    await worker.exit;
    const slow = (await stack.startRole('worker', 'worker-slow', { RESEND_TIMEOUT_MS: '120000' })).proc;
    const hungBefore = stack.resend.hung.length;
    stack.resend.hangNext(1, { record: true });
    const first = await submit(() => 'after', 'kill.test');
    expect(first.status).toBe(201);
    await until('the delivery accepted at Resend, its answer pending', 60_000, () => stack.resend.hung.length > hungBefore);
    expect(emailsTo(first.email)).toHaveLength(1);
    slow.kill(); // SIGKILL to the whole process group: no graceful stop, the job stays active
    await slow.exit;
    expect(await jobState(first.number!)).toBe('active');

    // While no worker runs, more complaints are filed: their emails wait in the outbox.
    const queued: Outcome[] = [];
    for (let k = 0; k < 3; k++) queued.push(await submit(() => 'after', 'kill.test'));
    expect(queued.map((o) => o.status)).toEqual([201, 201, 201]);

    await stack.startRole('worker', 'worker-2');
    for (const o of [first, ...queued]) {
      await until(`${o.number} delivered and completed`, 120_000, async () => (await jobState(o.number!)) === 'completed');
    }
    for (const o of [first, ...queued]) expect(emailsTo(o.email)).toHaveLength(1);
    // The interrupted delivery was tried again (pg-boss expired it), with the same key: Resend answered
    // the first id and sent nothing new.
    const keys = stack.resend.emails.filter((e) => e.to[0]!.endsWith('@kill.test')).map((e) => e.idempotencyKey);
    expect(new Set(keys).size).toBe(4);
  }, 300_000);
});
