import { Heading, Hr, Text } from '@react-email/components';
import type { ComplaintStatus } from '@/lib/db/schema';
import { ActionButton, ComplaintSummary, EmailLayout, PRODUCT, renderParts, s, statusMs, type Agency, type RenderedEmail } from './layout';

// Emails to staff about their work. They carry what an officer needs to find the complaint and
// nothing personal about the complainant (no IC, phone or email): the console shows those, and
// audits each view.

export type AssignedToOfficerEmail = {
  agency: Agency;
  complaintNo: string;
  title: string;
  /** Malay category name. */
  category: string;
  status: ComplaintStatus;
  /** Who assigned it. */
  assignedBy: string;
  /** dd-MM-yyyy HH:mm */
  assignedAt: string;
  consoleUrl: string;
};

export async function renderAssignedToOfficer(d: AssignedToOfficerEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(<AssignedToOfficer {...d} />);
  return { subject: `Aduan ${d.complaintNo} diagihkan kepada anda / Complaint assigned to you — ${PRODUCT}`, html, text };
}

function AssignedToOfficer(d: AssignedToOfficerEmail) {
  return (
    <EmailLayout
      title={`Aduan ${d.complaintNo} diagihkan kepada anda`}
      preview={`Aduan ${d.complaintNo} telah diagihkan kepada anda. Complaint ${d.complaintNo} has been assigned to you.`}
      agency={d.agency}
    >
      <Heading as="h1" style={s.h1}>
        Aduan baharu untuk tindakan anda
      </Heading>
      <Text style={s.p}>Aduan di bawah telah diagihkan kepada anda untuk tindakan.</Text>

      <ComplaintSummary of={d} rows={[
          ['Kategori', d.category],
          ['Status', statusMs(d.status)],
          ['Diagihkan oleh', d.assignedBy],
          ['Tarikh', d.assignedAt],
        ]}
      />

      <ActionButton href={d.consoleUrl} label="Buka aduan di konsol / Open in console" />

      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> {d.assignedBy} assigned complaint <strong>{d.complaintNo}</strong> (&ldquo;{d.title}&rdquo;,{' '}
        {d.category}) to you on {d.assignedAt}. Open it in the console to act on it.
      </Text>
    </EmailLayout>
  );
}
