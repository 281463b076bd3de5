// GET /api/konsol/laporan/eksport?format=csv|xlsx&kind=report|list&<the report's filters>
// A report or the complaint list behind it (supervisors and admins; personal data only with
// export.pii); every download audited as report.export (lib/reports/export.ts).
import { getLocale } from 'next-intl/server';
import { withStaff } from '@/lib/auth/guard';
import { can } from '@/lib/auth/permissions';
import { getConsoleDb } from '@/lib/db';
import { clientIp } from '@/lib/http/request';
import { toLocale } from '@/lib/i18n/config';
import { exportReport } from '@/lib/reports/export';
import { parseReportParams } from '@/lib/reports/filters';

export const GET = withStaff('reports.view', async (request, session) => {
  const params = new URL(request.url).searchParams;
  const { filters } = parseReportParams(Object.fromEntries(params));
  const format = params.get('format') === 'xlsx' ? 'xlsx' : 'csv';
  const kind = params.get('kind') === 'list' ? 'list' : 'report';
  const out = await exportReport(
    getConsoleDb(),
    filters,
    format,
    kind,
    { userId: session.userId, ip: clientIp(request), pii: can(session.role, 'export.pii') },
    toLocale(await getLocale()),
  );
  return new Response(typeof out.body === 'string' ? out.body : new Uint8Array(out.body), {
    headers: {
      'Content-Type': out.contentType,
      'Content-Disposition': `attachment; filename="${out.file}"`,
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    },
  });
});
