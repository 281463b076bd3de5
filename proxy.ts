import { NextResponse, type NextRequest } from 'next/server';

// First gate for every page: a strict Content-Security-Policy with a fresh nonce per request.
// Next.js reads the nonce from the request's CSP header and puts it on its own scripts.
export function proxy(request: NextRequest) {
  const nonce = btoa(crypto.randomUUID());
  const dev = process.env.NODE_ENV === 'development';
  // Turnstile and reCAPTCHA load their widget from their own origin when chosen by setting.
  const captchaOrigin = {
    turnstile: ' https://challenges.cloudflare.com',
    recaptcha: ' https://www.google.com https://www.gstatic.com',
  }[process.env.CAPTCHA_PROVIDER ?? ''] ?? '';
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
  headers.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  // Pages about one complaint show (masked) personal data: never cache them anywhere.
  const path = request.nextUrl.pathname;
  if (path.startsWith('/aduan/') || path.startsWith('/semakan')) response.headers.set('Cache-Control', 'no-store');
  return response;
}

export const config = {
  matcher: [{ source: '/((?!api|_next/static|_next/image|favicon.ico).*)' }],
};
