import fs from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db';
import { latestMigration } from '@/lib/db/migrate';
import { getEnv, type Env } from '@/lib/env';
import { localMailboxDir } from '@/lib/mail/transport';
import { whatsAppConfig } from '@/lib/notify/whatsapp';
import { storageReachable } from '@/lib/storage';

export type Health = {
  ok: boolean;
  database: boolean;
  storage: boolean;
  mail: { ok: boolean; mode: 'resend' | 'mailbox' };
  whatsapp: WhatsAppHealth;
};

/**
 * Whether WhatsApp notices are switched on (token and phone number id set). Only a yes or no:
 * never the token or the number id. Optional, so it never makes the service unhealthy.
 */
export type WhatsAppHealth = { configured: boolean };

export function whatsAppHealth(env: Env = getEnv()): WhatsAppHealth {
  return { configured: whatsAppConfig(env) !== null };
}

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
  return { ok: database && storage && mail.ok, database, storage, mail, whatsapp: whatsAppHealth() };
}

/**
 * Readiness (GET /api/ready), for a load balancer deciding whether to send this instance traffic:
 * the database answers, storage answers, and the database holds this code's newest migration
 * (lib/db/migrate.ts). A schema older than the code is never served: 503 until `npm run db:migrate`.
 */
export type Ready = { ok: boolean; database: boolean; storage: boolean; migrations: { ok: boolean; latest: string } };

export async function checkReady(): Promise<Ready> {
  const latest = latestMigration();
  const [database, storage, applied] = await Promise.all([
    withTimeout(getDb().execute(sql`select 1`).then(() => true), 3000, false),
    withTimeout(storageReachable(), 3000, false),
    withTimeout(
      getDb()
        .execute<{ at: string | null }>(sql`select max(created_at)::text as at from drizzle.__drizzle_migrations`)
        .then((rows) => Number(rows[0]?.at ?? 0)),
      3000,
      0,
    ),
  ]);
  const migrations = { ok: applied >= latest.when, latest: latest.tag };
  return { ok: database && storage && migrations.ok, database, storage, migrations };
}
