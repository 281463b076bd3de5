'use client';

import { useActionState, useState } from 'react';
import type { ActionResult } from '@/lib/http/errors';
import { buttonClass, Outcome, quietButtonClass } from './field';

/** Delete asks first: the button opens a question with "Ya, padam" and "Batal" (the form is there, hidden, until then). */
export function DeleteHoliday({
  action, holidayId, labels,
}: {
  action: (state: ActionResult | null, form: FormData) => Promise<ActionResult>;
  holidayId: number;
  labels: { delete: string; deleteLabel: string; ask: string; yes: string; cancel: string };
}) {
  const [asking, setAsking] = useState(false);
  const [state, dispatch, pending] = useActionState(action, null);
  return (
    <div>
      {!asking && (
        <button type="button" className={quietButtonClass} aria-label={labels.deleteLabel} onClick={() => setAsking(true)}>
          {labels.delete}
        </button>
      )}
      <form action={dispatch} aria-label={labels.deleteLabel} hidden={!asking} className="space-y-2 rounded-md bg-red-50 p-2 ring-1 ring-red-200">
        <input type="hidden" name="id" value={holidayId} />
        <p className="text-sm text-slate-900">{labels.ask}</p>
        <div className="flex flex-wrap gap-2">
          <button type="submit" disabled={pending} className={`${buttonClass} bg-red-800 hover:bg-red-700`}>
            {labels.yes}
          </button>
          <button type="button" className={quietButtonClass} onClick={() => setAsking(false)}>
            {labels.cancel}
          </button>
        </div>
      </form>
      <Outcome state={state} />
    </div>
  );
}
