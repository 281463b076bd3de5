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
    const sql = postgres(getEnv().DATABASE_URL, { max: 10, onnotice: () => {} });
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
