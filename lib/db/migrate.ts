import path from 'node:path';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';
import journal from '@/drizzle/meta/_journal.json';

// Migrations run once even when several instances start together: `npm run db:migrate` (and
// `npm start`) hold a Postgres advisory lock while they migrate, so a second runner waits and then
// finds nothing left to do. A web instance serves only a schema at least as new as its code
// (`schemaStatus`, checked at start and by /api/ready).

/** The advisory lock key every migration runner takes (any constant; "helpdesk" in ASCII). */
export const MIGRATION_LOCK_KEY = 0x68656c70646b;

/** The newest migration this code was built with (drizzle/meta/_journal.json). */
export function latestMigration(): { tag: string; when: number } {
  const last = journal.entries[journal.entries.length - 1]!;
  return { tag: last.tag, when: last.when };
}

/**
 * Runs `fn` while holding the migration lock on its own connection; other runners wait for it.
 * The lock goes with the connection, so a runner that dies mid-way frees it.
 */
export async function withMigrationLock<T>(databaseUrl: string, fn: () => Promise<T>): Promise<T> {
  const lock = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await lock`select pg_advisory_lock(${MIGRATION_LOCK_KEY})`;
    try {
      return await fn();
    } finally {
      await lock`select pg_advisory_unlock(${MIGRATION_LOCK_KEY})`.catch(() => {});
    }
  } finally {
    await lock.end({ timeout: 5 });
  }
}

/** Applies the committed drizzle-kit migrations in ./drizzle, under the migration lock; safe to run on every start. */
export async function runMigrations(databaseUrl: string): Promise<void> {
  await withMigrationLock(databaseUrl, () => applyMigrations(databaseUrl));
}

/** The migrations alone, for a caller that already holds the migration lock (lib/runtime/prepare.ts). */
export async function applyMigrations(databaseUrl: string): Promise<void> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    await migrate(drizzle(sql), { migrationsFolder: path.join(process.cwd(), 'drizzle') });
  } finally {
    await sql.end({ timeout: 5 });
  }
}

export type SchemaStatus =
  | { ok: true; latest: string }
  /** The database lacks this code's newest migration (or was never migrated). */
  | { ok: false; latest: string; reason: 'behind' | 'not_migrated' };

/**
 * Whether the database holds this code's newest migration: drizzle records each applied migration
 * with its journal time (`created_at`), and applies a migration only when it is newer than the
 * last recorded one, so "applied" is `max(created_at) >= the journal's last `when``.
 */
export async function schemaStatus(sql: postgres.Sql): Promise<SchemaStatus> {
  const latest = latestMigration();
  const [table] = await sql`select to_regclass('drizzle.__drizzle_migrations') as t`;
  if (!table?.t) return { ok: false, latest: latest.tag, reason: 'not_migrated' };
  const [row] = await sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`;
  const applied = row?.at ? Number(row.at) : 0;
  return applied >= latest.when ? { ok: true, latest: latest.tag } : { ok: false, latest: latest.tag, reason: applied ? 'behind' : 'not_migrated' };
}

/** The same check on its own short connection (scripts). */
export async function checkSchema(databaseUrl: string): Promise<SchemaStatus> {
  const sql = postgres(databaseUrl, { max: 1, onnotice: () => {} });
  try {
    return await schemaStatus(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}
