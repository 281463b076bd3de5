import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import journal from '@/drizzle/meta/_journal.json';
import { productionBuildIsStale } from '@/lib/runtime/build';
import { freePort } from '@/lib/runtime/embedded';
import { filingFields } from '../support/bulk-filing';
import { startTsx, until, type RoleProcess } from '../support/role-process';
import { startTestServices } from '../support/services';

// Issue #16's acceptance: the scale-out topology as plain processes. One PostgreSQL, one
// S3-compatible server and the fake Resend (its own, not the suite's), `npm run db:migrate` twice at
// once, two web instances (`--role=web`, the production build) and two workers (`--role=worker`);
// 2,000 complaints filed across both web instances, then one web instance stopped with SIGTERM in
// the middle of a burst. Addresses in 10.224.x.x (this file's own range).

const TOTAL = 2000;
const SUBMIT_LIMIT = 10; // SUBMIT_RATE_LIMIT of the instances: complaints per address per hour
const PER_ADDRESS = 8; // the bulk load stays under it
const CONCURRENCY = 12;
const METRICS_TOKEN = randomBytes(16).toString('hex');
const ADMIN = { email: 'admin@scale.test', password: 'scale-out-admin-pass-1' };

let services: Awaited<ReturnType<typeof startTestServices>>;
let sql: postgres.Sql;
let env: Record<string, string>;
let dir: string;
const procs: RoleProcess[] = [];
let webA: { proc: RoleProcess; port: number };
let webB: { proc: RoleProcess; port: number };
const workers: RoleProcess[] = [];

type Outcome = { i: number; port: number; status: number | 'network'; number?: string; email: string; requestId?: string };
const outcomes: Outcome[] = [];

function roleEnv(extra: Record<string, string> = {}): Record<string, string> {
  return { ...env, ...extra };
}

async function submit(i: number, port: number, ip: string): Promise<Outcome> {
  const email = `p${i}@scale.test`;
  const form = new FormData();
  const fields = await filingFields(i, email, env.AUTH_SECRET!);

  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  try {
    const res = await fetch(`http://127.0.0.1:${port}/api/v1/aduan`, {
      method: 'POST',
      body: form,
      headers: { 'x-forwarded-for': ip },
      signal: AbortSignal.timeout(60_000),
    });
    const body = (await res.json().catch(() => ({}))) as { number?: string };
    const o: Outcome = { i, port, status: res.status, number: body.number, email, requestId: res.headers.get('x-request-id') ?? undefined };
    outcomes.push(o);
    return o;
  } catch {
    const o: Outcome = { i, port, status: 'network', email };
    outcomes.push(o);
    return o;
  }
}

/** Runs `jobs` with `n` at a time. */
async function pool(jobs: (() => Promise<unknown>)[], n: number): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: n }, async () => {
      while (next < jobs.length) await jobs[next++]!();
    }),
  );
}

async function ready(port: number): Promise<boolean> {
  try {
    return (await fetch(`http://127.0.0.1:${port}/api/ready`, { signal: AbortSignal.timeout(5000) })).ok;
  } catch {
    return false;
  }
}

async function startWeb(name: string): Promise<{ proc: RoleProcess; port: number }> {
  const port = await freePort();
  const proc = startTsx(['scripts/start.ts', '--role=web'], roleEnv({ PORT: String(port), APP_URL: `http://localhost:${port}` }), path.join(dir, `${name}.log`));
  procs.push(proc);
  return { proc, port };
}

const outboxLeft = async () =>
  Number((await sql`select count(*)::int as n from pgboss.job where name in ('email', 'whatsapp') and state in ('created', 'retry', 'active')`)[0]!.n);

beforeAll(async () => {
  // The web role serves the production build, as the browser tests do; build it when stale.
  if (productionBuildIsStale(process.cwd())) {
    const build = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
    if (build.status !== 0) throw new Error('next build failed');
  }
  services = await startTestServices();
  dir = services.env.DATA_DIR;
  sql = postgres(services.env.DATABASE_URL, { max: 2, onnotice: () => {} });
  env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    ...services.env,
    NODE_ENV: 'production',
    LOG_LEVEL: 'info',
    DATA_DIR: path.join(services.env.DATA_DIR, 'instance'),
    TRUST_PROXY_HOPS: '1',
    SUBMIT_RATE_LIMIT: String(SUBMIT_LIMIT),
    METRICS_TOKEN,
    ADMIN_EMAIL: ADMIN.email,
    ADMIN_PASSWORD: ADMIN.password,
    // Only the complainants' emails: WhatsApp is off here.
    WHATSAPP_TOKEN: '',
    WHATSAPP_PHONE_NUMBER_ID: '',
  };
}, 600_000);

afterAll(async () => {
  for (const p of procs) p.kill();
  await sql?.end({ timeout: 5 });
  await services?.stop();
});

