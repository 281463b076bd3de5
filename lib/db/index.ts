import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { getEnv } from '@/lib/env';
import * as schema from './schema';

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

// One client per process; cached on globalThis so dev-mode reloads do not leak connections.
const g = globalThis as unknown as { __db?: { db: Db; sql: postgres.Sql } };

export function getDb(): Db {
  return connection().db;
}

function connection() {
  if (!g.__db) {
    const env = getEnv();
    // No statement without a deadline (docs/SECURITY.md): past it PostgreSQL cancels the statement
    // (SQLSTATE 57014), the transaction rolls back and the person gets a 503 (lib/http/errors.ts).
    const sql = postgres(env.DATABASE_URL, {
      max: 10,
      onnotice: () => {},
      connect_timeout: Math.max(1, Math.ceil(env.DB_STATEMENT_TIMEOUT_MS / 1000)),
      connection: { statement_timeout: env.DB_STATEMENT_TIMEOUT_MS },
    });
    g.__db = { sql, db: drizzle(sql, { schema }) };
  }
  return g.__db;
}

export async function closeDb(): Promise<void> {
  if (g.__db) {
    await g.__db.sql.end({ timeout: 5 });
    g.__db = undefined;
  }
}
