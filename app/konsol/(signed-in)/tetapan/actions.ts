'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { staffAction, type ActionResult } from '@/lib/auth/guard';
import { getDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { saveAgencySettings } from '@/lib/settings/agency';

const line = (max: number) => z.string().trim().min(1, 'Perlu diisi').max(max);
const schema = z.object({
  name: line(200),
  shortName: line(20),
  address: line(400),
  phone: line(40),
  email: z.string().trim().pipe(z.email('Alamat email tidak sah.')),
  website: z.string().trim().pipe(z.url('Alamat laman web tidak sah.')),
  complaintPrefix: z.string().trim().toUpperCase().regex(/^[A-Z]{2,6}$/, '2 hingga 6 huruf besar.'),
  strictLookup: z.preprocess((v) => v === 'on', z.boolean()),
  requireTotp: z.preprocess((v) => v === 'on', z.boolean()),
});

const save = staffAction('settings.manage', schema, async (input, session): Promise<ActionResult> => {
  await saveAgencySettings(getDb(), { userId: session.userId, ip: await currentIp() }, input);
  revalidatePath('/', 'layout');
  return { ok: true, message: 'Disimpan.' };
});

export async function saveAgencySettingsAction(_: ActionResult | null, form: FormData): Promise<ActionResult> {
  return save(form);
}
