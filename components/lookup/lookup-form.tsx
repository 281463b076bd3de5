'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { CaptchaField, type CaptchaConfig, type CaptchaHandle } from '@/components/complaint-form/captcha-widget';
import { useMultipartPost } from '@/components/forms/use-multipart-post';
import { Field, describedBy, inputClass } from '@/components/ui/field';

/**
 * The lookup form: POSTs (an IC number never goes into a URL), then opens the one complaint found
 * by its number, or has the page's list drawn again (`onLookedUp`).
 */
export function LookupForm({ captcha, onLookedUp }: { captcha: CaptchaConfig; onLookedUp: () => Promise<void> }) {
  const t = useTranslations('lookup');
  const tf = useTranslations('form');
  const router = useRouter();
  const captchaRef = useRef<CaptchaHandle>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const { post, errors, general, pending } = useMultipartPost<{ mode?: string; redirect?: string; items?: unknown[] }>('/api/v1/semakan');

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setNotice(null);
    const outcome = await post(new FormData(e.currentTarget));
    captchaRef.current?.reset(); // every lookup needs its own CAPTCHA
    if (outcome?.body.redirect) return router.push(outcome.body.redirect);
    // Every lookup replaced the previous one's grant (even a refused one), so the page's list is
    // drawn again: it shows this lookup's complaints, or none, never an earlier person's.
    await onLookedUp();
    if (!outcome || outcome.status >= 400) return;
    if (outcome.body.mode === 'link_sent') return setNotice(t('linkSent'));
    if (!outcome.body.items?.length) return setNotice(t('none'));
  }

  return (
    <form onSubmit={onSubmit} noValidate className="mt-6 space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      {general && !Object.keys(errors).length && (
        <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">
          {general}
        </p>
      )}
      <Field id="q" label={t('query')} required requiredText={tf('required')} hint={t('queryHint')} error={errors.q}>
        <input id="q" name="q" autoComplete="off" maxLength={32} required className={`${inputClass} sm:max-w-md`}
          aria-invalid={!!errors.q} aria-describedby={describedBy('q', t('queryHint'), errors.q)} />
      </Field>
      <CaptchaField ref={captchaRef} config={captcha} error={errors.captcha} />
      <button type="submit" disabled={pending}
        className="rounded-md bg-brand-600 px-6 py-2.5 font-semibold text-white shadow hover:bg-brand-700 disabled:cursor-wait disabled:opacity-80">
        {pending ? t('searching') : t('search')}
      </button>
      <p aria-live="polite" className={notice ? 'rounded-md bg-brand-50 p-3 text-slate-800' : 'sr-only'}>
        {notice ?? ''}
      </p>
    </form>
  );
}