describe('scale-out: two web instances and two workers on one database', () => {
  it('a web instance refuses to start on a schema older than its code', async () => {
    const early = startTsx(['scripts/start.ts', '--role=web'], roleEnv({ PORT: String(await freePort()) }), path.join(dir, 'early-web.log'));
    procs.push(early);
    expect(await early.exit).toBe(1);
    expect(early.log()).toMatch(/schema is older than this code .*npm run db:migrate/);
  }, 60_000);

  it('npm run db:migrate from two instances at once migrates once', async () => {
    const a = startTsx(['scripts/migrate.ts'], roleEnv(), path.join(dir, 'migrate-a.log'));
    const b = startTsx(['scripts/migrate.ts'], roleEnv(), path.join(dir, 'migrate-b.log'));
    procs.push(a, b);
    expect([await a.exit, await b.exit], a.log() + b.log()).toEqual([0, 0]);
    const rows = await sql`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`;
    expect(rows.length).toBe(journal.entries.length);
    expect(rows.every((r) => r.n === 1)).toBe(true);
    expect(Number((await sql`select count(*)::int as n from users`)[0]!.n)).toBe(1);
  }, 120_000);

  it('starts two web instances and two workers', async () => {
    webA = await startWeb('web-a');
    webB = await startWeb('web-b');
    for (const name of ['worker-1', 'worker-2']) {
      const w = startTsx(['scripts/start.ts', '--role=worker'], roleEnv(), path.join(dir, `${name}.log`));
      procs.push(w);
      workers.push(w);
    }
    await until('both web instances ready', 240_000, async () => (await ready(webA.port)) && (await ready(webB.port)));
    await until('both workers running', 60_000, () => workers.every((w) => w.log().includes('worker running'))).catch((e: Error) => {
      throw new Error(`${e.message}\n${workers.map((w) => w.log().slice(-3000)).join('\n---\n')}`);
    });
    // The service-level tick every minute instead of every five, so the test sees it fire.
    await sql`update pgboss.schedule set cron = '* * * * *' where name = 'sla-tick'`;
  }, 300_000);

  it(`files ${TOTAL - 200} complaints across both instances: each stored once, each confirmation emailed once`, async () => {
    const bulk = TOTAL - 200 - (SUBMIT_LIMIT + 2);
    await pool(
      Array.from({ length: bulk }, (_, i) => () =>
        submit(i, i % 2 ? webB.port : webA.port, `10.224.${Math.floor(i / PER_ADDRESS / 250)}.${Math.floor(i / PER_ADDRESS) % 250}`),
      ),
      CONCURRENCY,
    );
    const statuses = outcomes.map((o) => o.status);
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    expect(outcomes.filter((o) => o.port === webA.port).length).toBe(bulk / 2);
  }, 600_000);

  it('counts one address across both instances', async () => {
    // One office address, alternating instances: exactly SUBMIT_LIMIT are taken in all.
    const from = TOTAL - 200 - (SUBMIT_LIMIT + 2);
    const results: Outcome[] = [];
    for (let k = 0; k < SUBMIT_LIMIT + 2; k++) results.push(await submit(from + k, k % 2 ? webB.port : webA.port, '10.224.254.1'));
    expect(results.filter((r) => r.status === 201).length).toBe(SUBMIT_LIMIT);
    expect(results.slice(SUBMIT_LIMIT).map((r) => r.status)).toEqual([429, 429]);
    expect(new Set(results.filter((r) => r.status === 201).map((r) => r.port)).size).toBe(2);
  }, 120_000);

  it('a staff session made on one instance is valid on the other', async () => {
    const csrf = await fetch(`http://127.0.0.1:${webA.port}/api/auth/csrf`, { headers: { 'x-forwarded-for': '10.224.253.1' } });
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const signIn = await fetch(`http://127.0.0.1:${webA.port}/api/auth/callback/credentials`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: csrfCookie, 'x-forwarded-for': '10.224.253.1' },
      body: new URLSearchParams({ csrfToken, email: ADMIN.email, password: ADMIN.password }),
    });
    const session = signIn.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('authjs.session-token'));
    expect(session, `sign-in answered ${signIn.status} ${signIn.headers.get('location')}`).toBeTruthy();
    const onB = await fetch(`http://127.0.0.1:${webB.port}/api/auth/session`, { headers: { cookie: session! } });
    const body = (await onB.json()) as { staff?: { email?: string; role?: string } } | null;
    expect(body?.staff?.role).toBe('pentadbir');
    // A console page on B takes it too (no redirect to the sign-in page).
    const page = await fetch(`http://127.0.0.1:${webB.port}/konsol/aduan`, { headers: { cookie: session! }, redirect: 'manual' });
    expect(page.headers.get('location') ?? '').not.toContain('/konsol/log-masuk');
  }, 60_000);

  it('loses no accepted complaint when one web instance gets SIGTERM mid-load', async () => {
    const from = TOTAL - 200;
    let done = 0;
    let stopped: Promise<number | null> | undefined;
    const burst = Array.from({ length: 200 }, (_, k) => async () => {
      const i = from + k;
      await submit(i, k % 2 ? webB.port : webA.port, `10.224.252.${Math.floor(k / PER_ADDRESS)}`);
      done += 1;
      if (done === 60) stopped = webB.proc.signal('SIGTERM');
    });
    await pool(burst, CONCURRENCY);
    expect(await stopped!).toBe(0);
    expect(webB.proc.log()).toContain('SIGTERM: no new requests');
    const mine = outcomes.filter((o) => o.i >= from);
    const refused = mine.filter((o) => o.status !== 201);
    // The instance that stayed up took every request sent to it; refusals came from the stopped one.
    expect(mine.filter((o) => o.port === webA.port).every((o) => o.status === 201)).toBe(true);
    expect(refused.every((o) => o.port === webB.port && (o.status === 503 || o.status === 'network'))).toBe(true);
    expect(refused.length).toBeGreaterThan(0);
  }, 300_000);

  it('stored every accepted complaint exactly once, and nothing else', async () => {
    const accepted = outcomes.filter((o) => o.status === 201);
    expect(accepted.length).toBeGreaterThan(TOTAL - 200);
    const numbers = new Set(accepted.map((o) => o.number));
    expect(numbers.size).toBe(accepted.length);
    const stored = await sql`select number from complaints`;
    expect(stored.length).toBe(accepted.length);
    expect(new Set(stored.map((r) => r.number))).toEqual(numbers);
  });

  it('emailed every accepted complainant exactly once, across two workers', async () => {
    await until('the outbox drained', 240_000, async () => (await outboxLeft()) === 0);
    const res = await fetch(`${services.env.RESEND_BASE_URL}/__test/emails`);
    const { emails } = (await res.json()) as { emails: { to: string[]; idempotencyKey?: string }[] };
    const perAddress = new Map<string, number>();
    for (const e of emails) for (const to of e.to) if (to.endsWith('@scale.test') && to !== ADMIN.email) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    const accepted = outcomes.filter((o) => o.status === 201);
    expect(perAddress.size).toBe(accepted.length);
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    for (const o of accepted) expect(perAddress.get(o.email)).toBe(1);
    const keys = emails.map((e) => e.idempotencyKey);
    expect(new Set(keys).size).toBe(keys.length);
    // Both workers delivered a share.
    for (const w of workers) expect(w.log()).toContain('"msg":"email sent"');
  }, 300_000);

  it('ran each scheduled service-level tick once, though two workers schedule', async () => {
    const completed = async () =>
      Number((await sql`select count(*)::int as n from pgboss.job where name = 'sla-tick' and state = 'completed'`)[0]!.n);
    await until('a scheduled tick to run', 150_000, async () => (await completed()) >= 1);
    const perMinute = await sql`
      select date_trunc('minute', created_on) as minute, count(*)::int as n from pgboss.job where name = 'sla-tick' group by 1`;
    expect(perMinute.every((r) => r.n === 1)).toBe(true);
    const ticks = workers.map((w) => (w.log().match(/"msg":"service-level tick"/g) ?? []).length);
    expect(ticks.reduce((a, b) => a + b, 0)).toBe(await completed());
  }, 200_000);

  it('answers readiness, request ids and token-guarded metrics', async () => {
    const readyRes = await fetch(`http://127.0.0.1:${webA.port}/api/ready`);
    expect(readyRes.status).toBe(200);
    expect(await readyRes.json()).toMatchObject({ ok: true, database: true, storage: true, migrations: { ok: true, latest: journal.entries.at(-1)!.tag } });

    // Every answer names its request, and the instance's log line carries the same id and no address.
    const some = outcomes.find((o) => o.port === webA.port && o.requestId)!;
    const line = webA.proc.log().split('\n').find((l) => l.includes(some.requestId!));
    expect(line).toBeTruthy();
    expect(JSON.parse(line!)).toMatchObject({ requestId: some.requestId, route: '/api/v1/aduan', status: 201 });
    expect(line).not.toContain('10.224.');

    expect((await fetch(`http://127.0.0.1:${webA.port}/api/metrics`)).status).toBe(401);
    const metrics = await fetch(`http://127.0.0.1:${webA.port}/api/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toMatch(/helpdesk_http_request_duration_seconds_count\{method="POST",route="\/api\/v1\/aduan",status="201"\} \d+/);
    expect(text).toMatch(/helpdesk_rate_limit_refusals_total\{route="\/api\/v1\/aduan"\} 1/);
    expect(text).toMatch(/helpdesk_outbox_depth\{queue="email"\} 0/);
    expect(text).toMatch(/helpdesk_outbox_oldest_age_seconds\{queue="email"\} 0/);
    expect(text).toMatch(/helpdesk_jobs_failed\{queue="email"\} 0/);
  }, 60_000);

  it('stops the workers gracefully', async () => {
    const codes = await Promise.all([...workers.map((w) => w.signal('SIGTERM')), webA.proc.signal('SIGTERM')]);
    expect(codes).toEqual([0, 0, 0]);
    expect(fs.readFileSync(workers[0]!.logFile, 'utf8')).toContain('worker stopped');
  }, 60_000);
});
