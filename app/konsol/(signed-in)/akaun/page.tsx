import { getTranslations } from 'next-intl/server';
import { AwayForm } from '@/components/konsol/away-form';
import { RecoveryCodesForm } from '@/components/konsol/recovery-codes';
import { PasswordForm } from '@/components/konsol/password-form';
import { TotpEnrolment } from '@/components/konsol/totp-enrolment';
import { unusedRecoveryCodes } from '@/lib/auth/recovery-codes';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { currentAwayUntil } from '@/lib/staff/away';
import { beginTotpEnrolment, getTotpStatus, totpQrCode } from '@/lib/auth/totp';
import { requireStaff } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { changePasswordAction, setAwayAction, signOutEverywhereAction } from './actions';
import { DisplayNameSection } from './display-name-section';

export const dynamic = 'force-dynamic';

// The officer's own account: password, two-step verification (TOTP), away days and ending every session.
export default async function AccountPage() {
  const session = await requireStaff('queue.view');
  const t = await getTranslations('account');
  const tRouting = await getTranslations('routing');
  const tAccounts = await getTranslations('accounts');
  const awayUntil = await currentAwayUntil(getConsoleDb(), session.userId);
  const totp = await getTotpStatus(getConsoleDb(), session.userId);
  // A fresh secret on every visit, stored only once the officer's app has produced a right code.
  const enrolment = totp.enrolled ? null : beginTotpEnrolment({ email: session.email });
  const qr = enrolment ? await totpQrCode(enrolment.uri) : '';
  const tSecurity = await getTranslations('security');
  const card = 'space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 sm:p-6';
  return (
    <div className="max-w-2xl space-y-6">
      <div>
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="mt-1 text-slate-700">{t('signedInAs', { name: session.name, email: session.email })}</p>
      </div>

      <DisplayNameSection name={session.name} className={card} />

      <section aria-labelledby="password-title" className={card}>
        <h2 id="password-title" className="text-lg font-semibold">
          {tAccounts('change.title')}
        </h2>
        {session.mustChangePassword && (
          <p role="alert" className="rounded-md border-2 border-amber-500 bg-amber-50 p-3 font-medium text-amber-900">
            {tAccounts('change.mustChange')}
          </p>
        )}
        <p className="text-slate-700">{tAccounts('change.intro')}</p>
        <PasswordForm
          action={changePasswordAction}
          label={tAccounts('change.title')}
          submitLabel={tAccounts('change.submit')}
          fields={[
            { name: 'current', label: tAccounts('change.current'), autoComplete: 'current-password' },
            { name: 'password', label: tAccounts('change.new'), autoComplete: 'new-password', hint: tAccounts('password.rules') },
            { name: 'confirm', label: tAccounts('change.confirm'), autoComplete: 'new-password' },
          ]}
        />
      </section>

      {!session.mustChangePassword && (
        <>
          <section aria-labelledby="totp-title" className={card}>
            <h2 id="totp-title" className="text-lg font-semibold">
              {t('totpTitle')}
            </h2>
            {enrolment ? (
              <>
                {totp.required ? (
                  <p role="alert" className="rounded-md border-2 border-amber-500 bg-amber-50 p-3 font-medium text-amber-900">
                    {t('totpMustEnrol')}
                  </p>
                ) : (
                  <p className="text-slate-700">{t('totpOptional')}</p>
                )}
                <TotpEnrolment secret={enrolment.secret} uri={enrolment.uri} qr={qr} />
              </>
            ) : (
              <>
                <p className="text-green-900">{t('totpEnrolled')}</p>
                <p className="text-sm text-slate-700">{tSecurity('totpLost')}</p>
                <RecoveryCodesForm remaining={await unusedRecoveryCodes(getConsoleDb(), session.userId)} />
              </>
            )}
          </section>

          <section aria-labelledby="away-title" className={card}>
            <h2 id="away-title" className="text-lg font-semibold">
              {tRouting('away.title')}
            </h2>
            <p className="text-slate-700">{tRouting('away.intro')}</p>
            <p className="font-medium" data-testid="away-state">
              {awayUntil ? tRouting('away.current', { day: formatDisplayDay(awayUntil) }) : tRouting('away.none')}
            </p>
            <AwayForm
              action={setAwayAction}
              label={tRouting('away.title')}
              fieldLabel={tRouting('away.label')}
              hint={tRouting('away.hint')}
              saveLabel={tRouting('away.save')}
              clearLabel={tRouting('away.clear')}
              value={awayUntil ? formatDisplayDay(awayUntil) : ''}
            />
          </section>

        </>
      )}

      <section aria-labelledby="sessions-title" className={card}>
        <h2 id="sessions-title" className="text-lg font-semibold">
          {t('sessionsTitle')}
        </h2>
        <p className="text-slate-700">{t('sessionsIntro')}</p>
        <form action={signOutEverywhereAction}>
          <button type="submit" className="rounded-md border border-red-700 px-4 py-2 font-semibold text-red-800 hover:bg-red-50">
            {t('signOutEverywhere')}
          </button>
        </form>
      </section>
    </div>
  );
}
