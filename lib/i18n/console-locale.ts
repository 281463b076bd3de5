import 'server-only';
import { eq } from 'drizzle-orm';
import { headers } from 'next/headers';
import { cache } from 'react';
import { getStaffSession } from '@/lib/auth/session';
import { getDb, type Db } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { toLocale, type Locale } from './config';

// The console speaks the signed-in officer's language (users.locale), not the browser's cookie:
// the choice belongs to the account, so it follows the officer from PC to PC and through signing
// out and in, and a shared PC's public-site language does not leak into the console.

const isConsolePath = (path: string) => path === '/konsol' || path.startsWith('/konsol/');

/** The officer's language on a console page or action; null elsewhere or when nobody is signed in. */
export const consoleLocale = cache(async (): Promise<Locale | null> => {
  // x-pathname is set by proxy.ts on every page request and server action (never trusted from clients).
  if (!isConsolePath((await headers()).get('x-pathname') ?? '')) return null;
  const session = await getStaffSession();
  if (!session) return null;
  return staffLocale(session.userId);
});

export async function staffLocale(userId: string): Promise<Locale> {
  const [row] = await getDb().select({ locale: users.locale }).from(users).where(eq(users.id, userId));
  return toLocale(row?.locale);
}

/** Keeps the officer's console language with their account. */
export async function saveStaffLocale(db: Db, userId: string, locale: Locale): Promise<void> {
  await db.update(users).set({ locale }).where(eq(users.id, userId));
}
