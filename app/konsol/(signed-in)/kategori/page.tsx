import { getLocale, getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/konsol/action-form';
import { TargetsForm } from '@/components/konsol/targets-form';
import { requireStaff } from '@/lib/auth/guard';
import { malaysiaDay } from '@/lib/calendar/days';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { getConsoleDb } from '@/lib/db';
import { toLocale } from '@/lib/i18n/config';
import { ASSIGNMENT_MODES, charterTargetsForForm, listCategoryRouting } from '@/lib/sla/category-admin';
import { PRIORITIES } from '@/lib/sla/targets';
import { listActiveStaff } from '@/lib/staff/users';
import { addCategoryOfficerAction, removeCategoryOfficerAction, saveCategoryTargetsAction, setAssignmentModeAction } from './actions';
import { CategoryList } from './category-list';

// Categories (admins): the list itself (order, names, active; lib/lists/categories.ts), then each
// category's officers, how it hands out new complaints, and its service targets per priority
// (empty = the client charter).
export default async function CategoriesPage() {
  await requireStaff('settings.manage');
  const t = await getTranslations('routing');
  const locale = toLocale(await getLocale());
  const db = getConsoleDb();
  const [cats, staff, charter] = await Promise.all([listCategoryRouting(db), listActiveStaff(db), charterTargetsForForm(db)]);
  const today = malaysiaDay(new Date());
  const input = 'block w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm';
  const priorities = PRIORITIES.map((p) => ({ value: p, label: t(`priorities.${p}`) }));
  return (
    <div className="max-w-5xl space-y-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <p className="text-slate-700">{t('intro')}</p>
      <CategoryList />
      {cats.map((c) => {
        const name = locale === 'en' ? c.nameEn : c.nameMs;
        const candidates = staff.filter((s) => !c.officers.some((o) => o.id === s.id));
        const headingId = `kategori-${c.id}`;
        return (
          <section key={c.id} aria-labelledby={headingId} className="space-y-4 rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
            <h2 id={headingId} className="text-lg font-semibold">
              {name} {!c.active && <span className="text-sm font-normal text-slate-600">({t('inactiveCategory')})</span>}
            </h2>

            <div className="space-y-2">
              <h3 className="font-semibold">{t('officers')}</h3>
              {c.officers.length === 0 ? (
                <p className="text-sm text-slate-700">{t('noOfficers')}</p>
              ) : (
                <ul className="space-y-1">
                  {c.officers.map((o) => (
                    <li key={o.id} className="flex flex-wrap items-center justify-between gap-2 rounded-md bg-slate-50 px-2 py-1 text-sm">
                      <span>
                        {o.name}
                        {!o.active && <span className="text-slate-600"> · {t('officerInactive')}</span>}
                        {o.awayUntil && o.awayUntil >= today && <span className="text-amber-900"> · {t('officerAway', { day: formatDisplayDay(o.awayUntil) })}</span>}
                      </span>
                      <ActionForm action={removeCategoryOfficerAction} label={t('removeLabel', { name: o.name, category: name })} submitLabel={t('remove')} className="flex items-center gap-2">
                        <input type="hidden" name="categoryId" value={c.id} />
                        <input type="hidden" name="userId" value={o.id} />
                      </ActionForm>
                    </li>
                  ))}
                </ul>
              )}
              {candidates.length > 0 && (
                <ActionForm action={addCategoryOfficerAction} label={t('addOfficerLabel', { category: name })} submitLabel={t('add')} className="flex flex-wrap items-end gap-2">
                  <input type="hidden" name="categoryId" value={c.id} />
                  <label className="flex flex-col gap-1 text-sm font-medium">
                    {t('addOfficer')}
                    <select name="userId" className={input} defaultValue="" required>
                      <option value="" disabled>
                        {t('choose')}
                      </option>
                      {candidates.map((s) => (
                        <option key={s.id} value={s.id}>
                          {s.name}
                        </option>
                      ))}
                    </select>
                  </label>
                </ActionForm>
              )}
            </div>

            <ActionForm action={setAssignmentModeAction} label={t('modeLabel', { category: name })} submitLabel={t('saveMode')} className="space-y-2">
              <input type="hidden" name="categoryId" value={c.id} />
              <label className="flex flex-col gap-1 text-sm font-medium">
                {t('mode')}
                <select name="mode" defaultValue={c.mode} className={input}>
                  {ASSIGNMENT_MODES.map((m) => (
                    <option key={m} value={m}>
                      {t(`modes.${m}`)}
                    </option>
                  ))}
                </select>
              </label>
            </ActionForm>

            <div className="space-y-2">
              <h3 className="font-semibold">{t('targets')}</h3>
              <TargetsForm
                action={saveCategoryTargetsAction}
                categoryId={c.id}
                label={t('targetsLabel', { category: name })}
                hint={t('targetsHint', { hours: charter.firstResponseHours, days: charter.resolutionDays })}
                submitLabel={t('saveTargets')}
                priorities={priorities}
                columnLabels={{ firstResponseHours: t('firstResponseHours'), resolutionDays: t('resolutionDays') }}
                values={c.targets}
                placeholders={charter}
              />
            </div>
          </section>
        );
      })}
    </div>
  );
}
