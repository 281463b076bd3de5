import { getEnv } from '@/lib/env';
import { LOCALE_COOKIE, toLocale, type Locale } from '@/lib/i18n/config';

/**
 * The client's address for the audit log and rate limits (which key it through addressKey in
 * lib/ratelimit/address.ts, so an IPv6 client counts by its /64). Our front listener (npm start) appends
 * the peer address to X-Forwarded-For, so the last entry cannot be forged; behind TRUST_PROXY_HOPS
 * reverse proxies of our own, the entry that many places before it is the client.
 */
export function clientIp(request: Request, hops: number = getEnv().TRUST_PROXY_HOPS): string {
  const entries = (request.headers.get('x-forwarded-for') ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  const ip = entries[Math.max(0, entries.length - 1 - hops)] ?? 'unknown';
  return ip.replace(/^::ffff:/, '').slice(0, 64);
}

/** Malay unless the visitor chose English with the site's switch (cookie), as on the pages. */
export function requestLocale(request: Request): Locale {
  return toLocale(request.headers.get('cookie')?.match(new RegExp(`(?:^|; )${LOCALE_COOKIE}=(\\w+)`))?.[1]);
}

export const noStore = { 'Cache-Control': 'no-store' } as const;
