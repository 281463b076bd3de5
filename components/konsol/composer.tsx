'use client';

import { useTranslations } from 'next-intl';
import { useActionState, useRef, useState } from 'react';
import { composeAction } from '@/app/konsol/(signed-in)/aduan/[no]/actions';
import { HeldNotice } from './held-notice';
import { useKeptForm } from './kept-form';

type Canned = { id: number; title: string; body: string };

/** Reply or internal note, with canned responses (already filled for this complaint) and files. */
export function Composer({
  number,
  canned,
  statuses,
  seenEventId,
}: {
  number: string;
  canned: Canned[];
  statuses: { value: string; label: string }[];
  /** The newest public event the page shows: a reply is held if something newer happened. */
  seenEventId: number;
}) {
  const t = useTranslations('console');
  const [state, action, pending] = useActionState(composeAction, null);
  const [kind, setKind] = useState<'public' | 'internal'>('public');
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  // Reset only after a send succeeded (the radios' defaults follow `kind`, so the chosen type
  // survives); a refused or held reply keeps its text and files.
  const { formRef, onSubmit } = useKeptForm(action, state);
  const held = state && 'held' in state ? state.held : undefined;
  const input = 'block w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm';
  return (
    <form ref={formRef} action={action} onSubmit={onSubmit} aria-label={t('composer')} className="space-y-3">
      <input type="hidden" name="number" value={number} />
      <input type="hidden" name="seenEventId" value={held?.seenEventId ?? seenEventId} />
      <fieldset className="flex gap-4 text-sm">
        <legend className="sr-only">{t('replyType')}</legend>
        <label className="flex items-center gap-2">
          <input type="radio" name="kind" value="public" defaultChecked={kind === 'public'} onChange={() => setKind('public')} />
          {t('publicReply')}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name="kind" value="internal" defaultChecked={kind === 'internal'} onChange={() => setKind('internal')} />
          {t('internalNote')}
        </label>
      </fieldset>
      {kind === 'public' && canned.length > 0 && (
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('canned')}
          <select
            className={input}
            defaultValue=""
            onChange={(e) => {
              const c = canned.find((x) => String(x.id) === e.target.value);
              if (c && bodyRef.current) bodyRef.current.value = c.body;
            }}
          >
            <option value="">{t('cannedNone')}</option>
            {canned.map((c) => (
              <option key={c.id} value={c.id}>
                {c.title}
              </option>
            ))}
          </select>
        </label>
      )}
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t('body')}
        <textarea ref={bodyRef} name="body" rows={6} required maxLength={10000}
          className={`${input} ${kind === 'internal' ? 'bg-yellow-50' : ''}`} />
      </label>
      <label className="flex flex-col gap-1 text-sm font-medium">
        {t('attachments')}
        <input type="file" name="attachments" multiple accept=".jpg,.jpeg,.png,.pdf" className="text-sm" />
      </label>
      {kind === 'public' && (
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('setStatus')}
          <select name="status" defaultValue="" className={input}>
            <option value="">{t('keepStatus')}</option>
            {statuses.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      )}
      <button type="submit" disabled={pending} className="rounded-md bg-brand-600 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-700 disabled:opacity-70">
        {t('send')}
      </button>
      <p role="status" className={state ? (state.ok ? 'text-sm text-green-800' : 'text-sm font-medium text-red-700') : 'sr-only'}>
        {state?.message ?? ''}
      </p>
      {held && <HeldNotice held={held} pending={pending} />}
    </form>
  );
}
