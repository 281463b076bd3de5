// npm run soak [-- --minutes N] (issue #15 item 10): the production app, as `npm start` runs it
// (embedded PostgreSQL and store, the outbox worker inside, email to a fake Resend), under mixed
// public and console traffic from 100 concurrent connections on loopback for 10 minutes (or N).
// Passes when no answer is a 5xx, the server's process tree grew under 20 % in memory (RSS after the
// warm-up against the end), and every filed complaint's confirmation reached the fake Resend once.
// Prints the figures and appends them to docs/OPERATIONS.md ("Soak"). Exit code 1 on a failure.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { encode } from '@auth/core/jwt';
import postgres from 'postgres';
import { formatMalaysia } from '../lib/calendar/format';
import { freePort } from '../lib/runtime/free-port';
import { startAppServer } from '../tests/support/app-server';
import { fakeResendClient } from '../tests/support/fake-resend';
import { cheapAltcha, filingFields } from '../tests/support/bulk-filing';

const CONNECTIONS = 100;
const arg = (name: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const minutes = Number(arg('minutes') ?? 10);
if (!(minutes > 0)) throw new Error('--minutes must be a positive number');
const durationMs = minutes * 60_000;
// Memory is compared from the end of the warm-up (a fifth of the run, at least 30 s, at most 2 min).
const warmupMs = Math.min(120_000, Math.max(30_000, durationMs / 5));

type Kind = 'form page' | 'submit' | 'lookup' | 'complaint page' | 'console queue' | 'console search' | 'console complaint';
type Tally = { count: number; byStatus: Map<string, number>; ms: number[] };
const tallies = new Map<Kind, Tally>();
function record(kind: Kind, status: number | 'network', ms: number) {
  let t = tallies.get(kind);
  if (!t) tallies.set(kind, (t = { count: 0, byStatus: new Map(), ms: [] }));
  t.count += 1;
  t.byStatus.set(String(status), (t.byStatus.get(String(status)) ?? 0) + 1);
  t.ms.push(ms);
}

/** RSS (KiB) of every process in the group `pgid` (the app, Next.js, PostgreSQL, the store). */
function groupRssKiB(pgid: number): number {
  let total = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (Number(fields[2]) !== pgid) continue; // field 5 of stat: the process group
      const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
    } catch {
      /* gone meanwhile */
    }
  }
  return total;
}

const pct = (xs: number[], p: number) => {
  if (xs.length === 0) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
};

