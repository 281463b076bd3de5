import Link from 'next/link';
import { getTranslations } from 'next-intl/server';

// 404: an unknown address, or notFound() from a page (e.g. a console complaint that does not exist).
export default async function NotFound() {
  const t = await getTranslations('notFound');
  return (
    <main id="main" className="mx-auto max-w-xl px-4 py-12">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="mt-2 text-slate-700">{t('message')}</p>
      <p className="mt-6">
        <Link href="/" className="text-brand-700 underline underline-offset-4 hover:text-brand-800">
          {t('back')}
        </Link>
      </p>
    </main>
  );
}
