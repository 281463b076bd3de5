'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction, type ActionResult } from '@/lib/auth/guard';
import { assignComplaint, takeComplaint } from '@/lib/complaints/assignment';
import { ComplaintError } from '@/lib/complaints/errors';
import { linkToParent, mergeInto } from '@/lib/complaints/links';
import { addInternalNote, addPublicReply, changeStatus } from '@/lib/complaints/officer-actions';
import { IllegalTransitionError, STATUSES } from '@/lib/complaints/status';
import { setTags } from '@/lib/complaints/tags';
import { getDb } from '@/lib/db';
import type { ComplaintStatus } from '@/lib/db/schema';
import { currentIp } from '@/lib/http/action-context';
import { errorMessage } from '@/lib/i18n/errors';
import { StorageUnavailableError } from '@/lib/uploads/store';

// Server actions of the console's complaint page. Each is built with staffAction (session and
// permission checked inside the action itself) and calls one service in lib/complaints.

const number = z.string().regex(/^[A-Z]{2,6}\d{15}$/);
const status = z.enum(STATUSES as [ComplaintStatus, ...ComplaintStatus[]]);

async function run(num: string, fn: () => Promise<unknown>, done = 'Disimpan.'): Promise<ActionResult> {
  try {
    await fn();
    revalidatePath(`/konsol/aduan/${num}`);
    return { ok: true, message: done };
  } catch (e) {
    if (e instanceof ComplaintError) return { ok: false, message: errorMessage(e.code, 'ms') };
    if (e instanceof IllegalTransitionError) return { ok: false, message: 'Pertukaran status ini tidak dibenarkan.' };
    if (e instanceof StorageUnavailableError) return { ok: false, message: errorMessage('storage_unavailable', 'ms') };
    throw e;
  }
}

const files = (form: FormData | null) =>
  Promise.all(
    (form?.getAll('attachments') ?? [])
      // An untouched file input arrives as an empty, nameless file: not an attachment.
      .filter((f): f is File => typeof f !== 'string' && f.size > 0)
      .map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })),
  );

const composeSchema = z.object({
  number,
  kind: z.enum(['public', 'internal']),
  body: z.string().trim().min(1, 'Perlu diisi').max(10_000),
  status: z.union([status, z.literal('')]).optional(),
});

const compose = staffAction('complaint.reply', composeSchema, async (input, session, form) => {
  const attachments = await files(form);
  const ip = await currentIp();
  return run(input.number, () =>
    input.kind === 'internal'
      ? addInternalNote(getDb(), { userId: session.userId, number: input.number, body: input.body, files: attachments, ip })
      : addPublicReply(getDb(), { userId: session.userId, number: input.number, body: input.body, status: input.status || undefined, files: attachments, ip }),
  );
});

const statusSchema = z.object({ number, to: status, reason: z.string().max(2000).optional() });
const setStatus = staffAction('complaint.reply', statusSchema, async (input, session) =>
  run(input.number, async () => changeStatus(getDb(), { userId: session.userId, number: input.number, to: input.to, reason: input.reason, ip: await currentIp() })),
);

const takeSchema = z.object({ number });
const take = staffAction('complaint.reply', takeSchema, async (input, session) =>
  run(input.number, async () => takeComplaint(getDb(), { userId: session.userId, number: input.number, ip: await currentIp() })),
);

const assignSchema = z.object({ number, assigneeId: z.string().optional() });
const assign = staffAction('complaint.assign', assignSchema, async (input, session) =>
  run(input.number, async () =>
    assignComplaint(getDb(), { userId: session.userId, number: input.number, assigneeId: input.assigneeId || null, ip: await currentIp() }),
  ),
);

const tagsSchema = z.object({ number, tags: z.string().max(400) });
const saveTags = staffAction('complaint.link', tagsSchema, async (input, session) =>
  run(input.number, async () =>
    setTags(getDb(), { userId: session.userId, number: input.number, tags: input.tags.split(',').map((s) => s.trim()).filter(Boolean) }),
  ),
);

const linkSchema = z.object({ number, other: z.string().trim().toUpperCase().pipe(number), mode: z.enum(['link', 'merge']) });
const linkOrMerge = staffAction('complaint.link', linkSchema, async (input, session) =>
  run(input.number, async () =>
    input.mode === 'link'
      ? linkToParent(getDb(), { userId: session.userId, childNumber: input.number, parentNumber: input.other, ip: await currentIp() })
      : mergeInto(getDb(), { userId: session.userId, duplicateNumber: input.number, targetNumber: input.other, ip: await currentIp() }),
  ),
);

// useActionState signatures: (previous state, form data).
export async function composeAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return compose(form);
}
export async function statusAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return setStatus(form);
}
export async function takeAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return take(form);
}
export async function assignAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return assign(form);
}
export async function tagsAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return saveTags(form);
}
export async function linkAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return linkOrMerge(form);
}
