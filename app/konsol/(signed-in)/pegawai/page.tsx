import { getTranslations } from 'next-intl/server';
import { ActionForm } from '@/components/konsol/action-form';
import { requireStaff } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { listStaff } from '@/lib/staff/manage';
import { formatMyDateTime } from '@/lib/calendar/format';
import { malaysiaDay } from '@/lib/calendar/days';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { inviteStaffAction, resendInviteAction, resetTotpAction, updateStaffAction } from './actions';

const ROLES = ['pegawai', 'penyelia', 'pentadbir'] as const;

// Officers and roles (admins): invite officers (they set their own password), change roles, deactivate, unlock.
export default async function StaffPage() {
  const session = await requireStaff('staff.manage');
  const t = await getTranslations('staff');
  const tRouting = await getTranslations('routing');
  const tSecurity = await getTranslations('security');
  const tAccounts = await getTranslations('accounts');
  const today = malaysiaDay(new Date());
  const staff = await listStaff(getConsoleDb());
  const input = 'block w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm';
  const secondary = 'rounded-md border border-slate-400 bg-white px-3 py-1.5 text-sm font-medium hover:bg-slate-50';
  return (
    <div className="space-y-4">
      <h1 className="text-2xl font-bold">{t('title')}</h1>
      <section className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200" aria-labelledby="add-staff">
        <h2 id="add-staff" className="mb-1 text-lg font-semibold">
          {tAccounts('invite.title')}
        </h2>
        <p className="mb-3 text-sm text-slate-700">{tAccounts('invite.intro')}</p>
        <ActionForm action={inviteStaffAction} label={tAccounts('invite.title')} submitLabel={tAccounts('invite.submit')} className="grid gap-3 sm:grid-cols-2 lg:grid-cols-4 lg:items-end">
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('name')}
            <input name="name" required maxLength={150} className={input} />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('email')}
            <input name="email" type="email" required className={input} />
          </label>
          <label className="flex flex-col gap-1 text-sm font-medium">
            {t('role')}
            <select name="role" className={input} defaultValue="pegawai">
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {t(`roles.${r}`)}
                </option>
              ))}
            </select>
          </label>
        </ActionForm>
      </section>
      <ul className="space-y-2">
        {staff.map((u) => {
          const locked = u.lockedUntil && u.lockedUntil > new Date();
          return (
            <li key={u.id} className="rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200">
              <div className="flex flex-wrap items-baseline justify-between gap-2">
                <p>
                  <strong>{u.name}</strong> <span className="text-sm text-slate-600">{u.email}</span>
                </p>
                <p className="text-sm text-slate-700">
                  {u.active ? t('active') : t('inactive')}
                  {u.invited && <span className="font-medium text-amber-900"> · {tAccounts('invite.pending')}</span>} · {t('totp')}: {u.totp ? '✓' : '—'}
                  {locked ? ` · ${t('locked')}` : ''} · {t('lastLogin')}: {u.lastLoginAt ? formatMyDateTime(u.lastLoginAt) : '—'}
                  {u.awayUntil && u.awayUntil >= today && (
                    <span className="font-medium text-amber-900"> · {tRouting('staffAway', { day: formatDisplayDay(u.awayUntil) })}</span>
                  )}
                </p>
              </div>
              {u.id !== session.userId && (
                <ActionForm action={updateStaffAction} label={`${t('role')}: ${u.name}`} submitLabel={t('save')} submitName="intent" submitValue="save"
                  className="mt-2 flex flex-wrap items-end gap-2">
                  <input type="hidden" name="userId" value={u.id} />
                  <label className="flex flex-col gap-1 text-sm font-medium">
                    {t('role')}
                    <select name="role" defaultValue={u.role} className={input}>
                      {ROLES.map((r) => (
                        <option key={r} value={r}>
                          {t(`roles.${r}`)}
                        </option>
                      ))}
                    </select>
                  </label>
                  <button type="submit" name="intent" value={u.active ? 'deactivate' : 'activate'} className={secondary}>
                    {u.active ? t('deactivate') : t('activate')}
                  </button>
                  {locked && (
                    <button type="submit" name="intent" value="unlock" className={secondary}>
                      {t('unlock')}
                    </button>
                  )}
                </ActionForm>
              )}
              {u.totp && u.id !== session.userId && (
                <ActionForm action={resetTotpAction} label={tSecurity('totpResetLabel', { name: u.name })} submitLabel={tSecurity('totpReset')} className="mt-2 flex flex-wrap items-center gap-2">
                  <input type="hidden" name="userId" value={u.id} />
                </ActionForm>
              )}
              {u.invited && u.active && (
                <ActionForm action={resendInviteAction} label={`${tAccounts('invite.resend')}: ${u.name}`} submitLabel={tAccounts('invite.resend')} className="mt-2 flex flex-wrap items-center gap-2">
                  <input type="hidden" name="userId" value={u.id} />
                </ActionForm>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
