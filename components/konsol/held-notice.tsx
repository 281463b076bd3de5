'use client';

import { useTranslations } from 'next-intl';
import type { HeldSend } from '@/lib/console/held-send';

/**
 * A held reply or status change: what happened since the page was opened, and "Send anyway"
 * (the same form again, now saying it has seen these events). Editing first and pressing the
 * form's own button sends too, as the form now carries the newer event id.
 */
export function HeldNotice({ held, pending }: { held: HeldSend; pending: boolean }) {
  const t = useTranslations('console');
  return (
    <div data-testid="held-send" className="space-y-2 rounded-md border-2 border-amber-500 bg-amber-50 p-3 text-sm text-amber-950">
      <p className="font-semibold">{t('heldTitle')}</p>
      <ul className="space-y-1">
        {held.events.map((e) => (
          <li key={e.id} className="border-l-4 border-amber-400 pl-2">
            <strong>{e.author}</strong> <span>{e.at}</span>
            {e.summary && <span className="block italic">{e.summary}</span>}
            {e.text && <span className="block whitespace-pre-line break-words">{e.text}</span>}
          </li>
        ))}
      </ul>
      <button type="submit" name="confirm" value="1" disabled={pending}
        className="rounded-md bg-amber-700 px-3 py-1.5 font-semibold text-white hover:bg-amber-800 disabled:opacity-70">
        {t('sendAnyway')}
      </button>
    </div>
  );
}
