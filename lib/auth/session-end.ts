import { lt, sql } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { endedSessions } from '@/lib/db/schema';
import { SESSION_MAX_AGE_SECONDS } from './config';

// Ending one session on the server ("Log Keluar"). A session token is a signed JWT the server does
// not store, so clearing the cookie alone leaves a copied token valid until it expires. Each token
// carries a random session id (`sid`, lib/auth/config.ts); signing out records that id here, and
// getStaffSession (lib/auth/session.ts) refuses a recorded id in the same query that reads the
// account (a primary-key lookup). Other sessions of the officer are untouched; "sign out
// everywhere" moves session_version instead (lib/auth/session-version.ts).

/**
 * Records the session as ended until no token with its id can still be valid: a token lives at
 * most SESSION_MAX_AGE_SECONDS from its last refresh, so the row is kept that long from now. Rows
 * past that are swept here (an indexed range delete, usually of nothing).
 */
export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db
    .insert(endedSessions)
    .values({ sessionId, expiresAt: sql`now() + make_interval(secs => ${SESSION_MAX_AGE_SECONDS})` })
    .onConflictDoNothing();
  await db.delete(endedSessions).where(lt(endedSessions.expiresAt, sql`now()`));
}

/** For the session check's query: whether this session id was signed out. */
export const sessionEndedSql = (sessionId: string) =>
  sql<boolean>`exists (select 1 from ${endedSessions} where ${endedSessions.sessionId} = ${sessionId})`;
