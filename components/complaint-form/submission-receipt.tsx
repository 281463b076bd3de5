'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState } from 'react';

/** The receipt: the number, where the copy was emailed (masked by the server), and the next steps. */
export function SubmissionReceipt({
  receipt,
  onAnother,
}: {
  receipt: { number: string; url: string; emailMasked: string };
  onAnother: () => void;
}) {
  const t = useTranslations('success');
  const [copied, setCopied] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);

  return (
    <section aria-labelledby="receipt-title" className="mt-6 rounded-lg border-2 border-green-700 bg-green-50 p-6">
      <h2 id="receipt-title" ref={headingRef} tabIndex={-1} className="text-xl font-bold text-green-900">
        {t('title')}
      </h2>
      <p className="mt-4 text-sm font-medium text-slate-700">{t('numberLabel')}</p>
      <div className="mt-1 flex flex-wrap items-center gap-3">
        <output data-testid="complaint-number" className="font-mono text-2xl font-bold tracking-wider text-slate-900 sm:text-3xl">
          {receipt.number}
        </output>
        <button type="button"
          className="rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
          onClick={async () => {
            await navigator.clipboard?.writeText(receipt.number).catch(() => {});
            setCopied(true);
          }}>
          {copied ? t('copied') : t('copy')}
        </button>
        <span className="sr-only" aria-live="polite">{copied ? t('copied') : ''}</span>
      </div>
      <p className="mt-4 break-words text-slate-800" data-testid="email-sent">
        {t.rich('emailSent', { email: receipt.emailMasked, b: (chunks) => <strong className="font-semibold">{chunks}</strong> })}
      </p>
      <div className="mt-6 flex flex-wrap gap-3">
        <a href={receipt.url} className="rounded-md bg-brand-600 px-4 py-2 font-semibold text-white hover:bg-brand-700">
          {t('view')}
        </a>
        <button type="button" onClick={onAnother} className="rounded-md border border-slate-400 bg-white px-4 py-2 font-semibold hover:bg-slate-100">
          {t('another')}
        </button>
      </div>
    </section>
  );
}
