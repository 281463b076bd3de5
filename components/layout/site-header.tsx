import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { LanguageSwitch } from './language-switch';

export async function SiteHeader({ agencyName }: { agencyName: string }) {
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <header className="bg-brand-700 text-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2 focus:text-brand-800">
        {t('nav.skip')}
      </a>
      <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-4">
        <div>
          <p className="text-sm text-brand-100">{agencyName}</p>
          <Link href="/" className="text-xl font-bold tracking-tight text-white no-underline hover:underline sm:text-2xl">
            Helpdesk iSPEKS
          </Link>
          <p className="text-sm text-brand-100">{t('header.system')}</p>
        </div>
        <nav aria-label="Utama" className="flex items-center gap-4 text-sm">
          <Link href="/" className="font-medium text-white underline-offset-4 hover:underline">
            {t('nav.form')}
          </Link>
          <Link href="/semakan" className="font-medium text-white underline-offset-4 hover:underline">
            {t('nav.lookup')}
          </Link>
          <LanguageSwitch current={locale} label={t('nav.language')} ariaLabel={t('nav.languageLabel')} />
        </nav>
      </div>
    </header>
  );
}
