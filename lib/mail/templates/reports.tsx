import { Heading, Hr, Text } from '@react-email/components';
import { ActionButton, Details, EmailLayout, PRODUCT, renderParts, s, type Agency, type RenderedEmail } from './layout';

// The monthly report pack to each supervisor (lib/reports/monthly-pack.ts): the previous month's
// XLSX attached, three headline figures, and a link to the print view. Malay first, then English.

export type MonthlyPackEmail = {
  agency: Agency;
  /** MM-yyyy */
  month: string;
  received: number;
  closedInRange: number;
  resolutionCompliance: number | null;
  printUrl: string;
};

export async function renderMonthlyPack(d: MonthlyPackEmail): Promise<RenderedEmail> {
  const { html, text } = await renderParts(<MonthlyPack {...d} />);
  return { subject: `Laporan bulanan aduan ${d.month} / Monthly complaint report — ${PRODUCT}`, html, text };
}

function MonthlyPack(d: MonthlyPackEmail) {
  const pct = d.resolutionCompliance === null ? '—' : `${d.resolutionCompliance}%`;
  return (
    <EmailLayout title={`Laporan bulanan aduan ${d.month}`} preview={`${d.received} aduan diterima, ${d.closedInRange} ditutup. ${d.received} received, ${d.closedInRange} closed.`} agency={d.agency}>
      <Heading as="h1" style={s.h1}>
        Laporan bulanan aduan: {d.month}
      </Heading>
      <Text style={s.p}>Laporan aduan bagi bulan {d.month} dilampirkan (XLSX): angka laporan dan senarai aduan.</Text>
      <Details
        rows={[
          ['Aduan diterima / Received', String(d.received)],
          ['Ditutup dalam bulan ini / Closed this month', String(d.closedInRange)],
          ['Penyelesaian dalam sasaran / Resolved within target', pct],
        ]}
      />
      <ActionButton href={d.printUrl} label="Buka paparan cetak / Open the print view" />
      <Hr style={s.hr} />
      <Text style={s.p} lang="en">
        <strong>English.</strong> The complaint report for {d.month} is attached (XLSX): the report&apos;s figures and the complaint list. {d.received} complaints
        were received and {d.closedInRange} closed; {pct} were resolved within their target.
      </Text>
    </EmailLayout>
  );
}
