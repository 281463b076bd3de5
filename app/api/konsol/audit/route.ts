// GET /api/konsol/audit — the audit log as CSV, with the page's filters (admins; itself audited)
import { getLocale } from 'next-intl/server';
import { withStaff } from '@/lib/auth/guard';
import { exportAuditCsv } from '@/lib/console/audit-export';
import { parseAuditParams } from '@/lib/console/audit-log';
import { getConsoleDb } from '@/lib/db';
import { clientIp } from '@/lib/http/request';
import { toLocale } from '@/lib/i18n/config';

export const GET = withStaff('audit.view', async (request, session) => {
  const filters = parseAuditParams(Object.fromEntries(new URL(request.url).searchParams));
  const { csv, file } = await exportAuditCsv(getConsoleDb(), filters, { userId: session.userId, ip: clientIp(request) }, toLocale(await getLocale()));
  return new Response(csv, {
    headers: {
      'Content-Type': 'text/csv; charset=utf-8',
      'Content-Disposition': `attachment; filename="${file}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
