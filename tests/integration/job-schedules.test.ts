import { randomBytes } from 'node:crypto';
import PgBoss from 'pg-boss';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getEnv } from '@/lib/env';
import { prepareJobs } from '@/lib/jobs/boss';

// The schedules on their own database (a real-time schedule must not act on other files' data).
// pg-boss's cron can send one period's run twice at a minute's edge (its due check uses the
// instance clock, its dedupe the database clock); each schedule's own slot must absorb the second.

const name = `job_schedules_${randomBytes(4).toString('hex')}`;
let admin: postgres.Sql;
let sql: postgres.Sql;
let boss: PgBoss;

beforeAll(async () => {
  const base = new URL(getEnv().DATABASE_URL);
  admin = postgres(base.toString(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database ${name}`);
  base.pathname = `/${name}`;
  await prepareJobs(base.toString(), 1, { schedules: true });
  sql = postgres(base.toString(), { max: 2, onnotice: () => {} });
  boss = new PgBoss({ connectionString: base.toString(), max: 1, supervise: false, schedule: false });
  boss.on('error', () => {});
  await boss.start();
}, 60_000);

afterAll(async () => {
  await boss?.stop({ graceful: false, wait: true });
  await sql?.end({ timeout: 5 });
  await admin?.unsafe(`drop database if exists ${name} with (force)`);
  await admin?.end({ timeout: 5 });
});

describe('scheduled runs', () => {
  it('make one job a period even when the cron sends the same run twice', async () => {
    const schedules = await sql<{ name: string; data: object | null; options: Record<string, unknown> }[]>`
      select name, data, options from pgboss.schedule order by name`;
    expect(schedules.map((s) => s.name)).toEqual(
      ['privacy-retention', 'report-monthly-pack', 'sla-daily-summary', 'sla-tick', 'storage-sweep'].sort(),
    );
    // What pg-boss's send-it worker inserts for a due schedule, twice (two checks 30 s apart).
    for (let i = 0; i < 2; i++) {
      await boss.insert(schedules.map((s) => ({ name: s.name, data: s.data ?? {}, ...s.options })));
    }
    const perQueue = await sql<{ name: string; n: number }[]>`
      select name, count(*)::int as n from pgboss.job where name = any(${schedules.map((s) => s.name)}) group by name order by name`;
    expect(perQueue).toEqual(schedules.map((s) => ({ name: s.name, n: 1 })));
  });
});
