'use server';

import { CredentialsSignin } from 'next-auth';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { signIn } from '@/lib/auth';
import { toSignInCode, type SignInCode } from '@/lib/auth/config';
import { consoleReturnPath } from '@/lib/auth/return-path';
import { needsTotpEnrolment } from '@/lib/auth/totp';
import { getConsoleDb } from '@/lib/db';
import { log, safeErrorSummary } from '@/lib/log';
import { asForm } from '@/lib/http/params';

export type SignInFormState = {
  ok: false;
  code: SignInCode | 'missing' | 'unavailable';
  message: string;
  // Given back so the form keeps what was typed; the password only when it was right.
  email: string;
  keepPassword: boolean;
};

// The sign-in form's action. Auth.js checks the credentials (lib/auth/index.ts → verifyStaffCredentials:
// lockout, TOTP, an audit row per attempt) and sets the session cookie; a failure comes back as a
// CredentialsSignin whose code picks the message.
export async function signInAction(_prev: SignInFormState | null, sent: FormData): Promise<SignInFormState> {
  const form = asForm(sent);
  const email = String(form.get('email') ?? '').trim().slice(0, 254);
  const password = String(form.get('password') ?? '');
  const totp = String(form.get('totp') ?? '').replace(/\s+/g, '').slice(0, 16);
  const t = await getTranslations('login');
  const failed = (code: SignInFormState['code']): SignInFormState => ({
    ok: false,
    code,
    message: t(`errors.${code}`),
    email,
    // With the password right and only the code missing or wrong, the officer types just the code.
    keepPassword: code === 'totp_required' || code === 'totp_invalid',
  });

  if (!email || !password) return failed('missing');
  try {
    await signIn('credentials', { email, password, totp, redirect: false });
  } catch (e) {
    // The provider throws a CredentialsSignin whose `code` says why (StaffSignInError).
    if (e instanceof CredentialsSignin) return failed(toSignInCode(e.code));
    log.error({ err: safeErrorSummary(e) }, 'sign-in failed unexpectedly');
    return failed('unavailable');
  }
  // An officer who must enrol an authenticator goes to the account page first.
  redirect((await needsTotpEnrolment(getConsoleDb(), email)) ? '/konsol/akaun' : consoleReturnPath(form.get('dari')));
}
