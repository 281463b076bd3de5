import { createHmac, timingSafeEqual } from 'node:crypto';
import { appUrl, getEnv } from '@/lib/env';

// Signed, expiring access to one complaint's page: carried by every email to the complainant,
// so the page opens without a lookup while a bare, guessed /aduan/[no] does not.

const LINK_TTL_DAYS = 180;

function mac(number: string, expires: number): string {
  return createHmac('sha256', getEnv().AUTH_SECRET).update(`aduan-link:${number}:${expires}`).digest('base64url');
}

export function signComplaintAccess(number: string, now: Date = new Date()): string {
  const expires = Math.floor(now.getTime() / 1000) + LINK_TTL_DAYS * 86_400;
  return `${expires}.${mac(number, expires)}`;
}

export function verifyComplaintAccess(number: string, token: string | undefined, now: Date = new Date()): boolean {
  const [exp, sig] = (token ?? '').split('.');
  const expires = Number(exp);
  if (!sig || !Number.isInteger(expires) || expires * 1000 < now.getTime()) return false;
  const expected = Buffer.from(mac(number, expires));
  const given = Buffer.from(sig);
  return expected.length === given.length && timingSafeEqual(expected, given);
}

export function complaintLink(number: string): string {
  return `${appUrl()}/aduan/${number}?t=${signComplaintAccess(number)}`;
}
