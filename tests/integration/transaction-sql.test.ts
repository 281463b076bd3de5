import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { enqueueEmail } from '@/lib/jobs/boss';
import { transactionSql } from '@/lib/jobs/transaction-sql';

// The outbox adapter: pg-boss's job insert runs on the caller's drizzle transaction, so a job
// exists exactly when the transaction that caused it commits.

const jobsFor = async (tokenId: string) =>
  Number(
    (
      await getDb().execute<{ n: string }>(
        sql`select count(*) as n from pgboss.job where name = 'email' and data->>'kind' = 'lookup-link' and data->>'tokenId' = ${tokenId}`,
      )
    )[0].n,
  );

// A job the worker would drop at once (no such complaint), so no email leaves this file.
const job = (tokenId: string) => ({ kind: 'lookup-link' as const, tokenId, sealedToken: 'x', complaintId: '00000000-0000-0000-0000-000000000000', count: 1 });

describe('transactionSql', () => {
  it('runs on the transaction: it sees the transaction’s own uncommitted rows', async () => {
    await getDb()
      .transaction(async (tx) => {
        await tx.execute(sql`create temporary table t_probe (v text) on commit drop`);
        await tx.execute(sql`insert into t_probe values ('seen')`);
        const { rows } = await transactionSql(tx).executeSql('select v, $1::jsonb as j from t_probe', [{ a: 1 }]);
        expect(rows).toEqual([{ v: 'seen', j: { a: 1 } }]);
      });
  });

  it('a job enqueued in a transaction that rolls back does not exist; one that commits does', async () => {
    const rolledBack = crypto.randomUUID();
    await expect(
      getDb().transaction(async (tx) => {
        await enqueueEmail(tx, job(rolledBack));
        expect(await transactionSql(tx).executeSql(`select count(*)::int as n from pgboss.job where data->>'tokenId' = $1`, [rolledBack])).toEqual({ rows: [{ n: 1 }] });
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await jobsFor(rolledBack)).toBe(0);

    const committed = crypto.randomUUID();
    await getDb().transaction(async (tx) => {
      await enqueueEmail(tx, job(committed));
    });
    expect(await jobsFor(committed)).toBe(1);
  });

  it('refuses, with a clear message, a transaction object without the client it relies on', () => {
    expect(() => transactionSql({} as never)).toThrow(/session\.client/);
  });
});
