'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useState } from 'react';

/**
 * Who else has this complaint open, kept current while the page is open: a heartbeat to
 * /api/konsol/aduan/[no]/kehadiran now and every `pollSeconds` (skipped while the tab is hidden,
 * so a forgotten background tab stops counting as "here").
 */
export function Presence({ number, pollSeconds }: { number: string; pollSeconds: number }) {
  const t = useTranslations('console');
  const [others, setOthers] = useState<string[]>([]);
  useEffect(() => {
    let stopped = false;
    const beat = async () => {
      if (document.visibilityState === 'hidden') return;
      try {
        const res = await fetch(`/api/konsol/aduan/${number}/kehadiran`, { method: 'POST' });
        if (!res.ok) return; // signed out or gone: the page itself will say so on the next action
        const body = (await res.json()) as { others: string[] };
        if (!stopped) setOthers(body.others);
      } catch {
        // Offline for a moment: keep the last answer, try again on the next beat.
      }
    };
    void beat();
    const timer = setInterval(beat, pollSeconds * 1000);
    document.addEventListener('visibilitychange', beat);
    return () => {
      stopped = true;
      clearInterval(timer);
      document.removeEventListener('visibilitychange', beat);
    };
  }, [number, pollSeconds]);
  return (
    <p role="status" data-testid="presence" className={others.length > 0 ? 'rounded-md border-2 border-sky-600 bg-sky-50 p-3 text-sky-950' : 'sr-only'}>
      {others.length > 0 ? t('presence', { names: others.join(', ') }) : ''}
    </p>
  );
}
