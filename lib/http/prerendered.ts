import { createHash } from 'node:crypto';
import type { Locale } from '@/lib/i18n/config';

/**
 * The complaint form and the lookup page are prerendered (app/(prerendered)/salinan/[locale]): one
 * copy per language, shared by every visitor. Visitors keep their addresses, `/` and `/semakan`;
 * next.config.js's rewrites serve them the copy in their language (the cookie the site's switch
 * sets), so every link stays as it is. Nothing personal is in a copy: the lookup's list of
 * complaints comes from GET /api/v1/semakan after the page has loaded. The front listener keeps
 * each copy in memory for a second (lib/runtime/copy-cache.ts).
 *
 * A shared copy cannot carry a per-request nonce, so its inline scripts (Next.js's server
 * components payload) are allowed by their hashes instead: proxy.ts puts INLINE_SCRIPT_HASHES in
 * the page's policy where the nonce would be, and the front listener (lib/runtime/front-proxy.ts),
 * which sees the page's body, replaces it with the hash of each inline script in that body. Left
 * unreplaced, the token is not a source a browser knows, and no inline script runs.
 */
const LOCALES: readonly Locale[] = ['ms', 'en'];

export function prerenderedLocale(value: string): Locale | null {
  return LOCALES.find((l) => l === value) ?? null;
}

// Each prerendered address and its copy's path under /salinan/<locale>.
const ADDRESSES = new Map([
  ['/', ''],
  ['/semakan', '/semakan'],
]);
const COPY = /^\/salinan\/(ms|en)(\/semakan)?$/;

/** The prerendered address a path stands for: itself, or the address a copy's path is served at. */
export function prerenderedAddress(pathname: string): string | null {
  if (ADDRESSES.has(pathname)) return pathname;
  const copy = COPY.exec(pathname);
  return copy ? (copy[2] ?? '/') : null;
}

/**
 * Where the prerendered copy of a public address lives (a copy's own address is its own), or null
 * when the address is drawn per request.
 */
export function prerenderedRoute(pathname: string, locale: Locale): string | null {
  const copy = ADDRESSES.get(pathname);
  if (copy !== undefined) return `/salinan/${locale}${copy}`;
  return COPY.test(pathname) ? pathname : null;
}

/**
 * What an action that changes what the form shows (the categories, the PTJ list) revalidates: the
 * form is drawn again on its next visit, in every language (each copy by its own address: the
 * route's cache tags name its route group, which a route pattern would not). On this instance at
 * once; on others within the page's `revalidate` (a minute). The agency settings revalidate the
 * whole site.
 */
export const PRERENDERED_FORM = LOCALES.map((locale) => ({ path: `/salinan/${locale}` }));

/** Whether an address is answered with a prerendered copy (in some language). */
export function servedPrerendered(pathname: string): boolean {
  return prerenderedRoute(pathname, 'ms') !== null;
}

/** The policy's placeholder for the hashes of the page's inline scripts. */
export const INLINE_SCRIPT_HASHES = "'inline-script-hashes'";

// An inline script: a <script> without src. Next.js escapes `<` inside its payload, so the first
// `</script>` ends it.
const INLINE_SCRIPT = /<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi;

/** The CSP source for each distinct inline script of an HTML page ('sha256-…'). */
export function inlineScriptHashes(html: string): string[] {
  const hashes = new Set<string>();
  for (const [, body] of html.matchAll(INLINE_SCRIPT)) {
    if (body) hashes.add(`'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
  }
  return [...hashes];
}

/** The policy with its placeholder replaced by the page's inline script hashes (none: nothing inline runs). */
export function withInlineScriptHashes(policy: string, html: string): string {
  const hashes = inlineScriptHashes(html);
  return policy.replace(` ${INLINE_SCRIPT_HASHES}`, hashes.length ? ` ${hashes.join(' ')}` : '');
}
