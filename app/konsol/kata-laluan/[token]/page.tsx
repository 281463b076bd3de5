import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { PasswordForm } from '@/components/konsol/password-form';
import { getConsoleDb } from '@/lib/db';
import { peekStaffLink } from '@/lib/staff/accounts';
import { setPasswordAction } from './actions';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('accounts');
  return { title: `${t('setPassword.metaTitle')} — Helpdesk iSPEKS`, robots: { index: false } };
}

// The emailed set-password link (an invitation or a forgotten password). Opening it spends
// nothing (mail scanners open links); the form's POST spends it (lib/staff/accounts.ts).
export default async function SetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations('accounts');
  const link = await peekStaffLink(getConsoleDb(), token);
  const linkClass = 'text-brand-700 underline underline-offset-4 hover:text-brand-800';
  if (!link) {
    return (
      <div className="space-y-4">
        <h1 className="text-2xl font-bold">{t('setPassword.invalidTitle')}</h1>
        <p role="alert" className="rounded-md border-2 border-red-700 bg-red-50 p-3 font-medium text-red-800">
          {t('setPassword.invalid')}
        </p>
        <p className="flex flex-wrap gap-4 text-sm">
          <Link href="/konsol/lupa-kata-laluan" className={linkClass}>
            {t('forgot.title')}
          </Link>
          <Link href="/konsol/log-masuk" className={linkClass}>
            {t('forgot.back')}
          </Link>
        </p>
      </div>
    );
  }
  const title = link.purpose === 'invite' ? t('setPassword.inviteTitle') : t('setPassword.resetTitle');
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{title}</h1>
        <p className="text-slate-700">{t('setPassword.account', { name: link.name, email: link.email })}</p>
      </div>
      <div className="rounded-lg border border-slate-200 bg-white p-4 shadow-sm sm:p-6">
        <PasswordForm
          action={setPasswordAction}
          label={title}
          hidden={{ token }}
          submitLabel={t('setPassword.submit')}
          fields={[
            { name: 'password', label: t('setPassword.password'), autoComplete: 'new-password', hint: t('password.rules') },
            { name: 'confirm', label: t('setPassword.confirm'), autoComplete: 'new-password' },
          ]}
        />
      </div>
    </div>
  );
}
