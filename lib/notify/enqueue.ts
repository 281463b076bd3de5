import type { Tx } from '@/lib/db';
import type { Complaint } from '@/lib/db/schema';
import { enqueueEmail, enqueueWhatsApp } from '@/lib/jobs/boss';
import { whatsAppConfig } from './whatsapp';

// What the complainant is told after an officer's reply, a status change or a closing: always an
// email; a WhatsApp notice too when WhatsApp is configured and the complainant agreed to it.
// Decided here, in the caller's transaction, so each message exists exactly when its event does.

export type ComplaintNoticeKind = 'officer-reply' | 'status-changed' | 'complaint-closed';

export async function enqueueComplaintNotices(
  tx: Tx,
  kind: ComplaintNoticeKind,
  eventId: number,
  complaint: Pick<Complaint, 'whatsappConsent'>,
): Promise<void> {
  await enqueueEmail(tx, { kind, eventId });
  if (complaint.whatsappConsent && whatsAppConfig()) await enqueueWhatsApp(tx, { kind, eventId });
}

/** The notice kind for a status move's event type. */
export const noticeForMove = (type: 'closed' | 'reopened' | 'status_change'): ComplaintNoticeKind =>
  type === 'closed' ? 'complaint-closed' : 'status-changed';