async function main() {
  const port = await freePort();
  console.log(`soak: starting the production app on 127.0.0.1:${port} …`);
  const app = await startAppServer({
    port,
    env: {
      TRUST_PROXY_HOPS: '1',
      SUBMIT_RATE_LIMIT: '100000000',
      PUBLIC_REQUEST_LIMIT: '100000000',
      LOOKUP_RATE_LIMIT: '100000000',
      SUBMIT_IC_LIMIT: '100000000',
      LOG_LEVEL: 'warn',
    },
  });
  const base = `http://127.0.0.1:${port}`;
  const sql = postgres(app.env.DATABASE_URL, { max: 2, onnotice: () => {} });
  const resend = fakeResendClient(app.env.FAKE_RESEND_URL);
  const failures: string[] = [];
  try {
    // The app's process group (scripts/start.ts runs detached: the launcher leads it).
    const pgid = app.pid;

    // A signed-in officer (the first admin, past its first-sign-in steps): a session cookie as the app makes it.
    const [admin] = await sql`update users set must_change_password = false, totp_required = false where role = 'pentadbir' returning id, name, session_version`;
    const token = await encode({
      salt: 'authjs.session-token',
      secret: app.env.AUTH_SECRET,
      token: { sub: admin!.id, id: admin!.id, name: admin!.name, role: 'pentadbir', sessionVersion: admin!.session_version, mustEnrolTotp: false, sid: randomUUID() },
    });
    const staffCookie = `authjs.session-token=${token}`;

    const filed: { number: string; email: string; link: string }[] = [];
    let seq = 0;
    const ip = (n: number) => `10.157.${100 + Math.floor(n / 250) % 150}.${n % 250}`;
    const timed = async (kind: Kind, run: () => Promise<Response>): Promise<Response | undefined> => {
      const t0 = performance.now();
      try {
        const res = await run();
        await res.arrayBuffer(); // read the whole answer: the connection is reused
        record(kind, res.status, performance.now() - t0);
        if (res.status >= 500) failures.push(`${kind}: ${res.status}`);
        return res;
      } catch (e) {
        record(kind, 'network', performance.now() - t0);
        failures.push(`${kind}: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    };

    async function submit(n: number) {
      const email = `soak${n}@soak.test`;
      const form = new FormData();
      const fields = await filingFields(n, email, app.env.AUTH_SECRET);

      for (const [k, v] of Object.entries(fields)) form.set(k, v);
      let body: { number?: string; url?: string } = {};
      const t0 = performance.now();
      try {
        const res = await fetch(`${base}/api/v1/aduan`, { method: 'POST', body: form, headers: { 'x-forwarded-for': ip(n) } });
        body = (await res.json().catch(() => ({}))) as typeof body;
        record('submit', res.status, performance.now() - t0);
        if (res.status >= 500) failures.push(`submit: ${res.status}`);
        if (res.status === 201 && body.number && body.url) filed.push({ number: body.number, email, link: new URL(body.url).pathname + new URL(body.url).search });
      } catch (e) {
        record('submit', 'network', performance.now() - t0);
        failures.push(`submit: ${e instanceof Error ? e.message : String(e)}`);
      }
    }

    // One client's next request: mostly public reading, a share of filings and lookups, and an
    // officer working the queue. Complaint pages and lookups use complaints filed during the run.
    async function step(n: number) {
      const r = n % 20;
      const some = filed.length > 0 ? filed[n % filed.length]! : undefined;
      if (r < 5) await timed('form page', () => fetch(`${base}/`, { headers: { 'x-forwarded-for': ip(n) } }));
      else if (r < 8 || !some) await submit(n);
      else if (r < 10) {
        const form = new FormData();
        form.set('q', some.number);
        form.set('altcha', await cheapAltcha(app.env.AUTH_SECRET));
        await timed('lookup', () => fetch(`${base}/api/v1/semakan`, { method: 'POST', body: form, headers: { 'x-forwarded-for': ip(n) } }));
      } else if (r < 14) await timed('complaint page', () => fetch(`${base}${some.link}`, { headers: { 'x-forwarded-for': ip(n) } }));
      else if (r < 17) await timed('console queue', () => fetch(`${base}/konsol`, { headers: { cookie: staffCookie }, redirect: 'manual' }));
      else if (r < 19) await timed('console search', () => fetch(`${base}/konsol?q=${encodeURIComponent('Kod akaun')}`, { headers: { cookie: staffCookie }, redirect: 'manual' }));
      else await timed('console complaint', () => fetch(`${base}/konsol/aduan/${some.number}`, { headers: { cookie: staffCookie }, redirect: 'manual' }));
    }

    const started = Date.now();
    const end = started + durationMs;
    let rssWarm = 0;
    const rssSamples: { atS: number; kib: number }[] = [];
    const sampler = setInterval(() => {
      const kib = groupRssKiB(pgid);
      rssSamples.push({ atS: Math.round((Date.now() - started) / 1000), kib });
      if (!rssWarm && Date.now() - started >= warmupMs) rssWarm = kib;
    }, 5_000);
    console.log(`soak: ${CONNECTIONS} connections for ${minutes} min (warm-up ${Math.round(warmupMs / 1000)} s) …`);
    const progress = setInterval(() => {
      const total = [...tallies.values()].reduce((a, t) => a + t.count, 0);
      console.log(`  ${Math.round((Date.now() - started) / 1000)} s: ${total} requests, ${filed.length} filed, ${failures.length} failures, RSS ${(groupRssKiB(pgid) / 1024).toFixed(0)} MiB`);
    }, 30_000);
    await Promise.all(
      Array.from({ length: CONNECTIONS }, async () => {
        while (Date.now() < end) await step(seq++);
      }),
    );
    clearInterval(sampler);
    clearInterval(progress);
    const rssEnd = groupRssKiB(pgid);
    const elapsedS = (Date.now() - started) / 1000;

    // Every confirmation delivered: the outbox drained, then one email per filed complaint at the fake.
    const drainStart = Date.now();
    while (Number((await sql`select count(*)::int as n from pgboss.job where name = 'email' and state in ('created', 'retry', 'active')`)[0]!.n) > 0) {
      if (Date.now() - drainStart > 300_000) {
        failures.push('the outbox did not drain within 5 minutes');
        break;
      }
      await new Promise((r) => setTimeout(r, 1000));
    }
    const drainS = (Date.now() - drainStart) / 1000;
    const { emails } = await resend.emails();
    const perAddress = new Map<string, number>();
    for (const e of emails) for (const to of e.to) if (to.endsWith('@soak.test')) perAddress.set(to, (perAddress.get(to) ?? 0) + 1);
    const undelivered = filed.filter((f) => perAddress.get(f.email) !== 1);
    if (undelivered.length > 0) failures.push(`${undelivered.length} of ${filed.length} confirmations not delivered exactly once`);

    const growth = rssWarm > 0 ? (rssEnd - rssWarm) / rssWarm : 0;
    if (!rssWarm) failures.push('no memory sample after the warm-up');
    if (growth >= 0.2) failures.push(`memory grew ${(growth * 100).toFixed(1)} % after the warm-up`);

    const total = [...tallies.values()].reduce((a, t) => a + t.count, 0);
    const fivexx = [...tallies.values()].reduce((a, t) => a + [...t.byStatus].filter(([s]) => s.startsWith('5')).reduce((n, [, c]) => n + c, 0), 0);
    const rows = [...tallies.entries()].map(
      ([kind, t]) =>
        `| ${kind} | ${t.count} | ${[...t.byStatus].sort().map(([s, c]) => `${s}: ${c}`).join(', ')} | ${pct(t.ms, 50).toFixed(0)} | ${pct(t.ms, 95).toFixed(0)} | ${pct(t.ms, 99).toFixed(0)} |`,
    );
    const mib = (k: number) => (k / 1024).toFixed(0);
    const summary = [
      `${minutes} min, ${CONNECTIONS} connections: ${total} requests (${(total / elapsedS).toFixed(1)}/s), ${fivexx} answers 5xx, ${failures.length} failures`,
      `memory (RSS of the app's process tree: launcher, Next.js, PostgreSQL, store): ${mib(rssWarm)} MiB after the warm-up, ${mib(rssEnd)} MiB at the end (${growth >= 0 ? '+' : ''}${(growth * 100).toFixed(1)} %), peak ${mib(Math.max(0, ...rssSamples.map((s) => s.kib)))} MiB`,
      `email: ${filed.length} complaints filed, ${filed.length - undelivered.length} confirmations delivered exactly once (outbox drained ${drainS.toFixed(0)} s after the load)`,
    ];
    const table = ['| traffic | requests | answers | p50 ms | p95 ms | p99 ms |', '|---|---:|---|---:|---:|---:|', ...rows];
    console.log(['', ...summary, '', ...table, ''].join('\n'));
    if (failures.length) console.log(`failures (first 20):\n  ${[...new Set(failures)].slice(0, 20).join('\n  ')}`);

    const doc = path.join(process.cwd(), 'docs/OPERATIONS.md');
    const heading = `### Soak run of ${formatMalaysia(new Date(), 'dd-MM-yyyy HH:mm')} (${minutes} min${failures.length ? ', FAILED' : ''})`;
    const machine = `Machine: ${(await import('node:os')).cpus().length} cores, load average ${(await import('node:os')).loadavg().map((l) => l.toFixed(1)).join(' / ')} at the end (other work running alongside skews latencies, not the pass/fail criteria).`;
    fs.appendFileSync(doc, ['', heading, '', ...summary.map((s) => `- ${s}`), '', machine, '', ...table, ''].join('\n'));
    console.log(`soak: figures appended to docs/OPERATIONS.md`);
  } finally {
    await sql.end({ timeout: 2 }).catch(() => {});
    await app.stop();
  }
  if (failures.length) process.exit(1);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
