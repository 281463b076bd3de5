'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useEffect, useRef } from 'react';
import { signInAction } from '@/app/konsol/log-masuk/actions';
import { Field, inputClass } from '@/components/ui/field';

const ERROR_ID = 'sign-in-error';

/** Email, password and (when enrolled) an authenticator code; works without JavaScript too. */
export function SignInForm({ dari, initialError }: { dari: string; initialError?: string }) {
  const t = useTranslations('login');
  const [state, formAction, pending] = useActionState(signInAction, null);
  const emailRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);
  const totpRef = useRef<HTMLInputElement>(null);
  // The password is never sent back by the server; kept here only to spare retyping it when just
  // the code was missing or wrong.
  const lastPassword = useRef('');

  const error = state?.message ?? initialError;
  const code = state?.code;
  const totpProblem = code === 'totp_required' || code === 'totp_invalid';
  const credentialsProblem = code === 'invalid' || code === 'missing';

  useEffect(() => {
    if (!state) return;
    if (state.keepPassword && passwordRef.current) passwordRef.current.value = lastPassword.current;
    lastPassword.current = '';
    // Put the keyboard where the officer has to act next.
    if (totpProblem) totpRef.current?.focus();
    else if (!state.email) emailRef.current?.focus();
    else passwordRef.current?.focus();
  }, [state, totpProblem]);

  return (
    <form
      action={formAction}
      onSubmit={(e) => {
        lastPassword.current = (e.currentTarget.elements.namedItem('password') as HTMLInputElement | null)?.value ?? '';
      }}
      noValidate
      aria-busy={pending}
      className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6"
    >
      {error && (
        <p id={ERROR_ID} role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">
          {error}
        </p>
      )}
      <input type="hidden" name="dari" value={dari} />
      <Field id="email" label={t('email')}>
        <input
          ref={emailRef}
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={254}
          defaultValue={state?.email ?? ''}
          aria-invalid={credentialsProblem || undefined}
          aria-describedby={credentialsProblem ? ERROR_ID : undefined}
          className={inputClass}
        />
      </Field>
      <Field id="password" label={t('password')}>
        <input
          ref={passwordRef}
          id="password"
          name="password"
          type="password"
          autoComplete="current-password"
          maxLength={1024}
          aria-invalid={credentialsProblem || undefined}
          aria-describedby={credentialsProblem ? ERROR_ID : undefined}
          className={inputClass}
        />
      </Field>
      <Field id="totp" label={t('totp')} hint={t('totpHint')}>
        <input
          ref={totpRef}
          id="totp"
          name="totp"
          type="text"
          autoComplete="one-time-code"
          // 6 digits, or a recovery code (xxxxx-xxxxx), so not a numbers-only keyboard.
          maxLength={16}
          autoCapitalize="none"
          spellCheck={false}
          aria-invalid={totpProblem || undefined}
          aria-describedby={totpProblem ? `totp-hint ${ERROR_ID}` : 'totp-hint'}
          className={`${inputClass} max-w-40 tracking-widest`}
        />
      </Field>
      <button
        type="submit"
        disabled={pending}
        className="w-full rounded-md bg-brand-600 px-6 py-2.5 font-semibold text-white shadow hover:bg-brand-700 disabled:cursor-wait disabled:opacity-80 sm:w-auto"
      >
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
