import { and, eq, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { verifyCaptcha } from '@/lib/captcha';
import type { Db } from '@/lib/db';
import { attachments, categories, complaintEvents, complaints, ptj } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { encryptPii, hashPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { enqueueEmail } from '@/lib/jobs/boss';
import { limits, spend, type RateLimitedRefusal } from '@/lib/ratelimit/public';
import { getAgencySettings } from '@/lib/settings/agency';
import { storeDueTimes } from '@/lib/sla/due';
import { routeNewComplaint } from '@/lib/sla/routing';
import { attachmentRows, deleteQuietly, inspectFiles, putFiles, StorageUnavailableError, type IncomingFile, type StoredFile } from '@/lib/uploads/store';
import type { CleanFile } from '@/lib/uploads/inspect';
import { complaintFieldsSchema, toFieldErrors, type FieldErrors } from '@/lib/validation/complaint';
import { signComplaintAccess } from './access';
import { complaintNumber } from './number';

export type { IncomingFile };

export type SubmissionInput = {
  fields: Record<string, unknown>;
  files: IncomingFile[];
  captchaToken?: string;
  ip: string;
};

export type SubmissionResult =
  | { ok: true; number: string; accessToken: string; duplicate: boolean }
  | { ok: false; reason: 'invalid'; fieldErrors: FieldErrors }
  | RateLimitedRefusal
  | { ok: false; reason: 'storage_unavailable' };

/**
 * Files a complaint: validate everything, store the attachments, then write the complaint, its
 * `submitted` event, its attachment rows and the email job in one transaction. Any failure leaves
 * nothing behind: no row, no object, no email.
 *
 * Limits (lib/ratelimit/public.ts): every request counts towards the address's flood ceiling;
 * the complaint budgets (per IC number, per address) are spent only once the CAPTCHA has passed,
 * so a typo or a missing tick never costs an office behind one address its allowance.
 */
export async function submitComplaint(db: Db, input: SubmissionInput): Promise<SubmissionResult> {
  const env = getEnv();
  const flood = await spend(db, limits.requestsByAddress(input.ip));
  if (flood) return flood;

  // Fields the public may not set (status, officer, number, times) are simply not in the schema.
  const parsed = complaintFieldsSchema.safeParse(input.fields);
  const fieldErrors: FieldErrors = parsed.success ? {} : toFieldErrors(parsed.error);

  let clean: CleanFile[] = [];
  const inspected = await inspectFiles(input.files);
  if (inspected.ok) clean = inspected.clean;
  else fieldErrors.attachments = inspected.error;

  let categoryId: number | undefined;
  let ptjId: number | null = null;
  if (parsed.success) {
    const [cat] = await db
      .select({ id: categories.id })
      .from(categories)
      .where(and(eq(categories.slug, parsed.data.category), eq(categories.active, true)));
    if (cat) categoryId = cat.id;
    else fieldErrors.category = 'category_invalid';
    const [p] = await db
      .select({ id: ptj.id })
      .from(ptj)
      .where(and(sql`lower(${ptj.name}) = lower(${parsed.data.ptj})`, eq(ptj.active, true)));
    ptjId = p?.id ?? null;
  }
  if (!input.captchaToken) fieldErrors.captcha = 'captcha_required';
  if (!parsed.success || Object.keys(fieldErrors).length > 0 || categoryId === undefined) {
    return { ok: false, reason: 'invalid', fieldErrors };
  }
  const data = parsed.data;

  // A double click or a retried request carries the same key: answer with the first complaint.
  const keys = piiKeys(env.PII_KEY);
  const icHash = hashPii(data.ic, keys.mac);
  const previous = await findRetry(db, data.submissionKey, icHash);
  if (previous) return previous;

  const captcha = await verifyCaptcha(db, input.captchaToken, input.ip);
  if (!captcha.ok) return { ok: false, reason: 'invalid', fieldErrors: { captcha: captcha.error } };
  const limited = await spend(db, limits.submitByIc(icHash), limits.submitByAddress(input.ip));
  if (limited) return limited;

  const agency = await getAgencySettings(db);

  for (let attempt = 0; attempt < 5; attempt++) {
    const number = complaintNumber(agency.complaintPrefix);
    let stored: StoredFile[];
    try {
      stored = await putFiles(number, clean);
    } catch (e) {
      if (e instanceof StorageUnavailableError) return { ok: false, reason: 'storage_unavailable' };
      throw e;
    }

    let committing = false;
    try {
      await db.transaction(async (tx) => {
        const [complaint] = await tx
          .insert(complaints)
          .values({
            number,
            submissionKey: data.submissionKey,
            name: data.name,
            icEncrypted: encryptPii(data.ic, keys.enc),
            icHash,
            icLast4: data.ic.slice(-4),
            ptjId,
            ptjOther: ptjId ? null : data.ptj,
            phone: data.phone,
            email: data.email,
            whatsappConsent: data.whatsappConsent,
            categoryId,
            title: data.title,
            description: data.description,
          })
          .returning(complaintClockColumns);
        await storeDueTimes(tx, complaint);
        const [event] = await tx
          .insert(complaintEvents)
          .values({
            complaintId: complaint.id,
            type: 'submitted',
            toStatus: 'baru',
            authorType: 'complainant',
            authorName: data.name,
          })
          .returning({ id: complaintEvents.id });
        if (stored.length > 0) await tx.insert(attachments).values(attachmentRows(stored, complaint.id, event.id));
        await enqueueEmail(tx, { kind: 'complaint-submitted', complaintId: complaint.id });
        // After the `submitted` event, so the history reads filed, then assigned.
        await routeNewComplaint(tx, complaint);
        await audit(tx, {
          actorType: 'complainant',
          action: 'complaint.submitted',
          targetType: 'complaint',
          targetId: number,
          ip: input.ip,
          detail: { attachments: stored.length },
        });
        committing = true;
      });
      return { ok: true, number, accessToken: signComplaintAccess(number), duplicate: false };
    } catch (e) {
      // Lost during COMMIT, the complaint may be stored (the person's retry with the same key then
      // finds it), so its files stay; the hourly stray sweep removes them if it was not.
      if (!committing) await deleteQuietly(stored.map((s) => s.key));
      const constraint = uniqueViolation(e);
      if (constraint === 'complaints_submission_key_unique') {
        const first = await findRetry(db, data.submissionKey, icHash);
        if (first) return first;
      }
      if (constraint === 'complaints_number_unique') continue;
      throw e;
    }
  }
  throw new Error('could not allocate a unique complaint number');
}

/**
 * A retry (same submission key) gets the first complaint's answer, but only when it comes from the
 * same person: a known key alone must not hand out the complaint's access link.
 */
async function findRetry(db: Db, key: string, icHash: string): Promise<SubmissionResult | undefined> {
  const [row] = await db
    .select({ number: complaints.number, icHash: complaints.icHash })
    .from(complaints)
    .where(eq(complaints.submissionKey, key));
  if (!row) return undefined;
  if (row.icHash !== icHash) return { ok: false, reason: 'invalid', fieldErrors: { form: 'form_expired' } };
  return { ok: true, number: row.number, accessToken: signComplaintAccess(row.number), duplicate: true };
}

/** What the service clock needs of a new row (lib/sla/due.ts). */
const complaintClockColumns = {
  id: complaints.id,
  createdAt: complaints.createdAt,
  categoryId: complaints.categoryId,
  priority: complaints.priority,
  clockPausedAt: complaints.clockPausedAt,
  clockPausedMinutes: complaints.clockPausedMinutes,
};

function uniqueViolation(e: unknown): string | undefined {
  const err = (e as { cause?: unknown })?.cause ?? e;
  const pg = err as { code?: string; constraint_name?: string };
  return pg.code === '23505' ? pg.constraint_name : undefined;
}
