'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction, type ActionResult } from '@/lib/auth/guard';
import { ComplaintError } from '@/lib/complaints/errors';
import { getDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { errorMessage } from '@/lib/i18n/errors';
import { addStaff, updateStaff } from '@/lib/staff/manage';

const role = z.enum(['pegawai', 'penyelia', 'pentadbir']);

async function run(fn: () => Promise<unknown>): Promise<ActionResult> {
  try {
    await fn();
    revalidatePath('/konsol/pegawai');
    return { ok: true, message: 'Disimpan.' };
  } catch (e) {
    if (e instanceof ComplaintError) return { ok: false, message: errorMessage(e.code, 'ms') };
    throw e;
  }
}

const create = staffAction(
  'staff.manage',
  z.object({
    name: z.string().trim().min(3, 'Perlu diisi').max(150),
    email: z.string().trim().toLowerCase().pipe(z.email('Alamat email tidak sah.')),
    role,
    password: z.string().min(12, 'Sekurang-kurangnya 12 aksara.').max(200),
  }),
  async (input, session): Promise<ActionResult> => run(async () => addStaff(getDb(), { userId: session.userId, ip: await currentIp() }, input)),
);

const update = staffAction(
  'staff.manage',
  z.object({
    userId: z.uuid(),
    role: role.optional(),
    intent: z.enum(['save', 'deactivate', 'activate', 'unlock']),
  }),
  async (input, session): Promise<ActionResult> =>
    run(async () =>
      updateStaff(
        getDb(),
        { userId: session.userId, ip: await currentIp() },
        {
          userId: input.userId,
          role: input.intent === 'save' ? input.role : undefined,
          active: input.intent === 'deactivate' ? false : input.intent === 'activate' ? true : undefined,
          unlock: input.intent === 'unlock',
        },
      ),
    ),
);

export async function createStaffAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return create(form);
}

export async function updateStaffAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return update(form);
}
