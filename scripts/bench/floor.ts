// The bench's FLOOR (npm run bench): a bare node:http server that runs, for each measured path, the
// same SQL as the app's page or route, with postgres.js, and answers JSON. No Next.js, no React, no
// session check, no i18n: what is left is the database work and the cheapest possible HTTP around
// it, so app ÷ floor shows what the framework and rendering cost.
//
// The SQL is the app's own: every handler calls the same lib/ functions the page or route calls
// (listed in PATHS below and in docs/BENCHMARKS.md), through a drizzle instance over postgres.js
// with the app's pool settings, so a change to the queries flows into the floor.
// GET /__explain?path=<floor path> runs that path once, records every statement it issued
// (drizzle's logger) and answers each one's EXPLAIN (ANALYZE, BUFFERS) plan.
//
// Started by scripts/bench.ts as its own process with the app's settings in the environment, and
// with `server-only` resolved to an empty module (scripts/bench/server-only-hook.mjs).
import { AsyncLocalStorage } from 'node:async_hooks';
import http from 'node:http';
import { drizzle } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { can } from '../../lib/auth/permissions';
import { loadWorkingCalendar } from '../../lib/calendar/settings';
import { categoryChoices } from '../../lib/complaints/classification';
import { hasComplaintAccess, GRANT_COOKIE } from '../../lib/complaints/access';
import { getFormOptions } from '../../lib/complaints/form-options';
import { lookup } from '../../lib/complaints/lookup';
import { getPublicComplaint } from '../../lib/complaints/public-view';
import { capabilities } from '../../lib/complaints/status';
import { submitComplaint } from '../../lib/complaints/submit';
import { listCannedResponses } from '../../lib/console/canned';
import { getConsoleComplaint } from '../../lib/console/complaint-detail';
import { parseQueueParams } from '../../lib/console/queue/params';
import { queuePage } from '../../lib/console/queue/query';
import type { Db } from '../../lib/db';
import * as schema from '../../lib/db/schema';
import { similarForComplaint } from '../../lib/kb/search';
import { getEnv } from '../../lib/env';
import { activeWhatsAppConfig } from '../../lib/notify/whatsapp';
import { buildReport } from '../../lib/reports';
import { reportChoices } from '../../lib/reports/choices';
import { parseReportParams } from '../../lib/reports/filters';
import { getPublicStatistics } from '../../lib/reports/public-stats';
import { listActiveStaff, type StaffRole } from '../../lib/staff/users';

type Statement = { query: string; params: unknown[] };
const recording = new AsyncLocalStorage<Statement[]>();

const env = getEnv();
// The app's pool (lib/db/index.ts): ten connections and its statement deadline.
const sql = postgres(env.DATABASE_URL, {
  max: 10,
  onnotice: () => {},
  connection: { statement_timeout: env.DB_STATEMENT_TIMEOUT_MS },
});
const db = drizzle(sql, {
  schema,
  logger: { logQuery: (query, params) => void recording.getStore()?.push({ query, params }) },
}) as unknown as Db;

type Req = { url: URL; fields: Record<string, string>; cookie: Record<string, string> };
type Handler = (r: Req) => Promise<{ status: number; body: unknown }>;
const okJson = (body: unknown) => ({ status: 200, body });
const user = (r: Req) => r.url.searchParams.get('user') ?? '';

