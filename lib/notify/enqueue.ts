import type { Tx } from '@/lib/db';
import type { Complaint } from '@/lib/db/schema';
import { enqueueEmail, enqueueWhatsApp, type ComplaintNoticeJob } from '@/lib/jobs/boss';
import { activeWhatsAppConfig } from './whatsapp';

// What the complainant is told after an officer's reply, a status change or a closing: always an
// email; a WhatsApp notice too when WhatsApp is configured, switched on in the agency settings,
// and the complainant agreed to it.
// Decided here, in the caller's transaction, so each message exists exactly when its event does.

export async function enqueueComplaintNotices(tx: Tx, job: ComplaintNoticeJob, complaint: Pick<Complaint, 'whatsappConsent'>): Promise<void> {
  await enqueueEmail(tx, job);
  if (complaint.whatsappConsent && (await activeWhatsAppConfig(tx))) await enqueueWhatsApp(tx, { kind: job.kind, eventId: job.eventId });
}

/** The notice for a status move's event. */
export const noticeForMove = (type: 'closed' | 'reopened' | 'status_change', eventId: number): ComplaintNoticeJob =>
  type === 'closed' ? { kind: 'complaint-closed', eventId } : { kind: 'status-changed', eventId };
