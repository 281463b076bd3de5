import type { Tx } from '@/lib/db';
import type { Complaint } from '@/lib/db/schema';
import { enqueueEmail, enqueueWhatsApp, type ComplaintNoticeJob } from '@/lib/jobs/boss';
import { satisfactionToAsk } from '@/lib/complaints/satisfaction';
import { activeWhatsAppConfig } from './whatsapp';

// What the complainant is told after an officer's reply, a status change or a closing: always an
// email; a WhatsApp notice too when WhatsApp is configured, switched on in the agency settings,
// and the complainant agreed to it.
// Decided here, in the caller's transaction, so each message exists exactly when its event does.

//
// A notice that leaves the complaint closed asks for the complainant's verdict (a signed link in the
// email) unless this round's verdict is already in, or the caller says not to (a merge's closing).
export async function enqueueComplaintNotices(
  tx: Tx,
  job: ComplaintNoticeJob,
  complaint: Pick<Complaint, 'whatsappConsent' | 'id' | 'appealOpenedAt'>,
  opts: { askSatisfaction?: boolean } = {},
): Promise<void> {
  const closes = job.kind === 'complaint-closed' || (job.kind === 'officer-reply' && job.status === 'ditutup');
  const round = closes && opts.askSatisfaction !== false ? await satisfactionToAsk(tx, complaint) : null;
  await enqueueEmail(tx, round && (job.kind === 'complaint-closed' || job.kind === 'officer-reply') ? { ...job, satisfactionRound: round } : job);
  if (complaint.whatsappConsent && (await activeWhatsAppConfig(tx))) await enqueueWhatsApp(tx, { kind: job.kind, eventId: job.eventId });
}

/** The notice for a status move's event. */
export const noticeForMove = (type: 'closed' | 'reopened' | 'status_change', eventId: number): ComplaintNoticeJob =>
  type === 'closed' ? { kind: 'complaint-closed', eventId } : { kind: 'status-changed', eventId };
