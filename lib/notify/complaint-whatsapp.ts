import { eq } from 'drizzle-orm';
import { complaintLink } from '@/lib/complaints/access';
import type { Db } from '@/lib/db';
import { complaintEvents, complaints } from '@/lib/db/schema';
import msMessages from '@/lib/i18n/messages/ms.json';
import { toE164 } from '@/lib/identity/phone';
import type { WhatsAppJob } from '@/lib/jobs/boss';
import type { WhatsAppMessage } from './whatsapp';

// The WhatsApp notice for a job, built at delivery time from stored rows (the job holds only the
// event id). The template carries the number, one line on what changed and the signed link; the
// reply itself stays behind the link, so nothing else the officer wrote travels through WhatsApp.

export const NEW_REPLY_SUMMARY = 'Maklumbalas baharu daripada pegawai';

export type WhatsAppBuild =
  | { ok: true; message: WhatsAppMessage }
  | { ok: false; reason: 'not_found' | 'internal' | 'no_consent' | 'bad_phone' };

export async function buildWhatsAppMessage(db: Db, job: WhatsAppJob): Promise<WhatsAppBuild> {
  const [row] = await db
    .select({
      internal: complaintEvents.internal,
      toStatus: complaintEvents.toStatus,
      number: complaints.number,
      phone: complaints.phone,
      consent: complaints.whatsappConsent,
    })
    .from(complaintEvents)
    .innerJoin(complaints, eq(complaints.id, complaintEvents.complaintId))
    .where(eq(complaintEvents.id, job.eventId));
  if (!row) return { ok: false, reason: 'not_found' };
  // Never for an internal event; and consent is checked again, in case it was withdrawn.
  if (row.internal) return { ok: false, reason: 'internal' };
  if (!row.consent) return { ok: false, reason: 'no_consent' };
  let to: string;
  try {
    to = toE164(row.phone);
  } catch {
    return { ok: false, reason: 'bad_phone' };
  }
  // The template reads e.g. "Aduan {{1}} dikemas kini: {{2}}. {{3}}".
  const summary =
    job.kind === 'complaint-reminder'
      ? msMessages.automation.whatsappReminder
      : job.kind === 'officer-reply' || !row.toStatus
        ? NEW_REPLY_SUMMARY
        : msMessages.status[row.toStatus];
  return {
    ok: true,
    message: {
      toE164: to,
      complaintNo: row.number,
      summary,
      link: complaintLink(row.number),
      idempotencyKey: `wa/${job.kind}/${job.eventId}`,
    },
  };
}
