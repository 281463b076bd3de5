import { and, asc, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { attachments, categories, complaintEvents, complaints, ptj, type ComplaintStatus } from '@/lib/db/schema';
import { maskEmail, maskMyKad, maskPhone } from '@/lib/identity/mask';

export type PublicComplaint = {
  number: string;
  status: ComplaintStatus;
  createdAt: Date;
  closedAt: Date | null;
  category: { ms: string; en: string };
  title: string;
  description: string;
  complainant: { name: string; icMasked: string; ptj: string; phoneMasked: string; emailMasked: string };
  attachments: { id: string; fileName: string; contentType: string; sizeBytes: number }[];
};

/** What a public page may show of a complaint: personal data masked, internal items left out. */
export async function getPublicComplaint(db: Db, number: string): Promise<PublicComplaint | null> {
  const [c] = await db
    .select({
      id: complaints.id,
      number: complaints.number,
      status: complaints.status,
      createdAt: complaints.createdAt,
      closedAt: complaints.closedAt,
      categoryMs: categories.nameMs,
      categoryEn: categories.nameEn,
      title: complaints.title,
      description: complaints.description,
      name: complaints.name,
      icLast4: complaints.icLast4,
      ptjName: ptj.name,
      ptjOther: complaints.ptjOther,
      phone: complaints.phone,
      email: complaints.email,
    })
    .from(complaints)
    .innerJoin(categories, eq(categories.id, complaints.categoryId))
    .leftJoin(ptj, eq(ptj.id, complaints.ptjId))
    .where(eq(complaints.number, number));
  if (!c) return null;
  const files = await db
    .select({ id: attachments.id, fileName: attachments.fileName, contentType: attachments.contentType, sizeBytes: attachments.sizeBytes })
    .from(attachments)
    .innerJoin(complaintEvents, eq(complaintEvents.id, attachments.eventId))
    .where(and(eq(attachments.complaintId, c.id), eq(attachments.internal, false), eq(complaintEvents.type, 'submitted')))
    .orderBy(asc(attachments.createdAt));
  return {
    number: c.number,
    status: c.status,
    createdAt: c.createdAt,
    closedAt: c.closedAt,
    category: { ms: c.categoryMs, en: c.categoryEn },
    title: c.title,
    description: c.description,
    complainant: {
      name: c.name,
      icMasked: maskMyKad(`00000000${c.icLast4}`),
      ptj: c.ptjName ?? c.ptjOther ?? '',
      phoneMasked: maskPhone(c.phone),
      emailMasked: maskEmail(c.email),
    },
    attachments: files,
  };
}
