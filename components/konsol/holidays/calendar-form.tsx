'use client';

import { useActionState } from 'react';
import type { ActionResult } from '@/lib/http/errors';
import { useKeptForm } from '../kept-form';
import { buttonClass, Field, Outcome } from './field';

/** The weekend (a checkbox per day, Sunday first) and the working hours; errors beside their fields. */
export function CalendarForm({
  action, current, labels,
}: {
  action: (state: ActionResult | null, form: FormData) => Promise<ActionResult>;
  current: { weekend: readonly number[]; start: string; end: string };
  labels: { form: string; weekend: string; days: string[]; start: string; end: string; submit: string };
}) {
  const [state, dispatch, pending] = useActionState(action, null);
  // Kept as typed after a refusal; after a save the page shows the stored values.
  const { formRef, onSubmit } = useKeptForm(dispatch, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return (
    <form ref={formRef} action={dispatch} onSubmit={onSubmit} aria-label={labels.form} className="space-y-3" noValidate>
      <fieldset aria-describedby={errors.weekend ? 'weekend-error' : undefined}>
        <legend className="text-sm font-medium">{labels.weekend}</legend>
        <div className="mt-1 flex flex-wrap gap-x-4 gap-y-2">
          {labels.days.map((day, d) => (
            <label key={d} className="flex items-center gap-2 text-sm">
              <input type="checkbox" name={`weekend${d}`} defaultChecked={current.weekend.includes(d)} className="h-4 w-4" />
              {day}
            </label>
          ))}
        </div>
        {errors.weekend && <p id="weekend-error" className="mt-1 text-xs font-semibold text-red-800">{errors.weekend}</p>}
      </fieldset>
      <div className="grid max-w-md grid-cols-2 gap-3">
        <Field id="calendar-start" name="start" label={labels.start} error={errors.start} defaultValue={current.start} type="text" inputMode="numeric" maxLength={5} placeholder="08:00" />
        <Field id="calendar-end" name="end" label={labels.end} error={errors.end} defaultValue={current.end} type="text" inputMode="numeric" maxLength={5} placeholder="17:00" />
      </div>
      <button type="submit" disabled={pending} className={buttonClass}>
        {labels.submit}
      </button>
      <Outcome state={state} />
    </form>
  );
}
