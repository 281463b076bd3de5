'use client';

import { useActionState } from 'react';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import type { ActionResult } from '@/lib/http/errors';
import { useKeptForm } from './kept-form';

type PasswordField = { name: string; label: string; autoComplete: 'current-password' | 'new-password'; hint?: string };

/**
 * A password form (own change, or the set-password link): each refusal beside its field, in the
 * reader's language, the form not reset on a refusal. `hidden` carries e.g. the link's token.
 */
export function PasswordForm({
  action,
  label,
  fields,
  submitLabel,
  hidden = {},
}: {
  action: (state: ActionResult | null, form: FormData) => Promise<ActionResult>;
  label: string;
  fields: PasswordField[];
  submitLabel: string;
  hidden?: Record<string, string>;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const { formRef, onSubmit } = useKeptForm(formAction, state);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} aria-label={label} noValidate aria-busy={pending} className="space-y-4">
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      {fields.map((f) => {
        const id = `pw-${f.name}`;
        return (
          <Field key={f.name} id={id} label={f.label} hint={f.hint} error={errors[f.name]}>
            <input
              id={id}
              name={f.name}
              type="password"
              autoComplete={f.autoComplete}
              maxLength={1024}
              aria-invalid={errors[f.name] ? true : undefined}
              aria-describedby={describedBy(id, f.hint, errors[f.name])}
              className={inputClass}
            />
          </Field>
        );
      })}
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-4 py-2 font-semibold text-white hover:bg-slate-700 disabled:opacity-70">
        {submitLabel}
      </button>
      <p role="status" className={state ? (state.ok ? 'text-sm text-green-800' : 'text-sm font-medium text-red-700') : 'sr-only'}>
        {state?.message ?? ''}
      </p>
    </form>
  );
}
