import { Heading, Hr, Text } from '@react-email/components';
import { ensureMaskedIc } from '@/lib/identity/mask';
import { ActionButton, DetailsSection, EmailLayout, FileList, Lines, NumberBox, PRODUCT, renderParts, s } from './layout';
import type { RenderedEmail } from './layout';

// Acknowledgement sent to the complainant right after submission. Malay first, English second.
// Every value is passed as a React child or attribute, so user text is escaped, never markup.
// Only masked identifiers are accepted: the email travels through third parties and inboxes.

export type ComplaintSubmittedEmail = {
  agencyName: string;
  agencyAddress: string;
  agencyPhone: string;
  agencyEmail: string;
  agencyWebsite: string;
  complaintNo: string;
  /** Already formatted, dd-MM-yyyy HH:mm. */
  submittedAt: string;
  name: string;
  icMasked: string;
  ptj: string;
  phoneMasked: string;
  emailMasked: string;
  category: string;
  title: string;
  description: string;
  /** File names only. */
  attachments: string[];
  complaintUrl: string;
};

export async function renderComplaintSubmitted(data: ComplaintSubmittedEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(<ComplaintSubmitted {...data} />);
  return { subject: `Aduan ${data.complaintNo} diterima / Complaint received — ${PRODUCT}`, html, text };
}

function ComplaintSubmitted(data: ComplaintSubmittedEmail) {
  const agency = {
    name: data.agencyName,
    address: data.agencyAddress,
    phone: data.agencyPhone,
    email: data.agencyEmail,
    website: data.agencyWebsite,
  };

  return (
    <EmailLayout
      title={`Aduan ${data.complaintNo} diterima`}
      preview={`Aduan ${data.complaintNo} telah diterima. Complaint ${data.complaintNo} has been received.`}
      agency={agency}
    >
      <Heading as="h1" style={s.h1}>
        Aduan anda telah diterima
      </Heading>
      <Text style={s.p}>
        Terima kasih, {data.name}. Aduan anda telah diterima dan akan disemak oleh pegawai kami. Sila simpan nombor
        aduan di bawah untuk sebarang rujukan.
      </Text>

      <NumberBox complaintNo={data.complaintNo} meta={`Dihantar pada / Submitted on: ${data.submittedAt}`} />

      <DetailsSection
        title="Maklumat Pengadu"
        rows={[
          ['Nama', data.name],
          ['No. Kad Pengenalan', ensureMaskedIc(data.icMasked)],
          ['PTJ', data.ptj],
          ['No. Telefon', data.phoneMasked],
          ['E-mel', data.emailMasked],
        ]}
      />

      <DetailsSection
        title="Keterangan Aduan"
        rows={[
          ['Kategori', data.category],
          ['Tajuk', data.title],
          ['Keterangan', <Lines key="description" text={data.description} />],
        ]}
      />

      <Heading as="h2" style={s.h2}>
        Lampiran
      </Heading>
      <FileList files={data.attachments} empty="Tiada lampiran." />

      <ActionButton href={data.complaintUrl} label="Lihat aduan anda / View your complaint" />

      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> Thank you, {data.name}. Your complaint has been received and will be reviewed by
        our officers. Your complaint number is <strong>{data.complaintNo}</strong> (submitted {data.submittedAt}).
        Please keep it for reference; the link above shows its current status.
      </Text>
    </EmailLayout>
  );
}
