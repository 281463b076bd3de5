import fs from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { storageReachable } from '@/lib/storage';

export type Health = { ok: boolean; database: boolean; storage: boolean; mail: { ok: boolean; mode: 'resend' | 'mailbox' } };

const withTimeout = <T>(p: Promise<T>, ms: number, fallback: T) =>
  Promise.race([p, new Promise<T>((r) => setTimeout(() => r(fallback), ms))]).catch(() => fallback);

export async function checkHealth(): Promise<Health> {
  const env = getEnv();
  const [database, storage, mailOk] = await Promise.all([
    withTimeout(getDb().execute(sql`select 1`).then(() => true), 3000, false),
    withTimeout(storageReachable(), 3000, false),
    env.RESEND_API_KEY
      ? Promise.resolve(true) // the key is set; delivery problems show up as retried jobs
      : withTimeout(
          fs
            .mkdir(path.join(env.DATA_DIR, 'mail'), { recursive: true })
            .then(() => fs.access(path.join(env.DATA_DIR, 'mail'), fs.constants.W_OK))
            .then(() => true),
          3000,
          false,
        ),
  ]);
  const mail = { ok: mailOk, mode: env.RESEND_API_KEY ? ('resend' as const) : ('mailbox' as const) };
  return { ok: database && storage && mail.ok, database, storage, mail };
}
