import Link from 'next/link';
import { notFound } from 'next/navigation';
import { getTranslations, setRequestLocale } from 'next-intl/server';
import { ComplaintForm } from '@/components/complaint-form/complaint-form';
import { getDb } from '@/lib/db';
import { publicCaptchaConfig } from '@/lib/captcha/public-config';
import { getFormOptions } from '@/lib/complaints/form-options';
import { prerenderedLocale } from '@/lib/http/prerendered';
import { activeWhatsAppConfig } from '@/lib/notify/whatsapp';

export default async function ComplaintFormPage({ params }: { params: Promise<{ locale: string }> }) {
  const locale = prerenderedLocale((await params).locale);
  if (!locale) notFound();
  setRequestLocale(locale);
  const t = await getTranslations('form');
  const tk = await getTranslations('kbPublic');
  const options = await getFormOptions(getDb(), locale);
  const captcha = publicCaptchaConfig();
  return (
    <>
      <h1 className="text-2xl font-bold text-brand-800 sm:text-3xl">{t('title')}</h1>
      <p className="mt-2 max-w-2xl text-slate-700">{t('intro')}</p>
      <p className="mt-2 max-w-2xl text-slate-700">
        {tk('checkFirstText')}{' '}
        <Link href="/soalan-lazim" className="font-medium text-brand-700 underline">
          {tk('checkFirst')}
        </Link>
      </p>
      <ComplaintForm categories={options.categories} ptjNames={options.ptjNames} captcha={captcha} whatsapp={(await activeWhatsAppConfig(getDb())) !== null} />
    </>
  );
}
