'use client';

import { useTranslations } from 'next-intl';
import { useRouter } from 'next/navigation';
import { useRef, useState, type FormEvent } from 'react';
import { CaptchaField, type CaptchaConfig, type CaptchaHandle } from '@/components/complaint-form/captcha-widget';
import { useMultipartPost } from '@/components/forms/use-multipart-post';
import { Field, describedBy, inputClass } from '@/components/ui/field';
import { FilePicker } from '@/components/ui/file-picker';
import { SatisfactionFields, type VerdictErrors } from './satisfaction-fields';

const ACCEPT = '.jpg,.jpeg,.png,.pdf,image/jpeg,image/png,application/pdf';

type Outcome = {
  closed?: boolean;
  appeal?: { due: string; resolutionDays: number } | null;
  noAppeal?: 'used' | 'not_appealable' | null;
  fieldErrorCodes?: Record<string, string>;
};

const VERDICT_FIELDS = ['satisfied', 'rating', 'comment'] as const;

/**
 * Maklumbalas Anda: reply to the officer and/or close the complaint (ID Pengguna + Nama must match).
 * Closing asks for the verdict (Puas hati / Tidak puas hati, 1–5, a comment); on a resolved
 * complaint Tidak puas hati opens the appeal instead (`appealAvailable`).
 */
export function FeedbackForm({ number, captcha, appealAvailable = false }: { number: string; captcha: CaptchaConfig; appealAvailable?: boolean }) {
  const t = useTranslations('feedback');
  const tsat = useTranslations('satisfaction');
  const [closing, setClosing] = useState(false);
  const [verdictErrors, setVerdictErrors] = useState<VerdictErrors>({});
  const tf = useTranslations('form');
  const router = useRouter();
  const captchaRef = useRef<CaptchaHandle>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const [done, setDone] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  const { post, errors, general, pending, progress } = useMultipartPost<Outcome>(`/api/v1/aduan/${number}/maklumbalas`);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (pending) return;
    setDone(null);
    const data = new FormData(e.currentTarget);
    data.delete('attachments');
    for (const f of files) data.append('attachments', f, f.name);
    const outcome = await post(data);
    if (!outcome || outcome.status !== 422 || outcome.body.fieldErrors?.captcha) captchaRef.current?.reset();
    // The verdict's codes are worded by the `satisfaction` messages, beside their fields.
    const codes = outcome?.body.fieldErrorCodes ?? {};
    setVerdictErrors(Object.fromEntries(VERDICT_FIELDS.filter((f) => codes[f]).map((f) => [f, tsat(`errors.${codes[f]}` as 'errors.form')])));
    if (outcome && outcome.status < 300) {
      formRef.current?.reset();
      setFiles([]);
      setClosing(false);
      const b = outcome.body;
      setDone(
        b.appeal
          ? tsat('outcome.appeal', { days: b.appeal.resolutionDays, due: b.appeal.due })
          : b.closed
            ? [t('closed'), b.noAppeal === 'used' ? tsat('outcome.appealUsed') : b.noAppeal === 'not_appealable' ? tsat('outcome.notAppealable') : ''].join(' ').trim()
            : t('sent'),
      );
      router.refresh();
    }
  }

  return (
    <section aria-labelledby="feedback-title" className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
      <h2 id="feedback-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <p className="mt-1 text-sm text-slate-700">{t('intro')}</p>
      <form ref={formRef} onSubmit={onSubmit} noValidate className="mt-4 space-y-4" aria-busy={pending}>
        {general && (
          <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">
            {general}
          </p>
        )}
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="icUser" label={t('icUser')} required requiredText={tf('required')} hint={t('icUserHint')} error={errors.icUser}>
            <input id="icUser" name="icUser" inputMode="numeric" autoComplete="off" maxLength={14} className={inputClass}
              aria-invalid={!!errors.icUser} aria-describedby={describedBy('icUser', t('icUserHint'), errors.icUser)} />
          </Field>
          <Field id="fbName" label={t('name')} required requiredText={tf('required')} hint={t('nameHint')} error={errors.name}>
            <input id="fbName" name="name" autoComplete="name" maxLength={150} className={inputClass}
              aria-invalid={!!errors.name} aria-describedby={describedBy('fbName', t('nameHint'), errors.name)} />
          </Field>
        </div>
        <Field id="message" label={t('message')} error={errors.message}>
          <textarea id="message" name="message" rows={5} maxLength={5000} className={inputClass}
            aria-invalid={!!errors.message} aria-describedby={describedBy('message', undefined, errors.message)} />
        </Field>
        <Field id="fbAttachments" label={tf('attachments')} hint={tf('attachmentsHint')} error={errors.attachments}>
          <FilePicker id="fbAttachments" name="attachments" accept={ACCEPT} files={files} onChange={setFiles}
            invalid={!!errors.attachments} describedBy={describedBy('fbAttachments', tf('attachmentsHint'), errors.attachments)} />
        </Field>
        <div className="flex items-start gap-3 rounded-md bg-amber-50 p-3">
          <input id="close" name="close" type="checkbox" className="mt-1 h-5 w-5 accent-brand-600" aria-controls="fb-verdict"
            checked={closing} onChange={(e) => setClosing(e.currentTarget.checked)} />
          <label htmlFor="close" className="font-medium">
            {t('close')}
          </label>
        </div>
        <div id="fb-verdict" hidden={!closing} className="rounded-md border border-amber-300 bg-amber-50/50 p-3">
          {closing && <SatisfactionFields idPrefix="fb" errors={verdictErrors} appealNote={appealAvailable} />}
        </div>
        <CaptchaField ref={captchaRef} config={captcha} error={errors.captcha} />
        <button type="submit" disabled={pending}
          className="rounded-md bg-brand-600 px-6 py-2.5 font-semibold text-white shadow hover:bg-brand-700 disabled:cursor-wait disabled:opacity-80">
          {pending ? (progress !== null && progress < 100 ? tf('uploading', { percent: progress }) : tf('submitting')) : t('submit')}
        </button>
        <p aria-live="polite" className={done ? 'rounded-md bg-green-50 p-3 font-medium text-green-900' : 'sr-only'}>
          {done ?? ''}
        </p>
      </form>
    </section>
  );
}
