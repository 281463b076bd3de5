'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { addCannedResponse, setCannedResponseActive } from '@/lib/console/canned';
import { getConsoleDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';

const revalidate = { path: '/konsol/jawapan' };

export const addCannedAction = staffAction(
  'canned.manage',
  z.object({ title: z.string().trim().min(3, 'required').max(120), body: z.string().trim().min(10, 'required').max(5000) }),
  async (input, { session }) => {
    await addCannedResponse(getConsoleDb(), { userId: session.userId, ip: await currentIp() }, input);
  },
  { revalidate },
);

export const toggleCannedAction = staffAction(
  'canned.manage',
  z.object({ id: z.coerce.number().int().positive(), active: z.enum(['true', 'false']) }),
  async (input, { session }) => {
    await setCannedResponseActive(getConsoleDb(), { userId: session.userId, ip: await currentIp() }, input.id, input.active === 'true');
  },
  { revalidate },
);
