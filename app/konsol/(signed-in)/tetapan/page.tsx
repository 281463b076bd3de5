import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/konsol/action-form';
import { requireStaff } from '@/lib/auth/guard';
import { getDb } from '@/lib/db';
import { getAgencySettings } from '@/lib/settings/agency';
import { saveAgencySettingsAction } from './actions';

// Agency settings (admins): the details shown to the public, the number prefix, strict lookup
// (semakan selamat) and mandatory TOTP.
export default async function AgencySettingsPage() {
  await requireStaff('settings.manage');
  const t = await getTranslations('agencySettings');
  const a = await getAgencySettings(getDb());
  const input = 'block w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm';
  const text = (name: keyof typeof a, type = 'text') => (
    <label className="flex flex-col gap-1 text-sm font-medium">
      {t(name)}
      <input name={name} type={type} defaultValue={String(a[name])} required className={input} />
    </label>
  );
  return (
    <div className="max-w-3xl space-y-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-700">{t('intro')}</p>
      <ActionForm action={saveAgencySettingsAction} label={t('title')} submitLabel={t('save')} className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <div className="grid gap-3 sm:grid-cols-2">
          {text('name')}
          {text('shortName')}
        </div>
        {text('address')}
        <div className="grid gap-3 sm:grid-cols-2">
          {text('phone')}
          {text('email', 'email')}
          {text('website', 'url')}
          {text('complaintPrefix')}
        </div>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="strictLookup" defaultChecked={a.strictLookup} className="mt-0.5 h-4 w-4" />
          {t('strictLookup')}
        </label>
        <label className="flex items-start gap-2 text-sm">
          <input type="checkbox" name="requireTotp" defaultChecked={a.requireTotp} className="mt-0.5 h-4 w-4" />
          {t('requireTotp')}
        </label>
      </ActionForm>
    </div>
  );
}
