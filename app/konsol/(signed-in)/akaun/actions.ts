'use server';

import { getTranslations } from 'next-intl/server';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { audit } from '@/lib/audit';
import { signOut } from '@/lib/auth';
import { staffAction } from '@/lib/auth/guard';
import { getStaffSession } from '@/lib/auth/session';
import { endSession } from '@/lib/auth/session-end';
import { signOutEverywhere } from '@/lib/auth/session-version';
import { regenerateRecoveryCodes } from '@/lib/auth/recovery-codes';
import { confirmTotpEnrolment } from '@/lib/auth/totp';
import { getConsoleDb } from '@/lib/db';
import { currentIp } from '@/lib/http/action-context';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { changeOwnPassword } from '@/lib/staff/accounts';
import { setAwayUntil } from '@/lib/staff/away';

const SIGN_IN = '/konsol/log-masuk';

/** The TOTP enrolment form (useActionState): checks the first code, stores the secret, answers with the recovery codes (shown once). */
export const enrolTotpForm = staffAction(
  'queue.view',
  z.object({ secret: z.string().max(64), code: z.string().max(16) }),
  async (input, { session }) => {
    const t = await getTranslations('account');
    const r = await confirmTotpEnrolment(getConsoleDb(), { userId: session.userId, secret: input.secret, code: input.code, ip: await currentIp() });
    if (!r.ok) {
      const message = t(`totpErrors.${r.reason}`);
      return { ok: false, message, fieldErrors: r.reason === 'code_invalid' ? { code: message } : undefined };
    }
    return { ok: true, message: t('totpActivated'), recoveryCodes: r.recoveryCodes };
  },
  // No revalidation: the page would re-render as "enrolled" and drop the codes before the officer
  // has kept them. Their "continue" link is a full page load, so the console reads the new state.
  { beforeTotpEnrolment: true },
);

/** "Jana kod pemulihan baharu": 10 new codes (the old ones stop working), shown once. */
export const regenerateRecoveryCodesAction = staffAction('queue.view', z.object({}), async (_input, { session }) => {
  const t = await getTranslations('security');
  const r = await regenerateRecoveryCodes(getConsoleDb(), { userId: session.userId, ip: await currentIp() });
  if (!r.ok) return { ok: false, message: t(`recoveryErrors.${r.reason}`) };
  return { ok: true, message: t('recoveryRegenerated'), recoveryCodes: r.codes };
});

/** "Tidak bertugas sehingga <tarikh>": sets or clears the officer's own away day (routing skips them). */
export const setAwayAction = staffAction(
  'queue.view',
  z.object({ awayUntil: z.string().max(20).optional(), intent: z.enum(['set', 'clear']).default('set') }),
  async (input, { session }) => {
    const t = await getTranslations('routing');
    const raw = input.intent === 'clear' ? null : (input.awayUntil ?? '');
    const r = await setAwayUntil(getConsoleDb(), { userId: session.userId, ip: await currentIp() }, raw);
    if (!r.ok) {
      return { ok: false, message: t('errors.form'), fieldErrors: { awayUntil: t(`errors.${r.reason}`) } };
    }
    return { ok: true, message: r.day ? t('away.saved', { day: formatDisplayDay(r.day) }) : t('away.cleared') };
  },
  { revalidate: { path: '/konsol/akaun' } },
);

/**
 * "Tukar kata laluan": the current password, the new one (the policy) and its confirmation, each
 * refusal beside its field. A change ends every session of the account, this one included, so the
 * officer signs in again with the new password.
 */
export const changePasswordAction = staffAction(
  'queue.view',
  z.object({ current: z.string().max(4096), password: z.string().max(4096), confirm: z.string().max(4096) }),
  async (input, { session }) => {
    const t = await getTranslations('accounts');
    const r = await changeOwnPassword(getConsoleDb(), { userId: session.userId, ...input, ip: await currentIp() });
    if (!r.ok) return { ok: false, message: t('password.errors.form'), fieldErrors: { [r.field]: t(`password.errors.${r.reason}`) } };
    await signOut({ redirectTo: `${SIGN_IN}?notis=kata-laluan-ditukar` });
  },
  // A generated password is replaced before anything else, TOTP enrolment included.
  { beforeTotpEnrolment: true, beforePasswordChange: true },
);

const endAllSessions = staffAction('queue.view', z.object({}), async (_input, { session }) => {
  await signOutEverywhere(getConsoleDb(), session.userId, await currentIp());
}, { beforeTotpEnrolment: true, beforePasswordChange: true });

/** "Log keluar dari semua peranti": every token of the account stops working, this one included. */
export async function signOutEverywhereAction(form: FormData): Promise<void> {
  const r = await endAllSessions(null, form);
  if (!r.ok) redirect(SIGN_IN);
  await signOut({ redirectTo: SIGN_IN });
}

/**
 * "Log Keluar" in the console header: ends this session on the server (its id recorded, so a copy
 * of the cookie opens nothing: lib/auth/session-end.ts), then clears this browser's cookie.
 */
export async function signOutAction(): Promise<void> {
  // Anyone may clear their own cookie; the record and audit row only when there was a live session to end.
  const session = await getStaffSession();
  if (session) {
    await endSession(getConsoleDb(), session.sessionId);
    await audit(getConsoleDb(), { actorType: 'staff', actorId: session.userId, action: 'auth.sign_out', ip: await currentIp() });
  }
  await signOut({ redirectTo: SIGN_IN });
}
