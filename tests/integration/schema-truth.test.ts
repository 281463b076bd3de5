import { is, sql } from 'drizzle-orm';
import { getTableConfig, PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import * as schema from '@/lib/db/schema';

// lib/db/schema.ts is the truth: every table, column and index the migrations leave in the
// database is declared there, and nothing declared is missing (generated columns and GIN indexes
// included), so drizzle-kit never generates a migration that fights hand-written SQL.

const tables: PgTable[] = Object.values(schema as Record<string, unknown>).filter((v): v is PgTable => is(v, PgTable));

describe('the schema file and the migrated database agree', () => {
  it('on tables and columns', async () => {
    const rows = await getDb().execute<{ table_name: string; column_name: string }>(
      sql`select table_name, column_name from information_schema.columns where table_schema = 'public'`,
    );
    const inDb = rows.map((r) => `${r.table_name}.${r.column_name}`).sort();
    const declared = tables.flatMap((t) => getTableConfig(t).columns.map((c) => `${getTableConfig(t).name}.${c.name}`)).sort();
    // drizzle's own bookkeeping lives in its own schema, not in public.
    expect(inDb).toEqual(declared);
  });

  it('on indexes (besides those behind primary keys and unique constraints)', async () => {
    const rows = await getDb().execute<{ indexname: string }>(
      sql`select i.indexname from pg_indexes i
          where i.schemaname = 'public'
            and not exists (select 1 from pg_constraint c where c.conname = i.indexname)`,
    );
    const inDb = rows.map((r) => r.indexname).sort();
    const declared = tables.flatMap((t) => getTableConfig(t).indexes.map((i) => i.config.name!)).sort();
    expect(inDb).toEqual(declared);
  });
});
