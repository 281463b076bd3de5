import type http from 'node:http';
import { prerenderedLocale, prerenderedRoute, servedPrerendered } from '@/lib/http/prerendered';
import type { Locale } from '@/lib/i18n/config';

/**
 * The front listener's memory of the prerendered copies (lib/http/prerendered.ts): each copy as it
 * was last sent whole (its policy's hashes filled in), kept for `ttlMs` and sent again without
 * Next.js on the way. Next.js serving a prerendered page still runs proxy.ts, its cache lookup and a
 * gzip of ~50 KB per request (a few hundred pages a second on two cores); this is a buffer write.
 *
 * What is kept is exactly what Next.js would answer again: only a plain page visit (GET, no query,
 * none of the router's `rsc`/`next-*` headers, no Range) is answered from it, under its copy (the
 * address and the language cookie next.config.js's rewrites read) and the client's exact
 * Accept-Encoding (the copy's compression follows it); only a whole 200 carrying no Set-Cookie, in
 * the language its key names, is kept. Nothing personal is in a copy.
 *
 * Freshness: a copy changes only when an admin changes what the form shows (categories, PTJ,
 * agency settings), always by a write to the console (a server action under /konsol). Such a write
 * empties the memory as soon as the app answers it, before the answer reaches the admin, so the
 * next visit sees the change, as it does from Next.js alone; a copy fetched while the write was
 * under way is not kept. Otherwise a copy is at most `ttlMs` older than Next.js's own.
 */
export type CopyCache = ReturnType<typeof createCopyCache>;

type Copy = { status: number; headers: string[]; body: Buffer; until: number };
/** Which copy a request asks for: its key, and the language that copy is in. */
export type CopyRequest = { key: string; locale: Locale };

// Headers written fresh for every answer, never kept.
const PER_ANSWER = new Set(['date', 'x-request-id']);

export function createCopyCache(opts: { ttlMs: number; maxEntries?: number; now?: () => number }) {
  const now = opts.now ?? Date.now;
  const maxEntries = opts.maxEntries ?? 16;
  const copies = new Map<string, Copy>();
  let generation = 0;

  return {
    /** The key a request's copy is kept under, or null when its answer is not one to keep or give. */
    requestOf(req: http.IncomingMessage): CopyRequest | null {
      if (req.method !== 'GET') return null;
      const url = req.url ?? '/';
      if (url.includes('?') || !servedPrerendered(url)) return null;
      for (const name of Object.keys(req.headers)) {
        if (name === 'rsc' || name.startsWith('next-') || name === 'range') return null;
      }
      const cookie = languageCookie(req.headers.cookie);
      if (cookie === undefined) return null;
      // The copy's language is its path's: a copy's own address ignores the cookie.
      const route = prerenderedRoute(url, cookie)!;
      const locale = prerenderedLocale(route.split('/')[2]!)!;
      return { key: `${route}|${req.headers['accept-encoding'] ?? ''}`, locale };
    },

    /** Writes the kept copy as the answer, if there is a fresh one. */
    answer(key: string, res: http.ServerResponse, requestId: string): boolean {
      const copy = copies.get(key);
      if (!copy || copy.until <= now()) return false;
      res.writeHead(copy.status, [...copy.headers, 'x-request-id', requestId]);
      res.end(copy.body);
      return true;
    },

    /** Taken before asking Next.js: a copy asked for before the memory was emptied is not kept. */
    ticket(): number {
      return generation;
    },

    keep(asked: CopyRequest, ticket: number, answer: { status: number; rawHeaders: string[]; body: Buffer; html: string }): void {
      const { status, rawHeaders, body } = answer;
      if (ticket !== generation || status !== 200) return;
      // Belt and braces against a cookie read otherwise than next.config.js's rewrite reads it: a
      // copy in another language must never be given to the visitors of this one.
      if (!answer.html.includes(`<html lang="${asked.locale}"`)) return;
      const headers: string[] = [];
      for (let i = 0; i < rawHeaders.length; i += 2) {
        const name = rawHeaders[i]!.toLowerCase();
        if (name === 'set-cookie') return;
        if (!PER_ANSWER.has(name)) headers.push(rawHeaders[i]!, rawHeaders[i + 1]!);
      }
      // Bounded: Accept-Encoding is the client's to choose.
      if (!copies.has(asked.key) && copies.size >= maxEntries) copies.delete(copies.keys().next().value!);
      copies.set(asked.key, { status, headers, body, until: now() + opts.ttlMs });
    },

    /** Whether a request may change what the copies show: any write to the console. */
    changesCopies(req: http.IncomingMessage): boolean {
      const path = (req.url ?? '/').split('?')[0]!;
      return req.method !== 'GET' && req.method !== 'HEAD' && (path === '/konsol' || path.startsWith('/konsol/'));
    },

    clear(): void {
      generation += 1;
      copies.clear();
    },
  };
}

/**
 * The language next.config.js's rewrite picks: English only for the cookie `NEXT_LOCALE=en`. The
 * cookie is read as Next.js reads it (name and value trimmed); anything but no cookie or one
 * `NEXT_LOCALE` of exactly `ms` or `en` is undefined: not kept, left to Next.js.
 */
function languageCookie(header: string | undefined): Locale | undefined {
  const values = (header ?? '')
    .split(';')
    .map((part) => part.split('='))
    .filter(([name]) => name!.trim() === 'NEXT_LOCALE')
    .map(([, ...value]) => value.join('=').trim());
  if (values.length === 0) return 'ms';
  if (values.length > 1 || (values[0] !== 'ms' && values[0] !== 'en')) return undefined;
  return values[0];
}
