import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { getEnv, weakSecret } from '@/lib/env';

// Threat: a seeded or empty secret. AUTH_SECRET signs staff sessions, CAPTCHA challenges and
// complaint links; PII_KEY encrypts IC numbers and keys their lookup hash. A value copied from an
// example, left empty or made by hand (`aaaa…`, `0123…` repeated) lets anyone forge a session or
// read the IC numbers. In production the app refuses to start with one; development and tests
// are left alone. scripts/start.ts calls getEnv() before it starts or serves anything (every role).

const good = { AUTH_SECRET: randomBytes(32).toString('base64url'), PII_KEY: randomBytes(32).toString('hex') };
const base = {
  NODE_ENV: 'production',
  DATABASE_URL: 'postgres://helpdesk@127.0.0.1:1/helpdesk',
  S3_ACCESS_KEY_ID: 'key',
  S3_SECRET_ACCESS_KEY: 'key',
  ...good,
} as NodeJS.ProcessEnv;

const seeded: [string, Partial<typeof good>][] = [
  ['an empty AUTH_SECRET', { AUTH_SECRET: '' }],
  ['an empty PII_KEY', { PII_KEY: '' }],
  ['an example AUTH_SECRET ("changeme…")', { AUTH_SECRET: 'changeme-changeme-changeme-changeme' }],
  ['a tutorial AUTH_SECRET ("your-secret-here…")', { AUTH_SECRET: 'your-secret-here-at-least-32-characters' }],
  ['a repeated-character AUTH_SECRET', { AUTH_SECRET: 'a'.repeat(40) }],
  ['an all-zero PII_KEY', { PII_KEY: '0'.repeat(64) }],
  ['a repeated-pattern PII_KEY (0123…ef four times)', { PII_KEY: '0123456789abcdef'.repeat(4) }],
  ['a PII_KEY of few distinct digits', { PII_KEY: '1212343456567878'.repeat(2) + '8787656543432121'.repeat(2) }],
];

describe('a seeded or empty secret refuses to start in production', () => {
  it.each(seeded)('%s is refused in production', (_label, change) => {
    expect(() => getEnv({ ...base, ...change })).toThrow(/Invalid settings/);
  });

  it('generated secrets (openssl rand, the embedded default) are accepted, and development is left alone', () => {
    for (let i = 0; i < 50; i++) {
      const env = { AUTH_SECRET: randomBytes(32).toString('base64url'), PII_KEY: randomBytes(32).toString('hex') };
      expect(weakSecret(env.AUTH_SECRET) || weakSecret(env.PII_KEY)).toBe(false);
      expect(() => getEnv({ ...base, ...env })).not.toThrow();
    }
    expect(() => getEnv({ ...base, NODE_ENV: 'development', PII_KEY: '0'.repeat(64) })).not.toThrow();
  });
});
