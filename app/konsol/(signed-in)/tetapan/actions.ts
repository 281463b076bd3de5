'use server';

import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { getConsoleDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { saveAgencySettings } from '@/lib/settings/agency';
import { submitLogo, submitLogoRemoval, submitRetentionForm, submitWhatsAppForm } from '@/lib/settings/agency-forms';

// The agency settings page's sections (admins). Thin: the rules and the words of each refusal are
// in lib/settings/ (agency.ts, logo.ts, agency-forms.ts). Every save holds from the next request
// on; the public layout shows the agency's details and logo, so it is revalidated too.

const everywhere = { revalidate: { path: '/', type: 'layout' as const } };
const actor = async (userId: string) => ({ userId, ip: await currentIp() });

const line = (max: number) => z.string().trim().min(1, 'required').max(max);
const details = z.object({
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
  details,
  async (input, { session }) => {
    await saveAgencySettings(getConsoleDb(), await actor(session.userId), input);
  },
  everywhere,
);

// The forms arrive as strings; lib/settings/agency.ts reads them and says what is wrong with each field.
const form = z.record(z.string(), z.unknown());

export const saveWhatsAppSettingsAction = staffAction(
  'settings.manage',
  form,
  async (input, { session, locale }) => submitWhatsAppForm(getConsoleDb(), await actor(session.userId), input, locale),
  everywhere,
);

export const saveRetentionAction = staffAction(
  'settings.manage',
  form,
  async (input, { session, locale }) => submitRetentionForm(getConsoleDb(), await actor(session.userId), input, locale),
  everywhere,
);

export const uploadLogoAction = staffAction(
  'settings.manage',
  z.object({}),
  async (_input, { session, form: data, locale }) => submitLogo(getConsoleDb(), await actor(session.userId), data.get('logo'), locale),
  everywhere,
);

export const removeLogoAction = staffAction(
  'settings.manage',
  z.object({}),
  async (_input, { session, locale }) => submitLogoRemoval(getConsoleDb(), await actor(session.userId), locale),
  everywhere,
);
