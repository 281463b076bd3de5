import type { ReactNode } from 'react';
import { Heading, Hr, Section, Text } from '@react-email/components';
import { SATISFACTION_LINK_TTL_SECONDS } from '@/lib/complaints/access';
import { isResolved } from '@/lib/complaints/status';
import type { ComplaintStatus } from '@/lib/db/schema';
import { ActionButton, ComplaintSummary, EmailLayout, Lines, MessageSection, PRODUCT, renderParts, s, statusEn, statusMs } from './layout';
import type { Agency, RenderedEmail } from './layout';
import { SatisfactionAsk } from './satisfaction';

const SATISFACTION_LINK_DAYS = SATISFACTION_LINK_TTL_SECONDS / 86_400;

// Emails sent after submission: officer replies, status changes, closure, complainant feedback
// (to staff) and the strict-lookup link. Malay first, a short English paragraph second.
// Every value is passed as a React child or attribute, so user text is escaped, never markup.
// Dates arrive already formatted (dd-MM-yyyy HH:mm, Malaysia time).


// ---------------------------------------------------------------------------------------------
// 1. Officer reply → complainant

export type OfficerReplyEmail = {
  agency: Agency;
  complaintNo: string;
  title: string;
  officerName: string;
  /** dd-MM-yyyy HH:mm */
  repliedAt: string;
  body: string;
  /** The status the reply left the complaint in (decided by the service, carried by the job). */
  status: ComplaintStatus;
  /** File names only. */
  attachments: string[];
  complaintUrl: string;
  /** The verdict's signed link, when the reply closed it and asks for one (lib/mail/templates/satisfaction.tsx). */
  satisfactionUrl?: string;
};

export async function renderOfficerReply(d: OfficerReplyEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(<OfficerReply {...d} />);
  return { subject: `Maklumbalas aduan ${d.complaintNo} / Reply to complaint — ${PRODUCT}`, html, text };
}

function OfficerReply(d: OfficerReplyEmail) {
  return (
    <EmailLayout
      title={`Maklumbalas aduan ${d.complaintNo}`}
      preview={`Pegawai telah membalas aduan ${d.complaintNo}. An officer has replied to complaint ${d.complaintNo}.`}
      agency={d.agency}
    >
      <Heading as="h1" style={s.h1}>
        Maklumbalas baharu bagi aduan anda
      </Heading>
      <Text style={s.p}>
        Pegawai kami telah memberikan maklumbalas kepada aduan anda. Butiran maklumbalas adalah seperti di bawah.
      </Text>

      <ComplaintSummary of={d} rows={[
          ['Dibalas oleh', d.officerName],
          ['Tarikh', d.repliedAt],
          ['Status semasa', statusMs(d.status)],
        ]}
      />

      <MessageSection body={d.body} files={d.attachments} />

      {d.satisfactionUrl && <SatisfactionAsk url={d.satisfactionUrl} days={SATISFACTION_LINK_DAYS} />}

      <ActionButton href={d.complaintUrl} label="Lihat dan balas aduan" />
      <Text style={s.p}>
        Untuk membalas maklumbalas ini atau menutup aduan, sila gunakan halaman aduan melalui butang di atas. Balasan
        kepada e-mel ini tidak akan diterima oleh pegawai.
      </Text>

      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> {d.officerName} replied to your complaint <strong>{d.complaintNo}</strong> on{' '}
        {d.repliedAt}. Its status is now &ldquo;{statusEn(d.status)}&rdquo;. To reply or to close the complaint, use the
        complaint page (button above); replies to this email are not read.
      </Text>
    </EmailLayout>
  );
}

// ---------------------------------------------------------------------------------------------
// 2. Status changed → complainant

export type StatusChangedEmail = {
  agency: Agency;
  complaintNo: string;
  title: string;
  from: ComplaintStatus | null;
  to: ComplaintStatus;
  /** dd-MM-yyyy HH:mm */
  changedAt: string;
  reason?: string;
  complaintUrl: string;
};

export async function renderStatusChanged(d: StatusChangedEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(<StatusChanged {...d} />);
  return {
    subject: `Status aduan ${d.complaintNo}: ${statusMs(d.to)} / Complaint status changed — ${PRODUCT}`,
    html,
    text,
  };
}

