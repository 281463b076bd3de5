import { getTranslations } from 'next-intl/server';
import { ServiceLevelForm } from '@/components/konsol/service-level-form';
import { requireStaff } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { getServiceLevelSettings } from '@/lib/sla/settings';
import { saveServiceLevelSettingsAction } from './actions';

// Service levels (admins): when a complaint is nearly late, when the complainant is reminded and
// when complaints close by themselves (lib/sla/settings.ts; the runs in lib/sla/automation.ts).
export default async function ServiceLevelsPage() {
  await requireStaff('settings.manage');
  const t = await getTranslations('automation');
  const current = await getServiceLevelSettings(getConsoleDb());
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-700">{t('intro')}</p>
      <ServiceLevelForm action={saveServiceLevelSettingsAction} current={current} />
    </div>
  );
}
