/**
 * Malaysian mobile number normalisation.
 *
 * Numbers are stored in one canonical national form (`0123456789`) so that
 * lookups and de-duplication do not depend on how the user typed them.
 */

// 010–019 except 015 (015 is a non-mobile/IP telephony range).
// 011 carries 8 subscriber digits; the other prefixes carry 7.
const CANONICAL_MOBILE = /^01(?:1\d{8}|[02-46-9]\d{7})$/;

/**
 * Accepts `012-345 6789`, `0123456789`, `+60123456789`, `60123456789`,
 * `(012) 345-6789`, `+6011-23456789` and similar. Returns the canonical
 * national digits (`0123456789` / `01123456789`) or null when not a valid mobile.
 */
export function normaliseMalaysianMobile(input: string): string | null {
  if (typeof input !== 'string') return null;
  const compact = input.replace(/[\s\-()]/g, '');
  // Anything other than digits (with at most one leading +) is refused, e.g. letters.
  if (!/^\+?\d+$/.test(compact)) return null;

  let national: string;
  if (compact.startsWith('+')) {
    if (!compact.startsWith('+60')) return null;
    national = `0${compact.slice(3)}`;
  } else if (compact.startsWith('60')) {
    national = `0${compact.slice(2)}`;
  } else {
    national = compact;
  }
  return CANONICAL_MOBILE.test(national) ? national : null;
}

/** `0123456789` → `012-345 6789`; `01123456789` → `011-2345 6789`. Non-canonical input is returned unchanged. */
export function formatMalaysianMobile(canonical: string): string {
  if (!CANONICAL_MOBILE.test(canonical)) return canonical;
  const prefix = canonical.slice(0, 3);
  const rest = canonical.slice(3);
  const split = rest.length - 4;
  return `${prefix}-${rest.slice(0, split)} ${rest.slice(split)}`;
}

/**
 * `0123456789` → `+60123456789`. Throws on non-canonical input: a wrong number
 * sent to a messaging API is worse than a loud failure.
 */
export function toE164(canonical: string): string {
  if (!CANONICAL_MOBILE.test(canonical)) {
    throw new Error('toE164 expects a canonical Malaysian mobile number such as 0123456789');
  }
  return `+60${canonical.slice(1)}`;
}
