'use client';

import { useTranslations } from 'next-intl';
import { startTransition, useActionState, useState, type FormEvent } from 'react';
import { composeAction } from '@/app/konsol/(signed-in)/aduan/[no]/actions';
import { fillPlaceholders, hasPlaceholders, type PlaceholderValues } from '@/lib/console/placeholders';
import type { HeldResult } from '@/lib/console/held-send';
import { LIMITS } from '@/lib/validation/complaint';
import { FilePicker } from '@/components/ui/file-picker';
import { HeldNotice } from './held-notice';

type Canned = { id: number; title: string; body: string };
type Kind = 'public' | 'internal';

const ACCEPTED = /\.(jpe?g|png|pdf)$/i;

/** The same limits the server applies (lib/uploads), so a pick the server would refuse is refused at once. */
function fileProblem(files: File[]): 'attachment_count' | 'attachment_size' | 'attachment_type' | 'attachment_empty' | null {
  if (files.length > LIMITS.attachmentsMax) return 'attachment_count';
  for (const f of files) {
    if (f.size === 0) return 'attachment_empty';
    if (f.size > LIMITS.attachmentBytesMax) return 'attachment_size';
    if (!ACCEPTED.test(f.name)) return 'attachment_type';
  }
  return null;
}

/**
 * Public reply or internal note, with canned responses and files. The two kinds look different
 * (button label and colour, a marked note mode), so a note is not sent to the complainant by
 * mistake. Canned responses are inserted with their placeholders (a reply on a parent is copied to
 * each linked complaint, filled for each); the preview shows them filled for this complaint with
 * the function and values the server uses.
 */
