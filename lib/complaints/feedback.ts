import { eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '@/lib/audit';
import { verifyCaptcha } from '@/lib/captcha';
import type { Db } from '@/lib/db';
import { attachments, complaintEvents, complaints } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { AppError } from '@/lib/errors';
import { hashPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { enqueueEmail } from '@/lib/jobs/boss';
import { enqueueComplaintNotices } from '@/lib/notify/enqueue';
import { isBlocked, penalise } from '@/lib/ratelimit';
import { addressKey } from '@/lib/ratelimit/address';
import { limits, spend, type RateLimitedRefusal } from '@/lib/ratelimit/public';
import { attachmentRows, deleteQuietly, inspectFiles, putFiles, StorageUnavailableError, type IncomingFile } from '@/lib/uploads/store';
import type { FieldErrors } from '@/lib/validation/complaint';
import { readVerdict, recordVerdict } from './satisfaction';
import { isClosed, statusAfterFeedback } from './status';
import { lockComplaint, moveStatus } from './transitions';
import { notBefore } from '@/lib/http/equal-time';

// "Maklumbalas Anda": the complainant answers and/or closes their complaint. Neither the IC number
// nor the complaint number is a password, so the full name must match too, a mismatch says nothing
// about which field was wrong, and repeated mismatches lock the form for a while.
// Every request counts towards the address's flood ceiling; the address's feedback budget is spent
// only once the CAPTCHA has passed (lib/ratelimit/public.ts), and both come before any audit row.
//
// No oracle, no lockout of the owner (docs/SECURITY.md):
// - a number that does not exist is answered exactly like an existing one with a wrong IC or name:
//   same result, same failure counted, same audit row, and every answer past the form check takes
//   at least FEEDBACK_MIN_ANSWER_MS (like the lookup), so neither the body nor the timing tells;
// - failures are counted per (complaint number, client address) and per client address, never per
//   complaint alone: a stranger's guesses lock the stranger, while the person who knows the IC and
//   the name still gets in from their own address.

export const FEEDBACK_LOCK = { failures: 5, windowSeconds: 15 * 60 };
/** Mismatches one address may make across all complaint numbers before its feedback form locks. */
export const FEEDBACK_ADDRESS_LOCK = { failures: 20, windowSeconds: 60 * 60 };
export const FEEDBACK_MIN_ANSWER_MS = 400;

const lockKeys = (number: string, ip: string) => ({
  pair: { name: 'feedback-fail', key: `${number}|${addressKey(ip)}`, ...FEEDBACK_LOCK },
  address: { name: 'feedback-fail-ip', key: addressKey(ip), ...FEEDBACK_ADDRESS_LOCK },
});

async function isLocked(db: Db, number: string, ip: string): Promise<boolean> {
  const { pair, address } = lockKeys(number, ip);
  return (await isBlocked(db, pair.name, pair.key, pair.failures)) || (await isBlocked(db, address.name, address.key, address.failures));
}

/** One wrong try (wrong IC, wrong name or no such number): counted, audited, answered alike. */
async function refuse(db: Db, number: string, ip: string): Promise<FeedbackResult> {
  const { pair, address } = lockKeys(number, ip);
  await penalise(db, pair.name, pair.key, pair.failures, pair.windowSeconds);
  await penalise(db, address.name, address.key, address.failures, address.windowSeconds);
  await audit(db, { actorType: 'complainant', action: 'complaint.feedback_refused', targetType: 'complaint', targetId: number, ip });
  return { ok: false, reason: (await isLocked(db, number, ip)) ? 'locked' : 'mismatch' };
}

const schema = z
  .object({
    icUser: z.preprocess((v) => String(v ?? '').replace(/[\s-]/g, ''), z.string().min(1, 'required').regex(/^\d{12}$/, 'ic_format')),
    name: z.preprocess((v) => String(v ?? '').trim(), z.string().min(1, 'required').max(150, 'name_length')),
    message: z.preprocess(
      (v) => String(v ?? '').replace(/\r\n?/g, '\n').trim(),
      z.string().max(5000, 'description_long').regex(/^[^\x00-\x08\x0B\x0C\x0E-\x1F\x7F]*$/, 'control_chars'),
    ),
    close: z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()),
  })
  .superRefine((v, ctx) => {
    if (!v.close && v.message === '') ctx.addIssue({ code: 'custom', path: ['message'], message: 'required' });
  });

export type FeedbackInput = {
  number: string;
  fields: Record<string, unknown>;
  files: IncomingFile[];
  captchaToken?: string;
  ip: string;
};

export type FeedbackResult =
  /** `appeal`: the closing's "Tidak puas hati" opened the appeal instead (lib/complaints/satisfaction.ts). */
  | { ok: true; closed: boolean; reopened: boolean; appeal?: { dueAt: Date; resolutionDays: number }; noAppeal?: 'used' | 'not_appealable' }
  | { ok: false; reason: 'invalid'; fieldErrors: FieldErrors }
  | { ok: false; reason: 'mismatch' | 'locked' | 'closed' | 'storage_unavailable' }
  | RateLimitedRefusal;

/** Names match ignoring case and extra spaces. */
const sameName = (a: string, b: string) =>
  a.normalize('NFKC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('ms') ===
  b.normalize('NFKC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('ms');

export async function submitFeedback(db: Db, input: FeedbackInput): Promise<FeedbackResult> {
  const started = Date.now();
  const result = await feedback(db, input);
  // Past the form check, every answer (found or not, right or wrong) takes the same minimum time.
  const padded = result.ok || (result.reason !== 'invalid' && result.reason !== 'rate_limited');
  if (padded) await notBefore(started, FEEDBACK_MIN_ANSWER_MS);
  return result;
}

async function feedback(db: Db, input: FeedbackInput): Promise<FeedbackResult> {
  const flood = await spend(db, limits.requestsByAddress(input.ip));
  if (flood) return flood;
  if (await isLocked(db, input.number, input.ip)) return { ok: false, reason: 'locked' };

  const parsed = schema.safeParse(input.fields);
  const fieldErrors: FieldErrors = {};
  if (!parsed.success) for (const i of parsed.error.issues) fieldErrors[String(i.path[0])] ??= i.message;
  const inspected = await inspectFiles(input.files);
  if (!inspected.ok) fieldErrors.attachments = inspected.error;
  // Closing asks for the verdict (Puas hati / Tidak puas hati, 1–5, a comment): required then.
  const verdict = parsed.success && parsed.data.close ? readVerdict(input.fields) : null;
  if (verdict && !verdict.ok) Object.assign(fieldErrors, verdict.fieldErrors);
  if (!input.captchaToken) fieldErrors.captcha = 'captcha_required';
  if (!parsed.success || !inspected.ok || Object.keys(fieldErrors).length > 0) return { ok: false, reason: 'invalid', fieldErrors };
  const data = parsed.data;

  const captcha = await verifyCaptcha(db, input.captchaToken, input.ip);
  if (!captcha.ok) return { ok: false, reason: 'invalid', fieldErrors: { captcha: captcha.error } };
  const limited = await spend(db, limits.feedbackByAddress(input.ip));
  if (limited) return limited;

  const [c] = await db
    .select({ id: complaints.id, icHash: complaints.icHash, name: complaints.name, status: complaints.status })
    .from(complaints)
    .where(eq(complaints.number, input.number));
  const icHash = hashPii(data.icUser, piiKeys(getEnv().PII_KEY).mac);
  if (!c || icHash !== c.icHash || !sameName(data.name, c.name)) return refuse(db, input.number, input.ip);
  // Only the complainant learns that their complaint is closed.
  if (isClosed(c.status)) return { ok: false, reason: 'closed' };

  let stored: Awaited<ReturnType<typeof putFiles>> = [];
  if (data.message || inspected.clean.length > 0) {
    try {
      stored = await putFiles(input.number, inspected.clean);
    } catch (e) {
      if (e instanceof StorageUnavailableError) return { ok: false, reason: 'storage_unavailable' };
      throw e;
    }
  }
  try {
    return await db.transaction(async (tx) => {
      const complaint = await lockComplaint(tx, input.number);
      if (isClosed(complaint.status)) throw new AppError('complaint_closed', 409);
      const actor = { type: 'complainant' as const, name: complaint.name };
      let feedbackEventId: number | undefined;
      if (data.message || stored.length > 0) {
        const [event] = await tx
          .insert(complaintEvents)
          .values({
            complaintId: complaint.id,
            type: 'complainant_feedback',
            body: data.message || null,
            authorType: 'complainant',
            authorName: complaint.name,
          })
          .returning({ id: complaintEvents.id });
        feedbackEventId = event.id;
        if (stored.length > 0) await tx.insert(attachments).values(attachmentRows(stored, complaint.id, event.id));
      }
      let reopened = false;
      let closed = false;
      let appeal: { dueAt: Date; resolutionDays: number } | null = null;
      let noAppeal: 'used' | 'not_appealable' | null = null;
      if (data.close && verdict?.ok) {
        // The verdict first: on a resolved complaint "Tidak puas hati" opens the appeal, which
        // takes it back to the officers instead of closing it (status.ts `appealOpens`).
        const outcome = await recordVerdict(tx, complaint, verdict.value, 'form', input.ip);
        if (outcome.recorded) ({ appeal, noAppeal } = outcome);
        if (appeal) reopened = true;
        else {
          const { eventId } = await moveStatus(tx, complaint, 'ditutup', actor);
          await enqueueComplaintNotices(tx, { kind: 'complaint-closed', eventId }, complaint);
          closed = true;
        }
      } else {
        const to = statusAfterFeedback(complaint.status);
        if (to !== complaint.status) reopened = (await moveStatus(tx, complaint, to, actor)).type === 'reopened';
        else await tx.update(complaints).set({ updatedAt: sql`now()` }).where(eq(complaints.id, complaint.id));
      }
      // The officers' email says what this feedback did, as decided here, not what the row says later.
      if (feedbackEventId) await enqueueEmail(tx, { kind: 'feedback-received', eventId: feedbackEventId, closed, reopened });
      await audit(tx, {
        actorType: 'complainant',
        action: closed ? 'complaint.closed_by_complainant' : 'complaint.feedback',
        targetType: 'complaint',
        targetId: input.number,
        ip: input.ip,
      });
      return { ok: true as const, closed, reopened, ...(appeal && { appeal }), ...(noAppeal && { noAppeal }) };
    });
  } catch (e) {
    await deleteQuietly(stored.map((s) => s.key));
    if (e instanceof AppError && e.code === 'complaint_closed') return { ok: false, reason: 'closed' };
    throw e;
  }
}
