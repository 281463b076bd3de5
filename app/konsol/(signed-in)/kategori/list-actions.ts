'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { PRERENDERED_FORM } from '@/lib/http/prerendered';
import { addCategory, editCategory, moveCategory, setCategoryActive } from '@/lib/lists/categories';
import { answering } from '../list-answers';

// The category list's forms (settings.manage): add, rename, activate or deactivate, move up or
// down. Thin: lib/lists/categories.ts decides; refusals are answered beside their fields.

// The public form offers these lists: its prerendered copies are drawn again too.
const revalidate = [{ path: '/konsol/kategori' }, ...PRERENDERED_FORM];
const text = z.string().max(400).default('');
const id = z.coerce.number().int().positive();
const actor = async (userId: string) => ({ userId, ip: await currentIp() });

export const addCategoryAction = staffAction(
  'settings.manage',
  z.object({ nameMs: text, nameEn: text }),
  async (input, { session }) =>
    answering('categories', async () => {
      const row = await addCategory(getConsoleDb(), await actor(session.userId), input);
      return { ok: true as const, message: (await getTranslations('lists.categories'))('added', { name: row.nameMs }) };
    }),
  { revalidate },
);

export const editCategoryAction = staffAction(
  'settings.manage',
  z.object({ id, nameMs: text, nameEn: text }),
  async ({ id, ...input }, { session }) =>
    answering('categories', async () => {
      await editCategory(getConsoleDb(), await actor(session.userId), id, input);
      return { ok: true as const, message: (await getTranslations('lists.categories'))('saved') };
    }),
  { revalidate },
);

export const setCategoryActiveAction = staffAction(
  'settings.manage',
  z.object({ id, active: z.enum(['true', 'false']) }),
  async ({ id, active }, { session }) =>
    answering('categories', async () => {
      await setCategoryActive(getConsoleDb(), await actor(session.userId), id, active === 'true');
      return { ok: true as const, message: (await getTranslations('lists.categories'))(active === 'true' ? 'activated' : 'deactivated') };
    }),
  { revalidate },
);

export const moveCategoryAction = staffAction(
  'settings.manage',
  z.object({ id, direction: z.enum(['up', 'down']) }),
  async ({ id, direction }, { session }) =>
    answering('categories', async () => {
      await moveCategory(getConsoleDb(), await actor(session.userId), id, direction);
      return { ok: true as const, message: (await getTranslations('lists.categories'))('moved') };
    }),
  { revalidate },
);
