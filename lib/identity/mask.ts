/**
 * Masking of personal data for public pages and e-mails (PDPA): show just
 * enough for the owner to recognise their own data, nothing more.
 */
import { normaliseMyKad } from './mykad';
import { normaliseMalaysianMobile } from './phone';

/** `880101-03-5123` → `******-**-5123`. */
export function maskMyKad(value: string): string {
  const digits = normaliseMyKad(value);
  return maskIcLast4(/^\d{12}$/.test(digits) ? digits.slice(-4) : '');
}

/** Last line of defence for text that should already be masked: a full IC becomes masked, anything else stays. */
export function ensureMaskedIc(value: string): string {
  return /^\d{12}$/.test(normaliseMyKad(value)) ? maskMyKad(value) : value;
}

/** The masked form from the last four digits alone (all that is stored in clear): `******-**-5123`. */
export function maskIcLast4(last4: string): string {
  return `******-**-${/^\d{4}$/.test(last4) ? last4 : '****'}`;
}

/**
 * `0123456789` → `012-***-**67`; `01123456789` → `011-****-**67`.
 * The number of asterisks equals the number of hidden digits.
 */
export function maskPhone(canonical: string): string {
  const phone = normaliseMalaysianMobile(canonical);
  if (phone === null) return '***';
  const hiddenCount = phone.length - 5; // first 3 and last 2 are shown
  return `${phone.slice(0, 3)}-${'*'.repeat(hiddenCount - 2)}-**${phone.slice(-2)}`;
}

/** `nomail@gmail.com` → `no***@gmail.com`; short local parts reveal only 1 char. */
export function maskEmail(email: string): string {
  const at = email.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = email.slice(0, at);
  const domain = email.slice(at + 1);
  const shown = local.length <= 2 ? 1 : 2;
  return `${local.slice(0, shown)}***@${domain}`;
}
