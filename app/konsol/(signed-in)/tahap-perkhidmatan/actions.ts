'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { readServiceLevelForm, saveServiceLevelSettings } from '@/lib/sla/settings';

// The form arrives as strings; lib/sla/settings.ts reads it and says what is wrong with each field.
const form = z.record(z.string(), z.unknown());

export const saveServiceLevelSettingsAction = staffAction(
  'settings.manage',
  form,
  async (input, { session, locale }) => {
    const t = await getTranslations({ locale, namespace: 'automation' });
    const read = readServiceLevelForm(input);
    if (!read.ok) {
      const fieldErrors = Object.fromEntries(
        Object.entries(read.errors).map(([f, e]) => [f, e.code === 'range' ? t('errors.range', { min: e.min, max: e.max }) : t('errors.whole')]),
      );
      return { ok: false as const, message: t('invalid'), fieldErrors };
    }
    const { recompute } = await saveServiceLevelSettings(getConsoleDb(), { userId: session.userId, ip: await currentIp() }, read.value);
    return { ok: true as const, message: t(recompute ? 'savedRecompute' : 'saved') };
  },
  { revalidate: { path: '/konsol/tahap-perkhidmatan' } },
);
