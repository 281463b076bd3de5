import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import type { ReactNode } from 'react';
import { AgencyDetailsForm, LogoForms, RetentionForm, WhatsAppForm } from '@/components/konsol/agency-settings-forms';
import { requireStaff } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { whatsAppConfig } from '@/lib/notify/whatsapp';
import { getAgencySettings, RETENTION_MONTHS } from '@/lib/settings/agency';
import { LOGO_BYTES_MAX, logoUrl } from '@/lib/settings/logo';
import { getServiceLevelSettings } from '@/lib/sla/settings';
import { removeLogoAction, saveAgencySettingsAction, saveRetentionAction, saveWhatsAppSettingsAction, uploadLogoAction } from './actions';

// Agency settings (admins), in sections: the details shown to the public, the logo, WhatsApp,
// data retention; and links to the service levels and the working calendar, which have their own
// pages, so that everything an admin sets up is found from here.
export default async function AgencySettingsPage() {
  await requireStaff('settings.manage');
  const t = await getTranslations('agencySettings');
  const m = await getTranslations('agencyMore');
  const db = getConsoleDb();
  const [a, sl] = await Promise.all([getAgencySettings(db), getServiceLevelSettings(db)]);
  const env = getEnv();
  const url = logoUrl(a);
  const sections = [
    { id: 'butiran', title: m('detailsTitle') },
    { id: 'logo', title: m('logoTitle') },
    { id: 'whatsapp', title: m('whatsappTitle') },
    { id: 'simpanan', title: m('retentionTitle') },
    { id: 'tahap-perkhidmatan', title: m('serviceLevelsTitle') },
    { id: 'hari-bekerja', title: m('calendarTitle') },
  ];
  const section = (id: string, children: ReactNode, intro?: string) => (
    <section id={id} aria-labelledby={`${id}-title`} className="scroll-mt-4 space-y-2">
      <h2 id={`${id}-title`} className="text-lg font-semibold">
        {sections.find((s) => s.id === id)!.title}
      </h2>
      {intro && <p className="text-sm text-slate-700">{intro}</p>}
      {children}
    </section>
  );
  const link = 'font-medium text-slate-900 underline underline-offset-2 hover:text-slate-700';
  return (
    <div className="max-w-3xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
        <nav aria-label={m('sectionsLabel')}>
          <ul className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
            {sections.map((s) => (
              <li key={s.id}>
                <a href={`#${s.id}`} className={link}>
                  {s.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      </div>
      {section('butiran', <AgencyDetailsForm action={saveAgencySettingsAction} current={a} />)}
      {section(
        'logo',
        <LogoForms
          upload={uploadLogoAction}
          remove={removeLogoAction}
          current={url && a.logo ? { url, width: a.logo.width, height: a.logo.height } : null}
          maxMb={LOGO_BYTES_MAX / (1024 * 1024)}
        />,
        m('logoIntro'),
      )}
      {section(
        'whatsapp',
        <WhatsAppForm
          action={saveWhatsAppSettingsAction}
          current={{ enabled: a.whatsappEnabled, template: a.whatsappTemplate ?? env.WHATSAPP_TEMPLATE, lang: a.whatsappTemplateLang ?? env.WHATSAPP_TEMPLATE_LANG }}
          credentials={whatsAppConfig(env) !== null}
        />,
        m('whatsappIntro'),
      )}
      {section('simpanan', <RetentionForm action={saveRetentionAction} current={a.retentionMonths} min={RETENTION_MONTHS.min} max={RETENTION_MONTHS.max} />)}
      {section(
        'tahap-perkhidmatan',
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
          <Link href="/konsol/tahap-perkhidmatan" className={link}>
            {m('serviceLevelsLink')}
          </Link>
          <Link href="/konsol/kategori" className={link}>
            {m('categoriesLink')}
          </Link>
        </p>,
        m('serviceLevelsText', { percent: sl.nearlyPercent, days: sl.reminderAfterDays }),
      )}
      {section(
        'hari-bekerja',
        <p className="text-sm">
          <Link href="/konsol/cuti" className={link}>
            {m('calendarLink')}
          </Link>
        </p>,
        m('calendarText'),
      )}
    </div>
  );
}