function StatusChanged(d: StatusChangedEmail) {
  const resolved = isResolved(d.to);
  const reason = d.reason?.trim();
  const [fromMs, toMs] = [d.from ? statusMs(d.from) : '', statusMs(d.to)];
  return (
    <EmailLayout
      title={`Status aduan ${d.complaintNo}: ${toMs}`}
      preview={`Status aduan ${d.complaintNo} kini ${toMs}. The status of complaint ${d.complaintNo} has changed.`}
      agency={d.agency}
    >
      <Heading as="h1" style={s.h1}>
        Status aduan anda telah dikemas kini
      </Heading>
      <Text style={s.p}>
        Status aduan anda telah ditukar daripada &ldquo;{fromMs}&rdquo; kepada <strong>{toMs}</strong>.
      </Text>

      <ComplaintSummary of={d} rows={[
          ['Status terdahulu', fromMs],
          ['Status baharu', toMs],
          ['Tarikh', d.changedAt],
          ...withReason(reason),
        ]}
      />

      {resolved && <ClosingGuide />}

      <ActionButton href={d.complaintUrl} label="Lihat aduan anda / View your complaint" />

      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> The status of your complaint <strong>{d.complaintNo}</strong> changed from
        &ldquo;{d.from ? statusEn(d.from) : ''}&rdquo; to &ldquo;{statusEn(d.to)}&rdquo; on {d.changedAt}.
        {resolved &&
          ' If your complaint has been resolved, please close it: open the complaint page, enter your IC number without dashes and your full name, tick “Saya ingin menutup aduan ini” and press Hantar.'}
      </Text>
    </EmailLayout>
  );
}

/** "1 day", "3 days". */
function plural(n: number, word: string): string {
  return `${n} ${n === 1 ? word : `${word}s`}`;
}

/** An optional "Catatan" row, with the officer's line breaks kept. */
function withReason(reason: string | undefined): [string, ReactNode][] {
  return reason ? [['Catatan', <Lines key="reason" text={reason} />]] : [];
}

/** The seed guide's request to close a resolved complaint, with the steps on the complaint page. */
function ClosingGuide() {
  return (
    <Section style={s.notice}>
      <Text style={{ ...s.p, fontWeight: 700 }}>
        Sekiranya aduan anda berjaya diselesaikan, anda dipohon untuk menutup log aduan ini.
      </Text>
      <Text style={s.p}>Caranya:</Text>
      <ol style={s.steps}>
        <li style={s.step}>Buka halaman aduan melalui butang di bawah.</li>
        <li style={s.step}>Masukkan No. Kad Pengenalan (tanpa tanda &lsquo;-&rsquo;) dan nama penuh anda.</li>
        <li style={s.step}>Tandakan &ldquo;Saya ingin menutup aduan ini&rdquo;.</li>
        <li style={s.step}>Tekan butang &ldquo;Hantar&rdquo;.</li>
      </ol>
      <Text style={{ ...s.p, margin: 0 }}>
        Jika masalah masih belum selesai, balas melalui halaman yang sama dan pegawai kami akan menyemaknya semula.
      </Text>
    </Section>
  );
}

// ---------------------------------------------------------------------------------------------
// 3. Complaint closed → complainant

export type ComplaintClosedEmail = {
  agency: Agency;
  complaintNo: string;
  title: string;
  /** dd-MM-yyyy HH:mm */
  closedAt: string;
  /** Who closed it (an officer, or the system by name); null when the complainant did. */
  closedBy: string | null;
  reason?: string;
  agingDays: number;
  complaintUrl: string;
  /** The verdict's signed link, when the closing asks for one. */
  satisfactionUrl?: string;
};

export async function renderComplaintClosed(d: ComplaintClosedEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(<ComplaintClosed {...d} />);
  return { subject: `Aduan ${d.complaintNo} ditutup / Complaint closed — ${PRODUCT}`, html, text };
}

function ComplaintClosed(d: ComplaintClosedEmail) {
  const reason = d.reason?.trim();
  // Said once, under the number: a summary row repeating it printed the same line twice.
  const aging = `Bil Aging Aduan ${d.agingDays} Hari`;
  return (
    <EmailLayout
      title={`Aduan ${d.complaintNo} ditutup`}
      preview={`Aduan ${d.complaintNo} telah ditutup. Complaint ${d.complaintNo} has been closed.`}
      agency={d.agency}
    >
      <Heading as="h1" style={s.h1}>
        Aduan anda telah ditutup
      </Heading>
      <Text style={s.p}>
        Aduan di bawah telah ditutup pada {d.closedAt}. Terima kasih kerana menggunakan {PRODUCT}.
      </Text>

      <ComplaintSummary of={d} meta={aging} rows={[
          ['Ditutup oleh', d.closedBy ?? 'Pengadu'],
          ['Tarikh ditutup', d.closedAt],
          ...withReason(reason),
        ]}
      />

      {d.satisfactionUrl && <SatisfactionAsk url={d.satisfactionUrl} days={SATISFACTION_LINK_DAYS} />}

      <ActionButton href={d.complaintUrl} label="Lihat aduan anda / View your complaint" />

      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> Your complaint <strong>{d.complaintNo}</strong> was closed on {d.closedAt} by{' '}
        {d.closedBy ?? 'you'}, {`${plural(d.agingDays, 'day')} after it was submitted.`} Thank you for using{' '}
        {PRODUCT}.
      </Text>
    </EmailLayout>
  );
}

