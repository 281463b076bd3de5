'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/http/errors';
import { useKeptForm } from './kept-form';

type Column = 'firstResponseHours' | 'resolutionDays';
const COLUMNS: Column[] = ['firstResponseHours', 'resolutionDays'];

/**
 * A category's targets per priority (lib/sla/category-admin.ts): two whole numbers per priority,
 * empty for the charter (its value shown as the placeholder). A refusal puts its message beside
 * each bad field and keeps everything typed.
 */
export function TargetsForm({
  action,
  categoryId,
  label,
  hint,
  submitLabel,
  priorities,
  columnLabels,
  values,
  placeholders,
}: {
  action: (state: ActionResult | null, form: FormData) => Promise<ActionResult>;
  categoryId: number;
  label: string;
  hint: string;
  submitLabel: string;
  priorities: { value: string; label: string }[];
  columnLabels: Record<Column, string>;
  values: Record<string, { firstResponseHours: number; resolutionDays: number } | undefined>;
  placeholders: Record<Column, number>;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const { formRef, onSubmit } = useKeptForm(formAction, state);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const hintId = `targets-${categoryId}-hint`;
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} aria-label={label} className="space-y-3" noValidate>
      <input type="hidden" name="categoryId" value={categoryId} />
      <p id={hintId} className="text-sm text-slate-700">
        {hint}
      </p>
      <div className="grid gap-3 sm:grid-cols-2">
        {priorities.map((p) => (
          <fieldset key={p.value} className="rounded-md border border-slate-300 p-3">
            <legend className="px-1 text-sm font-semibold">{p.label}</legend>
            <div className="grid gap-2 sm:grid-cols-2">
              {COLUMNS.map((c) => {
                const name = `${p.value}.${c}`;
                const id = `t-${categoryId}-${p.value}-${c}`;
                const error = errors[name];
                return (
                  <div key={c} className="flex flex-col gap-1 text-sm">
                    <label htmlFor={id} className="font-medium">
                      {columnLabels[c]}
                    </label>
                    <input
                      id={id}
                      name={name}
                      type="text"
                      inputMode="numeric"
                      autoComplete="off"
                      maxLength={4}
                      defaultValue={values[p.value]?.[c] ?? ''}
                      placeholder={String(placeholders[c])}
                      aria-invalid={error ? true : undefined}
                      aria-describedby={error ? `${id}-error ${hintId}` : hintId}
                      className={`block w-full rounded-md border bg-white px-2 py-1.5 text-sm placeholder:text-slate-500 ${error ? 'border-red-700 ring-1 ring-red-700' : 'border-slate-400'}`}
                    />
                    {error && (
                      <span id={`${id}-error`} className="text-xs font-semibold text-red-800">
                        {error}
                      </span>
                    )}
                  </div>
                );
              })}
            </div>
          </fieldset>
        ))}
      </div>
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-70">
        {submitLabel}
      </button>
      <p role="status" className={state ? (state.ok ? 'text-sm text-green-800' : 'text-sm font-medium text-red-700') : 'sr-only'}>
        {state?.message ?? ''}
      </p>
    </form>
  );
}
