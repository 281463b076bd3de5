import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { ForgotPasswordForm } from '@/components/konsol/forgot-password-form';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('accounts.forgot');
  return { title: `${t('title')} — Helpdesk iSPEKS`, robots: { index: false } };
}

// "Lupa kata laluan": an email box; a known account gets a single-use link (30 minutes), and
// every well-formed email gets the same answer (lib/staff/accounts.ts requestPasswordReset).
export default async function ForgotPasswordPage() {
  const t = await getTranslations('accounts.forgot');
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
      </div>
      <ForgotPasswordForm />
      <p className="text-sm">
        <Link href="/konsol/log-masuk" className="text-brand-700 underline underline-offset-4 hover:text-brand-800">
          {t('back')}
        </Link>
      </p>
    </div>
  );
}
