'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { setDisplayName } from '@/lib/staff/display-name';

/** "Nama paparan": the officer's own name as the public reads it on replies (lib/staff/display-name.ts). */
export const setDisplayNameAction = staffAction(
  'queue.view',
  z.object({ name: z.string().max(400).default('') }),
  async (input, { session }) => {
    const t = await getTranslations('lists.displayName');
    const r = await setDisplayName(getConsoleDb(), { userId: session.userId, ip: await currentIp() }, input.name);
    if (!r.ok) {
      const key = `errors.${r.reason}`;
      const message = t.has(key as never) ? t(key as never) : t('errors.form');
      return { ok: false, message: t('errors.form'), fieldErrors: { name: message } };
    }
    return { ok: true, message: t('saved', { name: r.name }) };
  },
  // The console header shows the name too.
  { revalidate: { path: '/konsol', type: 'layout' } },
);
