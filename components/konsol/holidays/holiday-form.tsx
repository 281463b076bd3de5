'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/http/errors';
import { useKeptForm } from '../kept-form';
import { buttonClass, Field, Outcome } from './field';

type Labels = { day: string; dayHint: string; name: string; submit: string };

/**
 * Adds or edits a holiday: the day typed dd-MM-yyyy and the name. A refused send keeps what was
 * typed and shows each error beside its field; a successful add empties the form.
 */
export function HolidayForm({
  action, formLabel, labels, idPrefix, holidayId, defaults,
}: {
  action: (state: ActionResult | null, form: FormData) => Promise<ActionResult>;
  formLabel: string;
  labels: Labels;
  idPrefix: string;
  holidayId?: number;
  defaults?: { day: string; name: string };
}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const { formRef, onSubmit } = useKeptForm(dispatch, holidayId === undefined ? state : null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form ref={formRef} action={dispatch} onSubmit={onSubmit} aria-label={formLabel} className="space-y-3" noValidate>
      {holidayId !== undefined && <input type="hidden" name="id" value={holidayId} />}
      <div className="grid gap-3 sm:grid-cols-[14rem_1fr]">
        <Field id={`${idPrefix}-day`} name="day" label={labels.day} hint={labels.dayHint} error={errors.day} defaultValue={defaults?.day}
          type="text" inputMode="numeric" autoComplete="off" maxLength={10} placeholder="dd-mm-yyyy" required />
        <Field id={`${idPrefix}-name`} name="name" label={labels.name} error={errors.name} defaultValue={defaults?.name} type="text" maxLength={120} required />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        {labels.submit}
      </button>
      <Outcome state={state} />
    </form>
  );
}
