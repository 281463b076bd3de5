'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction, type ActionResult } from '@/lib/auth/guard';
import { addCannedResponse, setCannedResponseActive } from '@/lib/console/canned';
import { getDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';

const add = staffAction(
  'canned.manage',
  z.object({ title: z.string().trim().min(3, 'Perlu diisi').max(120), body: z.string().trim().min(10, 'Perlu diisi').max(5000) }),
  async (input, session): Promise<ActionResult> => {
    await addCannedResponse(getDb(), { userId: session.userId, ip: await currentIp() }, input);
    revalidatePath('/konsol/jawapan');
    return { ok: true, message: 'Disimpan.' };
  },
);

const toggle = staffAction(
  'canned.manage',
  z.object({ id: z.coerce.number().int().positive(), active: z.enum(['true', 'false']) }),
  async (input, session): Promise<ActionResult> => {
    await setCannedResponseActive(getDb(), { userId: session.userId, ip: await currentIp() }, input.id, input.active === 'true');
    revalidatePath('/konsol/jawapan');
    return { ok: true, message: 'Disimpan.' };
  },
);

export async function addCannedAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return add(form);
}

export async function toggleCannedAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return toggle(form);
}
