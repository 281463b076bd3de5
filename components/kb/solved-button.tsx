'use client';

import { useTranslations } from 'next-intl';
import { useState } from 'react';

/**
 * "Ini menyelesaikan masalah saya": counts a complaint avoided (POST /api/v1/soalan-lazim/terbantu;
 * once per article per browser, the server decides) and thanks the person.
 */
export function SolvedButton({ slug, source, className = '' }: { slug: string; source: 'faq' | 'form'; className?: string }) {
  const t = useTranslations('kbPublic');
  const [state, setState] = useState<'idle' | 'sending' | 'done' | 'failed'>('idle');

  async function send() {
    if (state === 'sending' || state === 'done') return;
    setState('sending');
    const body = new FormData();
    body.set('slug', slug);
    body.set('source', source);
    try {
      const res = await fetch('/api/v1/soalan-lazim/terbantu', { method: 'POST', body });
      setState(res.ok ? 'done' : 'failed');
    } catch {
      setState('failed');
    }
  }

  return (
    <div className={className}>
      {state !== 'done' && (
        <button type="button" onClick={send} disabled={state === 'sending'} data-testid={`solved-${slug}`}
          className="inline-flex items-center rounded-md border-2 border-green-700 bg-white px-3 py-1.5 text-sm font-semibold text-green-800 hover:bg-green-50 disabled:cursor-wait disabled:opacity-70">
          {state === 'sending' ? t('sending') : t('solved')}
        </button>
      )}
      <div role="status" aria-live="polite">
        {state === 'done' && (
          <p className="rounded-md border-2 border-green-700 bg-green-50 p-3 text-green-900">
            <strong>{t('thanks')}</strong> {t('noNeedToFile')}
          </p>
        )}
        {state === 'failed' && <p className="mt-1 text-sm font-medium text-red-700">{t('solvedFailed')}</p>}
      </div>
    </div>
  );
}
