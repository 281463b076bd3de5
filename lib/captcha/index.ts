import { createHmac } from 'node:crypto';
import { createChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { verify } from 'altcha-lib/frameworks/shared';
import { lt } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { captchaSpent } from '@/lib/db/schema';
import { getEnv, type Env } from '@/lib/env';

// ALTCHA (self-hosted proof of work) by default; Cloudflare Turnstile or Google reCAPTCHA by
// setting. Every provider is verified on the server, and a solution is accepted only once.

const CHALLENGE_TTL_MS = 10 * 60_000;

const altchaSecret = (env: Env) => createHmac('sha256', env.AUTH_SECRET).update('altcha-challenge').digest('hex');

export async function newAltchaChallenge(env: Env = getEnv()) {
  return createChallenge({
    algorithm: 'PBKDF2/SHA-256',
    cost: env.ALTCHA_COST,
    deriveKey,
    hmacSignatureSecret: altchaSecret(env),
    expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS),
  });
}

/** The field each provider's widget posts its token in. */
export function captchaField(env: Env = getEnv()): string {
  return { altcha: 'altcha', turnstile: 'cf-turnstile-response', recaptcha: 'g-recaptcha-response' }[
    env.CAPTCHA_PROVIDER
  ];
}

// No token at all means the widget was not ticked yet: a request, not a failure.
export type CaptchaResult = { ok: true } | { ok: false; error: 'captcha_required' | 'captcha_failed' | 'captcha_replayed' };

export async function verifyCaptcha(db: Db, token: string | undefined, ip: string): Promise<CaptchaResult> {
  const env = getEnv();
  if (!token) return { ok: false, error: 'captcha_required' };
  if (env.CAPTCHA_PROVIDER === 'altcha') return verifyAltcha(db, token, env);
  return verifyRemote(token, ip, env);
}

async function verifyAltcha(db: Db, token: string, env: Env): Promise<CaptchaResult> {
  const result = await verify(token, deriveKey, altchaSecret(env));
  const signature = (result.payload as { challenge?: { signature?: string } } | null)?.challenge?.signature;
  if (result.error || !result.verification?.verified || !signature) return { ok: false, error: 'captcha_failed' };
  // Spend the solution: a replay hits the primary key and is refused.
  const spent = await db
    .insert(captchaSpent)
    .values({ signature, expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS) })
    .onConflictDoNothing()
    .returning({ signature: captchaSpent.signature });
  if (spent.length === 0) return { ok: false, error: 'captcha_replayed' };
  await db.delete(captchaSpent).where(lt(captchaSpent.expiresAt, new Date()));
  return { ok: true };
}

/** Turnstile / reCAPTCHA siteverify (exported for tests against a fake verify server). */
export async function verifyRemote(token: string, ip: string, env: Env): Promise<CaptchaResult> {
  const turnstile = env.CAPTCHA_PROVIDER === 'turnstile';
  const url =
    env.CAPTCHA_VERIFY_URL ??
    (turnstile
      ? 'https://challenges.cloudflare.com/turnstile/v0/siteverify'
      : 'https://www.google.com/recaptcha/api/siteverify');
  const body = new URLSearchParams({
    secret: (turnstile ? env.TURNSTILE_SECRET_KEY : env.RECAPTCHA_SECRET_KEY) ?? '',
    response: token,
    remoteip: ip,
  });
  try {
    const res = await fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(10_000) });
    const json = (await res.json()) as { success?: boolean; 'error-codes'?: string[] };
    if (json.success) return { ok: true };
    // Both providers report a reused token as `timeout-or-duplicate`.
    if (json['error-codes']?.includes('timeout-or-duplicate')) return { ok: false, error: 'captcha_replayed' };
    return { ok: false, error: 'captcha_failed' };
  } catch {
    return { ok: false, error: 'captcha_failed' };
  }
}
