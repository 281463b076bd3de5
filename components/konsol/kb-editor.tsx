'use client';

import { startTransition, useActionState, type FormEvent } from 'react';
import { describedBy, Field, inputClass } from '@/components/ui/field';
import type { ActionResult } from '@/lib/http/errors';
import type { SaveDraftResult } from '@/app/konsol/(signed-in)/soalan-lazim/actions';

type Labels = {
  form: string;
  title: string;
  problem: string;
  solution: string;
  category: string;
  keywords: string;
  keywordsHint: string;
  noCategory: string;
  save: string;
  foundLabel: string;
};

/**
 * The article editor: each save is a new version, redacted again on the server. What the server
 * removed is read out after the save (counts, and the snippets for this officer's eyes only); the
 * fields then show the saved, redacted text (they are keyed by the latest version). A refusal keeps
 * what was typed, each reason beside its field.
 */
export function KbEditor({
  action,
  articleId,
  latestVersion,
  initial,
  categories,
  labels,
}: {
  action: (state: SaveDraftResult | ActionResult | null, form: FormData) => Promise<SaveDraftResult | ActionResult>;
  articleId: number;
  latestVersion: number;
  initial: { title: string; problem: string; solution: string; keywords: string; categoryId: number | null };
  categories: { id: number; name: string }[];
  labels: Labels;
}) {
  const [state, dispatch, pending] = useActionState(action, null);
  const errors = state && !state.ok ? (state.fieldErrors ?? {}) : {};
  const onSubmit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const data = new FormData(e.currentTarget);
    startTransition(() => dispatch(data));
  };
  const saved = state?.ok && 'removed' in state ? state : null;
  return (
    <form action={dispatch} onSubmit={onSubmit} aria-label={labels.form} className="space-y-4" noValidate>
      <input type="hidden" name="id" value={articleId} />
      <fieldset key={latestVersion} className="space-y-4">
        <Field id="kb-title" label={labels.title} error={errors.title}>
          <input id="kb-title" name="title" defaultValue={initial.title} maxLength={400} className={inputClass} aria-invalid={!!errors.title} aria-describedby={describedBy('kb-title', undefined, errors.title)} />
        </Field>
        <Field id="kb-problem" label={labels.problem} error={errors.problem}>
          <textarea id="kb-problem" name="problem" rows={6} defaultValue={initial.problem} className={inputClass} aria-invalid={!!errors.problem} aria-describedby={describedBy('kb-problem', undefined, errors.problem)} />
        </Field>
        <Field id="kb-solution" label={labels.solution} error={errors.solution}>
          <textarea id="kb-solution" name="solution" rows={8} defaultValue={initial.solution} className={inputClass} aria-invalid={!!errors.solution} aria-describedby={describedBy('kb-solution', undefined, errors.solution)} />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id="kb-category" label={labels.category} error={errors.categoryId}>
            <select id="kb-category" name="categoryId" defaultValue={initial.categoryId ?? ''} className={inputClass} aria-invalid={!!errors.categoryId} aria-describedby={describedBy('kb-category', undefined, errors.categoryId)}>
              <option value="">{labels.noCategory}</option>
              {categories.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>
          <Field id="kb-keywords" label={labels.keywords} hint={labels.keywordsHint} error={errors.keywords}>
            <input id="kb-keywords" name="keywords" defaultValue={initial.keywords} className={inputClass} aria-invalid={!!errors.keywords} aria-describedby={describedBy('kb-keywords', labels.keywordsHint, errors.keywords)} />
          </Field>
        </div>
      </fieldset>
      <button type="submit" disabled={pending} className="rounded-md bg-slate-900 px-3 py-1.5 text-sm font-semibold text-white hover:bg-slate-700 disabled:opacity-70">
        {labels.save}
      </button>
      <div role="status" className={state ? (state.ok ? 'space-y-1 text-sm text-green-800' : 'text-sm font-medium text-red-700') : 'sr-only'}>
        <p>{state?.message ?? ''}</p>
        {saved && (
          <p className="font-semibold text-slate-900" data-testid="kb-removed">
            {saved.removed}
          </p>
        )}
      </div>
      {saved && saved.found.length > 0 && (
        <details className="rounded-md bg-amber-50 p-3 text-sm ring-1 ring-amber-200">
          <summary className="cursor-pointer font-medium text-slate-900">{labels.foundLabel}</summary>
          <ul className="mt-2 list-disc pl-5 text-slate-800">
            {saved.found.map((f, i) => (
              <li key={i}>{f.value}</li>
            ))}
          </ul>
        </details>
      )}
    </form>
  );
}
