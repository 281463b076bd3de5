import { and, eq } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { appUrl } from '@/lib/env';
import type { EmailJob } from '@/lib/jobs/boss';
import { renderMonthlyPack } from '@/lib/mail/templates/reports';
import type { OutgoingEmail } from '@/lib/mail/transport';
import { buildReport } from '@/lib/reports';
import { reportContext } from '@/lib/reports/context';
import { reportXlsx } from '@/lib/reports/export';
import { monthEnd, reportQuery } from '@/lib/reports/filters';
import { complaintList } from '@/lib/reports/list';
import { displayMonth } from '@/lib/reports/tables';
import { getAgencySettings } from '@/lib/settings/agency';

// The monthly pack's email to one supervisor: the month the run decided (the job's `month`), its
// report and complaint list as XLSX (no personal data: supervisors do not have export.pii), in
// the supervisor's console language, and the print view's link.
export async function buildMonthlyPackEmail(db: Db, job: Extract<EmailJob, { kind: 'report-monthly-pack' }>): Promise<OutgoingEmail[]> {
  const [u] = await db.select({ email: users.email, locale: users.locale }).from(users).where(and(eq(users.id, job.userId), eq(users.active, true)));
  if (!u) return [];
  const filters = { from: `${job.month}-01`, to: monthEnd(`${job.month}-01`) };
  const report = await buildReport(db, filters);
  const list = await complaintList(db, await reportContext(db, filters), { pii: false });
  const locale = u.locale === 'en' ? 'en' : 'ms';
  const xlsx = await reportXlsx(report, list, locale, false);
  const a = await getAgencySettings(db);
  const r = await renderMonthlyPack({
    agency: { name: a.name, address: a.address, phone: a.phone, email: a.email, website: a.website },
    month: displayMonth(filters.from),
    received: report.totals.received,
    closedInRange: report.totals.closedInRange,
    resolutionCompliance: report.compliance.resolution.percent,
    printUrl: `${appUrl()}/konsol/laporan/cetak?${reportQuery(filters)}`,
  });
  return [
    {
      to: u.email,
      ...r,
      idempotencyKey: `report-monthly-pack/${job.month}/${job.userId}`,
      attachments: [{ filename: `laporan-aduan-${job.month}.xlsx`, content: xlsx, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' }],
    },
  ];
}
