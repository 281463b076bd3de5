'use server';

import { revalidatePath } from 'next/cache';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { bulkAction } from '@/lib/complaints/bulk';
import { STATUSES } from '@/lib/complaints/status';
import { getConsoleDb } from '@/lib/db';
import { AppError } from '@/lib/errors';
import { currentIp } from '@/lib/http/action-context';
import { saveStaffLocale } from '@/lib/i18n/console-locale';
import { actionMessage } from '@/lib/i18n/errors';

const bulkSchema = z.object({
  action: z.enum(['assign', 'tag', 'status']),
  assigneeId: z.string().optional(),
  tag: z.string().max(32).optional(),
  status: z.enum(STATUSES as [string, ...string[]]).optional(),
  reason: z.string().max(1000).optional(),
});

/** The queue's bulk form: one action on the ticked complaints, each reported on its own. */
export const bulkActionForm = staffAction('complaint.assign', bulkSchema, async (input, { session, form, locale }) => {
  const numbers = form.getAll('numbers').map(String).slice(0, 100);
  if (numbers.length === 0) throw new AppError('bulk_empty');
  const action =
    input.action === 'assign'
      ? { type: 'assign' as const, assigneeId: input.assigneeId || null }
      : input.action === 'tag'
        ? { type: 'tag' as const, tag: input.tag ?? '' }
        : { type: 'status' as const, to: input.status as (typeof STATUSES)[number], reason: input.reason };
  const results = await bulkAction(getConsoleDb(), { userId: session.userId, numbers, action, ip: await currentIp() });
  // Revalidated here, not by staffAction: a partly failed bulk action still changed the others.
  revalidatePath('/konsol');
  const failed = results.filter((r) => !r.ok);
  return failed.length === 0
    ? { ok: true, message: actionMessage('bulkDone', locale, { count: results.length }) }
    : {
        ok: false,
        message: actionMessage('bulkPartial', locale, { updated: results.length - failed.length, failed: failed.length, numbers: failed.map((f) => f.number).join(', ') }),
      };
});

/**
 * The console's language switch: kept with the account (users.locale), so it survives signing
 * out and follows the officer to another PC. Any signed-in officer, even before TOTP enrolment
 * (the account page they are held on speaks their language too).
 */
export const setConsoleLocale = staffAction(
  'queue.view',
  z.object({ locale: z.enum(['ms', 'en']) }),
  async (input, { session }) => {
    await saveStaffLocale(getConsoleDb(), session.userId, input.locale);
    // Answered in the language just chosen, as the page around it will be.
    const t = await getTranslations({ locale: input.locale, namespace: 'console' });
    return { ok: true, message: t('languageSwitched') };
  },
  { beforeTotpEnrolment: true, revalidate: { path: '/konsol', type: 'layout' } },
);
