import { Fragment, type CSSProperties, type ReactNode } from 'react';
import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Section,
  Text,
} from '@react-email/components';
import { render } from '@react-email/render';

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

const PRODUCT = 'Helpdesk iSPEKS';

export async function renderComplaintSubmitted(
  data: ComplaintSubmittedEmail,
): Promise<{ subject: string; html: string; text: string }> {
  const element = <ComplaintSubmitted {...data} />;
  const [html, text] = await Promise.all([render(element), render(element, { plainText: true })]);
  return { subject: `Aduan ${data.complaintNo} diterima / Complaint received — ${PRODUCT}`, html, text };
}

export function ComplaintSubmitted(data: ComplaintSubmittedEmail) {
  const complaintUrl = httpUrl(data.complaintUrl);
  const website = httpUrl(data.agencyWebsite);

  return (
    <Html lang="ms" dir="ltr">
      <Head>
        <title>{`Aduan ${data.complaintNo} diterima`}</title>
      </Head>
      <Preview>{`Aduan ${data.complaintNo} telah diterima. Complaint ${data.complaintNo} has been received.`}</Preview>
      <Body style={s.body}>
        <Container style={s.container}>
          <Text style={s.brand}>{PRODUCT}</Text>
          <Heading as="h1" style={s.h1}>
            Aduan anda telah diterima
          </Heading>
          <Text style={s.p}>
            Terima kasih, {data.name}. Aduan anda telah diterima dan akan disemak oleh pegawai kami. Sila simpan
            nombor aduan di bawah untuk sebarang rujukan.
          </Text>

          <Section style={s.numberBox}>
            <Text style={s.numberLabel}>Nombor aduan / Complaint number</Text>
            <Text style={s.number}>{data.complaintNo}</Text>
            <Text style={s.numberMeta}>Dihantar pada / Submitted on: {data.submittedAt}</Text>
          </Section>

          <Heading as="h2" style={s.h2}>
            Maklumat Pengadu
          </Heading>
          <Details
            rows={[
              ['Nama', data.name],
              ['No. Kad Pengenalan', maskIc(data.icMasked)],
              ['PTJ', data.ptj],
              ['No. Telefon', data.phoneMasked],
              ['E-mel', data.emailMasked],
            ]}
          />

          <Heading as="h2" style={s.h2}>
            Keterangan Aduan
          </Heading>
          <Details
            rows={[
              ['Kategori', data.category],
              ['Tajuk', data.title],
              ['Keterangan', <Lines key="description" text={data.description} />],
            ]}
          />

          <Heading as="h2" style={s.h2}>
            Lampiran
          </Heading>
          {data.attachments.length > 0 ? (
            <ul style={s.list}>
              {data.attachments.map((file, i) => (
                <li key={i} style={s.listItem}>
                  {file}
                </li>
              ))}
            </ul>
          ) : (
            <Text style={s.p}>Tiada lampiran.</Text>
          )}

          {complaintUrl && (
            <Section style={s.actions}>
              <Button href={complaintUrl} style={s.button}>
                Lihat aduan anda / View your complaint
              </Button>
              {/* The text part already shows the URL after the button label. */}
              <Text style={s.small} data-skip-in-text>
                Jika butang tidak berfungsi, buka pautan ini / If the button does not work, open this link:{' '}
                <Link href={complaintUrl} style={s.link}>
                  {complaintUrl}
                </Link>
              </Text>
            </Section>
          )}

          <Hr style={s.hr} />
          <Text style={s.p} lang="en">
            <strong>English.</strong> Thank you, {data.name}. Your complaint has been received and will be reviewed
            by our officers. Your complaint number is <strong>{data.complaintNo}</strong> (submitted{' '}
            {data.submittedAt}). Please keep it for reference; the link above shows its current status.
          </Text>

          <Hr style={s.hr} />
          <Section>
            <Text style={s.footerStrong}>{data.agencyName}</Text>
            <Text style={s.footer}>
              <Lines text={data.agencyAddress} />
            </Text>
            <Text style={s.footer}>
              Tel: {data.agencyPhone}
              <br />
              E-mel / Email:{' '}
              <Link href={`mailto:${data.agencyEmail}`} style={s.link}>
                {data.agencyEmail}
              </Link>
              <br />
              Laman web / Website:{' '}
              {website ? (
                <Link href={website} style={s.link}>
                  {data.agencyWebsite}
                </Link>
              ) : (
                data.agencyWebsite
              )}
            </Text>
            <Text style={s.small}>
              E-mel ini dijana secara automatik; sila jangan balas. / This email was sent automatically; please do
              not reply.
            </Text>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}

/** Label/value pairs as a real table, so screen readers announce each label with its value. */
function Details({ rows }: { rows: [string, ReactNode][] }) {
  return (
    // dataTable keeps "label  value" on one line in the plain-text part.
    <table cellPadding={0} cellSpacing={0} style={s.table} data-text-format="dataTable">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <th scope="row" style={s.th}>
              {label}
            </th>
            <td style={s.td}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Keeps the user's line breaks with <br>, which every mail client honours (unlike pre-wrap). */
function Lines({ text }: { text: string }) {
  return (
    <>
      {text.split(/\r\n|\r|\n/).map((line, i) => (
        <Fragment key={i}>
          {i > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </>
  );
}

/** Links only for http(s); anything else (javascript:, data:) is shown as plain text or dropped. */
function httpUrl(value: string): string | undefined {
  try {
    const { protocol } = new URL(value);
    // The original string, not url.href, so link text and target match (no added trailing slash).
    return protocol === 'https:' || protocol === 'http:' ? value.trim() : undefined;
  } catch {
    return undefined;
  }
}

/** Last line of defence: if a caller passes a full IC by mistake, keep only its last 4 digits. */
function maskIc(value: string): string {
  const digits = value.replace(/\D/g, '');
  return digits.length >= 12 ? `******-**-${digits.slice(-4)}` : value;
}

const font = "Arial, 'Helvetica Neue', Helvetica, sans-serif";
const ink = '#1f2937';
const muted = '#4b5563';
const accent = '#0b4f8a'; // 8.4:1 on white, passes WCAG AA for text and button label

const s = {
  body: { backgroundColor: '#f3f4f6', margin: 0, padding: '24px 0', fontFamily: font, color: ink },
  container: {
    backgroundColor: '#ffffff',
    maxWidth: '600px',
    margin: '0 auto',
    padding: '24px',
    border: '1px solid #e5e7eb',
    borderRadius: '6px',
  },
  brand: { fontSize: '14px', fontWeight: 700, color: accent, margin: '0 0 8px' },
  h1: { fontSize: '22px', lineHeight: '28px', margin: '0 0 12px', color: ink },
  h2: { fontSize: '17px', lineHeight: '24px', margin: '24px 0 8px', color: ink },
  p: { fontSize: '15px', lineHeight: '22px', margin: '0 0 12px', color: ink },
  small: { fontSize: '13px', lineHeight: '19px', margin: '8px 0 0', color: muted, wordBreak: 'break-word' },
  numberBox: {
    border: `2px solid ${accent}`,
    borderRadius: '6px',
    padding: '12px 16px',
    margin: '16px 0',
    textAlign: 'center',
  },
  numberLabel: { fontSize: '13px', margin: 0, color: muted },
  number: { fontSize: '26px', lineHeight: '34px', fontWeight: 700, letterSpacing: '1px', margin: '4px 0', color: accent },
  numberMeta: { fontSize: '13px', margin: 0, color: muted },
  table: { width: '100%', borderCollapse: 'collapse', fontSize: '15px', lineHeight: '22px' },
  th: {
    textAlign: 'left',
    verticalAlign: 'top',
    fontWeight: 700,
    width: '35%',
    padding: '6px 8px 6px 0',
    borderBottom: '1px solid #e5e7eb',
    color: ink,
  },
  td: { verticalAlign: 'top', padding: '6px 0', borderBottom: '1px solid #e5e7eb', color: ink, wordBreak: 'break-word' },
  list: { margin: '0 0 12px', paddingLeft: '20px', fontSize: '15px', lineHeight: '22px' },
  listItem: { margin: '0 0 4px', wordBreak: 'break-all' },
  actions: { margin: '24px 0 8px' },
  button: {
    backgroundColor: accent,
    color: '#ffffff',
    fontSize: '15px',
    fontWeight: 700,
    textDecoration: 'none',
    borderRadius: '4px',
    padding: '12px 20px',
    display: 'inline-block',
  },
  link: { color: accent, textDecoration: 'underline' },
  hr: { borderColor: '#e5e7eb', margin: '24px 0' },
  footerStrong: { fontSize: '14px', fontWeight: 700, margin: '0 0 4px', color: ink },
  footer: { fontSize: '13px', lineHeight: '19px', margin: '0 0 8px', color: muted },
} satisfies Record<string, CSSProperties>;