export function Composer({
  number,
  canned,
  statuses,
  values,
  linkedChildren,
  seenEventId,
}: {
  number: string;
  canned: Canned[];
  statuses: { value: string; label: string }[];
  values: PlaceholderValues;
  linkedChildren: number;
  /** The newest public event the page shows: a reply is held if something newer happened. */
  seenEventId: number;
}) {
  const t = useTranslations('console');
  const te = useTranslations('errors');
  const [kind, setKind] = useState<Kind>('public');
  const [body, setBody] = useState('');
  const [fileError, setFileError] = useState<string | null>(null);
  const [files, setFiles] = useState<File[]>([]);
  // The server action itself (not a client wrapper), so the form carries Next's action fields and
  // posts without JavaScript too.
  const [state, action, pending] = useActionState(composeAction, null);
  const [sent, setSent] = useState<{ body: string; files: File[] } | null>(null);
  const [answered, setAnswered] = useState<HeldResult | null>(state);
  if (state !== answered) {
    // A new answer. Sent: clear the text and files for the next message, unless the officer has
    // already started it (the answer can arrive after the refreshed page). Refused or held:
    // everything stays as it was.
    setAnswered(state);
    if (state?.ok && sent) {
      if (body === sent.body) setBody('');
      if (files.length === sent.files.length && files.every((f, i) => f === sent.files[i])) setFiles([]);
    }
    setSent(null);
  }

  // Submitted by hand: React's own form action would reset the form even when the server refuses,
  // and a refused reply keeps its text, kind and files.
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const problem = fileProblem(files);
    if (problem) return setFileError(te(problem));
    // The pressed button's name and value ("Hantar juga") go with the form, as in a plain submit.
    const form = new FormData(e.currentTarget, (e.nativeEvent as SubmitEvent).submitter);
    // The picker keeps the chosen files itself (its input is emptied after each pick).
    form.delete('attachments');
    for (const f of files) form.append('attachments', f);
    setSent({ body, files });
    startTransition(() => action(form));
  };

  const note = kind === 'internal';
  const held = state && 'held' in state ? state.held : undefined;
  const serverFileError = state && !state.ok ? state.fieldErrors?.attachments : undefined;
  const shownFileError = fileError ?? serverFileError;
  const input = 'block w-full rounded-md border border-slate-400 bg-white px-2 py-1.5 text-sm';
  return (
    <form
      action={action}
      onSubmit={submit}
      aria-label={t('composer')}
      data-kind={kind}
      className={`space-y-3 rounded-md border-l-4 p-3 ${note ? 'border-amber-500 bg-amber-50' : 'border-brand-600 bg-brand-50'}`}
    >
      <input type="hidden" name="number" value={number} />
      <input type="hidden" name="seenEventId" value={held?.seenEventId ?? seenEventId} />
      <fieldset className="flex flex-wrap gap-x-4 gap-y-2 text-sm">
        <legend className="sr-only">{t('replyType')}</legend>
        {(['public', 'internal'] as const).map((k) => (
          <label key={k} className="flex items-center gap-2 font-medium">
            <input type="radio" name="kind" value={k} checked={kind === k} onChange={() => setKind(k)} />
            {k === 'public' ? t('publicReply') : t('internalNote')}
          </label>
        ))}
      </fieldset>
      <p id="composer-kind" className={`text-sm font-medium ${note ? 'text-amber-900' : 'text-brand-800'}`}>
        {note ? t('noteNotice') : t('publicNotice')}
      </p>
      {!note && canned.length > 0 && (
        <label className="flex flex-col gap-1 text-sm font-medium">
          {t('canned')}
          <select
            className={input}
            defaultValue=""
            onChange={(e) => {
              const c = canned.find((x) => String(x.id) === e.target.value);
              if (c) setBody(c.body);
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
        <textarea
          name="body"
          rows={6}
          required
          maxLength={10000}
          value={body}
          onChange={(e) => setBody(e.target.value)}
          aria-describedby="composer-kind"
          className={`${input} ${note ? 'border-amber-500' : ''}`}
        />
      </label>
      {!note && hasPlaceholders(body) && (
        <section aria-labelledby="composer-preview" className="rounded-md border border-slate-300 bg-white p-3 text-sm">
          <h3 id="composer-preview" className="font-semibold text-slate-900">
            {t('preview')}
          </h3>
          <p data-testid="reply-preview" className="mt-1 whitespace-pre-line break-words">
            {fillPlaceholders(body, values)}
          </p>
          {linkedChildren > 0 && <p className="mt-1 text-slate-700">{t('previewChildren')}</p>}
        </section>
      )}
      <div className="flex flex-col gap-1 text-sm">
        <label htmlFor="composer-files" className="font-medium">
          {t('attachments')}
        </label>
        <span id="composer-files-hint" className="text-slate-700">
          {t('attachmentsHint')}
        </span>
        <FilePicker
          id="composer-files"
          name="attachments"
          accept=".jpg,.jpeg,.png,.pdf"
          files={files}
          invalid={shownFileError ? true : undefined}
          describedBy={shownFileError ? 'composer-files-hint composer-files-error' : 'composer-files-hint'}
          onChange={(next) => {
            // A pick the server would refuse is refused at once and not kept.
            const problem = fileProblem(next);
            setFileError(problem ? te(problem) : null);
            if (!problem) setFiles(next);
          }}
        />
        {shownFileError && (
          <p id="composer-files-error" role="alert" className="font-medium text-red-700">
            {shownFileError}
          </p>
        )}
      </div>
      {!note && (
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
      <button
        type="submit"
        disabled={pending}
        className={`rounded-md px-4 py-2 text-sm font-semibold disabled:opacity-70 ${
          note ? 'bg-amber-400 text-amber-950 hover:bg-amber-300' : 'bg-brand-600 text-white hover:bg-brand-700'
        }`}
      >
        {note ? t('saveNote') : t('sendPublic')}
      </button>
      <p role="status" className={state ? (state.ok ? 'text-sm text-green-800' : 'text-sm font-medium text-red-700') : 'sr-only'}>
        {state?.message ?? ''}
      </p>
      {held && <HeldNotice held={held} pending={pending} />}
    </form>
  );
}
