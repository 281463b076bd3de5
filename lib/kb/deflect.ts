import 'server-only';
import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { kbArticles, kbDeflections } from '@/lib/db/schema';
import { appUrl } from '@/lib/env';
import { addressKey } from '@/lib/ratelimit/address';
import { limits, spend, type Limit, type RateLimitedRefusal } from '@/lib/ratelimit/public';

// "Ini menyelesaikan masalah saya": a complaint avoided, one row in kb_deflections, counted once
// per article per browser. The browser keeps the ids it has counted in a cookie (not secret: a
// person who clears it can count again, which the per-address limit bounds). Suggestions while
// typing have their own, higher per-address limit: an office behind one address types a lot.

export const DEFLECTION_SOURCES = ['faq', 'form'] as const;
export type DeflectionSource = (typeof DEFLECTION_SOURCES)[number];

export const KB_COOKIE = 'kb_terbantu';
const COOKIE_MAX_IDS = 50;
const HOUR = 3600;

/** The knowledge base's public limits, per address and hour (not settings: sized for an office). */
export const KB_LIMITS = {
  deflectionsPerAddress: 60,
  suggestionsPerAddress: 1200,
} as const;

export const kbLimits = {
  deflectByAddress: (ip: string): Limit => ({ name: 'kb-deflect-ip', key: addressKey(ip), points: KB_LIMITS.deflectionsPerAddress, seconds: HOUR }),
  suggestByAddress: (ip: string): Limit => ({ name: 'kb-suggest-ip', key: addressKey(ip), points: KB_LIMITS.suggestionsPerAddress, seconds: HOUR }),
};

/** The article ids a browser has counted, from its cookie value (anything unreadable is ignored). */
export function countedIds(cookie: string | undefined): number[] {
  return (cookie ?? '')
    .split('.')
    .filter((s) => /^\d{1,9}$/.test(s))
    .map(Number)
    .slice(-COOKIE_MAX_IDS);
}

/** The cookie's new value with `id` added (the oldest dropped past 50). */
export function withCounted(cookie: string | undefined, id: number): string {
  const ids = countedIds(cookie).filter((x) => x !== id);
  return [...ids, id].slice(-COOKIE_MAX_IDS).join('.');
}

export function kbCookieOptions() {
  return { httpOnly: true, sameSite: 'lax' as const, path: '/', maxAge: 365 * 24 * HOUR, secure: appUrl().startsWith('https://') };
}

export type DeflectionResult =
  | { ok: true; counted: boolean; articleId: number; cookie: string }
  | { ok: false; reason: 'not_found' }
  | RateLimitedRefusal;

/**
 * Counts one complaint avoided for a published article, unless this browser (its cookie) already
 * counted it; the per-address limits are spent first (only for a count, not for a repeat).
 */
export async function recordDeflection(
  db: Db,
  input: { slug: string; source: DeflectionSource; ip: string; cookie: string | undefined },
): Promise<DeflectionResult> {
  if (!/^[a-z0-9-]{1,96}$/.test(input.slug)) return { ok: false, reason: 'not_found' };
  const [article] = await db
    .select({ id: kbArticles.id })
    .from(kbArticles)
    .where(and(eq(kbArticles.slug, input.slug), eq(kbArticles.status, 'published')));
  if (!article) return { ok: false, reason: 'not_found' };
  if (countedIds(input.cookie).includes(article.id)) return { ok: true, counted: false, articleId: article.id, cookie: input.cookie ?? '' };
  const limited = await spend(db, limits.requestsByAddress(input.ip), kbLimits.deflectByAddress(input.ip));
  if (limited) return limited;
  await db.insert(kbDeflections).values({ articleId: article.id, source: input.source });
  return { ok: true, counted: true, articleId: article.id, cookie: withCounted(input.cookie, article.id) };
}

/** Spends one suggestion from the address's budget; a refusal says when to retry. */
export async function spendSuggestion(db: Db, ip: string): Promise<RateLimitedRefusal | null> {
  return spend(db, kbLimits.suggestByAddress(ip));
}
