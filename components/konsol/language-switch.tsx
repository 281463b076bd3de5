'use client';

import { useActionState } from 'react';
import { setConsoleLocale } from '@/app/konsol/(signed-in)/actions';

/** The console's language switch (one button to the other language), kept with the account. */
export function ConsoleLanguageSwitch({ current, label, ariaLabel }: { current: 'ms' | 'en'; label: string; ariaLabel: string }) {
  const [state, action, pending] = useActionState(setConsoleLocale, null);
  return (
    <form action={action} className="flex items-center gap-2">
      <input type="hidden" name="locale" value={current === 'ms' ? 'en' : 'ms'} />
      <button type="submit" aria-label={ariaLabel} lang={current === 'ms' ? 'en' : 'ms'} disabled={pending}
        className="rounded border border-white/40 px-2 py-1 hover:bg-white/10 disabled:opacity-70">
        {label}
      </button>
      <p role="status" className={state && !state.ok ? 'text-sm text-red-200' : 'sr-only'}>
        {state?.message ?? ''}
      </p>
    </form>
  );
}
