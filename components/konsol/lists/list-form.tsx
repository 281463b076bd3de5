'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/http/errors';
import { buttonClass, Field, Outcome } from '../holidays/field';
import { useKeptForm } from '../kept-form';

export type ListField = { name: string; label: string; hint?: string; defaultValue?: string; maxLength: number; autoComplete?: string; className?: string };

/**
 * A small form of named text boxes (a category's names, a PTJ's code and name, one's display
 * name): a refused send keeps what was typed and shows each error beside its field, in the
 * officer's language; an add form (`resetOnSuccess`) empties once saved.
 */
export function ListForm({
  action, formLabel, idPrefix, fields, hidden = {}, submitLabel, resetOnSuccess = false, layout = 'sm:grid-cols-2',
}: {
  action: (state: ActionResult | null, form: FormData) => Promise<ActionResult>;
  formLabel: string;
  idPrefix: string;
  fields: ListField[];
  hidden?: Record<string, string | number>;
  submitLabel: string;
  resetOnSuccess?: boolean;
  layout?: string;
}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const { formRef, onSubmit } = useKeptForm(dispatch, resetOnSuccess ? state : null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form ref={formRef} action={dispatch} onSubmit={onSubmit} aria-label={formLabel} className="space-y-3" noValidate>
      {Object.entries(hidden).map(([k, v]) => (
        <input key={k} type="hidden" name={k} value={v} />
      ))}
      <div className={`grid gap-3 ${layout}`}>
        {fields.map((f) => (
          <Field key={f.name} id={`${idPrefix}-${f.name}`} name={f.name} label={f.label} hint={f.hint} error={errors[f.name]} defaultValue={f.defaultValue}
            type="text" maxLength={f.maxLength} autoComplete={f.autoComplete ?? 'off'} required className={f.className} />
        ))}
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        {submitLabel}
      </button>
      <Outcome state={state} />
    </form>
  );
}
