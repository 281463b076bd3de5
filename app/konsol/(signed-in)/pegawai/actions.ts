'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { getDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { addStaff, updateStaff } from '@/lib/staff/manage';

const role = z.enum(['pegawai', 'penyelia', 'pentadbir']);
const revalidate = { path: '/konsol/pegawai' };

export const createStaffAction = staffAction(
  'staff.manage',
  z.object({
    name: z.string().trim().min(3, 'required').max(150),
    email: z.string().trim().toLowerCase().pipe(z.email('email_invalid')),
    role,
    password: z.string().min(12, 'password_short').max(200),
  }),
  async (input, { session }) => {
    await addStaff(getDb(), { userId: session.userId, ip: await currentIp() }, input);
  },
  { revalidate },
);

export const updateStaffAction = staffAction(
  'staff.manage',
  z.object({
    userId: z.uuid(),
    role: role.optional(),
    intent: z.enum(['save', 'deactivate', 'activate', 'unlock']),
  }),
  async (input, { session }) => {
    await updateStaff(
      getDb(),
      { userId: session.userId, ip: await currentIp() },
      {
        userId: input.userId,
        role: input.intent === 'save' ? input.role : undefined,
        active: input.intent === 'deactivate' ? false : input.intent === 'activate' ? true : undefined,
        unlock: input.intent === 'unlock',
      },
    );
  },
  { revalidate },
);
