// npm run bench [-- --complaints N] [-- --smoke] [-- --reseed] [-- --only key,key]
//
// Does everything on a fresh clone: a production build if missing or stale; the app started as
// `npm start` serves it (embedded PostgreSQL and S3 in a bench data folder of its own,
// ./bench-data/<N>, kept between runs so the seed is reused; --reseed starts it afresh); the bulk
// seed (1,000,000 complaints by default); the FLOOR (scripts/bench/floor.ts: bare node:http, the
// same SQL via the app's lib/ functions, JSON out); then every hot path against both, at 1 and 16
// connections, for BENCH_SECONDS each. Writes docs/BENCHMARKS.md.
//
// --smoke: 10,000 complaints in a throwaway folder, 1 s a run (four runs a path), no warm-up; exits 1 if any path errors or
// answers an unexpected status. Asserts no timing; writes its tables to a temp file only.
// Every request goes to 127.0.0.1.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { pbkdf2Sync, randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import postgres from 'postgres';
import { newAltchaChallenge } from '../lib/captcha';
import { SAVED_VIEWS } from '../lib/console/queue/filters';
import { queueParamsToSearch } from '../lib/console/queue/params';
import { malaysiaDay } from '../lib/calendar/days';
import { formatDisplayDay } from '../lib/calendar/display-day';
import { getSetting, type Env } from '../lib/env';
import { productionBuildIsStale } from '../lib/runtime/build';
import { freePort } from '../lib/runtime/free-port';
import { startAppServer } from '../tests/support/app-server';
import type { BenchData } from './bench/data';
import { firstLoadJs, frameworkJs } from './bundle/first-load';
import { runLoad } from './bench/load';
import { sampleMemory, type Memory } from './bench/memory';
import { keepMarked } from './lighthouse/report';
import { writeReport, type CaseResult, type Interference, type RunInfo } from './bench/report';

const args = process.argv.slice(2);
const smoke = args.includes('--smoke');
const at = args.indexOf('--complaints');
const complaints = at >= 0 ? Number(args[at + 1]) : smoke ? 10_000 : 1_000_000;
// --only: just these cases (their keys, e.g. laporan,queue; `interference` for the complainant's page
// under ten searching officers), printed and not written to BENCHMARKS.md; for trying a change on one path.
const onlyAt = args.indexOf('--only');
const only = onlyAt >= 0 ? new Set(String(args[onlyAt + 1] ?? '').split(',')) : null;
const seconds = smoke ? 1 : getSetting('BENCH_SECONDS');
/** The smoke run sends a fixed number of requests per run, so a slow machine still gets answers to check. */
const amount = (connections: number): number | undefined => (smoke ? Math.max(5, connections) : undefined);
const CONNECTIONS = [1, 16];
const say = (m: string) => console.log(`[bench] ${m}`);

// The bench only: limits out of the way (one address sends everything), and the cheapest ALTCHA
// so the load generator can solve thousands of challenges beforehand (the server's verification
// at the production cost is measured apart, see captchaCostMs).
const BENCH_ENV = {
  PUBLIC_REQUEST_LIMIT: '1000000000',
  SUBMIT_RATE_LIMIT: '1000000000',
  SUBMIT_IC_LIMIT: '1000000000',
  LOOKUP_RATE_LIMIT: '1000000000',
  FEEDBACK_RATE_LIMIT: '1000000000',
  ALTCHA_COST: '1',
};
// What a browser's page visit asks for that changes the answer: a compressed page.
const BROWSER_PAGE = { 'accept-encoding': 'gzip, deflate, br' };
const ADMIN = { email: 'admin@localhost', password: 'e2e-admin-password-1' }; // startAppServer's first admin

type Case = {
  name: string;
  key: string;
  method?: 'GET' | 'POST';
  app: string;
  floor: string;
  expectApp: number[];
  expectFloor: number[];
  cookie?: string;
  /** sent with every request (the public pages: the gzip a browser asks for) */
  headers?: Record<string, string>;
  /** a fresh body per request (CAPTCHA solutions are single-use) */
  body?: (target: 'app' | 'floor') => () => string;
  /** how many CAPTCHA solutions one run of this case may need */
  solutions?: (connections: number) => number;
};

