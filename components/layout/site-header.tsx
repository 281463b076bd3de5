import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { LanguageSwitch } from './language-switch';

/** The public header: the agency's logo (when an admin uploaded one, from /api/logo) and name, the helpdesk's name, the menu. */
export async function SiteHeader({ agencyName, logoUrl }: { agencyName: string; logoUrl?: string | null }) {
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <header className="bg-brand-700 text-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2 focus:text-brand-800">
        {t('nav.skip')}
      </a>
      <div className="mx-auto flex max-w-4xl flex-wrap items-center justify-between gap-3 px-4 py-4">
        <div className="flex items-center gap-3">
          {logoUrl && (
            // A small image of our own, already sized (lib/settings/logo.ts): next/image would add nothing.
            // eslint-disable-next-line @next/next/no-img-element
            <img src={logoUrl} alt={t('agencyMore.logoAlt', { name: agencyName })} data-testid="agency-logo" className="h-12 w-auto max-w-32 rounded bg-white p-0.5 sm:h-14" />
          )}
          <div>
            <p className="text-sm text-brand-100">{agencyName}</p>
            <Link href="/" className="text-xl font-bold tracking-tight text-white no-underline hover:underline sm:text-2xl">
              Helpdesk iSPEKS
            </Link>
            <p className="text-sm text-brand-100">{t('header.system')}</p>
          </div>
        </div>
        <nav aria-label="Utama" className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
          <Link href="/" className="whitespace-nowrap font-medium text-white underline-offset-4 hover:underline">
            {t('nav.form')}
          </Link>
          <Link href="/semakan" className="whitespace-nowrap font-medium text-white underline-offset-4 hover:underline">
            {t('nav.lookup')}
          </Link>
          <Link href="/soalan-lazim" className="whitespace-nowrap font-medium text-white underline-offset-4 hover:underline">
            {t('kbPublic.navLink')}
          </Link>
          <LanguageSwitch current={locale} label={t('nav.language')} ariaLabel={t('nav.languageLabel')} />
        </nav>
      </div>
    </header>
  );
}
