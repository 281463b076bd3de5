'use client';

import { useActionState, type ReactNode } from 'react';
import type { ActionResult } from '@/lib/http/errors';

/** A small console form bound to a server action, with its result read out politely. */
export function ActionForm({
  action,
  children,
  className,
  label,
  submitLabel,
  submitName,
  submitValue,
}: {
  action: (state: ActionResult | null, form: FormData) => Promise<ActionResult>;
  children: ReactNode;
  className?: string;
  label: string;
  submitLabel: string;
  submitName?: string;
  submitValue?: string;
}) {
  const [state, formAction, pending] = useActionState(action, null);
  return (
    <form action={formAction} aria-label={label} className={className ?? 'space-y-2'}>
      {children}
      <button type="submit" name={submitName} value={submitValue} disabled={pending} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-70">
        {submitLabel}
      </button>
      <p role="status" className={state ? (state.ok ? 'text-sm text-green-800' : 'text-sm font-medium text-red-700') : 'sr-only'}>
        {state?.message ?? ''}
      </p>
    </form>
  );
}
