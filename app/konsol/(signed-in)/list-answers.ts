import 'server-only';
import { getTranslations } from 'next-intl/server';
import type { ActionResult } from '@/lib/http/errors';
import { ListInputError } from '@/lib/lists/input';

// The refusals of the list pages' actions (categories, PTJ) in the officer's language: each field's
// words beside it (the `lists.<scope>.errors` words first, then the shared `lists.errors`), the
// form's on top.

type Scope = 'categories' | 'ptj';

export async function listRefusal(scope: Scope, fieldErrors: Record<string, string>, params: Record<string, string | number> = {}): Promise<ActionResult> {
  const t = await getTranslations('lists');
  const word = (code: string) => {
    for (const key of [`${scope}.errors.${code}`, `errors.${code}`]) if (t.has(key as never)) return t(key as never, params as never);
    return t('errors.invalid');
  };
  const fields = Object.fromEntries(Object.entries(fieldErrors).map(([f, code]) => [f, word(code)]));
  return { ok: false, message: fields.form ?? fields.file ?? t('errors.form'), fieldErrors: fields };
}

/** Runs a list service call; its refusals answered in `lists` words. */
export async function answering<R>(scope: Scope, run: () => Promise<R>): Promise<R | ActionResult> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof ListInputError) return listRefusal(scope, e.fieldErrors, e.params);
    throw e;
  }
}
