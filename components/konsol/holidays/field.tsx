import type { InputHTMLAttributes } from 'react';

export const inputClass = 'block w-full rounded-md border bg-white px-2 py-1.5 text-sm';
export const buttonClass = 'rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-70';
export const quietButtonClass = 'rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-semibold text-slate-900 hover:bg-slate-100 disabled:opacity-70';

/** A labelled text box with its hint and, after a refused send, its error beside it. */
export function Field({ id, label, hint, error, className, ...input }: { id: string; label: string; hint?: string; error?: string } & InputHTMLAttributes<HTMLInputElement>) {
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`flex flex-col gap-1 text-sm font-medium ${className ?? ''}`}>
      <label htmlFor={id}>{label}</label>
      <input id={id} aria-invalid={error ? true : undefined} aria-describedby={describedBy} className={`${inputClass} ${error ? 'border-2 border-red-700' : 'border-slate-400'}`} {...input} />
      {hint && <span id={`${id}-hint`} className="text-xs font-normal text-slate-600">{hint}</span>}
      {error && <span id={`${id}-error`} className="text-xs font-semibold text-red-800">{error}</span>}
    </div>
  );
}

/** The outcome of a send, read out politely. */
export function Outcome({ state }: { state: { ok: boolean; message?: string } | null }) {
  return (
    <p role="status" className={state ? (state.ok ? 'text-sm text-green-800' : 'text-sm font-medium text-red-700') : 'sr-only'}>
      {state?.message ?? ''}
    </p>
  );
}
