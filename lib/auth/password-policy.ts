import { dictionary } from '@zxcvbn-ts/language-common';

// The one password policy, for every place a staff password is set: an invitation accepted, a
// forgotten password reset, an officer's own change, createStaffUser and the first admin
// (lib/db/seed.ts with ADMIN_PASSWORD). Each refusal is a code worded by the `accounts` messages.
//
// Length rather than composition rules (NIST SP 800-63B § 5.1.1.2): at least 12 characters, because
// a 12-character passphrase resists offline guessing of an argon2id hash far longer than an 8-character
// "P@ssw0rd"-style one, and 12 is still short enough for a Malay passphrase of two or three words
// ("kopi-pagi-jumaat"). At most 128, so nobody makes the server hash megabytes; spaces and any
// Unicode are allowed. On top of length: never one of the ~49,000 most common passwords
// (@zxcvbn-ts/language-common), nor such a password with digits or symbols around it
// ("password1234", "!!sunshine2024"), nor one made mostly of the account's own email or name.

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 128;

export type PasswordRefusal = 'password_short' | 'password_long' | 'password_common' | 'password_personal';

let common: Set<string> | undefined;

/** The common-password list as a set, built once on first use. */
function commonPasswords(): Set<string> {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common;
}

/** Letters and digits only, lower case: "Ali.Bin-Abu" and "alibinabu" are the same for comparisons. */
const squash = (s: string) => s.toLowerCase().normalize('NFKC').replace(/[^\p{L}\p{N}]/gu, '');

/** The password with digits and symbols trimmed off both ends ("!!sunshine2024" → "sunshine"). */
const core = (s: string) => s.toLowerCase().replace(/^[^\p{L}]+|[^\p{L}]+$/gu, '');

/** Null when the password may be used, else why not. `account` is the person it is for, when known. */
export function checkPassword(password: string, account: { email?: string | null; name?: string | null } = {}): PasswordRefusal | null {
  const length = [...password].length; // characters, not UTF-16 units
  if (length < PASSWORD_MIN_LENGTH) return 'password_short';
  if (length > PASSWORD_MAX_LENGTH) return 'password_long';
  const lower = password.toLowerCase();
  const list = commonPasswords();
  if (list.has(lower) || list.has(lower.trim()) || (core(password).length >= 4 && list.has(core(password)))) return 'password_common';
  const pw = squash(password);
  const email = account.email?.trim().toLowerCase() ?? '';
  const personal = [email, email.split('@')[0] ?? '', account.name ?? ''].map(squash).filter((p) => p.length >= 4);
  // Its main part: "Faridah.Yusof-2026" is refused, "test-admin-password-1" for admin@… is not.
  if (personal.some((p) => pw.includes(p) && p.length * 2 >= pw.length)) return 'password_personal';
  return null;
}

/** For callers outside a form (createStaffUser, the seed): throws with the reason in English for logs. */
export function assertPasswordAllowed(password: string, account: { email?: string | null; name?: string | null } = {}): void {
  const refusal = checkPassword(password, account);
  if (refusal) throw new WeakPasswordError(refusal);
}

export class WeakPasswordError extends Error {
  constructor(readonly reason: PasswordRefusal) {
    super(
      {
        password_short: `the password must be at least ${PASSWORD_MIN_LENGTH} characters`,
        password_long: `the password must be at most ${PASSWORD_MAX_LENGTH} characters`,
        password_common: 'the password is one of the most common passwords',
        password_personal: "the password contains the account's own email or name",
      }[reason],
    );
    this.name = 'WeakPasswordError';
  }
}
