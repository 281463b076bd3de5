import { LOCALE_COOKIE, toLocale, type Locale } from '@/lib/i18n/config';

/**
 * The client's address for rate limits and the audit log. `next start` (and any proxy in front)
 * appends the peer address to X-Forwarded-For, so the last entry is the one a client cannot forge.
 */
export function clientIp(request: Request): string {
  const xff = request.headers.get('x-forwarded-for');
  const last = xff?.split(',').map((s) => s.trim()).filter(Boolean).pop();
  return (last ?? request.headers.get('x-real-ip') ?? 'unknown').replace(/^::ffff:/, '').slice(0, 64);
}

/** Malay unless the visitor chose English with the site's switch (cookie), as on the pages. */
export function requestLocale(request: Request): Locale {
  return toLocale(request.headers.get('cookie')?.match(new RegExp(`(?:^|; )${LOCALE_COOKIE}=(\\w+)`))?.[1]);
}

export const noStore = { 'Cache-Control': 'no-store' } as const;
