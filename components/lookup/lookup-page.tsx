'use client';

import Link from 'next/link';
import { useLocale, useTranslations } from 'next-intl';
import { useCallback, useEffect, useState } from 'react';
import { StatusPill } from '@/components/complaint/status-pill';
import type { CaptchaConfig } from '@/components/complaint-form/captcha-widget';
import type { ListedComplaint } from '@/lib/complaints/lookup';
import { LookupForm } from './lookup-form';

/**
 * The lookup page's working part. The page around it is prerendered, the same for everyone, so
 * what belongs to this browser comes after it loads: the complaints its last lookup found (GET
 * /api/v1/semakan, from the grant cookie), fetched again after each lookup, and the notices its
 * address carries (`?pautan` from a spent link, `?sesi=tamat` after ending the session).
 */
export function LookupPage({ captcha }: { captcha: CaptchaConfig }) {
  const t = useTranslations('lookup');
  const [items, setItems] = useState<ListedComplaint[]>([]);
  const [notice, setNotice] = useState<{ linkInvalid: boolean; sessionEnded: boolean }>({ linkInvalid: false, sessionEnded: false });

  const load = useCallback(async () => {
    try {
      const res = await fetch('/api/v1/semakan', { cache: 'no-store' });
      setItems(res.ok ? ((await res.json()) as { items: ListedComplaint[] }).items : []);
    } catch {
      setItems([]);
    }
  }, []);

  useEffect(() => {
    const query = new URLSearchParams(window.location.search);
    // Read once, when the page opens (an address's query is not rendered into a shared copy).
    // eslint-disable-next-line react-hooks/set-state-in-effect
    setNotice({ linkInvalid: query.has('pautan'), sessionEnded: query.get('sesi') === 'tamat' });
    void load();
  }, [load]);

  return (
    <>
      {notice.linkInvalid && (
        <p role="alert" className="mt-4 rounded-md border-2 border-amber-600 bg-amber-50 p-3 text-amber-900">
          {t('linkInvalid')}
        </p>
      )}
      {notice.sessionEnded && items.length === 0 && (
        <p role="status" className="mt-4 rounded-md border-2 border-brand-600 bg-brand-50 p-3 text-slate-800">
          {t('sessionEnded')}
        </p>
      )}
      <LookupForm captcha={captcha} onLookedUp={load} />
      {items.length > 0 && (
        <>
          <ComplaintList items={items} />
          <EndLookupSession />
        </>
      )}
    </>
  );
}

/** The lookup's answer: one row per complaint, each opening its history. */
function ComplaintList({ items }: { items: ListedComplaint[] }) {
  const t = useTranslations('lookup');
  const ts = useTranslations('status');
  const en = useLocale() === 'en';
  return (
    <section aria-labelledby="results-title" className="mt-8">
      <h2 id="results-title" className="text-xl font-semibold text-brand-800">
        {t('results')}
      </h2>
      <ul className="mt-3 space-y-3">
        {items.map((c) => (
          <li key={c.number}>
            <Link
              href={`/aduan/${c.number}`}
              aria-label={t('open', { number: c.number })}
              className="block rounded-lg border border-slate-200 bg-white p-4 shadow-sm hover:border-brand-600 focus-visible:border-brand-600"
            >
              <div className="flex flex-wrap items-center justify-between gap-2">
                <span className="font-mono font-bold text-brand-700">{c.number}</span>
                <StatusPill status={c.status} label={ts(c.status)} />
              </div>
              <p className="mt-1 font-medium text-slate-900">{c.title}</p>
              <p className="text-sm text-slate-600">
                {c.submitted} · {en ? c.category.en : c.category.ms} · {t('colAging')}: {t('agingDays', { days: c.agingDays })}
              </p>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/**
 * Ends the lookup session on this browser (clears the grant cookie). Lookups are often made on a
 * shared office PC, so the person who looked up says when they are done; a plain form POST.
 */
function EndLookupSession() {
  const t = useTranslations('lookup');
  return (
    <form method="post" action="/semakan/tamat" className="mt-6 flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 sm:flex-row sm:items-center sm:justify-between">
      <p className="text-sm text-slate-700">{t('endSessionHint')}</p>
      <button type="submit" className="shrink-0 rounded-md border-2 border-brand-700 bg-white px-4 py-2 font-semibold text-brand-800 hover:bg-brand-50">
        {t('endSession')}
      </button>
    </form>
  );
}
