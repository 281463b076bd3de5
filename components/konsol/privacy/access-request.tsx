'use client';

import { useActionState } from 'react';
import { useTranslations } from 'next-intl';
import type { ActionResult } from '@/lib/http/errors';
import { buttonClass, Field, Outcome, quietButtonClass } from '../holidays/field';
import { useKeptForm } from '../kept-form';
import { ListForm } from '../lists/list-form';

type PersonRow = { id: string; number: string; status: string; filed: string; anonymised: boolean; name: string; phone: string; email: string };
type Answer = ActionResult | { ok: true; message: string; complaints: PersonRow[]; export: unknown };

/**
 * The access request: an IC number in, what the helpdesk holds about it out (listed, and as one
 * JSON file made in the browser from the answer, so the IC number never travels in a URL), and a
 * correction form per complaint. A refused IC number is answered beside its field.
 */
export function AccessRequest({
  search,
  correct,
}: {
  search: (state: Answer | null, form: FormData) => Promise<Answer>;
  correct: (state: ActionResult | null, form: FormData) => Promise<ActionResult>;
}) {
  const t = useTranslations('privacy.access');
  const tc = useTranslations('privacy.correct');
  const ts = useTranslations('status');
  const [state, dispatch, pending] = useActionState(search, null);
  // A refused IC number stays in its box beside the message.
  const { formRef, onSubmit } = useKeptForm(dispatch, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const found = state && state.ok && 'complaints' in state ? state : null;

  const download = () => {
    if (!found) return;
    const blob = new Blob([JSON.stringify(found.export, null, 2)], { type: 'application/json' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = t('fileName');
    a.click();
    URL.revokeObjectURL(a.href);
  };

  return (
    <div className="space-y-4">
      <form ref={formRef} action={dispatch} onSubmit={onSubmit} aria-label={t('formLabel')} className="flex flex-wrap items-end gap-3" noValidate>
        <Field id="privacy-ic" name="ic" label={t('ic')} hint={t('icHint')} error={errors.ic} inputMode="numeric" autoComplete="off" maxLength={14} required className="min-w-56" />
        <button type="submit" disabled={pending} className={buttonClass}>
          {t('submit')}
        </button>
      </form>
      <Outcome state={state} />
      {found && (
        <div className="space-y-3" data-testid="privacy-result">
          <button type="button" onClick={download} className={quietButtonClass} data-testid="privacy-download">
            {t('download')}
          </button>
          <ul className="space-y-3">
            {found.complaints.map((c) => (
              <li key={c.id} data-testid="privacy-complaint" className="space-y-2 rounded-md border border-slate-200 p-3">
                <p className="text-sm">
                  <a className="font-mono font-semibold underline" href={`/konsol/aduan/${encodeURIComponent(c.number)}`}>{c.number}</a>
                  {' · '}
                  {ts(c.status)} · {t('filed', { at: c.filed })}
                </p>
                {c.anonymised ? (
                  <p className="text-sm text-slate-700">{t('anonymised')}</p>
                ) : (
                  <details>
                    <summary className="cursor-pointer text-sm font-semibold underline">{tc('open', { number: c.number })}</summary>
                    <div className="mt-2">
                      <ListForm
                        action={correct}
                        formLabel={tc('formLabel', { number: c.number })}
                        idPrefix={`privacy-${c.id}`}
                        hidden={{ complaintId: c.id }}
                        submitLabel={tc('submit')}
                        layout="sm:grid-cols-3"
                        fields={[
                          { name: 'name', label: tc('name'), defaultValue: c.name, maxLength: 150 },
                          { name: 'phone', label: tc('phone'), defaultValue: c.phone, maxLength: 20 },
                          { name: 'email', label: tc('email'), defaultValue: c.email, maxLength: 254 },
                        ]}
                      />
                    </div>
                  </details>
                )}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
