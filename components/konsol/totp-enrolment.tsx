'use client';

import { useTranslations } from 'next-intl';
import { useActionState } from 'react';
import { enrolTotpForm } from '@/app/konsol/(signed-in)/akaun/actions';
import { Field, describedBy, inputClass } from '@/components/ui/field';
import { RecoveryCodeList } from './recovery-codes';

/**
 * Shows a new authenticator secret as a QR code (a PNG data URL made on the server), in groups of 4
 * and as its otpauth:// link, then asks for the first code; once it is right, the recovery codes.
 */
export function TotpEnrolment({ secret, uri, qr }: { secret: string; uri: string; qr: string }) {
  const t = useTranslations('account');
  const ts = useTranslations('security');
  const [state, formAction, pending] = useActionState(enrolTotpForm, null);
  if (state?.ok && 'recoveryCodes' in state) {
    return (
      <div className="space-y-4">
        <p role="status" className="font-medium text-green-800">
          {state.message}
        </p>
        <RecoveryCodeList codes={state.recoveryCodes} />
      </div>
    );
  }
  const codeError = state && !state.ok ? state.fieldErrors?.code : undefined;
  const grouped = secret.match(/.{1,4}/g)?.join(' ') ?? secret;
  return (
    <div className="space-y-4">
      <ol className="list-decimal space-y-1 pl-5 text-slate-800">
        <li>{t('totpStep1')}</li>
        <li>{t('totpStep2')}</li>
      </ol>
      <figure className="space-y-1">
        {/* eslint-disable-next-line @next/next/no-img-element -- a data URL made on the server, nothing to optimise */}
        <img src={qr} alt={ts('qrAlt')} width={222} height={222} data-testid="totp-qr" className="h-auto w-[222px] rounded ring-1 ring-slate-300" />
        <figcaption className="text-sm text-slate-700">{ts('qrHint')}</figcaption>
      </figure>
      <dl className="space-y-3">
        <div>
          <dt className="font-medium">{t('totpSecret')}</dt>
          <dd>
            <code data-testid="totp-secret" className="mt-1 inline-block select-all rounded bg-slate-100 px-3 py-2 font-mono text-lg tracking-wider break-all">
              {grouped}
            </code>
          </dd>
        </div>
        <div>
          <dt className="font-medium">{t('totpUri')}</dt>
          <dd className="mt-1 text-sm break-all">
            {/* On a phone the link opens the authenticator app directly. */}
            <a href={uri} className="text-brand-700 underline underline-offset-4 hover:text-brand-800">
              {uri}
            </a>
          </dd>
        </div>
      </dl>
      <form action={formAction} noValidate aria-busy={pending} className="space-y-3">
        <input type="hidden" name="secret" value={secret} />
        <Field id="totp-code" label={t('totpCode')} hint={t('totpCodeHint')} error={codeError}>
          <input
            id="totp-code"
            name="code"
            type="text"
            inputMode="numeric"
            autoComplete="one-time-code"
            maxLength={7}
            aria-invalid={!!codeError || undefined}
            aria-describedby={describedBy('totp-code', t('totpCodeHint'), codeError)}
            className={`${inputClass} max-w-40 tracking-widest`}
          />
        </Field>
        <button
          type="submit"
          disabled={pending}
          className="rounded-md bg-brand-600 px-5 py-2 font-semibold text-white hover:bg-brand-700 disabled:cursor-wait disabled:opacity-80"
        >
          {pending ? t('totpActivating') : t('totpActivate')}
        </button>
        {state && !state.ok && !codeError && (
          <p role="alert" className="font-medium text-red-700">
            {state.message}
          </p>
        )}
        <p role="status" className={state?.ok ? 'font-medium text-green-800' : 'sr-only'}>
          {state?.ok ? state.message : ''}
        </p>
      </form>
    </div>
  );
}
