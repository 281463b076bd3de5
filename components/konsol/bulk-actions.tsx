'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useState } from 'react';
import { bulkActionForm } from '@/app/konsol/(signed-in)/actions';

/** Bulk actions on the rows ticked in the queue (their checkboxes belong to this form by id). */
export function BulkActions({
  formId,
  canAssign,
  staff,
  statuses,
}: {
  formId: string;
  canAssign: boolean;
  staff: { id: string; name: string }[];
  statuses: { value: string; label: string }[];
}) {
  const t = useTranslations('console');
  const [state, action, pending] = useActionState(bulkActionForm, null);
  const [kind, setKind] = useState<'assign' | 'tag' | 'status'>('assign');
  if (!canAssign) return null;
  const input = 'rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm';
  return (
    <form id={formId} action={action} className="flex flex-wrap items-end gap-2 rounded-lg bg-white p-3 text-sm shadow-sm ring-1 ring-slate-200">
      <label className="flex flex-col gap-1 font-medium">
        {t('bulk')}
        <select name="action" value={kind} onChange={(e) => setKind(e.target.value as typeof kind)} className={input}>
          <option value="assign">{t('bulkAssign')}</option>
          <option value="tag">{t('bulkTag')}</option>
          <option value="status">{t('bulkStatus')}</option>
        </select>
      </label>
      {kind === 'assign' && (
        <label className="flex flex-col gap-1 font-medium">
          {t('assignTo')}
          <select name="assigneeId" className={input}>
            <option value="">{t('nobody')}</option>
            {staff.map((u) => (
              <option key={u.id} value={u.id}>
                {u.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {kind === 'tag' && (
        <label className="flex flex-col gap-1 font-medium">
          {t('bulkTag')}
          <input name="tag" maxLength={32} className={input} />
        </label>
      )}
      {kind === 'status' && (
        <>
          <label className="flex flex-col gap-1 font-medium">
            {t('status')}
            <select name="status" className={input}>
              {statuses.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </label>
          <label className="flex flex-col gap-1 font-medium">
            {t('reason')}
            <input name="reason" maxLength={1000} className={input} />
          </label>
        </>
      )}
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-1.5 font-semibold text-white disabled:opacity-70">
        {t('apply')}
      </button>
      {state && (
        <p role="status" className={state.ok ? 'text-green-800' : 'text-red-700'}>
          {state.message}
        </p>
      )}
    </form>
  );
}
