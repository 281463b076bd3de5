import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { sql as q } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lookupComplaints } from '@/lib/complaints/lookup';
import { countByStatus, listQueue } from '@/lib/console/queue/query';
import { seedBulk, type BulkFixtures } from '@/lib/db/bulk-seed';
import { runMigrations } from '@/lib/db/migrate';
import { prepareJobs } from '@/lib/jobs/boss';
import * as schema from '@/lib/db/schema';
import type { Db } from '@/lib/db';
import { seed } from '@/lib/db/seed';
import { getEnv } from '@/lib/env';
import { decryptPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { complaintDueTimes } from '@/lib/sla/clock';
import { loadClockContext } from '@/lib/sla/context';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { fillStoredDurations } from '@/lib/reports/fill-durations';
import { runEscalation } from '@/lib/sla/escalation';
import { runReminders } from '@/lib/sla/reminders';
import { calendarFingerprint, DURATIONS_MISSING, STORED_DURATIONS_KEY, storedDurationsFingerprint } from '@/lib/reports/stored-durations';
import { solvedAltcha } from '../support/captcha';

// npm run seed:bulk (lib/db/bulk-seed.ts) into a database of its own on the suite's server, so the
// complaints other files count are untouched; the database is dropped at the end. The app's own
// functions must read what it wrote: lookup by IC, the console queue and its search.

const N = 2000;
const name = `seed_bulk_${randomBytes(4).toString('hex')}`;
let admin: postgres.Sql;
let sql: postgres.Sql;
let db: Db;
let url: string;
let fixtures: BulkFixtures;
let dir: string;

beforeAll(async () => {
  const base = new URL(getEnv().DATABASE_URL);
  admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  base.pathname = `/${name}`;
  url = base.toString();
  await runMigrations(url);
  await prepareJobs(url, 1, { schedules: false });
  sql = postgres(url, { max: 4, onnotice: () => {} });
  db = drizzle(sql, { schema }) as unknown as Db;
  await seed(db, { email: 'admin@seed-bulk.test', password: 'seed-bulk-admin-password-1' });
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'seed-bulk-'));
  fixtures = await seedBulk({ databaseUrl: url, complaints: N, seed: 7, fixturesPath: path.join(dir, 'fixtures.json'), log: () => {} });
}, 120_000);

