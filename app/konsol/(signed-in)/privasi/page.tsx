import Link from 'next/link';
import { getTranslations } from 'next-intl/server';
import { AccessRequest } from '@/components/konsol/privacy/access-request';
import { requireStaff } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { getAgencySettings } from '@/lib/settings/agency';
import { accessRequestAction, correctionAction } from './actions';

// PDPA (admins): access requests and corrections by IC number, and what the retention job does.
export default async function PrivacyPage() {
  await requireStaff('privacy.manage');
  const t = await getTranslations('privacy.console');
  const { retentionMonths } = await getAgencySettings(getConsoleDb());
  const card = 'space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200';
  return (
    <div className="max-w-5xl space-y-6">
      <div className="space-y-2">
        <h1 className="text-2xl font-bold">{t('title')}</h1>
        <p className="text-slate-700">{t('intro')}</p>
      </div>
      <section aria-labelledby="privacy-access-title" className={card}>
        <h2 id="privacy-access-title" className="text-lg font-semibold">{t('accessTitle')}</h2>
        <p className="text-sm text-slate-700">{t('accessIntro')}</p>
        <AccessRequest search={accessRequestAction} correct={correctionAction} />
      </section>
      <section aria-labelledby="privacy-retention-title" className={card}>
        <h2 id="privacy-retention-title" className="text-lg font-semibold">{t('retentionTitle')}</h2>
        <p className="text-sm text-slate-700">{t('retention', { months: retentionMonths })}</p>
        <p className="text-sm">
          <Link className="underline" href="/konsol/tetapan">{t('retentionSetting')}</Link>
          {' · '}
          <Link className="underline" href="/privasi">{t('notice')}</Link>
        </p>
      </section>
    </div>
  );
}
