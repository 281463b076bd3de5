'use server';

import { redirect } from 'next/navigation';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import type { StaffActionOptions } from '@/lib/auth/staff-action';
import { assignComplaint, takeComplaint } from '@/lib/complaints/assignment';
import { changeCategory, setPriority } from '@/lib/complaints/classification';
import { linkToParent, mergeInto, mergePreview } from '@/lib/complaints/links';
import { addInternalNote, addPublicReply, changeStatus } from '@/lib/complaints/officer-actions';
import { IllegalTransitionError, STATUSES } from '@/lib/complaints/status';
import { holdIfStale, type HeldResult } from '@/lib/console/held-send';
import { setTags } from '@/lib/complaints/tags';
import { getConsoleDb } from '@/lib/db';
import type { ComplaintPriority, ComplaintStatus } from '@/lib/db/schema';
import { AppError, InvalidInputError } from '@/lib/errors';
import { currentIp } from '@/lib/http/action-context';
import { PRIORITIES } from '@/lib/sla/targets';

// Server actions of the console's complaint page. Each is built with staffAction (session and
// permission checked inside the action itself, errors answered in the officer's language) and
// calls one service in lib/complaints.

const number = z.string().regex(/^[A-Z]{2,6}\d{15}$/);
const status = z.enum(STATUSES as [ComplaintStatus, ...ComplaintStatus[]]);
// The newest public event the officer's page showed (a reply or status change is held if the
// complaint has moved on since); "Hantar juga" resends with the newer id the held answer gave.
const seenEventId = z.string().regex(/^\d{1,15}$/).transform(Number).optional();
const thisComplaint: StaffActionOptions<{ number: string }> = { revalidate: { path: (input) => `/konsol/aduan/${input.number}` } };

const files = (form: FormData) =>
  Promise.all(
    form
      .getAll('attachments')
      // An untouched file input arrives as an empty, nameless file: not an attachment.
      .filter((f): f is File => typeof f !== 'string' && f.size > 0)
      .map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );

const composeSchema = z.object({
  number,
  kind: z.enum(['public', 'internal']),
  body: z.string().trim().min(1, 'required').max(10_000),
  status: z.union([status, z.literal('')]).optional(),
  seenEventId,
});

/** Refusals about the files: shown beside the file field, the text and the rest kept. */
const FILE_ERRORS = new Set(['attachment_count', 'attachment_size', 'attachment_type', 'attachment_empty']);

export const composeAction = staffAction(
  'complaint.reply',
  composeSchema,
  async (input, { session, form, locale }): Promise<HeldResult | void> => {
    const entry = { userId: session.userId, number: input.number, body: input.body, files: await files(form), ip: await currentIp() };
    try {
      if (input.kind === 'internal') await addInternalNote(getConsoleDb(), entry);
      else return await holdIfStale(getConsoleDb(), locale, () => addPublicReply(getConsoleDb(), { ...entry, status: input.status || undefined, seenEventId: input.seenEventId }));
    } catch (e) {
      if (e instanceof AppError && FILE_ERRORS.has(e.code)) throw new InvalidInputError({ attachments: e.code });
      throw e;
    }
  },
  thisComplaint,
);

export const statusAction = staffAction(
  'complaint.reply',
  z.object({ number, to: status, reason: z.string().max(2000).optional(), seenEventId }),
  async (input, { session, locale }): Promise<HeldResult | void> => {
    const ip = await currentIp();
    try {
      return await holdIfStale(getConsoleDb(), locale, () =>
        changeStatus(getConsoleDb(), { userId: session.userId, number: input.number, to: input.to, reason: input.reason, ip, seenEventId: input.seenEventId }),
      );
    } catch (e) {
      // The panel offers the current status first; sending it unchanged is a polite no.
      if (e instanceof IllegalTransitionError && e.from === e.to) throw new AppError('status_unchanged', 409);
      throw e;
    }
  },
  thisComplaint,
);

export const takeAction = staffAction(
  'complaint.reply',
  z.object({ number }),
  async (input, { session }) => {
    await takeComplaint(getConsoleDb(), { userId: session.userId, number: input.number, ip: await currentIp() });
  },
  thisComplaint,
);

export const assignAction = staffAction(
  'complaint.assign',
  z.object({ number, assigneeId: z.string().optional() }),
  async (input, { session }) => {
    await assignComplaint(getConsoleDb(), { userId: session.userId, number: input.number, assigneeId: input.assigneeId || null, ip: await currentIp() });
  },
  thisComplaint,
);

// Service levels: both move the due times (lib/complaints/classification.ts).
export const priorityAction = staffAction(
  'complaint.reply',
  z.object({ number, priority: z.enum(PRIORITIES as [ComplaintPriority, ...ComplaintPriority[]]) }),
  async (input, { session }) => {
    await setPriority(getConsoleDb(), { userId: session.userId, number: input.number, priority: input.priority, ip: await currentIp() });
  },
  thisComplaint,
);

export const categoryAction = staffAction(
  'complaint.reply',
  z.object({ number, categoryId: z.string().regex(/^[1-9]\d{0,8}$/, 'category_invalid').transform(Number) }),
  async (input, { session }) => {
    await changeCategory(getConsoleDb(), { userId: session.userId, number: input.number, categoryId: input.categoryId, ip: await currentIp() });
  },
  thisComplaint,
);

export const tagsAction = staffAction(
  'complaint.link',
  z.object({ number, tags: z.string().max(400) }),
  async (input, { session }) => {
    const tags = input.tags.split(',').map((s) => s.trim()).filter(Boolean);
    await setTags(getConsoleDb(), { userId: session.userId, number: input.number, tags });
  },
  thisComplaint,
);

const page = (n: string) => `/konsol/aduan/${n}`;

/**
 * Links to a parent, or merges. A merge takes two steps: the first (no `confirm`) checks the pair
 * and opens the page's side-by-side comparison (`?gabung=`); its "Sahkan gabung" sends `confirm`.
 */
export const linkAction = staffAction(
  'complaint.link',
  z.object({ number, other: z.string().trim().toUpperCase().pipe(number), mode: z.enum(['link', 'merge']), confirm: z.literal('1').optional() }),
  async (input, { session }) => {
    const ip = await currentIp();
    if (input.mode === 'link') {
      await linkToParent(getConsoleDb(), { userId: session.userId, childNumber: input.number, parentNumber: input.other, ip });
      return;
    }
    if (!input.confirm) {
      await mergePreview(getConsoleDb(), { duplicateNumber: input.number, targetNumber: input.other });
      redirect(`${page(input.number)}?gabung=${input.other}`);
    }
    await mergeInto(getConsoleDb(), { userId: session.userId, duplicateNumber: input.number, targetNumber: input.other, ip });
    redirect(page(input.number));
  },
  thisComplaint,
);
