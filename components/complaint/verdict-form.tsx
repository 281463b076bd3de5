'use client';

import { useTranslations } from 'next-intl';
import Link from 'next/link';
import { startTransition, useActionState, type FormEvent } from 'react';
import { SatisfactionFields } from './satisfaction-fields';

type State = { ok: true; message: string; appeal: boolean } | { ok: false; message: string; fieldErrors?: Record<string, string>; refused?: boolean };

/** The emailed link's form: the verdict once; what was chosen stays when a field is refused. */
export function VerdictForm({
  action,
  number,
  token,
  appealNote,
}: {
  action: (state: State | null, form: FormData) => Promise<State>;
  number: string;
  token: string;
  appealNote: boolean;
}) {
  const t = useTranslations('satisfaction');
  const [state, formAction, pending] = useActionState(action, null);
  // Posted without React's automatic reset, so a refused field keeps what was chosen; `action` stays
  // on the form so it works before the script loads.
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => formAction(data));
  };
  if (state?.ok || (state && !state.ok && state.refused)) {
    return (
      <div className="space-y-4">
        <p role="status" className={state.ok ? 'rounded-md bg-green-50 p-3 font-medium text-green-900' : 'rounded-md border-2 border-slate-400 bg-slate-100 p-3 font-medium text-slate-900'}>
          {state.message}
        </p>
        <Link href="/semakan" className="inline-block text-brand-700 underline">
          {t('link.toLookup')}
        </Link>
      </div>
    );
  }
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form action={formAction} onSubmit={onSubmit} aria-label={t('title')} noValidate className="space-y-4" aria-busy={pending}>
      <input type="hidden" name="number" value={number} />
      <input type="hidden" name="t" value={token} />
      {state && !state.ok && (
        <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">
          {state.message}
        </p>
      )}
      <SatisfactionFields idPrefix="sat" errors={errors} appealNote={appealNote} />
      <button type="submit" disabled={pending}
        className="rounded-md bg-brand-600 px-6 py-2.5 font-semibold text-white shadow hover:bg-brand-700 disabled:cursor-wait disabled:opacity-80">
        {pending ? t('submitting') : t('submit')}
      </button>
    </form>
  );
}