async function main() {
  const started = Date.now();
  const load0 = os.loadavg();
  if (productionBuildIsStale(process.cwd())) {
    say('no up-to-date production build: next build');
    const b = spawnSync(process.execPath, ['node_modules/next/dist/bin/next', 'build'], { stdio: 'inherit' });
    if (b.status !== 0) throw new Error('next build failed');
  }

  const dataDir = smoke ? fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-bench-')) : path.resolve('bench-data', String(complaints));
  if (args.includes('--reseed')) fs.rmSync(dataDir, { recursive: true, force: true });
  const port = await freePort();
  say(`starting the app (npm start's path) on 127.0.0.1:${port}, data in ${dataDir}`);
  const app = await startAppServer({ port, dataDir, env: BENCH_ENV });
  let floor: ChildProcess | undefined;
  let sql: postgres.Sql | undefined;
  try {
    Object.assign(process.env, app.env, BENCH_ENV);
    sql = postgres(app.env.DATABASE_URL, { max: 2, onnotice: () => {} });

    // The seed, reused when this folder already holds one of this size.
    const marker = path.join(dataDir, 'bench-seed.json');
    let data: BenchData;
    if (fs.existsSync(marker)) {
      data = JSON.parse(fs.readFileSync(marker, 'utf8')) as BenchData;
      say(`reusing the seed of ${complaints} complaints in ${dataDir} (seeded in ${data.seconds.toFixed(0)} s)`);
    } else {
      say(`seeding ${complaints} complaints …`);
      const { seedBenchData } = await import('./bench/data');
      data = await seedBenchData(dataDir, app.env.DATABASE_URL, app.env.PII_KEY, complaints, (m) => say(`seed: ${m}`));
      await sql`analyze`;
      // The reports' stored working minutes, as `npm start` fills them for existing complaints after
      // the upgrade that added them: without them a report computes every duration live.
      const t0 = Date.now();
      const { drizzle } = await import('drizzle-orm/postgres-js');
      const schema = await import('../lib/db/schema');
      const { fillStoredDurations } = await import('../lib/reports/fill-durations');
      const filled = await fillStoredDurations(drizzle(sql, { schema }));
      say(`reports' working minutes stored for ${filled} complaints in ${((Date.now() - t0) / 1000).toFixed(0)} s`);
      fs.writeFileSync(marker, JSON.stringify(data, null, 2));
      say(`seeded in ${data.seconds.toFixed(0)} s`);
    }

    // Email left queued before this run (a run cut short, filings made outside the bench) is delivered
    // first: the worker would otherwise render and send it in the app's process under the figures.
    const queuedSince = Date.now();
    const leftover = await outboxDrained(sql, app.env.FAKE_RESEND_URL, smoke ? 120 : 600);
    if (leftover.pending > 0) throw new Error(`${leftover.pending} emails still queued in ${dataDir} before the run: their delivery would run under the figures`);
    const queuedFor = (Date.now() - queuedSince) / 1000;
    if (queuedFor >= 1) say(`delivered the email left queued before this run first (${queuedFor.toFixed(0)} s)`);

    const floorPort = await freePort();
    floor = spawn(process.execPath, ['--require', './scripts/bench/server-only.cjs', '--import', 'tsx', 'scripts/bench/floor.ts', String(floorPort)], {
      env: { ...process.env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve, reject) => {
      floor!.stdout!.on('data', (d: Buffer) => d.toString().includes('floor listening') && resolve());
      floor!.once('exit', () => reject(new Error('the floor did not start')));
    });

    // What the cases need from the data.
    const officer = data.officer ?? ADMIN;
    const session = await signIn(port, officer.email, officer.password);
    const [{ id: userId, role }] = await sql<{ id: string; role: string }[]>`select id, role from users where lower(email) = lower(${officer.email})`;
    const [{ slug }] = await sql<{ slug: string }[]>`select slug from categories where active order by sort_order limit 1`;
    const numbers = (await sql<{ number: string }[]>`select number from complaints tablesample system (1) limit 5000`).map((r) => r.number);
    if (numbers.length < 100) numbers.push(...(await sql<{ number: string }[]>`select number from complaints limit 5000`).map((r) => r.number));
    const grant = await lookupCookie(port, data.knownNumber);
    const openQs = queueParamsToSearch(SAVED_VIEWS['semua-terbuka'].filters, { view: 'semua-terbuka' });
    const today = new Date();
    const yearAgo = new Date(today.getTime() - 364 * 86_400_000);
    const range = `from=${formatDisplayDay(malaysiaDay(yearAgo))}&to=${formatDisplayDay(malaysiaDay(today))}`;
    const u = `user=${userId}`;
    const solvers = new Solver(app.env.AUTH_SECRET);
    let n = 0;
    const submission = () => {
      const i = n++;
      return (token: string) =>
        new URLSearchParams({
          submissionKey: randomUUID(),
          name: 'Siti Aminah binti Ahmad',
          ic: randomIc(),
          ptj: 'Pejabat Kewangan Negeri',
          phone: '0129876543',
          email: `pengadu.${i}@contoh.test`,
          category: slug,
          title: 'Baucar bayaran tidak dapat dicetak',
          description: 'Semasa mencetak baucar bayaran, sistem memaparkan mesej ralat dan baucar tidak dijana.',
          declaration: 'on',
          altcha: token,
        }).toString();
    };
    let li = 0;
    const lookupBody = (token: string) => new URLSearchParams({ q: numbers[li++ % numbers.length]!, altcha: token }).toString();

    const allCases: Case[] = [
      { name: 'Public form page', key: 'form', app: '/', floor: '/form', headers: BROWSER_PAGE, expectApp: [200], expectFloor: [200] },
      { name: 'Lookup page (/semakan)', key: 'semakan-page', app: '/semakan', floor: '/semakan-page', headers: BROWSER_PAGE, expectApp: [200], expectFloor: [200] },
      {
        name: 'Submission (no attachments)', key: 'submit', method: 'POST', app: '/api/v1/aduan', floor: '/submit', expectApp: [201], expectFloor: [201],
        body: (t) => solvers.bodies(t, submission()), solutions: (c) => amount(c) ?? seconds * (c === 1 ? 60 : 250),
      },
      {
        name: 'Lookup (semakan)', key: 'lookup', method: 'POST', app: '/api/v1/semakan', floor: '/lookup', expectApp: [200], expectFloor: [200],
        body: (t) => solvers.bodies(t, lookupBody), solutions: (c) => amount(c) ?? seconds * (c === 1 ? 120 : 800), // the floor has no 400 ms pad
      },
      { name: 'Complaint page (complainant)', key: 'aduan', app: `/aduan/${data.knownNumber}`, floor: `/aduan?no=${data.knownNumber}`, cookie: grant, expectApp: [200], expectFloor: [200] },
      { name: 'Console queue (default)', key: 'queue', app: '/konsol', floor: `/konsol?${u}`, expectApp: [200], expectFloor: [200] },
      { name: 'Console queue (open)', key: 'queue-open', app: `/konsol?${openQs}`, floor: `/konsol?${openQs}&${u}`, expectApp: [200], expectFloor: [200] },
      { name: `Search: common word "${data.commonWord}"`, key: 'search-common', app: `/konsol?q=${enc(data.commonWord)}`, floor: `/konsol?q=${enc(data.commonWord)}&${u}`, expectApp: [200], expectFloor: [200] },
      { name: `Search: rare word "${data.rareWord}"`, key: 'search-rare', app: `/konsol?q=${enc(data.rareWord)}`, floor: `/konsol?q=${enc(data.rareWord)}&${u}`, expectApp: [200], expectFloor: [200] },
      { name: 'Search: last four IC digits', key: 'search-last4', app: `/konsol?q=${data.knownIc.slice(-4)}`, floor: `/konsol?q=${data.knownIc.slice(-4)}&${u}`, expectApp: [200], expectFloor: [200] },
      { name: 'Search: complaint number', key: 'search-number', app: `/konsol?q=${data.knownNumber}`, floor: `/konsol?q=${data.knownNumber}&${u}`, expectApp: [200], expectFloor: [200] },
      { name: 'Search: full IC', key: 'search-ic', app: `/konsol?q=${data.knownIc}`, floor: `/konsol?q=${data.knownIc}&${u}`, expectApp: [200], expectFloor: [200] },
      { name: 'Console complaint page', key: 'konsol-aduan', app: `/konsol/aduan/${data.knownNumber}`, floor: `/konsol/aduan?no=${data.knownNumber}&${u}&role=${role}`, expectApp: [200], expectFloor: [200] },
      { name: 'Report, one year (/konsol/laporan)', key: 'laporan', app: `/konsol/laporan?${range}`, floor: `/konsol/laporan?${range}`, expectApp: [200], expectFloor: [200] },
      { name: 'Public statistics (/statistik)', key: 'statistik', app: '/statistik', floor: '/statistik', expectApp: [200], expectFloor: [200] },
    ];
    const cases = only ? allCases.filter((c) => only.has(c.key)) : allCases;
    if (cases.length === 0 && !only?.has('interference')) throw new Error(`--only: no case has these keys; the keys are ${allCases.map((c) => c.key).join(', ')}, interference`);
    const consoleCookie = (c: Case) => (c.key.startsWith('queue') || c.key.startsWith('search') || c.key === 'konsol-aduan' || c.key === 'laporan' ? session : c.cookie);

    const results: CaseResult[] = [];
    let peak: Memory = { nodeMb: 0, largestMb: 0, postgresMb: 0 };
    let floorPeakMb = 0;
    for (const c of cases) {
      const row: CaseResult = { name: c.name, key: c.key, method: c.method ?? 'GET', app: c.app, floor: c.floor, runs: [] };
      for (const connections of CONNECTIONS) {
        for (const target of ['app', 'floor'] as const) {
          if (c.solutions) await solvers.fill(c.solutions(connections));
          const base = target === 'app' ? `http://127.0.0.1:${port}` : `http://127.0.0.1:${floorPort}`;
          const headers: Record<string, string> = { ...c.headers };
          const cookie = consoleCookie(c);
          if (cookie) headers.cookie = cookie;
          if (c.method === 'POST') headers['content-type'] = 'application/x-www-form-urlencoded';
          // A short warm-up (not for writes: every write is a real complaint or lookup; not in the smoke run).
          if (!c.body && !smoke) {
            await runLoad({ url: base + (target === 'app' ? c.app : c.floor), connections, seconds: 1, headers, expect: [] });
            await settle(sql!);
          }
          const mem = sampleMemory(target === 'app' ? app.pid : floor.pid!);
          const r = await runLoad({
            url: base + (target === 'app' ? c.app : c.floor),
            connections,
            seconds,
            amount: amount(connections),
            method: c.method,
            headers,
            body: c.body?.(target),
            expect: target === 'app' ? c.expectApp : c.expectFloor,
          });
          const m = mem.stop();
          if (target === 'app') peak = { nodeMb: Math.max(peak.nodeMb, m.nodeMb), largestMb: Math.max(peak.largestMb, m.largestMb), postgresMb: Math.max(peak.postgresMb, m.postgresMb) };
          else floorPeakMb = Math.max(floorPeakMb, m.nodeMb);
          row.runs.push({ target, connections, result: r, memory: m });
          say(`${c.name} · ${target} · ${connections} conn: ${r.rps.toFixed(1)} req/s, p50 ${r.p50.toFixed(1)} p95 ${r.p95.toFixed(1)} p99 ${r.p99.toFixed(1)} ms, ${r.requests} answers, ${r.unexpected} unexpected ${JSON.stringify(r.statuses)}, ${r.errors} errors, peak ${m.nodeMb.toFixed(0)} MB Node (largest ${m.largestMb.toFixed(0)})`);
          const waited = await settle(sql!);
          if (waited >= 1) say(`  (waited ${waited.toFixed(0)} s for the statements of requests the run left unanswered)`);
          // A write's emails are delivered before anything else is measured: the worker renders and
          // sends them in the app's process (seven a complaint), which would otherwise run under
          // the next paths' figures.
          if (c.body) {
            const started = Date.now();
            await outboxDrained(sql!, app.env.FAKE_RESEND_URL, smoke ? 120 : 300);
            const seconds = (Date.now() - started) / 1000;
            row.delivery = [...(row.delivery ?? []), { target, connections, seconds }];
            if (seconds >= 1) say(`  (the outbox delivered this run's emails in ${seconds.toFixed(0)} s)`);
          }
        }
      }
      results.push(row);
    }
    if (only && !only.has('interference')) return;

    // Ten officers running the heaviest search at once: the complainant's page, unloaded vs loaded.
    say('complainant page while ten officers search the common word …');
    const aduanUrl = `http://127.0.0.1:${port}/aduan/${data.knownNumber}`;
    const unloaded = await runLoad({ url: aduanUrl, connections: 1, seconds, amount: amount(1), headers: { cookie: grant }, expect: [200] });
    const searching = runLoad({ url: `http://127.0.0.1:${port}/konsol?q=${enc(data.commonWord)}`, connections: 10, seconds: seconds + 2, amount: amount(10), headers: { cookie: session }, expect: [200] });
    await new Promise((r) => setTimeout(r, 1000)); // the searches are running before the page is measured
    const loaded = await runLoad({ url: aduanUrl, connections: 1, seconds, amount: amount(1), headers: { cookie: grant }, expect: [200] });
    const search = await searching;
    const interference: Interference = { unloaded, loaded, search };
    if (only) {
      say(`complainant page p95 ${unloaded.p95.toFixed(1)} ms unloaded, ${loaded.p95.toFixed(1)} ms loaded (${(loaded.p95 / unloaded.p95).toFixed(1)}×); the searches: ${search.rps.toFixed(1)} req/s, p50 ${search.p50.toFixed(0)} p95 ${search.p95.toFixed(0)} ms, ${search.unexpected} unexpected`);
      return;
    }

    // Every filed complaint's email delivered: the outbox drained, then the fake Resend's count.
    const filed = results.filter((r) => r.key === 'submit').flatMap((r) => r.runs).reduce((s, r) => s + (r.result.statuses['201'] ?? 0), 0);
    const emails = await outboxDrained(sql, app.env.FAKE_RESEND_URL, smoke ? 120 : 300);

    // Plans: each floor path once more, with EXPLAIN (ANALYZE, BUFFERS) of every read it issued.
    const plans: RunInfo['plans'] = [];
    for (const c of cases) {
      await solvers.fill(1);
      const body = c.body ? c.body('floor')() : undefined;
      const res = await fetch(`http://127.0.0.1:${floorPort}/__explain?path=${enc(c.floor)}`, {
        method: body ? 'POST' : 'GET',
        headers: { ...(consoleCookie(c) && { cookie: consoleCookie(c)! }), ...(body && { 'content-type': 'application/x-www-form-urlencoded' }) },
        body,
      });
      const j = (await res.json()) as { statements: number; plans: { query: string; plan: string }[] };
      plans.push({ key: c.key, name: c.name, statements: j.statements, plans: j.plans ?? [] });
    }

    const info: RunInfo = {
      smoke,
      complaints,
      seconds,
      seed: data,
      startedAt: new Date(started),
      minutes: (Date.now() - started) / 60_000,
      load: [load0, os.loadavg()],
      peak,
      floorPeakMb,
      filed,
      emails,
      captchaCostMs: captchaCostMs(),
      plans,
      formHeaders: await headersOf(`http://127.0.0.1:${port}/`),
      bundle: { pages: firstLoadJs(), framework: frameworkJs() },
    };
    const out = smoke ? path.join(os.tmpdir(), `helpdesk-bench-smoke-${process.pid}.md`) : 'docs/BENCHMARKS.md';
    // The Lighthouse section (npm run lighthouse) is kept from the file this run replaces.
    const previous = !smoke && fs.existsSync(out) ? fs.readFileSync(out, 'utf8') : '';
    fs.writeFileSync(out, keepMarked(previous, writeReport(results, interference, info)));
    say(`written ${out} (${info.minutes.toFixed(1)} min in all)`);

    const bad = [...results.flatMap((r) => r.runs.map((x) => ({ name: `${r.name} · ${x.target} · ${x.connections}`, result: x.result }))), { name: 'interference', result: loaded }, { name: 'interference search', result: search }, { name: 'unloaded', result: unloaded }]
      .filter((x) => x.result.unexpected > 0 || x.result.errors > 0 || x.result.requests === 0);
    if (emails.pending > 0) say(`${emails.pending} email jobs still pending`);
    if (bad.length > 0 || emails.pending > 0 || emails.failed > 0) {
      for (const b of bad) say(`FAILED: ${b.name}: ${b.result.unexpected} unexpected ${JSON.stringify(b.result.statuses)}, ${b.result.errors} errors, ${b.result.requests} answers`);
      process.exitCode = 1;
    }
  } finally {
    await sql?.end({ timeout: 2 });
    if (floor && floor.exitCode === null) floor.kill('SIGTERM');
    await app.stop();
    if (smoke) fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const enc = encodeURIComponent;

/**
 * Waits (at most 5 minutes) until neither the app nor the floor runs a statement: a run's
 * unanswered requests keep their queries going after it ends, and the next case must not be
 * measured under them (one slow search at 16 connections otherwise poisons every case after it).
 * pg-boss's own polling is not waited for. Returns the seconds waited.
 */
async function settle(sql: postgres.Sql): Promise<number> {
  const t0 = Date.now();
  while (Date.now() - t0 < 300_000) {
    const [{ n }] = await sql<{ n: number }[]>`
      select count(*)::int as n from pg_stat_activity
       where state = 'active' and backend_type = 'client backend' and pid <> pg_backend_pid() and query not like '%pgboss.%'`;
    if (n === 0) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  return (Date.now() - t0) / 1000;
}

/** A valid-looking MyKad number: a real birth date, Kelantan (03), four random digits. */
function randomIc(): string {
  const p = (v: number, l = 2) => String(v).padStart(l, '0');
  return `${p(randomInt(60, 99))}${p(randomInt(1, 13))}${p(randomInt(1, 29))}-03-${p(randomInt(0, 10_000), 4)}`;
}

/** Solves ALTCHA challenges as the browser widget does, before the measured run. */
class Solver {
  private pool: string[] = [];
  constructor(private secret: string) {}
  async fill(n: number) {
    const env = { AUTH_SECRET: this.secret, ALTCHA_COST: Number(BENCH_ENV.ALTCHA_COST) } as Env;
    while (this.pool.length < n) {
      const challenge = await newAltchaChallenge(env);
      const solution = await solveChallenge({ challenge, deriveKey });
      if (!solution) throw new Error('could not solve a challenge');
      const { codeChallenge: _unused, ...rest } = challenge as typeof challenge & { codeChallenge?: unknown };
      this.pool.push(btoa(JSON.stringify({ challenge: rest, solution })));
    }
  }
  /** Bodies for one run; past the solutions solved, an empty token (refused, counted as unexpected). */
  bodies(_target: 'app' | 'floor', make: (token: string) => string): () => string {
    return () => make(this.pool.pop() ?? '');
  }
}

/** One PBKDF2-SHA-256 derivation at the production cost (lib/env.ts ALTCHA_COST default, 20,000):
 * what the server's ALTCHA verification costs each submission and lookup, beyond the bench's cost of 1. */
function captchaCostMs(): number {
  const t = performance.now();
  for (let i = 0; i < 5; i++) pbkdf2Sync(randomUUID(), randomUUID(), 20_000, 32, 'sha256');
  return (performance.now() - t) / 5;
}

async function signIn(port: number, email: string, password: string): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  const csrf = await fetch(`${base}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const jar = csrf.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const res = await fetch(`${base}/api/auth/callback/credentials`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: jar },
    body: new URLSearchParams({ csrfToken, email, password }),
  });
  const session = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('authjs.session-token'));
  if (!session) throw new Error(`could not sign in as ${email} (${res.status} ${res.headers.get('location')})`);
  return session;
}

/** Looks a complaint up as the browser does; answers the access cookie the lookup grants. */
async function lookupCookie(port: number, number: string): Promise<string> {
  const s = new Solver(process.env.AUTH_SECRET!);
  await s.fill(1);
  const res = await fetch(`http://127.0.0.1:${port}/api/v1/semakan`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: s.bodies('app', (token) => new URLSearchParams({ q: number, altcha: token }).toString())(),
  });
  const grant = res.headers.getSetCookie().map((c) => c.split(';')[0]!).find((c) => c.startsWith('aduan_akses=') && c.length > 'aduan_akses='.length);
  if (!grant) throw new Error(`the lookup granted no access (${res.status}: ${await res.text()})`);
  return grant;
}

async function outboxDrained(sql: postgres.Sql, resendUrl: string, maxSeconds: number) {
  const deadline = Date.now() + maxSeconds * 1000;
  let pending = 0;
  let failed = 0;
  for (;;) {
    const [r] = await sql<{ pending: number; failed: number }[]>`
      select count(*) filter (where state in ('created', 'retry', 'active'))::int as pending,
             count(*) filter (where state = 'failed')::int as failed
      from pgboss.job where name = 'email'`;
    pending = r!.pending;
    failed = r!.failed;
    if (pending === 0 || Date.now() > deadline) break;
    await new Promise((res) => setTimeout(res, 1000));
  }
  const delivered = ((await (await fetch(`${resendUrl}/__test/emails`)).json()) as { emails: unknown[] }).emails.length;
  return { pending, failed, delivered };
}

async function headersOf(url: string): Promise<Record<string, string>> {
  const res = await fetch(url);
  await res.arrayBuffer();
  return Object.fromEntries(['cache-control', 'x-nextjs-cache', 'x-nextjs-prerender', 'content-security-policy'].map((h) => [h, res.headers.get(h) ?? '']));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
