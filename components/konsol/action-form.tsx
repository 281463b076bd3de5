'use client';

import { useActionState, type ReactNode } from 'react';
import type { HeldResult } from '@/lib/console/held-send';
import type { ActionResult } from '@/lib/http/errors';
import { HeldNotice } from './held-notice';
import { useKeptForm } from './kept-form';

/** A small console form bound to a server action, with its result read out politely. */
export function ActionForm({
  action,
  children,
  className,
  label,
  submitLabel,
  submitName,
  submitValue,
  seenEventId,
}: {
  action: (state: HeldResult | ActionResult | null, form: FormData) => Promise<HeldResult | ActionResult>;
  children: ReactNode;
  className?: string;
  label: string;
  submitLabel: string;
  submitName?: string;
  submitValue?: string;
  /** For a send that is held when the page is out of date (a status change): the newest public event shown. */
  seenEventId?: number;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  const { formRef, onSubmit } = useKeptForm(formAction, state);
  const held = state && 'held' in state ? state.held : undefined;
  return (
    <form ref={formRef} action={formAction} onSubmit={seenEventId === undefined ? undefined : onSubmit} aria-label={label} className={className ?? 'space-y-2'}>
      {children}
      {seenEventId !== undefined && <input type="hidden" name="seenEventId" value={held?.seenEventId ?? seenEventId} />}
      <button type="submit" name={submitName} value={submitValue} disabled={pending} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-70">
        {submitLabel}
      </button>
      <p role="status" className={state ? (state.ok ? 'text-sm text-green-800' : 'text-sm font-medium text-red-700') : 'sr-only'}>
        {state?.message ?? ''}
      </p>
      {held && <HeldNotice held={held} pending={pending} />}
    </form>
  );
}