afterAll(async () => {
  await sql?.end({ timeout: 5 });
  await admin?.unsafe(`drop database if exists ${name} with (force)`);
  await admin?.end({ timeout: 5 });
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

describe('npm run seed:bulk', () => {
  it('writes N complaints, ~2.5 events each, the status mix, and a fixtures file that says so', async () => {
    const [c] = await sql`select count(*)::int as n from complaints`;
    const [e] = await sql`select count(*)::int as n from complaint_events`;
    expect(c.n).toBe(N);
    expect(e.n).toBe(fixtures.events);
    expect(e.n / N).toBeGreaterThan(2.2);
    expect(e.n / N).toBeLessThan(3);
    const byStatus = Object.fromEntries((await sql`select status, count(*)::int as n from complaints group by status`).map((r) => [r.status, r.n]));
    expect(byStatus).toEqual(Object.fromEntries(Object.entries(fixtures.statusCounts).filter(([, v]) => v > 0)));
    const open = (byStatus.baru ?? 0) + (byStatus.dalam_tindakan ?? 0) + (byStatus.menunggu_pengadu ?? 0);
    expect(open / N).toBeGreaterThan(0.13);
    expect(open / N).toBeLessThan(0.21);
    expect(byStatus.selesai / N).toBeGreaterThan(0.24);
    expect(byStatus.selesai / N).toBeLessThan(0.32);
    expect(byStatus.ditutup / N).toBeGreaterThan(0.5);
    expect(byStatus.ditutup / N).toBeLessThan(0.6);

    const onDisk = JSON.parse(fs.readFileSync(fixtures.path, 'utf8')) as BulkFixtures;
    expect(onDisk.complaints).toBe(N);
    expect(onDisk.officers).toHaveLength(40);
    expect(onDisk.known.length).toBeGreaterThan(10);
    expect(fs.statSync(fixtures.path).mode & 0o077).toBe(0);
    // Five years, 20+ PTJ, every category used.
    const [span] = await sql`select extract(epoch from max(created_at) - min(created_at)) / 86400 / 365 as years,
                                    count(distinct ptj_id)::int as ptj, count(distinct category_id)::int as categories from complaints`;
    expect(Number(span.years)).toBeGreaterThan(4.5);
    expect(span.ptj).toBeGreaterThanOrEqual(20);
    const [cats] = await sql`select count(*)::int as n from categories where active`;
    expect(span.categories).toBe(cats.n);
  });

  it('leaves every index and constraint as the migrations made them, and the rows as the app writes them', async () => {
    const shape = async (s: postgres.Sql) => ({
      indexes: (await s`select indexname, indexdef from pg_indexes where tablename in ('complaints', 'complaint_events') order by 1`).map((r) => `${r.indexname}: ${r.indexdef}`),
      constraints: (await s`select conname, pg_get_constraintdef(oid) as def from pg_constraint
                            where conrelid in ('complaints'::regclass, 'complaint_events'::regclass) or confrelid in ('complaints'::regclass, 'complaint_events'::regclass) order by 1`).map((r) => `${r.conname}: ${r.def}`),
    });
    expect(await shape(sql)).toEqual(await shape(admin));

    // Numbers in the app's format and unique; search vectors computed; times in order.
    const [bad] = await sql`select
        count(*) filter (where number !~ '^PKN[0-9]{15}$')::int as numbers,
        count(*) filter (where search_vector is null or not search_vector @@ to_tsquery('simple', split_part(title, ' ', 1)))::int as vectors,
        count(*) filter (where updated_at < created_at or closed_at < created_at or first_responded_at < created_at)::int as times,
        count(*) filter (where (status = 'ditutup') <> (closed_at is not null))::int as closed,
        count(*) filter (where resolution_due_at is null or first_response_due_at is null or resolution_warn_at > resolution_due_at)::int as due,
        count(*) filter (where status <> 'baru' and assigned_to is null)::int as unassigned
      from complaints`;
    expect(bad).toEqual({ numbers: 0, vectors: 0, times: 0, closed: 0, due: 0, unassigned: 0 });

    // Due times are the service clock's (lib/sla/clock.ts) for a sample.
    const ctx = await loadClockContext(db);
    const sample = await sql`select created_at, category_id, priority, first_response_due_at, resolution_warn_at, resolution_due_at from complaints order by md5(id::text) limit 40`;
    for (const r of sample) {
      const due = complaintDueTimes(ctx.cal, { createdAt: new Date(r.created_at) }, ctx.targets(r.category_id, r.priority), 0, ctx.nearlyPercent, ctx.appealResolutionDays);
      const ms = (v: unknown) => new Date(v as string).getTime();
      expect([ms(r.first_response_due_at), ms(r.resolution_warn_at), ms(r.resolution_due_at)]).toEqual([due.firstResponseDueAt.getTime(), due.resolutionWarnAt.getTime(), due.resolutionDueAt.getTime()]);
    }
  });

  it('stores each complaint\'s working minutes as the reports compute them, under today\'s calendar', async () => {
    const [missing] = await db.execute<{ n: number }>(q`select count(*)::int as n from complaints c where ${DURATIONS_MISSING}`);
    expect(missing.n).toBe(0);
    expect(await storedDurationsFingerprint(db)).toBe(calendarFingerprint(await loadWorkingCalendar(db)));
    // Forgetting the fingerprint makes the fill recompute every complaint in SQL; it writes only
    // figures that differ from those stored, so the seed's must all be right.
    await sql`delete from settings where key = ${STORED_DURATIONS_KEY}`;
    expect(await fillStoredDurations(db)).toBe(0);
    const [filled] = await sql`select count(*) filter (where first_response_minutes is not null)::int as first, count(*) filter (where resolution_minutes is not null)::int as resolved from complaints`;
    expect(filled.first).toBeGreaterThan(N / 3);
    expect(filled.resolved).toBeGreaterThan(N / 3);
  });

  it('leaves the service-level schedules nothing to send: past notices are recorded as sent', async () => {
    const at = new Date(fixtures.seededAt);
    const [notices] = await sql`select count(*)::int as n from sla_notices`;
    expect(notices.n).toBeGreaterThan(0);
    expect(await runEscalation(db, at)).toEqual({ nearly_late: 0, breached: 0, first_response_late: 0 });
    expect(await runReminders(db, at, await loadWorkingCalendar(db), 3, null)).toBe(0);
  });

  it('writes a history that ends in the complaint\'s status, with events shaped as EventData', async () => {
    const [mismatch] = await sql`
      select count(*)::int as n from complaints c
      join lateral (select to_status from complaint_events e where e.complaint_id = c.id and e.to_status is not null
                    order by e.created_at desc, e.id desc limit 1) last on true
      where last.to_status <> c.status`;
    expect(mismatch.n).toBe(0);
    const [submitted] = await sql`select count(*)::int as n from complaints c
      where (select count(*) from complaint_events e where e.complaint_id = c.id and e.type = 'submitted' and e.author_name = c.name and e.created_at = c.created_at) <> 1`;
    expect(submitted.n).toBe(0);
    const kinds = await sql`select type, data from complaint_events where data is not null`;
    expect(kinds.length).toBeGreaterThan(0);
    const officerIds = new Set(fixtures.officers.map((o) => o.id));
    for (const { type, data } of kinds) {
      const d = data as schema.EventData;
      if (d.kind === 'assigned') {
        expect(type).toBe('assignment');
        expect(officerIds.has(d.assigneeId)).toBe(true);
        expect(d.assigneeName).toBe(fixtures.officers.find((o) => o.id === d.assigneeId)?.name);
        expect(d.previousAssigneeId).toBeNull();
      } else {
        expect(d).toEqual({ kind: 'closed_automatically', reason: 'resolved', days: 14 });
        expect(type).toBe('closed');
      }
    }
  });

  it('is read by the app: lookup by IC decrypts and matches, the queue lists and searches it', async () => {
    const keys = piiKeys(getEnv().PII_KEY);
    const person = fixtures.knownIcs.find((k) => k.numbers.length > 1) ?? fixtures.knownIcs[0];
    const [row] = await sql`select ic_encrypted, name from complaints where number = ${person.numbers[0]}`;
    expect(decryptPii(row.ic_encrypted, keys.enc)).toBe(person.ic);
    expect(row.name).toBe(person.name);

    const found = await lookupComplaints(db, { query: person.ic, captchaToken: await solvedAltcha(), ip: '10.141.0.1' });
    if (!found.ok || found.mode !== 'list') throw new Error(`lookup: ${JSON.stringify(found)}`);
    expect(found.items.map((i) => i.number).sort()).toEqual([...person.numbers].sort());

    const viewer = { userId: fixtures.officers[0].id };
    const page = await listQueue(db, viewer, {});
    expect(page.rows).toHaveLength(25);
    const [newest] = await sql`select number from complaints order by created_at desc, id desc limit 1`;
    expect(page.rows[0].number).toBe(newest.number);
    const counts = await countByStatus(db, viewer, {});
    expect(counts).toEqual(fixtures.statusCounts);

    const known = fixtures.known[0];
    const byNumber = await listQueue(db, viewer, { q: known.number });
    expect(byNumber.rows.map((r) => r.number)).toEqual([known.number]);

    // The queue's search counts stop at a cap (lib/console/queue), so the share is counted on the
    // search's own full-text column, and the capped count must show the cap reached for every status.
    const [{ n: common }] = await sql`select count(*)::int as n from complaints where search_vector @@ websearch_to_tsquery('simple', ${fixtures.commonWord}::text)`;
    expect(common / N).toBeGreaterThan(0.2);
    expect(common / N).toBeLessThan(0.32);
    expect(Math.abs(common - fixtures.commonWordComplaints)).toBeLessThan(N * 0.03);
    const sum = (c: Record<string, number>) => Object.values(c).reduce((a, b) => a + b, 0);
    expect(sum(await countByStatus(db, viewer, { q: fixtures.commonWord }))).toBeGreaterThan(0);
    const rare = sum(await countByStatus(db, viewer, { q: fixtures.rareWord }));
    expect(rare).toBeGreaterThanOrEqual(fixtures.rareWordComplaints);
    expect(rare).toBeLessThan(fixtures.rareWordComplaints + 5);
    // The COPY kept the title vocabulary (statement-level trigger): a misspelt rare title word is found.
    const [{ n: vocab }] = await sql`select count(*)::int as n from title_words where word = ${fixtures.rareWord}::text`;
    expect(vocab).toBe(1);
    const misspelt = `${fixtures.rareWord.slice(0, -1)}${fixtures.rareWord.endsWith('n') ? 'm' : 'n'}`;
    expect(sum(await countByStatus(db, viewer, { q: misspelt }))).toBeGreaterThan(0);
  });

  it('refuses a database that already holds complaints unless forced, and then replaces them', async () => {
    await expect(seedBulk({ databaseUrl: url, complaints: 50, log: () => {} })).rejects.toThrow(/already holds complaints/);
    const again = await seedBulk({ databaseUrl: url, complaints: 300, seed: 8, force: true, fixturesPath: path.join(dir, 'again.json'), log: () => {} });
    const [c] = await sql`select count(*)::int as n from complaints`;
    expect(c.n).toBe(300);
    expect(again.officers.map((o) => o.id)).toEqual(fixtures.officers.map((o) => o.id));
    const [marker] = await sql`select value from settings where key = 'bench_seed'`;
    expect(marker.value).toMatchObject({ complaints: 300, seed: 8 });
  });
});
