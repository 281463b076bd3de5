import { Heading, Hr, Section, Text } from '@react-email/components';
import { ActionButton, ComplaintSummary, EmailLayout, PRODUCT, renderParts, s } from './layout';
import type { Agency, RenderedEmail } from './layout';

// Satisfaction and the appeal (lib/complaints/satisfaction.ts): the verdict's link in a closing
// email, the appeal's notice to the supervisors and the complainant's "what happens next".
// Malay first, a short English paragraph second; dates arrive formatted (dd-MM-yyyy HH:mm).

/** The block a closing email carries when it asks for the verdict (signed link, 14 days). */
export function SatisfactionAsk({ url, days }: { url: string; days: number }) {
  return (
    <Section style={{ margin: '16px 0', padding: '12px 16px', backgroundColor: '#fffbeb', border: '1px solid #fcd34d', borderRadius: 6 }}>
      <Text style={s.p}>
        <strong>Adakah anda berpuas hati?</strong> Sila beri penilaian anda (Puas hati / Tidak puas hati, 1–5) melalui
        pautan di bawah. Pautan ini boleh digunakan sekali dan sah selama {days} hari. Jika anda tidak berpuas hati dengan
        penyelesaian pegawai, aduan akan dibuka semula sebagai rayuan.
      </Text>
      <ActionButton href={url} label="Beri penilaian / Rate our service" />
      <Text style={s.p} lang="en">
        Were you satisfied? The link works once and for {days} days; if you are not satisfied with how an officer
        resolved it, your complaint is reopened as an appeal.
      </Text>
    </Section>
  );
}

export type AppealStaffEmail = {
  agency: Agency;
  complaintNo: string;
  title: string;
  category: string;
  /** dd-MM-yyyy HH:mm */
  openedAt: string;
  dueAt: string;
  rating: number | null;
  consoleUrl: string;
};

/** To each supervisor: nothing personal about the complainant (the comment is on the console page). */
export async function renderAppealForStaff(d: AppealStaffEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(
    <EmailLayout title={`Rayuan: aduan ${d.complaintNo}`} preview={`Pengadu tidak berpuas hati: aduan ${d.complaintNo} dibuka semula sebagai rayuan.`} agency={d.agency}>
      <Heading as="h1" style={s.h1}>
        Rayuan dibuka
      </Heading>
      <Text style={s.p}>
        Pengadu tidak berpuas hati dengan penyelesaian aduan di bawah. Aduan telah dikembalikan kepada status Dalam Tindakan
        sebagai rayuan dan perlu diselesaikan sebelum {d.dueAt}.
      </Text>
      <ComplaintSummary
        of={d}
        rows={[
          ['Kategori', d.category],
          ['Rayuan dibuka', d.openedAt],
          ['Tarikh akhir rayuan', d.dueAt],
          ...(d.rating ? ([['Penilaian', `${d.rating} / 5`]] as [string, string][]) : []),
        ]}
      />
      <ActionButton href={d.consoleUrl} label="Buka di konsol" />
      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> The complainant was not satisfied: complaint <strong>{d.complaintNo}</strong> is back in
        progress as an appeal, due by {d.dueAt}.
      </Text>
    </EmailLayout>,
  );
  return { subject: `Rayuan: aduan ${d.complaintNo} / Appeal opened — ${PRODUCT}`, html, text };
}

export type AppealComplainantEmail = {
  agency: Agency;
  complaintNo: string;
  title: string;
  openedAt: string;
  dueAt: string;
  resolutionDays: number;
  complaintUrl: string;
};

/** To the complainant: what happens next. */
export async function renderAppealForComplainant(d: AppealComplainantEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(
    <EmailLayout title={`Rayuan aduan ${d.complaintNo}`} preview={`Rayuan anda bagi aduan ${d.complaintNo} telah diterima.`} agency={d.agency}>
      <Heading as="h1" style={s.h1}>
        Rayuan anda telah diterima
      </Heading>
      <Text style={s.p}>
        Terima kasih atas penilaian anda. Oleh kerana anda tidak berpuas hati, aduan anda telah dibuka semula sebagai rayuan
        dan dikembalikan kepada pegawai (Dalam Tindakan). Penyelia telah dimaklumkan. Rayuan akan diselesaikan dalam{' '}
        {d.resolutionDays} hari bekerja, iaitu sebelum {d.dueAt}. Anda akan menerima e-mel apabila pegawai membalas. Setiap
        aduan boleh dirayu sekali sahaja.
      </Text>
      <ComplaintSummary of={d} rows={[['Rayuan dibuka', d.openedAt], ['Dijangka selesai sebelum', d.dueAt]]} />
      <ActionButton href={d.complaintUrl} label="Lihat aduan anda / View your complaint" />
      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> As you were not satisfied, complaint <strong>{d.complaintNo}</strong> has been reopened as
        an appeal and returned to the officers; the supervisors have been told. It is to be resolved within{' '}
        {d.resolutionDays} working days, by {d.dueAt}. A complaint can be appealed once.
      </Text>
    </EmailLayout>,
  );
  return { subject: `Rayuan aduan ${d.complaintNo} diterima / Appeal received — ${PRODUCT}`, html, text };
}
