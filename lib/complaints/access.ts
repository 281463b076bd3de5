import { createHmac, timingSafeEqual } from 'node:crypto';
import { appUrl, getEnv } from '@/lib/env';

// Who may open a complaint's public page, without accounts:
// - the signed link in every email to the complainant (long-lived, one complaint), or
// - a short-lived signed grant cookie set by a lookup that passed the CAPTCHA (its complaints).
//   Lookups happen on shared office PCs: each lookup replaces the grant (never adds to it), so the
//   next person at the desk sees only their own results, and "end lookup session" clears it.
// A bare, guessed /aduan/[no] opens nothing, so numbers cannot be enumerated by URL.
// Attachments are served through short-lived signed URLs made only for someone who has access.

const LINK_TTL_SECONDS = 180 * 86_400;
// Long enough to read a complaint's history and reply; short because the PC may be shared. Not a
// setting: a longer grant would only widen the window for the next person at the desk.
export const GRANT_TTL_SECONDS = 15 * 60;
const ATTACHMENT_URL_TTL_SECONDS = 10 * 60;
export const GRANT_COOKIE = 'aduan_akses';

function mac(purpose: string, payload: string): string {
  return createHmac('sha256', getEnv().AUTH_SECRET).update(`${purpose}\n${payload}`).digest('base64url');
}

function equal(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

const nowSeconds = (now: Date) => Math.floor(now.getTime() / 1000);

// --- the link in emails
export function signComplaintAccess(number: string, now: Date = new Date()): string {
  const expires = nowSeconds(now) + LINK_TTL_SECONDS;
  return `${expires}.${mac('aduan-link', `${number}:${expires}`)}`;
}

function verifyComplaintAccess(number: string, token: string | undefined, now: Date = new Date()): boolean {
  const [exp, sig] = (token ?? '').split('.');
  const expires = Number(exp);
  if (!sig || !Number.isInteger(expires) || expires < nowSeconds(now)) return false;
  return equal(sig, mac('aduan-link', `${number}:${expires}`));
}

export function complaintLink(number: string): string {
  return `${appUrl()}/aduan/${number}?t=${signComplaintAccess(number)}`;
}

// --- the satisfaction link in a closing email (lib/complaints/satisfaction.ts): one complaint and
// one round, expiring. Whether it was used is the satisfaction row itself (once per round).
export const SATISFACTION_LINK_TTL_SECONDS = 14 * 86_400;

export function signSatisfactionLink(number: string, round: number, now: Date = new Date()): string {
  const expires = nowSeconds(now) + SATISFACTION_LINK_TTL_SECONDS;
  return `${round}.${expires}.${mac('kepuasan-link', `${number}:${round}:${expires}`)}`;
}

/** The round a satisfaction link is for, or why it is refused: forged (or for another complaint) or expired. */
export function verifySatisfactionLink(number: string, token: string | undefined, now: Date = new Date()): { ok: true; round: number } | { ok: false; reason: 'invalid' | 'expired' } {
  const [r, exp, sig] = (token ?? '').split('.');
  const round = Number(r);
  const expires = Number(exp);
  if (!sig || !Number.isInteger(round) || !Number.isInteger(expires)) return { ok: false, reason: 'invalid' };
  if (!equal(sig, mac('kepuasan-link', `${number}:${round}:${expires}`))) return { ok: false, reason: 'invalid' };
  if (expires < nowSeconds(now)) return { ok: false, reason: 'expired' };
  return { ok: true, round };
}

export function satisfactionLink(number: string, round: number): string {
  return `${appUrl()}/aduan/${number}/kepuasan?t=${signSatisfactionLink(number, round)}`;
}

// --- the grant cookie from a lookup
export function signGrant(numbers: string[], now: Date = new Date()): string {
  const payload = `${nowSeconds(now) + GRANT_TTL_SECONDS}.${[...new Set(numbers)].slice(0, 50).join(',')}`;
  return `${payload}.${mac('aduan-grant', payload)}`;
}

export function readGrant(cookie: string | undefined, now: Date = new Date()): string[] {
  if (!cookie) return [];
  const cut = cookie.lastIndexOf('.');
  const payload = cookie.slice(0, cut);
  if (cut < 0 || !equal(cookie.slice(cut + 1), mac('aduan-grant', payload))) return [];
  const [exp, list] = [payload.slice(0, payload.indexOf('.')), payload.slice(payload.indexOf('.') + 1)];
  if (!(Number(exp) >= nowSeconds(now))) return [];
  return list ? list.split(',') : [];
}

export function grantCookieOptions() {
  return {
    httpOnly: true,
    sameSite: 'strict' as const,
    path: '/',
    maxAge: GRANT_TTL_SECONDS,
    secure: appUrl().startsWith('https://'),
  };
}

/** The cookie that ends the grant (same name, path and flags, expired), so the browser drops it. */
export function endedGrantCookie() {
  return { name: GRANT_COOKIE, value: '', ...grantCookieOptions(), maxAge: 0 };
}

/** May this visitor see this complaint's public page? */
export function hasComplaintAccess(number: string, opts: { token?: string; grantCookie?: string }): boolean {
  return verifyComplaintAccess(number, opts.token) || readGrant(opts.grantCookie).includes(number);
}

// --- attachment URLs
export function attachmentUrl(id: string, variant: 'full' | 'thumb' = 'full', now: Date = new Date()): string {
  const expires = nowSeconds(now) + ATTACHMENT_URL_TTL_SECONDS;
  return `/api/lampiran/${id}?v=${variant}&e=${expires}&s=${mac('lampiran', `${id}:${variant}:${expires}`)}`;
}

export function verifyAttachmentUrl(id: string, variant: string, e: string | null, s: string | null, now: Date = new Date()): boolean {
  const expires = Number(e);
  if (!s || !Number.isInteger(expires) || expires < nowSeconds(now)) return false;
  return equal(s, mac('lampiran', `${id}:${variant}:${expires}`));
}
