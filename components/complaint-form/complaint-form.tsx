'use client';

import { useTranslations } from 'next-intl';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { useMultipartPost } from '@/components/forms/use-multipart-post';
import { Field, describedBy, inputClass } from '@/components/ui/field';
import { FilePicker } from '@/components/ui/file-picker';
import { ArticleSuggestions, useArticleSuggestions } from '@/components/kb/article-suggestions';
import { CaptchaField, type CaptchaConfig, type CaptchaHandle } from './captcha-widget';
import { keepDraftOnLanguageSwitch, takeDraft } from './language-draft';
import { SubmissionReceipt } from './submission-receipt';

type Option = { value: string; label: string };
type Receipt = { number: string; url: string; emailMasked: string };
/** Section A as last sent: the same person often files again, so "Hantar aduan lain" keeps it. */
type SectionA = { name: string; ic: string; ptj: string; phone: string; email: string; whatsappConsent: boolean };

const MAX_FILES = 5;
const MAX_BYTES = 5 * 1024 * 1024;
const ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';

// The error summary's fields in page order, each with the message key of its label, so every
// line names its field ("Nama Penuh: Perlu diisi") instead of repeating bare messages.
const SUMMARY_FIELDS = [
  ['name', 'name'],
  ['ic', 'ic'],
  ['ptj', 'ptj'],
  ['phone', 'phone'],
  ['email', 'email'],
  ['category', 'category'],
  ['title', 'titleField'],
  ['description', 'description'],
  ['attachments', 'attachments'],
  ['declaration', 'declarationShort'],
  ['captcha', 'captcha'],
] as const;

const sectionAOf = (data: FormData): SectionA => {
  const text = (key: string) => String(data.get(key) ?? '');
  return { name: text('name'), ic: text('ic'), ptj: text('ptj'), phone: text('phone'), email: text('email'), whatsappConsent: data.has('whatsappConsent') };
};

/**
 * The public complaint form. Posts multipart to /api/v1/aduan (the same endpoint API clients use)
 * with upload progress; on errors every message sits beside its field and nothing typed is lost.
 */
