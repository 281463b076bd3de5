import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import { encode } from '@auth/core/jwt';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { sql as dsql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { installSafeConsole } from '@/lib/log-safety';
import { startAppServer } from '../support/app-server';
import { freePortSync } from '../support/free-port';

// Threat: personal data in the server log. A failed query's error carries its parameters (names,
// emails, phones, the complaint text); Next.js prints an uncaught error to the console and Auth.js
// prints its own, past pino's redaction. Against the real app server (`npm start`), a query is
// made to fail on each path that takes personal data (filing, lookup, feedback, the console's
// search and complaint page, staff sign-in), then the whole log is searched for the values used.
// Error names stay visible; an unreadable session cookie is not an error-level line.

const uniq = randomUUID().slice(0, 6);
const person = {
  name: `Zulaikha Kapsul ${uniq.toUpperCase()}`.replace(/[0-9]/g, 'Q'),
  ic: '910203145566',
  phone: '0137788' + String(Math.floor(Math.random() * 900) + 100),
  email: `bocor.${uniq}@contoh.gov.my`,
  message: `Mesej rahsia ${uniq}`,
};
const STAFF_EMAIL = `staf.${uniq}@contoh.gov.my`;
// Every value that must never be printed, in every form the app may hold it.
const secrets = [person.name, person.name.toLowerCase(), person.ic, `${person.ic.slice(0, 6)}-${person.ic.slice(6, 8)}-${person.ic.slice(8)}`, person.phone, `60${person.phone.slice(1)}`, person.email, person.message, STAFF_EMAIL];

describe('the console wrapper (unit)', () => {
  it('prints a real failed query as its name and code, never its values, in any form', async () => {
    const err = await getDb()
      .execute(dsql`select ${person.email}::int, ${person.name}::text`)
      .then(() => null, (e: unknown) => e as Error);
    expect(err).toBeTruthy();
    expect(String(err?.message)).toContain(person.email); // what would have been printed
    const printed: string[] = [];
    const fake = { error: (...a: unknown[]) => printed.push(a.map(String).join(' ')), warn: () => {}, log: () => {}, info: () => {}, debug: () => {}, trace: () => {} };
    installSafeConsole(fake as unknown as Console);
    fake.error(err);
    fake.error('[auth][cause]:', err!.stack);
    fake.error(new Error('outer', { cause: err }));
    const text = printed.join('\n');
    for (const s of [person.email, person.name]) expect(text).not.toContain(s);
    expect(text).toContain('22P02'); // the SQLSTATE stays
    expect(text).toMatch(/at /); // and where it happened
  });
});

describe('the app server under failing queries', () => {
  let app: Awaited<ReturnType<typeof startAppServer>>;
  let db: postgres.Sql;
  let base: string;
  let number = '';

  beforeAll(async () => {
    const port = freePortSync();
    app = await startAppServer({ port, env: { DB_STATEMENT_TIMEOUT_MS: '1500', DB_CONSOLE_STATEMENT_TIMEOUT_MS: '1500', LOG_LEVEL: 'info' } });
    base = `http://127.0.0.1:${port}`;
    db = postgres(app.env.DATABASE_URL, { max: 2, onnotice: () => {} });
    await db`create or replace function test_fail() returns trigger language plpgsql as $$ begin raise exception 'forced failure'; end $$`;
  }, 300_000);

  afterAll(async () => {
    await db?.end();
    await app?.stop();
  });

  async function captcha(): Promise<string> {
    const challenge = await (await fetch(`${base}/api/captcha`)).json();
    const solution = await solveChallenge({ challenge, deriveKey });
    const { codeChallenge: _unused, ...rest } = challenge as { codeChallenge?: unknown };
    return btoa(JSON.stringify({ challenge: rest, solution }));
  }

  async function post(path: string, fields: Record<string, string>, ip: string) {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    return fetch(`${base}${path}`, { method: 'POST', body: form, headers: { 'x-forwarded-for': ip } });
  }

  const filing = async () => ({
    submissionKey: randomUUID(),
    name: person.name,
    ic: person.ic,
    ptj: 'Perbendaharaan Negeri Kelantan',
    phone: person.phone,
    email: person.email,
    category: 'kod-barang-akaun',
    title: 'Ujian log peribadi',
    description: `${person.message} — huraian yang cukup panjang untuk borang.`,
    declaration: 'on',
    altcha: await captcha(),
  });

  /** Runs `fn` while every insert into `table` fails. */
  async function failingInserts<T>(table: string, fn: () => Promise<T>): Promise<T> {
    await db.unsafe(`create trigger test_fail before insert on ${table} for each row execute function test_fail()`);
    try {
      return await fn();
    } finally {
      await db.unsafe(`drop trigger test_fail on ${table}`);
    }
  }

  /** Runs `fn` while `table` is locked by another session: the app's statements on it time out. */
  async function lockedTable<T>(table: string, fn: () => Promise<T>): Promise<T> {
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holding = db.begin(async (tx) => {
      await tx.unsafe(`lock table ${table} in access exclusive mode`);
      locked();
      await released;
    });
    await isLocked;
    try {
      return await fn();
    } finally {
      release();
      await holding;
    }
  }

  async function staffCookie(): Promise<string> {
    const [admin] = await db`update users set must_change_password = false, totp_required = false where role = 'pentadbir' returning id, name, session_version`;
    const token = await encode({
      salt: 'authjs.session-token',
      // The app inherits this process's settings (tests/support/app-server.ts), its secret included.
      secret: process.env.AUTH_SECRET || app.env.AUTH_SECRET,
      token: { sub: admin.id, id: admin.id, name: admin.name, role: 'pentadbir', sessionVersion: admin.session_version, mustEnrolTotp: false, sid: randomUUID() },
    });
    return `authjs.session-token=${token}`;
  }

  it('filing: a failing insert answers 500 with a reference, and the log holds none of the values', async () => {
    const res = await failingInserts('complaints', async () => post('/api/v1/aduan', await filing(), '10.225.9.1'));
    expect(res.status).toBe(500);
    expect((await res.json()).error.requestId).toBeTruthy();
  });

  it('lookup and feedback: failing writes, nothing personal logged', async () => {
    const filed = await post('/api/v1/aduan', await filing(), '10.225.9.2');
    expect(filed.status).toBe(201);
    number = (await filed.json()).number;
    const lookup = await failingInserts('audit_log', async () => post('/api/v1/semakan', { q: person.ic, altcha: await captcha() }, '10.225.9.3'));
    expect(lookup.status).toBeGreaterThanOrEqual(500);
    const fb = await failingInserts('complaint_events', async () =>
      post(`/api/v1/aduan/${number}/maklumbalas`, { icUser: person.ic, name: person.name, message: person.message, altcha: await captcha() }, '10.225.9.4'),
    );
    expect(fb.status).toBeGreaterThanOrEqual(500);
  });

  it("console: the queue searched by name and the complaint's page, with the table timing out", async () => {
    const cookie = await staffCookie();
    // Signed in: the queue answers (no redirect to the sign-in or account page).
    const queue = await fetch(`${base}/konsol`, { headers: { cookie }, redirect: 'manual' });
    expect(`${queue.status} ${queue.headers.get('location') ?? ''}`).toBe('200 ');
    const search = await lockedTable('complaints', () => fetch(`${base}/konsol?q=${encodeURIComponent(person.name)}`, { headers: { cookie }, redirect: 'manual' }));
    expect(search.status).toBeGreaterThanOrEqual(500);
    const page = await lockedTable('complaint_events', () => fetch(`${base}/konsol/aduan/${number}`, { headers: { cookie }, redirect: 'manual' }));
    expect(page.status).toBeGreaterThanOrEqual(500);
  }, 60_000);

  it('staff sign-in with the accounts table timing out', async () => {
    const csrf = await fetch(`${base}/api/auth/csrf`);
    const { csrfToken } = await csrf.json();
    const cookie = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
    const res = await lockedTable('users', () =>
      fetch(`${base}/api/auth/callback/credentials`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', cookie, 'x-forwarded-for': '10.225.9.5' },
        body: new URLSearchParams({ email: STAFF_EMAIL, password: 'salah-kata-laluan-1', csrfToken }),
      }),
    );
    expect(res.status).toBeLessThan(500); // Auth.js answers with a redirect to the sign-in page
  }, 30_000);

  it('an unreadable session cookie is not an error-level line', async () => {
    const before = fs.readFileSync(app.logFile, 'utf8').length;
    const res = await fetch(`${base}/konsol`, { headers: { cookie: 'authjs.session-token=garbage.not-a-jwt' }, redirect: 'manual' });
    expect(res.status).toBeLessThan(500);
    const added = fs.readFileSync(app.logFile, 'utf8').slice(before);
    expect(added).not.toMatch(/"level":50/);
    expect(added).not.toMatch(/\[auth\]\[error\]/);
  });

  it('the whole server log: failures visible by name, no personal value anywhere', () => {
    const logText = fs.readFileSync(app.logFile, 'utf8');
    fs.copyFileSync(app.logFile, '/tmp/rel-personal-log.txt');
    for (const s of secrets) expect(logText, `the log contains ${s}`).not.toContain(s);
    // The failures are there, by name and code.
    expect(logText).toMatch(/"type":"(PostgresError|DrizzleQueryError|Error)"/);
    expect(logText).toMatch(/57014/);
    expect(logText).not.toMatch(/"name":"\[redacted\]"/);
    // A line written inside Next.js without naming its request (onRequestError) still carries the
    // id the front listener gave the request (issue #16: pino's mixin, lib/log-context.ts).
    const inside = logText.split('\n').filter((l) => l.includes('"msg":"request error"'));
    expect(inside.length).toBeGreaterThan(0);
    for (const l of inside) expect((JSON.parse(l) as { requestId?: string }).requestId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
