import { randomInt } from 'node:crypto';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { STATUSES } from '@/lib/complaints/status';
import { COUNT_CAP, countByStatus, countCap, listQueue, SEARCH_COUNT_CAP } from '@/lib/console/queue/query';
import { closeDb, getConsoleDb, getDb } from '@/lib/db';
import type { ComplaintStatus } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { toErrorResponse } from '@/lib/http/errors';
import { insertComplaintSeries } from '../support/queue-fixture';
import { createStaffUser } from '@/lib/staff/users';

// The queue at scale (#14): the per-status counts table stays exact under concurrent status moves
// and rollbacks; filtered and search counts stop at their cap; a console statement past the
// console's own deadline gets the app's 503 while the public pool answers. Rows made here carry
// this run's id and a tag of its own; they are left closed so other files' open counts do not see them.
// (The console pool's deadline is 400 ms in this file, so the search tests read on the public pool.)

vi.hoisted(() => {
  process.env.DB_CONSOLE_STATEMENT_TIMEOUT_MS = '400';
  process.env.DB_CONSOLE_POOL_SIZE = '2';
});

const runId = String(randomInt(0, 1_000_000)).padStart(6, '0');
const prefix = 'QS';
const tag = `skala-${runId}`;
const word = `zqskala${runId}`;
let viewer: { userId: string };

/** The counts table and a count of the table, read in one snapshot. */
async function bothCounts() {
  const client = postgres(getEnv().DATABASE_URL, { max: 1, onnotice: () => {} });
  try {
    return await client.begin('isolation level repeatable read', async (tx) => {
      const table = await tx<{ status: ComplaintStatus; n: string }[]>`select status, sum(n)::text as n from complaint_status_counts group by status`;
      const real = await tx<{ status: ComplaintStatus; n: string }[]>`select status, count(*)::text as n from complaints group by status`;
      const record = (rows: { status: ComplaintStatus; n: string }[]) =>
        Object.fromEntries(STATUSES.map((s) => [s, Number(rows.find((r) => r.status === s)?.n ?? 0)]));
      return { table: record(table), real: record(real) };
    });
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  const make = (letter: string) =>
    createStaffUser(getDb(), { name: `Pegawai Skala ${letter} ${runId}`, email: `skala-${letter}-${runId}@queue.test`, role: 'pegawai', password: 'kata-laluan-ujian-1' });
  const [a, b] = await Promise.all([make('a'), make('b')]);
  viewer = { userId: a.id };
  await insertComplaintSeries(getDb(), { n: 150, prefix, runId, officers: [a, b], tag });
}, 60_000);

afterAll(async () => {
  await getDb().execute(sql`update complaints set status = 'ditutup', closed_at = coalesce(closed_at, now()) where number like ${`${prefix}${runId}%`}`);
  await closeDb();
});

describe('status counts table', () => {
  it('stays exact under concurrent status moves, multi-row updates and rollbacks', async () => {
    const ours = await getDb().execute<{ id: string; status: ComplaintStatus }>(
      sql`select id, status from complaints where number like ${`${prefix}${runId}%`} order by number limit 60`,
    );
    const before = await bothCounts();
    expect(before.table).toEqual(before.real);
    // 60 moves at once on 10 connections, every one its own transaction; every fifth rolls back.
    const movers = postgres(getEnv().DATABASE_URL, { max: 10, onnotice: () => {} });
    try {
      await Promise.all(
        ours.map((r, i) =>
          movers
            .begin(async (tx) => {
              const to = STATUSES[(STATUSES.indexOf(r.status) + 1 + (i % 3)) % STATUSES.length];
              await tx`update complaints set status = ${to}::complaint_status where id = ${r.id}::uuid`;
              if (i % 5 === 0) throw new Error('rolled back on purpose');
            })
            .catch((e: Error) => expect(e.message).toBe('rolled back on purpose')),
        ),
      );
      // One statement moving many rows, and one that changes no status.
      await movers`update complaints set status = 'dalam_tindakan' where number like ${`${prefix}${runId}%`} and status = 'baru'`;
      await movers`update complaints set updated_at = updated_at where number like ${`${prefix}${runId}%`}`;
    } finally {
      await movers.end();
    }
    const after = await bothCounts();
    expect(after.table).toEqual(after.real);
    expect(after.real).not.toEqual(before.real);
    // The unfiltered console counts read the table: the same numbers.
    expect(await countByStatus(getConsoleDb(), viewer, {})).toEqual(after.table);
  });
});

describe('capped counts', () => {
  it('counts a search exactly up to its cap and says "more" beyond it; other filters likewise', async () => {
    await getDb().execute(
      sql`update complaints set title = ${`Ralat ${word} semasa simpan`}, status = 'selesai' where number like ${`${prefix}${runId}%`}`,
    );
    expect(countCap({ q: word })).toBe(SEARCH_COUNT_CAP);
    expect(countCap({})).toBe(COUNT_CAP);
    const search = await countByStatus(getDb(), viewer, { q: word });
    expect(search).toEqual({ baru: 0, dalam_tindakan: 0, menunggu_pengadu: 0, selesai: SEARCH_COUNT_CAP + 1, ditutup: 0 });
    // Filters without a search: exact up to 1000.
    expect(await countByStatus(getDb(), viewer, { tag })).toEqual({ baru: 0, dalam_tindakan: 0, menunggu_pengadu: 0, selesai: 150, ditutup: 0 });
    // Every match is still listed, page by page, best match first within the window.
    const seen = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await listQueue(getDb(), viewer, { q: word }, { cursor, limit: 100 });
      for (const r of page.rows) seen.add(r.number);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen.size).toBe(150);
    // In another order, pages are exact however many match: the newest first, no row twice.
    const newest = await listQueue(getDb(), viewer, { q: word, sort: 'newest' }, { limit: 100 });
    const next = await listQueue(getDb(), viewer, { q: word, sort: 'newest' }, { limit: 100, cursor: newest.nextCursor! });
    const times = [...newest.rows, ...next.rows].map((r) => r.createdAt.getTime());
    expect(times).toEqual([...times].sort((a, b) => b - a));
    expect(new Set([...newest.rows, ...next.rows].map((r) => r.id)).size).toBe(150);
  });
});

describe('two pools', () => {
  it('a console statement past its deadline gets the 503 while the public pool answers at once', async () => {
    // Both console connections busy past the console deadline (400 ms here)…
    const slow = [1, 2].map(() =>
      getConsoleDb()
        .execute(sql`select pg_sleep(5)`)
        .then(() => null, (e: unknown) => e),
    );
    // …and a complainant's query on the public pool answers meanwhile.
    const [row] = await getDb().execute<{ ok: number }>(sql`select 1 as ok`);
    expect(row.ok).toBe(1);
    for (const e of await Promise.all(slow)) {
      expect((e as { cause?: { code?: string } }).cause?.code).toBe('57014');
      expect(toErrorResponse(e, 'ms').status).toBe(503);
    }
    const [settings] = await getConsoleDb().execute<{ timeout: string; app: string }>(
      sql`select current_setting('statement_timeout') as timeout, current_setting('application_name') as app`,
    );
    expect(settings).toEqual({ timeout: '400ms', app: 'helpdesk-console' });
    const [pub] = await getDb().execute<{ app: string }>(sql`select current_setting('application_name') as app`);
    expect(pub.app).toBe('helpdesk');
  });
});
