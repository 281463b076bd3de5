import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { getEnv } from '@/lib/env';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

// Two pools per process (docs/ARCHITECTURE.md § Conventions, "Which pool"):
//   getDb()        the public pool: complainants' pages and actions, the API, the outbox worker,
//                  everything that is not the console (DB_POOL_SIZE, DB_STATEMENT_TIMEOUT_MS);
//   getConsoleDb() the console's pool: every page, action and route under app/konsol and
//                  app/api/konsol (DB_CONSOLE_POOL_SIZE, DB_CONSOLE_STATEMENT_TIMEOUT_MS).
// Ten officers searching at once wait for the console's connections, never for a complainant's.
// Cached on globalThis so dev-mode reloads do not leak connections.
type Pool = { db: Db; sql: postgres.Sql };
const g = globalThis as unknown as { __db?: Pool; __consoleDb?: Pool };

export function getDb(): Db {
  return (g.__db ??= pool('public')).db;
}

/** The console's own pool: only for code under app/konsol and app/api/konsol (a unit test checks). */
export function getConsoleDb(): Db {
  return (g.__consoleDb ??= pool('console')).db;
}

function pool(kind: 'public' | 'console'): Pool {
  const env = getEnv();
  const timeout = kind === 'public' ? env.DB_STATEMENT_TIMEOUT_MS : env.DB_CONSOLE_STATEMENT_TIMEOUT_MS;
  // No statement without a deadline (docs/SECURITY.md): past it PostgreSQL cancels the statement
  // (SQLSTATE 57014), the transaction rolls back and the person gets a 503 (lib/http/errors.ts).
  const sql = postgres(env.DATABASE_URL, {
    max: kind === 'public' ? env.DB_POOL_SIZE : env.DB_CONSOLE_POOL_SIZE,
    onnotice: () => {},
    connect_timeout: Math.max(1, Math.ceil(timeout / 1000)),
    connection: { statement_timeout: timeout, application_name: kind === 'public' ? 'helpdesk' : 'helpdesk-console' },
  });
  return { sql, db: drizzle(sql, { schema }) };
}

export async function closeDb(): Promise<void> {
  const pools = [g.__db, g.__consoleDb];
  g.__db = undefined;
  g.__consoleDb = undefined;
  await Promise.all(pools.map((p) => p?.sql.end({ timeout: 5 })));
}
