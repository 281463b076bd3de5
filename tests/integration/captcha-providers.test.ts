import { createHmac, randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createChallenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyCaptcha, verifyRemote } from '@/lib/captcha';
import { getDb } from '@/lib/db';
import { getEnv, type Env } from '@/lib/env';
import { solvedAltcha } from '../support/captcha';

// Every CAPTCHA provider is verified on the server.
// - Turnstile and reCAPTCHA: `verifyRemote` posts to the provider's siteverify; here a fake
//   siteverify on loopback answers like the real ones do.
// - ALTCHA: `verifyCaptcha` checks the proof of work and its signature, then spends it in
//   Postgres (`captcha_spent`), so a solution works once.

type Received = { secret: string | null; response: string | null; remoteip: string | null; contentType?: string };

async function startFakeSiteverify() {
  const received: Received[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
      const r: Received = {
        secret: form.get('secret'),
        response: form.get('response'),
        remoteip: form.get('remoteip'),
        contentType: req.headers['content-type'],
      };
      received.push(r);
      let body: object;
      if (req.method !== 'POST') body = { success: false, 'error-codes': ['bad-request'] };
      else if (r.secret !== 'sekret') body = { success: false, 'error-codes': ['invalid-input-secret'] };
      else if (r.response === 'good-token') body = { success: true };
      else if (r.response === 'used-token') body = { success: false, 'error-codes': ['timeout-or-duplicate'] };
      else body = { success: false };
      const payload = JSON.stringify(body);
      res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(payload) });
      res.end(payload);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/siteverify`,
    received,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A loopback address nothing listens on: bind a port, then let it go. */
async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((r) => server.close(() => r()));
  return `http://127.0.0.1:${port}/siteverify`;
}

let fake: Awaited<ReturnType<typeof startFakeSiteverify>>;
beforeAll(async () => {
  fake = await startFakeSiteverify();
});
afterAll(async () => {
  await fake?.close();
});
beforeEach(() => {
  fake.received.length = 0;
});

const providers: { name: 'turnstile' | 'recaptcha'; env: () => Env }[] = [
  {
    name: 'turnstile',
    env: () => ({
      ...getEnv(),
      CAPTCHA_PROVIDER: 'turnstile',
      TURNSTILE_SITE_KEY: 'site',
      TURNSTILE_SECRET_KEY: 'sekret',
      RECAPTCHA_SECRET_KEY: 'not-this-one',
      CAPTCHA_VERIFY_URL: fake.url,
    }),
  },
  {
    name: 'recaptcha',
    env: () => ({
      ...getEnv(),
      CAPTCHA_PROVIDER: 'recaptcha',
      RECAPTCHA_SITE_KEY: 'site',
      RECAPTCHA_SECRET_KEY: 'sekret',
      TURNSTILE_SECRET_KEY: 'not-this-one',
      CAPTCHA_VERIFY_URL: fake.url,
    }),
  },
];

describe.each(providers)('$name siteverify', ({ env }) => {
  it('accepts a good token, sending the secret, the token and the client address', async () => {
    expect(await verifyRemote('good-token', '203.0.113.7', env())).toEqual({ ok: true });
    expect(fake.received).toHaveLength(1);
    expect(fake.received[0]).toMatchObject({ secret: 'sekret', response: 'good-token', remoteip: '203.0.113.7' });
    expect(fake.received[0].contentType).toMatch(/^application\/x-www-form-urlencoded/);
  });

  it('reports a reused token as replayed', async () => {
    expect(await verifyRemote('used-token', '203.0.113.8', env())).toEqual({ ok: false, error: 'captcha_replayed' });
    expect(fake.received[0]).toMatchObject({ secret: 'sekret', response: 'used-token', remoteip: '203.0.113.8' });
  });

  it('refuses a bad token', async () => {
    expect(await verifyRemote('bad-token', '203.0.113.9', env())).toEqual({ ok: false, error: 'captcha_failed' });
    expect(fake.received).toHaveLength(1);
  });

  it('refuses when the provider is unreachable', async () => {
    const down = { ...env(), CAPTCHA_VERIFY_URL: await closedPortUrl() };
    expect(await verifyRemote('good-token', '203.0.113.10', down)).toEqual({ ok: false, error: 'captcha_failed' });
    expect(fake.received).toHaveLength(0);
  });

  it('refuses a good token when the configured secret is wrong', async () => {
    const e = env();
    const wrong =
      e.CAPTCHA_PROVIDER === 'turnstile' ? { ...e, TURNSTILE_SECRET_KEY: 'salah' } : { ...e, RECAPTCHA_SECRET_KEY: 'salah' };
    expect(await verifyRemote('good-token', '203.0.113.11', wrong)).toEqual({ ok: false, error: 'captcha_failed' });
    expect(fake.received[0].secret).toBe('salah');
  });
});

