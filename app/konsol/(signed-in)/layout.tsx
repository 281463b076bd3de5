import Link from 'next/link';
import { getLocale, getTranslations } from 'next-intl/server';
import { ConsoleLanguageSwitch } from '@/components/konsol/language-switch';
import { requireStaff } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { getConsoleDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { toLocale } from '@/lib/i18n/config';
import { getAgencySettings } from '@/lib/settings/agency';
import { logoUrl } from '@/lib/settings/logo';
import { signOutAction } from './akaun/actions';

export const dynamic = 'force-dynamic';

// The signed-in console. Every page below also checks its own permission (requireStaff); this
// layout only draws the frame for whoever may see the queue.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const session = await requireStaff('queue.view');
  const t = await getTranslations('console');
  const tStaff = await getTranslations('staff');
  const tSettings = await getTranslations('agencySettings');
  const tCanned = await getTranslations('cannedAdmin');
  const tHolidays = await getTranslations('holidays');
  const tRouting = await getTranslations('routing');
  const tNav = await getTranslations('nav');
  const tAutomation = await getTranslations('automation');
  const tLists = await getTranslations('lists');
  const tPrivacy = await getTranslations('privacy');
  const tKb = await getTranslations('kbAuthor');
  const tReports = await getTranslations('reports');
  const locale = toLocale(await getLocale());
  const agency = await getAgencySettings(getConsoleDb());
  const logo = logoUrl(agency);
  const mailbox = can(session.role, 'mailbox.view') && !getEnv().RESEND_API_KEY;
  const link = 'rounded px-2 py-1 text-white/90 hover:bg-white/10 hover:text-white';
  return (
    <div className="min-h-screen bg-slate-100 print:bg-white">
      <header className="bg-slate-900 text-white print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-3 px-4 py-3">
          <Link href="/konsol" className="flex items-center gap-2 text-lg font-bold text-white">
            {logo && (
              // eslint-disable-next-line @next/next/no-img-element
              <img src={logo} alt="" data-testid="console-logo" className="h-8 w-auto max-w-24 rounded bg-white p-0.5" />
            )}
            {t('title')}
          </Link>
          <nav aria-label={t('navLabel')} className="flex flex-wrap items-center gap-1 text-sm">
            <Link className={link} href="/konsol">
              {t('queue')}
            </Link>
            {can(session.role, 'kb.draft') && (
              <Link className={link} href="/konsol/soalan-lazim">
                {tKb('nav')}
              </Link>
            )}
            {can(session.role, 'canned.manage') && (
              <Link className={link} href="/konsol/jawapan">
                {tCanned('nav')}
              </Link>
            )}
            {can(session.role, 'staff.manage') && (
              <Link className={link} href="/konsol/pegawai">
                {tStaff('nav')}
              </Link>
            )}
            {can(session.role, 'settings.manage') && (
              <Link className={link} href="/konsol/kategori">
                {tRouting('nav')}
              </Link>
            )}
            {can(session.role, 'settings.manage') && (
              <Link className={link} href="/konsol/ptj">
                {tLists('nav')}
              </Link>
            )}
            {can(session.role, 'settings.manage') && (
              <Link className={link} href="/konsol/tetapan">
                {tSettings('nav')}
              </Link>
            )}
            {can(session.role, 'settings.manage') && (
              <Link className={link} href="/konsol/cuti">
                {tHolidays('nav')}
              </Link>
            )}
            {can(session.role, 'settings.manage') && (
              <Link className={link} href="/konsol/tahap-perkhidmatan">
                {tAutomation('nav')}
              </Link>
            )}
            {can(session.role, 'reports.view') && (
              <Link className={link} href="/konsol/laporan">
                {tReports('nav')}
              </Link>
            )}
            {can(session.role, 'audit.view') && (
              <Link className={link} href="/konsol/audit">
                {t('audit')}
              </Link>
            )}
            {can(session.role, 'privacy.manage') && (
              <Link className={link} href="/konsol/privasi">
                {tPrivacy('nav')}
              </Link>
            )}
            {mailbox && (
              <Link className={link} href="/konsol/peti-mel">
                {t('mailbox')}
              </Link>
            )}
            <Link className={link} href="/konsol/akaun">
              {t('account')}
            </Link>
            <span className="px-2 text-white/70" data-testid="signed-in-as">
              {session.name} ({tStaff(`roles.${session.role}`)})
            </span>
            <ConsoleLanguageSwitch current={locale} label={tNav('language')} ariaLabel={tNav('languageLabel')} />
            <form action={signOutAction}>
              <button type="submit" className="rounded border border-white/40 px-2 py-1 hover:bg-white/10">
                {t('signOut')}
              </button>
            </form>
          </nav>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl px-4 py-6 print:max-w-none print:p-0">
        {children}
      </main>
    </div>
  );
}
