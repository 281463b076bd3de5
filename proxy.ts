import { NextResponse, type NextRequest } from 'next/server';
import { getSetting } from '@/lib/env';
import { INLINE_SCRIPT_HASHES, servedPrerendered } from '@/lib/http/prerendered';
import { requestLocale } from '@/lib/http/request';
import { errorMessage } from '@/lib/i18n/errors';

// First gate for every page: a strict Content-Security-Policy, with a fresh nonce per request for
// pages drawn per request (Next.js reads it from the request's CSP header and puts it on its own
// scripts) and inline script hashes for the prerendered pages.
export async function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  // A page takes POSTs only as server actions. Next.js answers a cross-origin one (a CSRF attempt)
  // or one with an unreadable Origin with a 500 and an error-level log line, and a body it cannot
  // decode into arguments with a 500 too: both are refused here, before any action code runs,
  // 403 and 400 (issue #15: never a 5xx from bad input).
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    if (!sameOrigin(request)) return refusal(request, 'forbidden', 403);
    if (!(await wellFormedActionBody(request))) return refusal(request, 'invalid', 400);
  }
  // The console: a page visit without a session cookie goes straight to the sign-in page. This
  // only redirects; every console page, action and handler still checks the session and its
  // permission itself (a server action POST is left to answer "session expired" on its own).
  const pageVisit = request.method === 'GET' || request.method === 'HEAD';
  if (pageVisit && isConsolePath(path) && !isSignInPath(path) && !hasSessionCookie(request)) {
    const url = new URL('/konsol/log-masuk', request.url);
    if (path !== '/konsol') url.searchParams.set('dari', path);
    return withNoStore(NextResponse.redirect(url));
  }
  const dev = process.env.NODE_ENV === 'development';
  // The form and the lookup page are prerendered, one copy per language (lib/http/prerendered.ts):
  // their addresses stay `/` and `/semakan`, the copy is the visitor's language, and its inline
  // scripts are allowed by hash (filled in by the front listener, which `npm run dev` does not have:
  // there the copy is drawn per request, nonce and all).
  const prerendered = servedPrerendered(path);
  const nonce = prerendered && !dev ? null : btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce ? `'nonce-${nonce}' 'strict-dynamic'` : INLINE_SCRIPT_HASHES, dev);
  const headers = new Headers(request.headers);
  // Lets server components know the path (the console's TOTP-enrolment gate); overwritten, never trusted from clients.
  headers.set('x-pathname', request.nextUrl.pathname);
  // Next.js reads the nonce from the request's policy; a shared copy must not have one baked in.
  if (nonce) {
    headers.set('x-nonce', nonce);
    headers.set('Content-Security-Policy', csp);
  } else {
    headers.delete('Content-Security-Policy');
  }
  // (next.config.js's rewrites then serve the copy: a rewrite from here would be proxied by Next.js
  // to itself over HTTP, as its URL names `localhost` where Next.js listens on 127.0.0.1.)
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  // Pages about one complaint show (masked) personal data, the console shows it unmasked: never
  // cache them anywhere.
  // (The prerendered /semakan holds nothing personal: its list comes from a no-store API.)
  if (path.startsWith('/aduan/') || path.startsWith('/semakan/') || isConsolePath(path)) withNoStore(response);
  return response;
}

/**
 * The page's policy. Scripts: our own files, plus either a nonce (pages drawn per request; with
 * 'strict-dynamic', what those scripts load) or the hashes of a prerendered page's inline scripts.
 */
