import { describe, expect, it } from 'vitest';
import { toSignInCode } from '@/lib/auth/config';
import { isSessionCurrent, mustEnrolTotp } from '@/lib/auth/session-rules';

const id = '5f0c6a52-3a39-4d5c-9a55-0a3f1a9f2b11';

describe('isSessionCurrent', () => {
  it('honours a token of an active account with the same session version', () => {
    expect(isSessionCurrent({ id, sessionVersion: 3 }, { id, active: true, sessionVersion: 3 })).toBe(true);
  });

  it('refuses after "sign out everywhere" (version bumped), deactivation, or when the account is gone', () => {
    expect(isSessionCurrent({ id, sessionVersion: 3 }, { id, active: true, sessionVersion: 4 })).toBe(false);
    expect(isSessionCurrent({ id, sessionVersion: 3 }, { id, active: false, sessionVersion: 3 })).toBe(false);
    expect(isSessionCurrent({ id, sessionVersion: 3 }, null)).toBe(false);
    expect(isSessionCurrent({ id, sessionVersion: 3 }, undefined)).toBe(false);
  });

  it('refuses a session that was signed out on its own ("Log Keluar")', () => {
    expect(isSessionCurrent({ id, sessionVersion: 3 }, { id, active: true, sessionVersion: 3, sessionEnded: true })).toBe(false);
    expect(isSessionCurrent({ id, sessionVersion: 3 }, { id, active: true, sessionVersion: 3, sessionEnded: false })).toBe(true);
  });

  it('refuses a token for another account', () => {
    expect(isSessionCurrent({ id, sessionVersion: 0 }, { id: '00000000-0000-4000-8000-000000000000', active: true, sessionVersion: 0 })).toBe(false);
  });
});

describe('mustEnrolTotp', () => {
  it('asks for enrolment only when required (by the agency or the account) and no secret is set', () => {
    expect(mustEnrolTotp({ totpSecret: null, totpRequired: false }, false)).toBe(false);
    expect(mustEnrolTotp({ totpSecret: null, totpRequired: true }, false)).toBe(true);
    expect(mustEnrolTotp({ totpSecret: null, totpRequired: false }, true)).toBe(true);
    expect(mustEnrolTotp({ totpSecret: 'v1.x.y.z', totpRequired: true }, true)).toBe(false);
  });
});

describe('toSignInCode', () => {
  it('gives a deactivated account the same answer as a wrong password, and unknown codes too', () => {
    expect(toSignInCode('inactive')).toBe('invalid');
    expect(toSignInCode('credentials')).toBe('invalid');
    expect(toSignInCode(undefined)).toBe('invalid');
    expect(toSignInCode('locked')).toBe('locked');
    expect(toSignInCode('totp_required')).toBe('totp_required');
    expect(toSignInCode('totp_invalid')).toBe('totp_invalid');
  });
});
