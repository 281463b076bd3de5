'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/http/errors';
import type { ServiceLevelSettings } from '@/lib/sla/settings';
import { useKeptForm } from './kept-form';

type Action = (state: ActionResult | null, form: FormData) => Promise<ActionResult>;

/** The service-level settings: each bad number gets its message beside it, and what was typed stays. */
export function ServiceLevelForm({ action, current }: { action: Action; current: ServiceLevelSettings }) {
  const t = useTranslations('automation');
  const ts = useTranslations('satisfaction');
  const [state, formAction, pending] = useActionState(action, null);
  const { formRef, onSubmit } = useKeptForm(formAction, state);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const input = 'block w-32 rounded-md border bg-white px-2 py-1.5 text-sm';
  const number = (name: Exclude<keyof ServiceLevelSettings, 'autoCloseUnanswered'>, hint?: string, label: string = t(name)) => (
    <div className="flex flex-col gap-1">
      <label htmlFor={`sl-${name}`} className="text-sm font-medium">
        {label}
      </label>
      {hint && (
        <p id={`sl-${name}-hint`} className="text-sm text-slate-600">
          {hint}
        </p>
      )}
      <input
        id={`sl-${name}`}
        name={name}
        inputMode="numeric"
        defaultValue={String(current[name])}
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={[hint && `sl-${name}-hint`, errors[name] && `sl-${name}-error`].filter(Boolean).join(' ') || undefined}
        className={`${input} ${errors[name] ? 'border-red-700' : 'border-slate-400'}`}
      />
      {errors[name] && (
        <p id={`sl-${name}-error`} className="text-sm font-medium text-red-700">
          {errors[name]}
        </p>
      )}
    </div>
  );
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} aria-label={t('formLabel')} noValidate className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
      {number('nearlyPercent', t('nearlyPercentHint'))}
      {number('reminderAfterDays')}
      <label className="flex items-start gap-2 text-sm">
        <input type="checkbox" name="autoCloseUnanswered" defaultChecked={current.autoCloseUnanswered} className="mt-0.5 h-4 w-4" />
        {t('autoCloseUnanswered')}
      </label>
      {number('autoCloseUnansweredAfterDays')}
      {number('autoCloseResolvedAfterDays')}
      {number('appealResolutionDays', ts('settings.appealResolutionDaysHint'), ts('settings.appealResolutionDays'))}
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-70">
        {t('save')}
      </button>
      <p role="status" className={state ? (state.ok ? 'text-sm text-green-800' : 'text-sm font-medium text-red-700') : 'sr-only'}>
        {state?.message ?? ''}
      </p>
    </form>
  );
}
