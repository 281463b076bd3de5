'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import {
  addCategoryOfficer,
  ASSIGNMENT_MODES,
  removeCategoryOfficer,
  saveCategoryTargets,
  setAssignmentMode,
  TARGET_LIMITS,
  TargetsInputError,
} from '@/lib/sla/category-admin';

// The category admin page's forms (settings.manage). Thin: lib/sla/category-admin.ts decides.

const revalidate = { path: '/konsol/kategori' };
const categoryId = z.coerce.number().int().positive();

export const addCategoryOfficerAction = staffAction(
  'settings.manage',
  z.object({ categoryId, userId: z.uuid('assignee_invalid') }),
  async (input, { session }) => {
    await addCategoryOfficer(getConsoleDb(), { userId: session.userId, ip: await currentIp() }, input);
  },
  { revalidate },
);

export const removeCategoryOfficerAction = staffAction(
  'settings.manage',
  z.object({ categoryId, userId: z.uuid() }),
  async (input, { session }) => {
    await removeCategoryOfficer(getConsoleDb(), { userId: session.userId, ip: await currentIp() }, input);
  },
  { revalidate },
);

export const setAssignmentModeAction = staffAction(
  'settings.manage',
  z.object({ categoryId, mode: z.enum(ASSIGNMENT_MODES as [string, ...string[]]) }),
  async (input, { session }) => {
    await setAssignmentMode(getConsoleDb(), { userId: session.userId, ip: await currentIp() }, { categoryId: input.categoryId, mode: input.mode as (typeof ASSIGNMENT_MODES)[number] });
  },
  { revalidate },
);

/** Targets per priority: the fields are `<priority>.<column>`, checked by the service. */
export const saveCategoryTargetsAction = staffAction(
  'settings.manage',
  z.looseObject({ categoryId }),
  async ({ categoryId: id, ...fields }, { session }) => {
    const t = await getTranslations('routing');
    try {
      const raw = Object.fromEntries(Object.entries(fields).filter((e): e is [string, string] => typeof e[1] === 'string'));
      await saveCategoryTargets(getConsoleDb(), { userId: session.userId, ip: await currentIp() }, id, raw);
    } catch (e) {
      if (!(e instanceof TargetsInputError)) throw e;
      const fieldErrors = Object.fromEntries(
        Object.entries(e.fieldErrors).map(([field, code]) => {
          const column = field.split('.')[1] as keyof typeof TARGET_LIMITS;
          return [field, t(`errors.${code}`, { max: TARGET_LIMITS[column] })];
        }),
      );
      return { ok: false, message: t('errors.form'), fieldErrors };
    }
    return { ok: true, message: t('targetsSaved') };
  },
  { revalidate },
);
