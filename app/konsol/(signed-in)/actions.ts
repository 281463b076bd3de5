'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction, type ActionResult } from '@/lib/auth/guard';
import { bulkAction } from '@/lib/complaints/bulk';
import { STATUSES } from '@/lib/complaints/status';
import { getDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';

const bulkSchema = z.object({
  action: z.enum(['assign', 'tag', 'status']),
  assigneeId: z.string().optional(),
  tag: z.string().max(32).optional(),
  status: z.enum(STATUSES as [string, ...string[]]).optional(),
  reason: z.string().max(1000).optional(),
});

const runBulk = staffAction('complaint.assign', bulkSchema, async (input, session, form): Promise<ActionResult> => {
  const numbers = (form?.getAll('numbers') ?? []).map(String).slice(0, 100);
  if (numbers.length === 0) return { ok: false, message: 'Pilih sekurang-kurangnya satu aduan.' };
  const action =
    input.action === 'assign'
      ? { type: 'assign' as const, assigneeId: input.assigneeId || null }
      : input.action === 'tag'
        ? { type: 'tag' as const, tag: input.tag ?? '' }
        : { type: 'status' as const, to: input.status as (typeof STATUSES)[number], reason: input.reason };
  const results = await bulkAction(getDb(), { userId: session.userId, numbers, action, ip: await currentIp() });
  revalidatePath('/konsol');
  const failed = results.filter((r) => !r.ok);
  return failed.length === 0
    ? { ok: true, message: `${results.length} aduan dikemas kini.` }
    : { ok: false, message: `${results.length - failed.length} dikemas kini; ${failed.length} gagal: ${failed.map((f) => f.number).join(', ')}` };
});

export async function bulkActionForm(_prev: ActionResult | null, form: FormData): Promise<ActionResult> {
  return runBulk(form);
}
