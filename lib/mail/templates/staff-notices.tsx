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

export type NewComplaintForStaffEmail = {
  agency: Agency;
  complaintNo: string;
  title: string;
  /** Malay category name. */
  category: string;
  /** dd-MM-yyyy HH:mm */
  submittedAt: string;
  consoleUrl: string;
  /**
   * Why this officer is told: the category's assignment mode gave it to them (`assigned`), the
   * category leaves new complaints to its officers (`manual`), or it assigns automatically but no
   * officer was on duty (`nobody_eligible`).
   */
  reason: 'assigned' | 'manual' | 'nobody_eligible';
};

/** A new complaint, to the officer it was routed to or to the officers who may take it. */
export async function renderNewComplaintForStaff(d: NewComplaintForStaffEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(<NewComplaintForStaff {...d} />);
  const subject =
    d.reason === 'assigned'
      ? `Aduan baharu ${d.complaintNo} diagihkan kepada anda / New complaint assigned to you — ${PRODUCT}`
      : `Aduan baharu ${d.complaintNo} dalam kategori ${d.category} / New complaint in your category — ${PRODUCT}`;
  return { subject, html, text };
}

const NEW_COMPLAINT_WORDS = {
  assigned: {
    ms: 'Aduan baharu di bawah telah diagihkan kepada anda secara automatik mengikut tetapan kategori.',
    en: 'was assigned to you automatically by the category’s assignment mode.',
  },
  manual: {
    ms: 'Aduan baharu di bawah diterima dalam kategori anda dan belum diagihkan. Ambil aduan ini di konsol jika anda akan mengendalikannya.',
    en: 'arrived in your category and is not assigned yet. Take it in the console if you will handle it.',
  },
  nobody_eligible: {
    ms: 'Aduan baharu di bawah tidak dapat diagihkan secara automatik kerana tiada pegawai kategori yang bertugas. Sila agihkan atau ambil aduan ini di konsol.',
    en: 'could not be assigned automatically because none of the category’s officers is on duty. Please assign or take it in the console.',
  },
} as const;

function NewComplaintForStaff(d: NewComplaintForStaffEmail) {
  const words = NEW_COMPLAINT_WORDS[d.reason];
  return (
    <EmailLayout
      title={`Aduan baharu ${d.complaintNo}`}
      preview={`Aduan baharu ${d.complaintNo}: ${d.title}. New complaint ${d.complaintNo}.`}
      agency={d.agency}
    >
      <Heading as="h1" style={s.h1}>
        {d.reason === 'assigned' ? 'Aduan baharu untuk tindakan anda' : 'Aduan baharu dalam kategori anda'}
      </Heading>
      <Text style={s.p}>{words.ms}</Text>

      <ComplaintSummary of={d} rows={[
          ['Kategori', d.category],
          ['Diterima', d.submittedAt],
        ]}
      />

      <ActionButton href={d.consoleUrl} label="Buka aduan di konsol / Open in console" />

      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> New complaint <strong>{d.complaintNo}</strong> (&ldquo;{d.title}&rdquo;, {d.category}), received on{' '}
        {d.submittedAt}, {words.en}
      </Text>
    </EmailLayout>
  );
}
