'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { regenerateRecoveryCodesAction } from '@/app/konsol/(signed-in)/akaun/actions';

/** The recovery codes, shown once (after enrolment or on making new ones), with a way on to the console. */
export function RecoveryCodeList({ codes }: { codes: string[] }) {
  const t = useTranslations('security');
  return (
    <section aria-labelledby="recovery-title" className="space-y-3 rounded-md border-2 border-amber-500 bg-amber-50 p-4" data-testid="recovery-codes">
      <h3 id="recovery-title" className="font-semibold">
        {t('recoveryTitle')}
      </h3>
      <p className="text-amber-950">{t('recoveryShownOnce')}</p>
      <ol className="grid grid-cols-1 gap-1 font-mono text-lg sm:grid-cols-2">
        {codes.map((c) => (
          <li key={c} className="select-all rounded bg-white px-3 py-1 ring-1 ring-amber-300">
            {c}
          </li>
        ))}
      </ol>
      {/* A full page load, so the console reads the new state (no longer "enrol first"). */}
      <a href="/konsol" className="inline-block rounded-md bg-brand-600 px-5 py-2 font-semibold text-white no-underline hover:bg-brand-700">
        {t('recoveryContinue')}
      </a>
    </section>
  );
}

/** "Jana kod pemulihan baharu" on the account page, with how many unused codes are left. */
export function RecoveryCodesForm({ remaining }: { remaining: number }) {
  const t = useTranslations('security');
  const [state, formAction, pending] = useActionState(regenerateRecoveryCodesAction, null);
  const codes = state?.ok && 'recoveryCodes' in state ? state.recoveryCodes : undefined;
  return (
    <div className="space-y-2">
      <p className="text-slate-700" data-testid="recovery-remaining">
        {t('recoveryRemaining', { count: remaining })} {t('recoveryRegenerateIntro')}
      </p>
      <form action={formAction} aria-busy={pending}>
        <button type="submit" disabled={pending} className="rounded-md border border-slate-500 bg-white px-4 py-2 font-semibold hover:bg-slate-50 disabled:opacity-70">
          {t('recoveryRegenerate')}
        </button>
        <p role="status" className={state ? (state.ok ? 'mt-2 font-medium text-green-800' : 'mt-2 font-medium text-red-700') : 'sr-only'}>
          {state?.message ?? ''}
        </p>
      </form>
      {codes && <RecoveryCodeList codes={codes} />}
    </div>
  );
}
