import { Fragment, type CSSProperties, type ReactElement, type ReactNode } from 'react';
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
import { render, toPlainText } from '@react-email/render';
import type { ComplaintStatus } from '@/lib/db/schema';
import en from '@/lib/i18n/messages/en.json';
import ms from '@/lib/i18n/messages/ms.json';

// Shared look for every helpdesk email: page frame, agency footer, detail tables and helpers.
// Every value is passed as a React child or attribute, so user text is escaped, never markup.

export const PRODUCT = 'Helpdesk iSPEKS';

/** Status names from the message files: Malay for an email's body, English for its English paragraph. */
export const statusMs = (st: ComplaintStatus) => ms.status[st];
export const statusEn = (st: ComplaintStatus) => en.status[st];

export type Agency = {
  name: string;
  address: string;
  phone: string;
  email: string;
  website: string;
};

export type RenderedEmail = { subject: string; html: string; text: string };

/**
 * HTML and plain-text parts of one email, from one render: the text is the HTML converted as
 * `render(element, { plainText: true })` converts it (which would render the element a second
 * time: ~2.4 of the ~6 ms an email took, seven emails a new complaint).
 */
export async function renderParts(element: ReactElement): Promise<{ html: string; text: string }> {
  const html = await render(element);
  return { html, text: toPlainText(html) };
}

/** Page frame: brand line, the email's own content, then a rule and the agency footer. */
export function EmailLayout({
  title,
  preview,
  agency,
  children,
}: {
  title: string;
  preview: string;
  agency: Agency;
  children: ReactNode;
}) {
  return (
    <Html lang="ms" dir="ltr">
      <Head>
        <title>{title}</title>
      </Head>
      <Preview>{preview}</Preview>
      <Body style={s.body}>
        <Container style={s.container}>
          <Text style={s.brand}>{PRODUCT}</Text>
          {children}

          <Hr style={s.hr} />
          <AgencyFooter agency={agency} />
        </Container>
      </Body>
    </Html>
  );
}

function AgencyFooter({ agency }: { agency: Agency }) {
  const website = httpUrl(agency.website);
  return (
    <Section>
      <Text style={s.footerStrong}>{agency.name}</Text>
      <Text style={s.footer}>
        <Lines text={agency.address} />
      </Text>
      <Text style={s.footer}>
        Tel: {agency.phone}
        <br />
        E-mel / Email:{' '}
        <Link href={`mailto:${agency.email}`} style={s.link}>
          {agency.email}
        </Link>
        <br />
        Laman web / Website:{' '}
        {website ? (
          <Link href={website} style={s.link}>
            {agency.website}
          </Link>
        ) : (
          agency.website
        )}
      </Text>
      <Text style={s.small}>
        E-mel ini dijana secara automatik; sila jangan balas. / This email was sent automatically; please do not
        reply.
      </Text>
    </Section>
  );
}

/** The complaint number in a bordered box, with an optional line under it. */
export function NumberBox({ complaintNo, meta }: { complaintNo: string; meta?: ReactNode }) {
  return (
    <Section style={s.numberBox}>
      <Text style={s.numberLabel}>Nombor aduan / Complaint number</Text>
      <Text style={s.number}>{complaintNo}</Text>
      {meta != null && <Text style={s.numberMeta}>{meta}</Text>}
    </Section>
  );
}

/** The complaint number box, then its title and the email's own facts as label/value pairs. */
export function ComplaintSummary({ of, meta, rows }: { of: { complaintNo: string; title: string }; meta?: ReactNode; rows: [string, ReactNode][] }) {
  return (
    <>
      <NumberBox complaintNo={of.complaintNo} meta={meta} />
      <Details rows={[['Tajuk', of.title], ...rows]} />
    </>
  );
}

/** Label/value pairs as a real table, so screen readers announce each label with its value. */
export function Details({ rows }: { rows: [string, ReactNode][] }) {
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

/** A heading over label/value pairs. */
export function DetailsSection({ title, rows }: { title: string; rows: [string, ReactNode][] }) {
  return (
    <>
      <Heading as="h2" style={s.h2}>
        {title}
      </Heading>
      <Details rows={rows} />
    </>
  );
}

/** What someone wrote (a reply or feedback), quoted with its line breaks, then its files if any. */
export function MessageSection({ body, files }: { body: string; files: string[] }) {
  return (
    <>
      <Heading as="h2" style={s.h2}>
        Maklumbalas
      </Heading>
      <Text style={s.quote}>
        <Lines text={body} />
      </Text>
      {files.length > 0 && (
        <>
          <Heading as="h2" style={s.h2}>
            Lampiran
          </Heading>
          <FileList files={files} />
        </>
      )}
    </>
  );
}

/** Keeps the user's line breaks with <br>, which every mail client honours (unlike pre-wrap). */
export function Lines({ text }: { text: string }) {
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

/** File names as a list, or `empty` (nothing when omitted) when there are none. */
export function FileList({ files, empty }: { files: string[]; empty?: string }) {
  if (files.length === 0) return empty ? <Text style={s.p}>{empty}</Text> : null;
  return (
    <ul style={s.list}>
      {files.map((file, i) => (
        <li key={i} style={s.listItem}>
          {file}
        </li>
      ))}
    </ul>
  );
}

/** Call-to-action button plus the raw link for clients that drop buttons; nothing for non-http URLs. */
export function ActionButton({ href, label }: { href: string; label: string }) {
  const url = httpUrl(href);
  if (!url) return null;
  return (
    <Section style={s.actions}>
      <Button href={url} style={s.button}>
        {label}
      </Button>
      {/* The text part already shows the URL after the button label. */}
      <Text style={s.small} data-skip-in-text>
        Jika butang tidak berfungsi, buka pautan ini / If the button does not work, open this link:{' '}
        <Link href={url} style={s.link}>
          {url}
        </Link>
      </Text>
    </Section>
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

const font = "Arial, 'Helvetica Neue', Helvetica, sans-serif";
const ink = '#1f2937';
const muted = '#4b5563';
const accent = '#0b4f8a'; // 8.4:1 on white, passes WCAG AA for text and button label

export const s = {
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
  notice: {
    backgroundColor: '#eff6ff',
    borderLeft: `4px solid ${accent}`,
    padding: '12px 16px',
    margin: '16px 0',
  },
  quote: {
    borderLeft: '4px solid #d1d5db',
    padding: '4px 0 4px 12px',
    margin: '0 0 12px',
    fontSize: '15px',
    lineHeight: '22px',
    color: ink,
    wordBreak: 'break-word',
  },
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
  steps: { margin: '0 0 12px', paddingLeft: '20px', fontSize: '15px', lineHeight: '22px' },
  step: { margin: '0 0 4px' },
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
