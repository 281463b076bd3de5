'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { forgotPasswordAction } from '@/app/konsol/lupa-kata-laluan/actions';
import { describedBy, Field, inputClass } from '@/components/ui/field';

/** The email box of "Lupa kata laluan"; the answer is the same for any well-formed email. */
export function ForgotPasswordForm() {
  const t = useTranslations('accounts.forgot');
  const [state, formAction, pending] = useActionState(forgotPasswordAction, null);
  const error = state && !state.ok ? state.fieldErrors?.email : undefined;
  return (
    <form action={formAction} noValidate aria-busy={pending} aria-label={t('title')} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      {state && (
        <p role={state.ok ? 'status' : 'alert'} className={state.ok ? 'rounded-md border-2 border-green-700 bg-green-50 p-3 font-medium text-green-900' : 'rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800'}>
          {state.message}
        </p>
      )}
      <Field id="email" label={t('email')} error={error}>
        <input
          id="email"
          name="email"
          type="email"
          autoComplete="username"
          inputMode="email"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={254}
          defaultValue={state && !state.ok ? (state.email ?? '') : ''}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy('email', undefined, error)}
          className={inputClass}
        />
      </Field>
      <button type="submit" disabled={pending} className="w-full rounded-md bg-brand-600 px-6 py-2.5 font-semibold text-white shadow hover:bg-brand-700 disabled:cursor-wait disabled:opacity-80 sm:w-auto">
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
