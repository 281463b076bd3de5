import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { attachments, categories, complaints, ptj } from '@/lib/db/schema';
import { complaintLink } from '@/lib/complaints/access';
import { maskEmail, maskMyKad, maskPhone } from '@/lib/identity/mask';
import { renderComplaintSubmitted } from '@/lib/mail/templates/complaint-submitted';
import type { OutgoingEmail } from '@/lib/mail/transport';
import { getAgencySettings } from '@/lib/settings/agency';
import { formatMyDateTime } from '@/lib/time';

/** The submission copy, built at delivery time from what was stored (the job carries only an id). */
export async function buildSubmittedEmail(db: Db, complaintId: string): Promise<OutgoingEmail | null> {
  const [c] = await db
    .select({
      number: complaints.number,
      createdAt: complaints.createdAt,
      name: complaints.name,
      icLast4: complaints.icLast4,
      phone: complaints.phone,
      email: complaints.email,
      ptjName: ptj.name,
      ptjOther: complaints.ptjOther,
      category: categories.nameMs,
      title: complaints.title,
      description: complaints.description,
    })
    .from(complaints)
    .innerJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(ptj, eq(ptj.id, complaints.ptjId))
    .where(eq(complaints.id, complaintId));
  if (!c) return null;
  const files = await db
    .select({ fileName: attachments.fileName })
    .from(attachments)
    .where(eq(attachments.complaintId, complaintId));
  const agency = await getAgencySettings(db);
  const rendered = await renderComplaintSubmitted({
    agencyName: agency.name,
    agencyAddress: agency.address,
    agencyPhone: agency.phone,
    agencyEmail: agency.email,
    agencyWebsite: agency.website,
    complaintNo: c.number,
    submittedAt: formatMyDateTime(c.createdAt),
    name: c.name,
    icMasked: maskMyKad(`00000000${c.icLast4}`),
    ptj: c.ptjName ?? c.ptjOther ?? '',
    phoneMasked: maskPhone(c.phone),
    emailMasked: maskEmail(c.email),
    category: c.category,
    title: c.title,
    description: c.description,
    attachments: files.map((f) => f.fileName),
    complaintUrl: complaintLink(c.number),
  });
  return { to: c.email, ...rendered, idempotencyKey: `complaint-submitted/${complaintId}` };
}