/** Each floor path and the app path it mirrors (the same lib/ calls as that page or route). */
export const PATHS: Record<string, Handler> = {
  // app/(prerendered)/salinan/[locale]/page.tsx, when it is drawn (it is then served prerendered)
  '/form': async () => okJson({ options: await getFormOptions(db, 'ms'), whatsapp: (await activeWhatsAppConfig(db)) !== null }),
  // app/(prerendered)/salinan/[locale]/semakan/page.tsx reads nothing (its list comes from GET /api/v1/semakan)
  '/semakan-page': async () => okJson({}),
  // app/api/v1/aduan/route.ts (without attachments)
  '/submit': async (r) => {
    const result = await submitComplaint(db, { fields: r.fields, files: [], captchaToken: r.fields.altcha, ip: '127.0.0.1' });
    return result.ok ? { status: 201, body: { number: result.number } } : { status: 422, body: result };
  },
  // app/api/v1/semakan/route.ts: lib/complaints/lookup.ts without its 400 ms equal-time pad
  '/lookup': async (r) => {
    const result = await lookup(db, { query: r.fields.q ?? '', captchaToken: r.fields.altcha, ip: '127.0.0.1' });
    return result.ok ? okJson(result) : { status: 422, body: result };
  },
  // app/(public)/aduan/[no]/page.tsx: the grant cookie set by the lookup, then the complaint
  '/aduan': async (r) => {
    const no = r.url.searchParams.get('no') ?? '';
    if (!hasComplaintAccess(no, { grantCookie: r.cookie[GRANT_COOKIE] })) return { status: 403, body: {} };
    const c = await getPublicComplaint(db, no);
    return c ? okJson(c) : { status: 404, body: {} };
  },
  // app/konsol/(signed-in)/page.tsx: the page's Promise.all
  '/konsol': async (r) => {
    const { filters, cursor } = parseQueueParams(Object.fromEntries([...r.url.searchParams].filter(([k]) => k !== 'user' && k !== 'role')));
    const viewer = { userId: user(r) };
    const now = new Date();
    const [list, cats, staff] = await Promise.all([
      queuePage(db, viewer, filters, { cursor, now }),
      db.select({ id: schema.categories.id, nameMs: schema.categories.nameMs, nameEn: schema.categories.nameEn }).from(schema.categories),
      listActiveStaff(db),
      loadWorkingCalendar(db),
    ]);
    return okJson({ rows: list.rows, next: list.nextCursor, counts: list.counts, cats: cats.length, staff: staff.length });
  },
  // app/konsol/(signed-in)/aduan/[no]/page.tsx: the complaint, then what the officer's role offers
  '/konsol/aduan': async (r) => {
    const role = (r.url.searchParams.get('role') ?? 'pegawai') as StaffRole;
    const c = await getConsoleComplaint(db, r.url.searchParams.get('no') ?? '', { userId: user(r), ip: '127.0.0.1', canSeePii: can(role, 'complaint.pii.view') });
    if (!c) return { status: 404, body: {} };
    const canned = can(role, 'canned.use') ? await listCannedResponses(db) : [];
    const staff = can(role, 'complaint.assign') ? await listActiveStaff(db) : [];
    // The page's other reads: the category choices (recategorising) and the similar complaints and
    // articles its side panel streams in the same response.
    const may = capabilities({ kind: 'staff', userId: user(r), role }, { status: c.status, assignedTo: c.assignedTo?.id ?? null, parentId: c.parentNumber });
    const categories = may.recategorise ? await categoryChoices(db, c.category.id) : [];
    const similar = await similarForComplaint(db, c.id);
    return okJson({ c, canned: canned.length, staff: staff.length, categories: categories.length, similar: similar.complaints.length + similar.articles.length });
  },
  // app/konsol/(signed-in)/laporan/page.tsx
  '/konsol/laporan': async (r) => {
    const { filters } = parseReportParams(Object.fromEntries(r.url.searchParams));
    const [report, choices] = await Promise.all([buildReport(db, filters), reportChoices(db)]);
    return okJson({ report, choices });
  },
  // app/(public)/statistik/page.tsx
  '/statistik': async () => okJson(await getPublicStatistics(db)),
};

const SELECTS = /^\s*(select|with)\b/i;

/** EXPLAIN (ANALYZE, BUFFERS) of every read statement the path issues (writes are not re-run). */
async function explain(target: string, init: { fields: Record<string, string>; cookie: Record<string, string> }) {
  const url = new URL(target, 'http://floor.invalid');
  const handler = PATHS[url.pathname];
  if (!handler) return { status: 404, body: {} };
  const statements: Statement[] = [];
  await recording.run(statements, () => handler({ url, ...init }));
  const plans: { query: string; plan: string }[] = [];
  for (const s of statements) {
    if (!SELECTS.test(s.query)) continue;
    const rows = await sql.unsafe(`explain (analyze, buffers) ${s.query}`, s.params as never[]);
    plans.push({ query: s.query, plan: rows.map((r) => r['QUERY PLAN']).join('\n') });
  }
  return okJson({ statements: statements.length, plans });
}

function parseCookies(header: string | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i > 0) out[part.slice(0, i).trim()] = decodeURIComponent(part.slice(i + 1).trim());
  }
  return out;
}

const server = http.createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://floor.invalid');
      const fields = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const cookie = parseCookies(req.headers.cookie);
      let out: { status: number; body: unknown };
      try {
        if (url.pathname === '/__explain') out = await explain(url.searchParams.get('path') ?? '', { fields, cookie });
        else {
          const handler = PATHS[url.pathname];
          out = handler ? await handler({ url, fields, cookie }) : { status: 404, body: {} };
        }
      } catch (e) {
        out = { status: 500, body: { error: e instanceof Error ? e.message : String(e) } };
      }
      const body = JSON.stringify(out.body);
      res.writeHead(out.status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    })();
  });
});

const port = Number(process.argv[2]);
server.listen(port, '127.0.0.1', () => console.log(`floor listening on ${port}`));
const stop = () => server.close(() => void sql.end({ timeout: 2 }).then(() => process.exit(0)));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
