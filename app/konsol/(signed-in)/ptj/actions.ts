'use server';

import { randomUUID } from 'node:crypto';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { PRERENDERED_FORM } from '@/lib/http/prerendered';
import { ListInputError } from '@/lib/lists/input';
import { addPtj, editPtj, importPtj, previewPtjImport, setPtjActive, type PtjPreview } from '@/lib/lists/ptj';
import { decodePtjCsv } from '@/lib/lists/ptj-csv';
import { answering } from '../list-answers';

// The PTJ list (admins). Thin: lib/lists/ptj.ts decides; refusals are answered beside their fields
// in the `lists` words.

// The public form offers these lists: its prerendered copies are drawn again too.
const revalidate = [{ path: '/konsol/ptj' }, ...PRERENDERED_FORM];
const text = z.string().max(1000).default('');
const id = z.coerce.number().int().positive();
const actor = async (userId: string) => ({ userId, ip: await currentIp() });
const words = () => getTranslations('lists.ptj');

export const addPtjAction = staffAction(
  'settings.manage',
  z.object({ code: text, name: text }),
  async (input, { session }) =>
    answering('ptj', async () => {
      await addPtj(getConsoleDb(), await actor(session.userId), input);
      return { ok: true as const, message: (await words())('added') };
    }),
  { revalidate },
);

export const editPtjAction = staffAction(
  'settings.manage',
  z.object({ id, code: text, name: text }),
  async ({ id, ...input }, { session }) =>
    answering('ptj', async () => {
      await editPtj(getConsoleDb(), await actor(session.userId), id, input);
      return { ok: true as const, message: (await words())('saved') };
    }),
  { revalidate },
);

export const setPtjActiveAction = staffAction(
  'settings.manage',
  z.object({ id, active: z.enum(['true', 'false']) }),
  async ({ id, active }, { session }) =>
    answering('ptj', async () => {
      await setPtjActive(getConsoleDb(), await actor(session.userId), id, active === 'true');
      return { ok: true as const, message: (await words())(active === 'true' ? 'activated' : 'deactivated') };
    }),
  { revalidate },
);

export type PtjPreviewResult = { ok: true; message?: string; previewId: string; preview: PtjPreview; csv: string; fileName: string };

/** Step 1: reads the uploaded file and answers what importing it would do. Writes nothing. */
export const previewPtjImportAction = staffAction(
  'settings.manage',
  z.object({}),
  async (_input, { form }) =>
    answering('ptj', async (): Promise<PtjPreviewResult> => {
      const file = form.get('file');
      if (!(file instanceof File) || file.size === 0) throw new ListInputError({ file: 'import_file' });
      const decoded = decodePtjCsv(new Uint8Array(await file.arrayBuffer()));
      if (!decoded.ok) throw new ListInputError({ file: `csv_${decoded.error}` });
      const preview = await previewPtjImport(getConsoleDb(), decoded.text);
      return { ok: true, previewId: randomUUID(), preview, csv: decoded.text, fileName: file.name.slice(0, 120) };
    }),
);

export type PtjImportDone = { ok: true; message: string; previewId: string };

/** Step 2: the file's text comes back from the preview and is parsed and checked again, then imported. */
export const importPtjAction = staffAction(
  'settings.manage',
  z.object({ csv: z.string().max(400_000), fileName: z.string().max(200).default(''), previewId: z.string().max(64), skipErrors: z.string().optional() }),
  async (input, { session }) =>
    answering('ptj', async (): Promise<PtjImportDone> => {
      const r = await importPtj(getConsoleDb(), await actor(session.userId), input.csv, { fileName: input.fileName || 'import.csv', skipErrors: input.skipErrors === 'on' });
      const t = await words();
      const skipped = r.errorRows.length > 0 ? ` ${t('importedSkipped', { rows: r.errorRows.join(', ') })}` : '';
      const { errorRows: _rows, ...counts } = r;
      return { ok: true, message: `${t('imported', counts)}${skipped}`, previewId: input.previewId };
    }),
  { revalidate },
);
