import { describe, expect, it } from 'vitest';
import { assertPasswordAllowed, checkPassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, WeakPasswordError } from '@/lib/auth/password-policy';

// The one password policy: length, the common-password list shipped with @zxcvbn-ts/language-common,
// and the account's own email or name.

describe('password policy', () => {
  it('refuses a password shorter than 12 characters, counting characters (not UTF-16 units)', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(checkPassword('pendek-sgt1')).toBe('password_short');
    expect(checkPassword('kopi-pagi-ju')).toBeNull();
    expect(checkPassword('😀😀😀😀😀😀😀😀😀😀😀')).toBe('password_short'); // 11 emoji, 22 UTF-16 units
  });

  it('refuses one longer than 128 characters', () => {
    expect(checkPassword('a-b'.repeat(43).slice(0, PASSWORD_MAX_LENGTH))).toBeNull();
    expect(checkPassword('x'.repeat(PASSWORD_MAX_LENGTH + 1) + '-9')).toBe('password_long');
  });

  it('refuses common passwords in any case, and a common one with digits or symbols around it', () => {
    for (const p of ['password1234', 'PASSWORD1234', 'qwerty123456', '1q2w3e4r5t6y', 'sunshine2024!!', '!!Password1234', 'iloveyou12345']) {
      expect(checkPassword(p), p).toBe('password_common');
    }
  });

  it("refuses the account's own email or name, however spaced or cased", () => {
    const account = { email: 'Faridah.Yusof@pkn.gov.my', name: 'Faridah Yusof' };
    expect(checkPassword('faridahyusof@pkn.gov.my', account)).toBe('password_personal');
    expect(checkPassword('Faridah.Yusof-2026', account)).toBe('password_personal');
    expect(checkPassword('FARIDAH YUSOF 99', account)).toBe('password_personal');
    expect(checkPassword('teh-tarik-kurang-manis', account)).toBeNull();
  });

  it('accepts passphrases and the passwords the test suites use', () => {
    for (const p of ['kata-laluan-ujian-123', 'kata-laluan-pegawai-1', 'e2e-admin-password-1', 'test-admin-password-1', 'nasi kerabu biru 3']) {
      expect(checkPassword(p), p).toBeNull();
    }
  });

  it('assertPasswordAllowed throws a WeakPasswordError with the reason', () => {
    expect(() => assertPasswordAllowed('password1234')).toThrow(WeakPasswordError);
    expect(() => assertPasswordAllowed('password1234')).toThrow(/most common/);
  });
});
