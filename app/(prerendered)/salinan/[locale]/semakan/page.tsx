import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { LookupPage } from '@/components/lookup/lookup-page';
import { publicCaptchaConfig } from '@/lib/captcha/public-config';
import { prerenderedLocale } from '@/lib/http/prerendered';

// Semakan Aduan, prerendered (served at /semakan): the form and its words. The complaints this
// browser's lookup found are fetched by LookupPage once the page has loaded.
export default async function LookupFormPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = prerenderedLocale((await params).locale);
  if (!locale) notFound();
  setRequestLocale(locale);
  const t = await getTranslations('lookup');
  return (
    <>
      <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{t('title')}</h1>
      <p className="mt-2 max-w-2xl text-slate-700">{t('intro')}</p>
      <p className="mt-2 text-sm">
        <Link href="/" className="text-brand-700 underline">
          {t('formLink')}
        </Link>
      </p>
      <LookupPage captcha={publicCaptchaConfig()} />
    </>
  );
}
