'use client';

import { useActionState, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/http/errors';
import type { AgencySettings } from '@/lib/settings/agency';
import { buttonClass, Field, Outcome, quietButtonClass } from './holidays/field';
import { useKeptForm } from './kept-form';

// The agency settings page's forms. Each is its own section and saves only its own fields; a
// refused field gets its message beside it and what was typed stays.

type Action = (state: ActionResult | null, form: FormData) => Promise<ActionResult>;

const panel = 'space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200';

function useSection(action: Action) {
  const [state, formAction, pending] = useActionState(action, null);
  const { formRef, onSubmit } = useKeptForm(formAction, state);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  return { state, formAction, pending, formRef, onSubmit, errors };
}

function Check({ name, label, checked }: { name: string; label: string; checked: boolean }) {
  return (
    <label className="flex items-start gap-2 text-sm">
      <input type="checkbox" name={name} defaultChecked={checked} className="mt-0.5 h-4 w-4" />
      {label}
    </label>
  );
}

function Submit({ pending, children }: { pending: boolean; children: ReactNode }) {
  return (
    <button type="submit" disabled={pending} className={buttonClass}>
      {children}
    </button>
  );
}

type Details = Pick<AgencySettings, 'name' | 'shortName' | 'address' | 'phone' | 'email' | 'website' | 'complaintPrefix' | 'strictLookup' | 'requireTotp'>;

/** The agency's details (shown to the public and in emails), the number prefix, strict lookup and mandatory TOTP. */
export function AgencyDetailsForm({ action, current }: { action: Action; current: Details }) {
  const t = useTranslations('agencySettings');
  const { state, formAction, pending, formRef, onSubmit, errors } = useSection(action);
  const text = (name: Exclude<keyof Details, 'strictLookup' | 'requireTotp'>, type = 'text') => (
    <Field id={`agency-${name}`} name={name} type={type} label={t(name)} defaultValue={current[name]} error={errors[name]} required />
  );
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} aria-label={t('title')} noValidate className={panel}>
      <div className="grid gap-3 sm:grid-cols-2">
        {text('name')}
        {text('shortName')}
      </div>
      {text('address')}
      <div className="grid gap-3 sm:grid-cols-2">
        {text('phone')}
        {text('email', 'email')}
        {text('website', 'url')}
        {text('complaintPrefix')}
      </div>
      <Check name="strictLookup" label={t('strictLookup')} checked={current.strictLookup} />
      <Check name="requireTotp" label={t('requireTotp')} checked={current.requireTotp} />
      <Submit pending={pending}>{t('save')}</Submit>
      <Outcome state={state} />
    </form>
  );
}

/** The logo: the current one (if any), a file to replace it, and a button to remove it. */
export function LogoForms({
  upload,
  remove,
  current,
  maxMb,
}: {
  upload: Action;
  remove: Action;
  current: { url: string; width: number; height: number } | null;
  maxMb: number;
}) {
  const t = useTranslations('agencyMore');
  const { state: upState, formAction: upAction, pending: uploading, formRef: upRef, onSubmit: upSubmit, errors: upErrors } = useSection(upload);
  const [removed, removeAction, removing] = useActionState(remove, null);
  return (
    <div className={panel}>
      {current ? (
        <figure className="space-y-1">
          <figcaption className="text-sm font-medium">{t('logoCurrent')}</figcaption>
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src={current.url} alt={t('logoCurrent')} width={current.width} height={current.height} data-testid="settings-logo" className="h-16 w-auto max-w-full rounded bg-slate-50 p-1 ring-1 ring-slate-200" />
        </figure>
      ) : (
        <p className="text-sm text-slate-700">{t('logoNone')}</p>
      )}
      <form ref={upRef} action={upAction} onSubmit={upSubmit} aria-label={t('logoForm')} noValidate className="space-y-2">
        <Field
          id="agency-logo"
          name="logo"
          type="file"
          accept="image/png,image/jpeg"
          label={t('logoFile')}
          hint={t('logoHint', { mb: maxMb })}
          error={upErrors.logo}
        />
        <Submit pending={uploading}>{t('logoUpload')}</Submit>
        <Outcome state={upState} />
      </form>
      {current && (
        <form action={removeAction} aria-label={t('logoRemoveForm')} className="space-y-2">
          <button type="submit" disabled={removing} className={quietButtonClass}>
            {t('logoRemove')}
          </button>
          <Outcome state={removed} />
        </form>
      )}
    </div>
  );
}

/** WhatsApp: the admin's switch and the template (the credentials stay in the server's settings). */
export function WhatsAppForm({
  action,
  current,
  credentials,
}: {
  action: Action;
  current: { enabled: boolean; template: string; lang: string };
  credentials: boolean;
}) {
  const t = useTranslations('agencyMore');
  const { state, formAction, pending, formRef, onSubmit, errors } = useSection(action);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} aria-label={t('whatsappForm')} noValidate className={panel}>
      <p className={`text-sm ${credentials ? 'text-slate-700' : 'rounded-md bg-amber-50 p-2 font-medium text-amber-900 ring-1 ring-amber-300'}`} data-testid="whatsapp-credentials">
        {credentials ? t('whatsappCredentialsSet') : t('whatsappCredentialsMissing')}
      </p>
      <Check name="whatsappEnabled" label={t('whatsappEnabled')} checked={current.enabled} />
      <div className="grid gap-3 sm:grid-cols-2">
        <Field id="agency-whatsappTemplate" name="whatsappTemplate" label={t('whatsappTemplate')} hint={t('whatsappTemplateHint')} defaultValue={current.template} error={errors.whatsappTemplate} />
        <Field
          id="agency-whatsappTemplateLang"
          name="whatsappTemplateLang"
          label={t('whatsappTemplateLang')}
          hint={t('whatsappTemplateLangHint')}
          defaultValue={current.lang}
          error={errors.whatsappTemplateLang}
        />
      </div>
      <Submit pending={pending}>{t('save')}</Submit>
      <Outcome state={state} />
    </form>
  );
}

/** How long closed complaints' personal data may be kept (stored and shown; the purge comes later). */
export function RetentionForm({ action, current, min, max }: { action: Action; current: number; min: number; max: number }) {
  const t = useTranslations('agencyMore');
  const { state, formAction, pending, formRef, onSubmit, errors } = useSection(action);
  return (
    <form ref={formRef} action={formAction} onSubmit={onSubmit} aria-label={t('retentionForm')} noValidate className={panel}>
      <Field
        id="agency-retentionMonths"
        name="retentionMonths"
        inputMode="numeric"
        label={t('retentionMonths')}
        hint={t('retentionHint', { min, max })}
        defaultValue={String(current)}
        error={errors.retentionMonths}
        className="max-w-md"
      />
      <Submit pending={pending}>{t('save')}</Submit>
      <Outcome state={state} />
    </form>
  );
}
