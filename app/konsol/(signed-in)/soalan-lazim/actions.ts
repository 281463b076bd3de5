'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { draftFromComplaint, publishVersion, retireArticle, saveDraft, type SaveResult } from '@/lib/kb/articles';
import { answering, kbText, removedText } from './messages';

// Knowledge-base authoring: officers (`kb.draft`) draft from a resolved complaint and save
// versions; supervisors (`kb.publish`) publish a version or retire the article. The services in
// lib/kb/articles.ts redact and validate; these only read the form and word the answer.

const id = z.coerce.number().int().positive();
const pagePath = (input: { id: number }) => `/konsol/soalan-lazim/${input.id}`;

/** "Tulis artikel Soalan Lazim" on a resolved complaint's page: a draft, then its editor. */
export const draftFromComplaintAction = staffAction('kb.draft', z.object({ number: z.string().trim().min(1).max(32) }), async (input, { session, locale }) => {
  const actor = { userId: session.userId, ip: await currentIp() };
  const result = await answering(locale, () => draftFromComplaint(getConsoleDb(), actor, input.number));
  if ('ok' in result) return result;
  redirect(`/konsol/soalan-lazim/${result.articleId}`);
});

export type SaveDraftResult = { ok: true; message: string; removed: string; found: SaveResult['found'] };

// Lengths are checked by the service, after redaction, and worded beside each field.
const draftSchema = z.object({
  id,
  title: z.string().max(20000),
  problem: z.string().max(20000),
  solution: z.string().max(40000),
  keywords: z.string().max(2000).default(''),
  categoryId: z.union([z.literal('').transform(() => null), z.coerce.number().int().positive()]).default(null),
});

export const saveDraftAction = staffAction(
  'kb.draft',
  draftSchema,
  async (input, { session, locale }) => {
    const { id: articleId, ...text } = input;
    const actor = { userId: session.userId, ip: await currentIp() };
    const result = await answering(locale, () => saveDraft(getConsoleDb(), actor, articleId, text));
    if ('ok' in result) return result;
    // The removed snippets go back to this officer's screen only: never stored, never logged.
    return { ok: true, message: kbText('saved', locale, { version: result.version }), removed: removedText(result.removed, locale), found: result.found } satisfies SaveDraftResult;
  },
  { revalidate: { path: pagePath } },
);

export const publishAction = staffAction(
  'kb.publish',
  z.object({ id, version: z.coerce.number().int().positive() }),
  async (input, { session, locale }) => {
    const actor = { userId: session.userId, ip: await currentIp() };
    const result = await answering(locale, () => publishVersion(getConsoleDb(), actor, input.id, input.version));
    if (result && typeof result === 'object' && 'ok' in result) return result;
    return { ok: true, message: kbText('published', locale, { version: input.version }) };
  },
  { revalidate: { path: pagePath } },
);

export const retireAction = staffAction(
  'kb.publish',
  z.object({ id }),
  async (input, { session, locale }) => {
    const actor = { userId: session.userId, ip: await currentIp() };
    const result = await answering(locale, () => retireArticle(getConsoleDb(), actor, input.id));
    if (result && typeof result === 'object' && 'ok' in result) return result;
    return { ok: true, message: kbText('retired', locale) };
  },
  { revalidate: { path: pagePath } },
);
