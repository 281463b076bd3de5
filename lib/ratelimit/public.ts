import type { Db } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { getAgencySettings } from '@/lib/settings/agency';
import { addressKey } from './address';
import { consume } from './index';

// The limits of the public endpoints (filing, lookup, feedback, lookup links), in one place.
//
// Many civil servants share one address (a PTJ office behind NAT), so an address's budget of
// complaints, lookups and feedback is spent only once the CAPTCHA has passed: typos, a missing
// tick and a script without CAPTCHA solutions cost the office nothing. A separate, much higher
// ceiling counts every request to these endpoints, with or without a CAPTCHA, against floods.
// Identities (the IC number, the looked-up value, the email) have their own limits, so spreading
// requests over many addresses does not help either. Every limit is checked before anything is
// written, audit rows included, so a limited client cannot fill the append-only audit log.

const HOUR = 3600;
const DAY = 24 * HOUR;

/** A limit: `points` per `seconds` for one key of the named counter. */
export type Limit = { name: string; key: string; points: number; seconds: number };

/** Limits that are not settings: per identity, sized for one person rather than one office. */
export const IDENTITY_LIMITS = {
  /** Lookups of one IC number or complaint number, from any address. */
  lookupPerValue: { points: 10, seconds: HOUR },
  /** Strict-lookup links sent to one email address (besides: one pending link at a time). */
  linksPerEmail: { points: 5, seconds: DAY },
  /** Lookup links from one address that were unknown, used or expired. */
  badLinksPerAddress: { points: 20, seconds: HOUR },
} as const;

export const limits = {
  /** Every public request, CAPTCHA or not: the flood ceiling. */
  requestsByAddress: (ip: string): Limit => ({ name: 'public-ip', key: addressKey(ip), points: getEnv().PUBLIC_REQUEST_LIMIT, seconds: HOUR }),
  submitByAddress: (ip: string): Limit => ({ name: 'submit-ip', key: addressKey(ip), points: getEnv().SUBMIT_RATE_LIMIT, seconds: HOUR }),
  submitByIc: (icHash: string): Limit => ({ name: 'submit-ic', key: icHash, points: getEnv().SUBMIT_IC_LIMIT, seconds: DAY }),
  lookupByAddress: (ip: string): Limit => ({ name: 'lookup-ip', key: addressKey(ip), points: getEnv().LOOKUP_RATE_LIMIT, seconds: HOUR }),
  lookupByValue: (valueHash: string): Limit => ({ name: 'lookup-value', key: valueHash, ...IDENTITY_LIMITS.lookupPerValue }),
  linksByEmail: (emailHash: string): Limit => ({ name: 'lookup-link-email', key: emailHash, ...IDENTITY_LIMITS.linksPerEmail }),
  badLinksByAddress: (ip: string): Limit => ({ name: 'lookup-link-fail', key: addressKey(ip), ...IDENTITY_LIMITS.badLinksPerAddress }),
  feedbackByAddress: (ip: string): Limit => ({ name: 'feedback-ip', key: addressKey(ip), points: getEnv().FEEDBACK_RATE_LIMIT, seconds: HOUR }),
};

/** A refusal that says when to retry and how else to reach the helpdesk (the agency's phone and email). */
export type RateLimitedRefusal = {
  ok: false;
  reason: 'rate_limited';
  retryAfterSeconds: number;
  helpdesk: { phone: string; email: string };
};

/**
 * Spends one point of each limit in turn; the first one reached refuses, and the limits after it
 * are not spent (an identity refused does not also cost the office's budget).
 */
export async function spend(db: Db, ...toSpend: Limit[]): Promise<RateLimitedRefusal | null> {
  for (const l of toSpend) {
    const r = await consume(db, l.name, l.key, l.points, l.seconds);
    if (!r.ok) return rateLimited(db, r.retryAfterSeconds);
  }
  return null;
}

export async function rateLimited(db: Db, retryAfterSeconds: number): Promise<RateLimitedRefusal> {
  const { phone, email } = await getAgencySettings(db);
  return { ok: false, reason: 'rate_limited', retryAfterSeconds, helpdesk: { phone, email } };
}
