import fs from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { localMailboxDir } from '@/lib/mail/transport';
import { storageReachable } from '@/lib/storage';

export type Health = { ok: boolean; database: boolean; storage: boolean; mail: { ok: boolean; mode: 'resend' | 'mailbox' } };

const withTimeout = <T>(p: Promise<T>, ms: number, fallback: T) =>
  Promise.race([p, new Promise<T>((r) => setTimeout(() => r(fallback), ms))]).catch(() => fallback);

export async function checkHealth(): Promise<Health> {
  const mailboxDir = localMailboxDir();
  const [database, storage, mailOk] = await Promise.all([
    withTimeout(getDb().execute(sql`select 1`).then(() => true), 3000, false),
    withTimeout(storageReachable(), 3000, false),
    !mailboxDir
      ? Promise.resolve(true) // Resend is set up; delivery problems show up as retried jobs
      : withTimeout(
          fs
            .mkdir(mailboxDir, { recursive: true })
            .then(() => fs.access(mailboxDir, fs.constants.W_OK))
            .then(() => true),
          3000,
          false,
        ),
  ]);
  const mail = { ok: mailOk, mode: mailboxDir ? ('mailbox' as const) : ('resend' as const) };
  return { ok: database && storage && mail.ok, database, storage, mail };
}
