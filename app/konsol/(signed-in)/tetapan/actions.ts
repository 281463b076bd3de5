'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { getDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { saveAgencySettings } from '@/lib/settings/agency';

const line = (max: number) => z.string().trim().min(1, 'required').max(max);
const schema = z.object({
  name: line(200),
  shortName: line(20),
  address: line(400),
  phone: line(40),
  email: z.string().trim().pipe(z.email('email_invalid')),
  website: z.string().trim().pipe(z.url('website_invalid')),
  complaintPrefix: z.string().trim().toUpperCase().regex(/^[A-Z]{2,6}$/, 'prefix_invalid'),
  strictLookup: z.preprocess((v) => v === 'on', z.boolean()),
  requireTotp: z.preprocess((v) => v === 'on', z.boolean()),
});

export const saveAgencySettingsAction = staffAction(
  'settings.manage',
  schema,
  async (input, { session }) => {
    await saveAgencySettings(getDb(), { userId: session.userId, ip: await currentIp() }, input);
  },
  // The agency's details are on every page, public ones too.
  { revalidate: { path: '/', type: 'layout' } },
);
