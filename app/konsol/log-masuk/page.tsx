import type { Metadata } from 'next';
import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { SignInForm } from '@/components/konsol/sign-in-form';
import { toSignInCode } from '@/lib/auth/config';
import { getStaffSession } from '@/lib/auth/session';

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations('login');
  return { title: `${t('title')} — Helpdesk iSPEKS`, robots: { index: false } };
}

type Search = { dari?: string | string[]; error?: string | string[]; code?: string | string[]; notis?: string | string[] };
const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);

export default async function SignInPage({ searchParams }: { searchParams: Promise<Search> }) {
  if (await getStaffSession()) redirect('/konsol');
  const t = await getTranslations('login');
  const tAccounts = await getTranslations('accounts');
  const search = await searchParams;
  // After a password was set from a link, or changed (which ends every session): sign in again.
  const notice = { 'kata-laluan-ditetapkan': tAccounts('notice.passwordSet'), 'kata-laluan-ditukar': tAccounts('notice.passwordChanged') }[one(search.notis) ?? ''];
  // Auth.js sends errors here too (`?error=CredentialsSignin&code=…`, or `?error=Configuration`)
  // when its own endpoints are used directly; the form's server action returns its errors instead.
  const error = one(search.error);
  const initialError = error ? t(`errors.${error === 'CredentialsSignin' ? toSignInCode(one(search.code)) : 'unavailable'}`) : undefined;
  return (
    <div className="space-y-6">
      <div className="space-y-1">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
      </div>
      {notice && (
        <p role="status" className="rounded-md border-2 border-green-700 bg-green-50 p-3 font-medium text-green-900">
          {notice}
        </p>
      )}
      <SignInForm dari={one(search.dari) ?? ''} initialError={initialError} />
      <p className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
        <Link href="/konsol/lupa-kata-laluan" className="text-brand-700 underline underline-offset-4 hover:text-brand-800">
          {tAccounts('forgot.link')}
        </Link>
        <Link href="/" className="text-brand-700 underline underline-offset-4 hover:text-brand-800">
          {t('publicForm')}
        </Link>
      </p>
    </div>
  );
}
