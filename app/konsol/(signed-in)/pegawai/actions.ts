'use server';

import { eq } from 'drizzle-orm';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { staffAction } from '@/lib/auth/guard';
import { resetTotp } from '@/lib/auth/totp';
import { getConsoleDb } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { currentIp } from '@/lib/http/action-context';
import { inviteStaff, resendInvite } from '@/lib/staff/accounts';
import { updateStaff } from '@/lib/staff/manage';

const role = z.enum(['pegawai', 'penyelia', 'pentadbir']);
const revalidate = { path: '/konsol/pegawai' };

/** "Jemput pegawai": the account, and an emailed link to set its password (no password typed here). */
export const inviteStaffAction = staffAction(
  'staff.manage',
  z.object({
    name: z.string().trim().min(3, 'required').max(150),
    email: z.string().trim().toLowerCase().pipe(z.email('email_invalid')),
    role,
  }),
  async (input, { session }) => {
    const u = await inviteStaff(getConsoleDb(), { userId: session.userId, ip: await currentIp() }, input);
    return { ok: true, message: (await getTranslations('accounts'))('invite.sent', { email: u.email }) };
  },
  { revalidate },
);

/** A new invitation link for an officer who has not set a password yet. */
export const resendInviteAction = staffAction(
  'staff.manage',
  z.object({ userId: z.uuid() }),
  async (input, { session }) => {
    await resendInvite(getConsoleDb(), { userId: session.userId, ip: await currentIp() }, input.userId);
    return { ok: true, message: (await getTranslations('accounts'))('invite.resent') };
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
      getConsoleDb(),
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

/** "Tetapkan semula TOTP": the officer's authenticator and recovery codes go, their sessions end, they are emailed. */
export const resetTotpAction = staffAction(
  'staff.manage',
  z.object({ userId: z.uuid() }),
  async (input, { session }) => {
    const t = await getTranslations('security');
    const r = await resetTotp(getConsoleDb(), { actor: session, userId: input.userId, ip: await currentIp() });
    if (!r.ok) return { ok: false, message: t(`totpResetErrors.${r.reason}`) };
    const [officer] = await getConsoleDb().select({ name: users.name }).from(users).where(eq(users.id, input.userId));
    return { ok: true, message: t('totpResetDone', { name: officer?.name ?? '' }) };
  },
  // Not revalidated: the list would re-render without this form (no TOTP left to reset) and take
  // the confirmation with it. The next load of the list shows the change.
);
