'use server';

import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { formatMyDateTime } from '@/lib/calendar/format';
import { accessRequest, correctComplainant, type AccessExport } from '@/lib/privacy/access';
import { complaintFieldsSchema } from '@/lib/validation/complaint';

// PDPA access requests and corrections (admins, `privacy.manage`). Thin: lib/privacy/access.ts
// decides and audits. A bad IC number is answered beside its field (the public form's rules and words).

/** One complaint as the page lists it: the details in full (an admin answering the person), times in Malaysia time. */
export type PersonRow = { id: string; number: string; status: string; filed: string; anonymised: boolean; name: string; phone: string; email: string };
export type AccessAnswer = { ok: true; message: string; complaints: PersonRow[]; export: AccessExport };

export const accessRequestAction = staffAction('privacy.manage', complaintFieldsSchema.pick({ ic: true }), async ({ ic }, { session }) => {
  const t = await getTranslations('privacy.access');
  const r = await accessRequest(getConsoleDb(), { userId: session.userId, ip: await currentIp() }, ic);
  return { ok: true as const, message: t('found', { count: r.counts.complaints }), complaints: r.complaints.map(({ createdAt, closedAt: _closed, ...c }) => ({ ...c, filed: formatMyDateTime(createdAt) })), export: r.export } satisfies AccessAnswer;
});

export const correctionAction = staffAction(
  'privacy.manage',
  complaintFieldsSchema.pick({ name: true, phone: true, email: true }).extend({ complaintId: z.uuid('not_found') }),
  async ({ complaintId, ...next }, { session }) => {
    const t = await getTranslations('privacy.correct');
    const r = await correctComplainant(getConsoleDb(), { userId: session.userId, ip: await currentIp() }, complaintId, next);
    return { ok: true as const, message: r.changed.length ? t('saved') : t('unchanged') };
  },
);