export function ComplaintForm({
  categories,
  ptjNames,
  captcha,
  whatsapp,
}: {
  categories: Option[];
  ptjNames: string[];
  captcha: CaptchaConfig;
  /** Offer WhatsApp notices only when WhatsApp is configured. */
  whatsapp: boolean;
}) {
  const t = useTranslations('form');
  const te = useTranslations('errors');
  const tPrivacy = useTranslations('privacy.notice');
  const [submissionKey, setSubmissionKey] = useState(() => crypto.randomUUID());
  const { post, errors, setErrors, general, progress, pending: submitting } = useMultipartPost<{ number?: string; url?: string; emailMasked?: string }>(
    '/api/v1/aduan',
  );
  const [files, setFiles] = useState<File[]>([]);
  const [descriptionLength, setDescriptionLength] = useState(0);
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [kept, setKept] = useState<SectionA | null>(null);
  const summaryRef = useRef<HTMLDivElement>(null);
  const captchaRef = useRef<CaptchaHandle>(null);
  const categoryRef = useRef<HTMLSelectElement>(null);
  // Published articles like what is typed (title, description), after a pause: Soalan Lazim.
  const suggestions = useArticleSuggestions();
  const titleRef = useRef<HTMLInputElement>(null);
  const descriptionRef = useRef<HTMLTextAreaElement>(null);
  const typed = () => suggestions.onText(titleRef.current?.value ?? '', descriptionRef.current?.value ?? '');
  // Switching language loads the other language's copy of this page: what was typed comes along,
  // the files must be chosen again (language-draft.ts).
  const formRef = useRef<HTMLFormElement>(null);
  const filesRef = useRef<File[]>([]);
  const [filesLeftBehind, setFilesLeftBehind] = useState(0);
  useEffect(() => {
    const form = formRef.current;
    if (!form) return;
    const draft = takeDraft(form);
    if (draft) {
      setDescriptionLength(draft.description.length);
      setFilesLeftBehind(draft.files);
      typed();
    }
    return keepDraftOnLanguageSwitch(form, () => filesRef.current.length);
    // Once, when the form first appears.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  if (receipt) {
    return (
      <SubmissionReceipt
        receipt={receipt}
        onAnother={() => {
          // The form mounts again with Section A filled in from `kept` and Section B empty.
          setReceipt(null);
          setFiles([]);
          filesRef.current = [];
          setDescriptionLength(0);
          suggestions.clear();
          setSubmissionKey(crypto.randomUUID());
          requestAnimationFrame(() => categoryRef.current?.focus());
        }}
      />
    );
  }

  function setAttachments(next: File[]) {
    const fileError = next.length > MAX_FILES ? te('attachment_count') : next.some((f) => f.size > MAX_BYTES) ? te('attachment_size') : undefined;
    setErrors((e) => {
      const { attachments: _old, ...rest } = e;
      return fileError ? { ...rest, attachments: fileError } : rest;
    });
    setFiles(next);
    filesRef.current = next;
    setFilesLeftBehind(0);
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (submitting) return; // a double click sends once; the server also dedupes by submissionKey
    const data = new FormData(event.currentTarget);
    data.delete('attachments');
    for (const f of files) data.append('attachments', f, f.name);
    data.set('submissionKey', submissionKey);

    const outcome = await post(data);
    if (outcome && outcome.body.number && outcome.body.url && outcome.status < 300) {
      setKept(sectionAOf(data));
      setReceipt({ number: outcome.body.number, url: outcome.body.url, emailMasked: outcome.body.emailMasked ?? '' });
      window.scrollTo({ top: 0 });
      return;
    }
    // Unless only fields were refused, the CAPTCHA may have been spent: ask for a fresh one.
    if (!outcome || outcome.status !== 422 || outcome.body.fieldErrors?.captcha) captchaRef.current?.reset();
    requestAnimationFrame(() => summaryRef.current?.focus());
  }

  const err = (name: string) => errors[name];
  const summaryItems = SUMMARY_FIELDS.filter(([f]) => errors[f]);

  return (
    <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-6 space-y-8" aria-busy={submitting}>
      {(summaryItems.length > 0 || general) && (
        <div ref={summaryRef} tabIndex={-1} role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-4">
          <h2 className="font-semibold text-red-800">{summaryItems.length > 0 ? t('errorSummary') : general}</h2>
          {summaryItems.length > 0 && (
            <ul className="mt-2 list-disc space-y-1 pl-5 text-red-800">
              {summaryItems.map(([f, label]) => (
                <li key={f}>
                  <a href={`#${f}`} className="underline">
                    {t('summaryLine', { field: t(label), message: errors[f] })}
                  </a>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <p className="text-sm text-slate-600">{t('requiredLegend')}</p>

      {/* min-w-0: a fieldset is at least as wide as its content by default, so a long file name
          would push it past a phone's screen. */}
      <fieldset className="min-w-0 space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <legend className="px-1 text-lg font-semibold text-brand-800">{t('sectionA')}</legend>
        <Field id="name" label={t('name')} required requiredText={t('required')} error={err('name')}>
          <input id="name" name="name" defaultValue={kept?.name} autoComplete="name" maxLength={150} required className={inputClass}
            aria-invalid={!!err('name')} aria-describedby={describedBy('name', undefined, err('name'))} />
        </Field>
        <Field id="ic" label={t('ic')} required requiredText={t('required')} hint={t('icHint')} error={err('ic')}>
          <input id="ic" name="ic" defaultValue={kept?.ic} inputMode="numeric" autoComplete="off" maxLength={16} required className={`${inputClass} sm:max-w-xs`}
            aria-invalid={!!err('ic')} aria-describedby={describedBy('ic', t('icHint'), err('ic'))} />
        </Field>
        <Field id="ptj" label={t('ptj')} required requiredText={t('required')} hint={t('ptjHint')} error={err('ptj')}>
          <input id="ptj" name="ptj" defaultValue={kept?.ptj} list="ptj-list" autoComplete="organization" maxLength={200} required className={inputClass}
            aria-invalid={!!err('ptj')} aria-describedby={describedBy('ptj', t('ptjHint'), err('ptj'))} />
          <datalist id="ptj-list">
            {ptjNames.map((n) => (
              <option key={n} value={n} />
            ))}
          </datalist>
        </Field>
        <div className="grid gap-5 sm:grid-cols-2">
          <Field id="phone" label={t('phone')} required requiredText={t('required')} hint={t('phoneHint')} error={err('phone')}>
            <input id="phone" name="phone" defaultValue={kept?.phone} type="tel" inputMode="tel" autoComplete="tel" maxLength={20} required className={inputClass}
              aria-invalid={!!err('phone')} aria-describedby={describedBy('phone', t('phoneHint'), err('phone'))} />
          </Field>
          <Field id="email" label={t('email')} required requiredText={t('required')} hint={t('emailHint')} error={err('email')}>
            <input id="email" name="email" defaultValue={kept?.email} type="email" autoComplete="email" maxLength={254} required className={inputClass}
              aria-invalid={!!err('email')} aria-describedby={describedBy('email', t('emailHint'), err('email'))} />
          </Field>
        </div>
        {whatsapp && (
          <div className="flex items-start gap-3">
            <input id="whatsappConsent" name="whatsappConsent" type="checkbox" defaultChecked={kept?.whatsappConsent}
              className="mt-1 h-5 w-5 accent-brand-600" />
            <label htmlFor="whatsappConsent">{t('whatsapp')}</label>
          </div>
        )}
      </fieldset>

      <fieldset className="min-w-0 space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <legend className="px-1 text-lg font-semibold text-brand-800">{t('sectionB')}</legend>
        <Field id="category" label={t('category')} required requiredText={t('required')} error={err('category')}>
          <select ref={categoryRef} id="category" name="category" required defaultValue="" className={inputClass}
            aria-invalid={!!err('category')} aria-describedby={describedBy('category', undefined, err('category'))}>
            <option value="" disabled>
              {t('categoryPlaceholder')}
            </option>
            {categories.map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        </Field>
        <Field id="title" label={t('titleField')} required requiredText={t('required')} error={err('title')}>
          <input ref={titleRef} id="title" name="title" maxLength={150} required className={inputClass} onChange={typed}
            aria-invalid={!!err('title')} aria-describedby={describedBy('title', undefined, err('title'))} />
        </Field>
        <Field id="description" label={t('description')} required requiredText={t('required')} hint={t('descriptionHint')} error={err('description')}>
          <textarea id="description" name="description" rows={7} maxLength={5000} required className={inputClass}
            ref={descriptionRef}
            onChange={(e) => {
              setDescriptionLength(e.target.value.length);
              typed();
            }}
            aria-invalid={!!err('description')} aria-describedby={describedBy('description', t('descriptionHint'), err('description'))} />
          <p className="text-right text-sm text-slate-600" aria-live="polite">
            {t('characters', { count: descriptionLength.toLocaleString('en-US') })}
          </p>
        </Field>
        <ArticleSuggestions items={suggestions.items} />
        <Field id="attachments" label={t('attachments')} hint={t('attachmentsHint')} error={err('attachments')}>
          <FilePicker id="attachments" name="attachments" accept={ACCEPT} files={files} onChange={setAttachments}
            invalid={!!err('attachments')} describedBy={describedBy('attachments', t('attachmentsHint'), err('attachments'))} />
          <p role="status" className="text-sm font-medium text-amber-800">
            {filesLeftBehind > 0 ? t('filesLeftBehind', { count: filesLeftBehind }) : ''}
          </p>
        </Field>
      </fieldset>

      <div className="space-y-5 rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <div className="space-y-1">
          {err('declaration') && (
            <p id="declaration-error" className="text-sm font-medium text-red-700">
              <span aria-hidden="true">⚠ </span>
              {err('declaration')}
            </p>
          )}
          <div className="flex items-start gap-3">
            <input id="declaration" name="declaration" type="checkbox" required className="mt-1 h-5 w-5 accent-brand-600"
              aria-invalid={!!err('declaration')} aria-describedby={err('declaration') ? 'declaration-error' : undefined} />
            <label htmlFor="declaration" className="font-medium">
              {t('declaration')} <span className="text-red-700" aria-hidden="true">*</span>
            </label>
          </div>
          <p className="pl-8 text-sm">
            <a href="/privasi" className="text-brand-700 underline" data-testid="privacy-notice-link">{tPrivacy('formLink')}</a>
          </p>
        </div>
        <CaptchaField ref={captchaRef} config={captcha} error={err('captcha')} />
        <button type="submit" disabled={submitting}
          className="inline-flex min-w-40 items-center justify-center rounded-md bg-brand-600 px-6 py-3 text-lg font-semibold text-white shadow hover:bg-brand-700 disabled:cursor-wait disabled:opacity-80">
          {submitting ? (progress !== null && progress < 100 && files.length > 0 ? t('uploading', { percent: progress }) : t('submitting')) : t('submit')}
        </button>
        <p className="sr-only" aria-live="polite">
          {submitting && files.length > 0 && progress !== null ? t('uploading', { percent: progress }) : ''}
        </p>
      </div>
    </form>
  );
}
