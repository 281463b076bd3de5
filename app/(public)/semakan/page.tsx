import Link from 'next/link';
import { cookies } from 'next/headers';
import { getTranslations } from 'next-intl/server';
import { ComplaintList } from '@/components/lookup/complaint-list';
import { EndLookupSession } from '@/components/lookup/end-session';
import { LookupForm } from '@/components/lookup/lookup-form';
import { publicCaptchaConfig } from '@/lib/captcha/public-config';
import { GRANT_COOKIE, readGrant } from '@/lib/complaints/access';
import { grantedComplaints } from '@/lib/complaints/lookup';
import { getDb } from '@/lib/db';
import { scalarParams } from '@/lib/http/params';

export default async function LookupPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const t = await getTranslations('lookup');
  const { pautan, sesi } = scalarParams(await searchParams, ['pautan', 'sesi']);
  // The grant holds only the latest lookup's complaints (each lookup replaces it).
  const granted = readGrant((await cookies()).get(GRANT_COOKIE)?.value);
  const items = await grantedComplaints(getDb(), granted);
  return (
    <>
      <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{t('title')}</h1>
      <p className="mt-2 max-w-2xl text-slate-700">{t('intro')}</p>
      <p className="mt-2 text-sm">
        <Link href="/" className="text-brand-700 underline">
          {t('formLink')}
        </Link>
      </p>
      {pautan && (
        <p role="alert" className="mt-4 rounded-md border-2 border-amber-600 bg-amber-50 p-3 text-amber-900">
          {t('linkInvalid')}
        </p>
      )}
      {sesi === 'tamat' && items.length === 0 && (
        <p role="status" className="mt-4 rounded-md border-2 border-brand-600 bg-brand-50 p-3 text-slate-800">
          {t('sessionEnded')}
        </p>
      )}
      <LookupForm captcha={publicCaptchaConfig()} />
      {items.length > 0 && (
        <>
          <ComplaintList items={items} />
          <EndLookupSession />
        </>
      )}
    </>
  );
}