function contentSecurityPolicy(inlineScripts: string, dev: boolean): string {
  // Turnstile and reCAPTCHA load their widget from their own origin when chosen by setting.
  const captchaOrigin = {
    altcha: '', // self-hosted
    turnstile: ' https://challenges.cloudflare.com',
    recaptcha: ' https://www.google.com https://www.gstatic.com',
  }[getSetting('CAPTCHA_PROVIDER')];
  return [
    `default-src 'self'`,
    `script-src 'self' ${inlineScripts}${captchaOrigin}${dev ? " 'unsafe-eval'" : ''}`,
    // The CAPTCHA widget styles itself inline; styles cannot run code.
    `style-src 'self' 'unsafe-inline'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src 'self'${captchaOrigin}`,
    `worker-src 'self' blob:`,
    `frame-src ${captchaOrigin ? captchaOrigin.trim() : "'none'"}`,
    `object-src 'none'`,
    `base-uri 'self'`,
    `form-action 'self'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}

const isConsolePath = (path: string) => path === '/konsol' || path.startsWith('/konsol/');
// Console pages for visitors without a session: signing in, "forgot password" and the emailed set-password link.
const SIGNED_OUT_PATHS = ['/konsol/log-masuk', '/konsol/lupa-kata-laluan', '/konsol/kata-laluan'];
const isSignInPath = (path: string) => SIGNED_OUT_PATHS.some((p) => path === p || path.startsWith(`${p}/`));

// Auth.js names the cookie by scheme (__Secure- over HTTPS) and splits a large token into
// `.0`, `.1`… chunks.
const SESSION_COOKIES = ['authjs.session-token', '__Secure-authjs.session-token'];
function hasSessionCookie(request: NextRequest): boolean {
  return request.cookies.getAll().some((c) => SESSION_COOKIES.some((name) => c.name === name || c.name.startsWith(`${name}.`)));
}

/**
 * The same test as Next.js's server-action CSRF check (Origin's host against X-Forwarded-Host, else
 * Host): no Origin passes (not a browser's cross-site post; Next.js lets it through too), anything
 * else must name this host. `Origin: null` only with `Sec-Fetch-Site: same-origin`; an Origin that is not a URL is refused.
 */
function sameOrigin(request: NextRequest): boolean {
  const origin = request.headers.get('origin');
  if (origin === null) return true;
  // A form posted without JavaScript from our own page: `Origin: null` under our no-referrer policy;
  // Sec-Fetch-Site, which no page can set, says it came from this site.
  if (origin === 'null') return request.headers.get('sec-fetch-site') === 'same-origin';
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  const forwarded = request.headers.get('x-forwarded-host')?.split(',')[0]?.trim();
  const host = forwarded || request.headers.get('host');
  return !!originHost && originHost === host;
}

function refusal(request: NextRequest, code: 'forbidden' | 'invalid', status: number): NextResponse {
  return withNoStore(NextResponse.json({ error: { code, message: errorMessage(code, requestLocale(request)) } }, { status }));
}

// React's reply encoding (what the client runtime sends as an action's arguments): the root is a JSON
// array; `$K1`, `$Q1`, `$@1`… refer to other parts of a multipart body (by id in hex, parts named by
// id in decimal: `1`, or `1_field` for a FormData's entries). Inline values (`$D…`, `$n…`, `$$…`,
// `$undefined`, `$NaN`…) need no part.
const PART_REFERENCE = /^\$([@ABKQRWhir])([0-9a-f]+)$/;

/**
 * A server action's arguments that Next.js can decode: a multipart body must parse and hold its root
 * `0`; a plain body (the client's JSON) must parse; the root must be an array whose part references
 * name parts that are there. Other POSTs (a route handler's form, a form without JavaScript) pass,
 * if multipart, once the body parses.
 */
async function wellFormedActionBody(request: NextRequest): Promise<boolean> {
  const isAction = request.headers.has('next-action');
  const multipart = (request.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data');
  if (!isAction && !multipart) return true;
  let root: string;
  let hasPart: (id: number) => boolean = () => false;
  try {
    if (multipart) {
      const form = await request.clone().formData();
      if (!isAction) return true;
      const r = form.get('0');
      if (typeof r !== 'string') return false;
      root = r;
      const keys = [...form.keys()];
      // A form argument's fields are `<id>_name` or, from React 19.3's client, `_<id>_name`.
      hasPart = (id) => form.has(String(id)) || keys.some((k) => k.startsWith(`${id}_`) || k.startsWith(`_${id}_`));
    } else {
      root = await request.clone().text();
    }
  } catch {
    return false;
  }
  let args: unknown;
  try {
    args = JSON.parse(root);
  } catch {
    return false;
  }
  if (!Array.isArray(args)) return false;
  const resolvable = (v: unknown): boolean => {
    if (typeof v === 'string') {
      const m = PART_REFERENCE.exec(v);
      return !m || hasPart(parseInt(m[2]!, 16));
    }
    if (Array.isArray(v)) return v.every(resolvable);
    if (v && typeof v === 'object') return Object.values(v).every(resolvable);
    return true;
  };
  return resolvable(args);
}

function withNoStore(response: NextResponse): NextResponse {
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

export const config = {
  matcher: [{ source: '/((?!api|_next/static|_next/image|favicon.ico).*)' }],
};
