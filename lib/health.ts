import fs from 'node:fs/promises';
import { sql } from 'drizzle-orm';
import { getDb } from '@/lib/db';
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
