'use client';

import { useActionState } from 'react';
import { DISPLAY_DAY_PATTERN } from '@/lib/calendar/display-day';
import type { ActionResult } from '@/lib/http/errors';
import { useKeptForm } from './kept-form';

/**
 * "Tidak bertugas sehingga <tarikh>" on the account page: a dd-MM-yyyy text box (not a browser
 * date picker), the refusal beside it with what was typed kept, and a button to clear it.
 */
export function AwayForm({
  action,
  label,
  fieldLabel,
  hint,
  saveLabel,
  clearLabel,
  value,
}: {
  action: (state: ActionResult | null, form: FormData) => Promise<ActionResult>;
  label: string;
  fieldLabel: string;
  hint: string;
  saveLabel: string;
  clearLabel: string;
  /** The current away day as dd-MM-yyyy, or empty. */
  value: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const { formRef, onSubmit } = useKeptForm(formAction, state);
  const error = state && !state.ok ? state.fieldErrors?.awayUntil : undefined;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} aria-label={label} className="space-y-2" noValidate>
      <div className="flex flex-col gap-1 text-sm sm:w-56">
        <label htmlFor="away-until" className="font-medium">
          {fieldLabel}
        </label>
        <input
          id="away-until"
          name="awayUntil"
          type="text"
          inputMode="numeric"
          autoComplete="off"
          maxLength={10}
          pattern={DISPLAY_DAY_PATTERN}
          placeholder="dd-mm-yyyy"
          defaultValue={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'away-until-hint away-until-error' : 'away-until-hint'}
          className={`block w-full rounded-md border bg-white px-2 py-1.5 text-sm ${error ? 'border-red-700 ring-1 ring-red-700' : 'border-slate-400'}`}
        />
        <span id="away-until-hint" className="text-xs text-slate-600">
          {hint}
        </span>
        {error && (
          <span id="away-until-error" className="text-xs font-semibold text-red-800">
            {error}
          </span>
        )}
      </div>
      <div className="flex flex-wrap gap-2">
        <button type="submit" name="intent" value="set" disabled={pending} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-70">
          {saveLabel}
        </button>
        {value && (
          <button type="submit" name="intent" value="clear" disabled={pending} className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50">
            {clearLabel}
          </button>
        )}
      </div>
      <p role="status" className={state ? (state.ok ? 'text-sm text-green-800' : 'text-sm font-medium text-red-700') : 'sr-only'}>
        {state?.message ?? ''}
      </p>
    </form>
  );
}
