import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { LanguageSwitch } from '@/components/layout/language-switch';

export const dynamic = 'force-dynamic';

// The sign-in page's own frame: outside app/konsol/(signed-in), so no session is needed to see it.
export default async function SignInLayout({ children }: { children: React.ReactNode }) {
  const t = await getTranslations();
  const locale = await getLocale();
  return (
    <>
      <header className="bg-slate-900 text-white">
        <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2 focus:text-slate-900">
          {t('nav.skip')}
        </a>
        <div className="mx-auto flex max-w-md flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/" className="text-lg font-bold text-white no-underline hover:underline">
            Helpdesk iSPEKS
          </Link>
          <LanguageSwitch current={locale} label={t('nav.language')} ariaLabel={t('nav.languageLabel')} />
        </div>
      </header>
      <main id="main" className="mx-auto max-w-md px-4 py-8">
        {children}
      </main>
    </>
  );
}