describe('ALTCHA', () => {
  // lib/captcha derives the challenge-signing secret from AUTH_SECRET this way.
  const appSecret = () => createHmac('sha256', getEnv().AUTH_SECRET).update('altcha-challenge').digest('hex');

  async function solvedWith(opts: { secret: string; expiresAt: Date }): Promise<string> {
    const challenge = await createChallenge({
      algorithm: 'PBKDF2/SHA-256',
      cost: getEnv().ALTCHA_COST,
      deriveKey,
      hmacSignatureSecret: opts.secret,
      expiresAt: opts.expiresAt,
    });
    const solution = await solveChallenge({ challenge, deriveKey });
    if (!solution) throw new Error('could not solve the challenge');
    return btoa(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }));
  }

  it('is the provider the tests run with', () => {
    expect(getEnv().CAPTCHA_PROVIDER).toBe('altcha');
  });

  it('accepts a solved challenge once, then refuses it as replayed', async () => {
    const token = await solvedAltcha();
    expect(await verifyCaptcha(getDb(), token, '198.51.100.1')).toEqual({ ok: true });
    expect(await verifyCaptcha(getDb(), token, '198.51.100.1')).toEqual({ ok: false, error: 'captcha_replayed' });
    // From another address it is still the same spent solution.
    expect(await verifyCaptcha(getDb(), token, '198.51.100.2')).toEqual({ ok: false, error: 'captcha_replayed' });
  });

  it('accepts a challenge signed with the app secret (sanity check of the helper below)', async () => {
    const token = await solvedWith({ secret: appSecret(), expiresAt: new Date(Date.now() + 60_000) });
    expect(await verifyCaptcha(getDb(), token, '198.51.100.3')).toEqual({ ok: true });
  });

  it('refuses an expired challenge, even correctly solved and signed', async () => {
    const token = await solvedWith({ secret: appSecret(), expiresAt: new Date(Date.now() - 60_000) });
    expect(await verifyCaptcha(getDb(), token, '198.51.100.4')).toEqual({ ok: false, error: 'captcha_failed' });
  });

  it('refuses a challenge signed with another secret', async () => {
    const token = await solvedWith({ secret: randomBytes(32).toString('hex'), expiresAt: new Date(Date.now() + 60_000) });
    expect(await verifyCaptcha(getDb(), token, '198.51.100.5')).toEqual({ ok: false, error: 'captcha_failed' });
  });

  it('refuses a token whose solution was tampered with', async () => {
    const token = await solvedAltcha();
    const payload = JSON.parse(atob(token)) as { solution: { counter: number } };
    payload.solution.counter += 1;
    expect(await verifyCaptcha(getDb(), btoa(JSON.stringify(payload)), '198.51.100.6')).toEqual({
      ok: false,
      error: 'captcha_failed',
    });
  });

  it('asks for a missing token and refuses a malformed one', async () => {
    expect(await verifyCaptcha(getDb(), undefined, '198.51.100.7')).toEqual({ ok: false, error: 'captcha_required' });
    expect(await verifyCaptcha(getDb(), '', '198.51.100.7')).toEqual({ ok: false, error: 'captcha_required' });
    expect(await verifyCaptcha(getDb(), 'not-base64-json', '198.51.100.7')).toEqual({ ok: false, error: 'captcha_failed' });
  });
});
