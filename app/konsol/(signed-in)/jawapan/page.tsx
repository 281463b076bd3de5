import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/konsol/action-form';
import { requireStaff } from '@/lib/auth/guard';
import { listAllCannedResponses } from '@/lib/console/canned';
import { getConsoleDb } from '@/lib/db';
import { addCannedAction, toggleCannedAction } from './actions';

// Canned responses (supervisors and admins): add, deactivate, reactivate.
export default async function CannedResponsesPage() {
  await requireStaff('canned.manage');
  const t = await getTranslations('cannedAdmin');
  const rows = await listAllCannedResponses(getConsoleDb());
  const input = 'block w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm';
  return (
    <div className="max-w-4xl space-y-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-700">{t('intro')}</p>
      <ActionForm action={addCannedAction} label={t('add')} submitLabel={t('create')} className="space-y-3 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
        <h2 className="text-lg font-semibold">{t('add')}</h2>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('name')}
          <input name="title" required maxLength={120} className={input} />
        </label>
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('body')}
          <textarea name="body" rows={4} required maxLength={5000} className={input} />
        </label>
      </ActionForm>
      <ul className="space-y-2">
        {rows.map((r) => (
          <li key={r.id} className={`rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 ${r.active ? '' : 'opacity-70'}`}>
            <p className="font-semibold">
              {r.title} {!r.active && <span className="text-sm font-normal text-slate-600">({t('inactive')})</span>}
            </p>
            <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{r.body}</p>
            <ActionForm action={toggleCannedAction} label={`${r.active ? t('deactivate') : t('activate')}: ${r.title}`} submitLabel={r.active ? t('deactivate') : t('activate')} className="mt-2">
              <input type="hidden" name="id" value={r.id} />
              <input type="hidden" name="active" value={r.active ? 'false' : 'true'} />
            </ActionForm>
          </li>
        ))}
      </ul>
    </div>
  );
}
