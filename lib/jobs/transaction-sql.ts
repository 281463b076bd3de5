import type { Tx } from '@/lib/db';

// pg-boss inserts a job through any object with `executeSql(text, values)`. To make the job part of
// the caller's transaction, that object must run SQL on the transaction's own connection, which
// drizzle does not expose publicly: its postgres.js session keeps the transaction client as
// `session.client`. This adapter is the one place that knows it (tests/integration/transaction-sql.test.ts
// proves a rolled-back transaction leaves no job), and it fails loudly if a drizzle upgrade moves it.

type Unsafe = (query: string, values: unknown[]) => Promise<unknown[]>;

export type SqlExecutor = { executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> };

export function transactionSql(tx: Tx): SqlExecutor {
  const client = (tx as unknown as { session?: { client?: { unsafe?: Unsafe } } }).session?.client;
  if (typeof client?.unsafe !== 'function') {
    throw new Error('drizzle transaction has no postgres.js client at session.client: check lib/jobs/transaction-sql.ts after a drizzle upgrade');
  }
  const unsafe = client.unsafe.bind(client);
  return {
    // pg-boss passes job data as objects (JSON columns) and leaves optional values undefined.
    executeSql: async (text, values) => ({ rows: await unsafe(text, values.map(toParameter)) }),
  };
}

function toParameter(v: unknown): unknown {
  if (v === undefined) return null;
  if (v !== null && typeof v === 'object' && !(v instanceof Date)) return JSON.stringify(v);
  return v;
}
