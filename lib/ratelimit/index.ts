import { eq, like } from 'drizzle-orm';
import { RateLimiterDrizzle, RateLimiterRes } from 'rate-limiter-flexible';
import type { Db } from '@/lib/db';
import { rateLimits } from '@/lib/db/schema';

// Rate limits and lockouts kept in Postgres, so they hold across restarts and app instances.
// A limit on a client address keys it with addressKey (./address.ts: an IPv6 client by its /64);
// the public endpoints' limits are in ./public.ts.

// Limiters hold their database client, so they are cached per client (a reconnect gets new ones).
const limiters = new WeakMap<Db, Map<string, RateLimiterDrizzle>>();

function limiter(db: Db, name: string, points: number, durationSeconds: number): RateLimiterDrizzle {
  const id = `${name}:${points}:${durationSeconds}`;
  let forDb = limiters.get(db);
  if (!forDb) limiters.set(db, (forDb = new Map()));
  let l = forDb.get(id);
  if (!l) {
    l = new RateLimiterDrizzle({ storeClient: db, schema: rateLimits, keyPrefix: name, points, duration: durationSeconds });
    forDb.set(id, l);
  }
  return l;
}

/**
 * Consumes one point; returns the seconds to wait when the limit is reached, and whether this is
 * the window's first refusal (a caller that records refusals records that one only, so a limited
 * client cannot fill the audit log).
 */
export async function consume(
  db: Db,
  name: string,
  key: string,
  points: number,
  durationSeconds: number,
): Promise<{ ok: true } | { ok: false; retryAfterSeconds: number; firstRefusal: boolean }> {
  try {
    await limiter(db, name, points, durationSeconds).consume(key);
    return { ok: true };
  } catch (e) {
    if (e instanceof RateLimiterRes) {
      return { ok: false, retryAfterSeconds: Math.ceil(e.msBeforeNext / 1000), firstRefusal: e.consumedPoints === points + 1 };
    }
    throw e;
  }
}

/** Records one failure (e.g. a wrong name) towards a lockout. */
export async function penalise(db: Db, name: string, key: string, points: number, durationSeconds: number): Promise<void> {
  await consume(db, name, key, points, durationSeconds);
}

/** True while `points` failures within the window have been recorded for this key. */
export async function isBlocked(db: Db, name: string, key: string, points: number): Promise<boolean> {
  // The store is shared by name, so any limiter with this prefix reads the same row.
  const res = await limiter(db, name, points, 1).get(key);
  return res !== null && res.consumedPoints >= points;
}

/** Forgets a key's count (e.g. a lockout after a success, or an admin's "unlock"); `prefix` forgets every key that starts so. */
export async function resetLimit(db: Db, name: string, key: string, { prefix = false } = {}): Promise<void> {
  const full = `${name}:${key}`;
  await db.delete(rateLimits).where(prefix ? like(rateLimits.key, `${full.replace(/[\\%_]/g, '\\$&')}%`) : eq(rateLimits.key, full));
}
