import { NextResponse, type NextRequest } from 'next/server';
import { getSetting } from '@/lib/env';

// First gate for every page: a strict Content-Security-Policy with a fresh nonce per request.
// Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
export function proxy(request: NextRequest) {
  const path = request.nextUrl.pathname;
  // The console: a page visit without a session cookie goes straight to the sign-in page. This
  // only redirects; every console page, action and handler still checks the session and its
  // permission itself (a server action POST is left to answer "session expired" on its own).
  const pageVisit = request.method === 'GET' || request.method === 'HEAD';
  if (pageVisit && isConsolePath(path) && !isSignInPath(path) && !hasSessionCookie(request)) {
    const url = new URL('/konsol/log-masuk', request.url);
    if (path !== '/konsol') url.searchParams.set('dari', path);
    return withNoStore(NextResponse.redirect(url));
  }
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === 'development';
  // Turnstile and reCAPTCHA load their widget from their own origin when chosen by setting.
  const captchaOrigin = {
    altcha: '', // self-hosted
    turnstile: ' https://challenges.cloudflare.com',
    recaptcha: ' https://www.google.com https://www.gstatic.com',
  }[getSetting('CAPTCHA_PROVIDER')];
  const csp = [
    `default-src 'self'`,
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${captchaOrigin}${dev ? " 'unsafe-eval'" : ''}`,
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
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  // Lets server components know the path (the console's TOTP-enrolment gate); overwritten, never trusted from clients.
  headers.set('x-pathname', request.nextUrl.pathname);
  headers.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  // Pages about one complaint show (masked) personal data, the console shows it unmasked: never
  // cache them anywhere.
  if (path.startsWith('/aduan/') || path.startsWith('/semakan') || isConsolePath(path)) withNoStore(response);
  return response;
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

function withNoStore(response: NextResponse): NextResponse {
  response.headers.set('Cache-Control', 'no-store');
  return response;
}

export const config = {
  matcher: [{ source: '/((?!api|_next/static|_next/image|favicon.ico).*)' }],
};