// ---------------------------------------------------------------------------------------------
// 4. Complainant feedback → staff. Carries the name as given and nothing else about the person.

export type FeedbackForOfficerEmail = {
  agency: Agency;
  complaintNo: string;
  title: string;
  complainantName: string;
  /** dd-MM-yyyy HH:mm */
  receivedAt: string;
  body: string;
  /** This feedback closed the complaint (decided by the feedback service, carried by the job). */
  closed: boolean;
  /** This feedback reopened a resolved complaint (likewise). */
  reopened: boolean;
  /** File names only. */
  attachments: string[];
  consoleUrl: string;
};

export async function renderFeedbackForOfficer(d: FeedbackForOfficerEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(<FeedbackForOfficer {...d} />);
  return {
    subject: `Maklumbalas pengadu: ${d.complaintNo}${d.closed ? ' (ditutup oleh pengadu)' : ''}`,
    html,
    text,
  };
}

function FeedbackForOfficer(d: FeedbackForOfficerEmail) {
  return (
    <EmailLayout
      title={`Maklumbalas pengadu: ${d.complaintNo}`}
      preview={`Pengadu telah menghantar maklumbalas bagi aduan ${d.complaintNo}.`}
      agency={d.agency}
    >
      <Heading as="h1" style={s.h1}>
        Maklumbalas baharu daripada pengadu
      </Heading>
      <Text style={s.p}>Pengadu telah menghantar maklumbalas bagi aduan di bawah.</Text>

      {d.closed && (
        <Section style={s.notice}>
          <Text style={{ ...s.p, margin: 0, fontWeight: 700 }}>Pengadu telah menutup aduan ini.</Text>
        </Section>
      )}
      {d.reopened && (
        <Section style={s.notice}>
          <Text style={{ ...s.p, margin: 0, fontWeight: 700 }}>
            Aduan ini telah dibuka semula oleh maklumbalas pengadu dan memerlukan tindakan.
          </Text>
        </Section>
      )}

      <ComplaintSummary of={d} rows={[
          ['Pengadu', d.complainantName],
          ['Diterima pada', d.receivedAt],
        ]}
      />

      <MessageSection body={d.body} files={d.attachments} />

      <ActionButton href={d.consoleUrl} label="Buka aduan di konsol / Open in console" />

      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> The complainant sent feedback on complaint <strong>{d.complaintNo}</strong> at{' '}
        {d.receivedAt}.{d.closed && ' They closed the complaint.'}
        {d.reopened && ' The complaint has been reopened and needs action.'} Open it in the console to respond.
      </Text>
    </EmailLayout>
  );
}

// ---------------------------------------------------------------------------------------------
// 5. Strict-lookup link → complainant. No complaint numbers or personal data: the link is the secret.

export type LookupLinkEmail = {
  agency: Agency;
  linkUrl: string;
  expiresInMinutes: number;
  /** How many complaints the link opens. */
  count: number;
};

export async function renderLookupLink(d: LookupLinkEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(<LookupLink {...d} />);
  return { subject: `Pautan semakan aduan / Complaint lookup link — ${PRODUCT}`, html, text };
}

function LookupLink(d: LookupLinkEmail) {
  const minutes = d.expiresInMinutes;
  return (
    <EmailLayout
      title="Pautan semakan aduan"
      preview="Pautan untuk menyemak aduan anda. A link to view your complaints."
      agency={d.agency}
    >
      <Heading as="h1" style={s.h1}>
        Pautan semakan aduan
      </Heading>
      <Text style={s.p}>
        Satu permintaan untuk menyemak aduan telah dibuat menggunakan alamat e-mel ini. Pautan di bawah akan membuka{' '}
        <strong>{d.count}</strong> aduan anda.
      </Text>
      <Text style={s.p}>
        Pautan ini hanya boleh digunakan <strong>sekali</strong> dan akan tamat tempoh dalam{' '}
        <strong>{`${minutes} minit`}</strong>. Jangan kongsi pautan ini dengan sesiapa.
      </Text>

      <ActionButton href={d.linkUrl} label="Semak aduan saya / View my complaints" />

      <Text style={s.p}>
        Jika anda tidak membuat permintaan ini, sila abaikan e-mel ini. Aduan anda kekal selamat dan tiada tindakan
        diperlukan.
      </Text>

      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong>{' '}
        {`Someone asked to look up complaints with this email address. The link above opens your ${plural(d.count, 'complaint')}. It works once and expires in ${plural(minutes, 'minute')}; do not share it. If you did not request this, ignore this email.`}
      </Text>
    </EmailLayout>
  );
}
