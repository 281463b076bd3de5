import 'server-only';
import { audit } from '@/lib/audit';
import { formatMalaysia } from '@/lib/calendar/format';
import { toCsv } from '@/lib/csv';
import type { Db } from '@/lib/db';
import type { Locale } from '@/lib/i18n/config';
import { listAudit, type AuditFilters } from './audit-log';
import { auditRowText } from './audit-text';
import en from '@/lib/i18n/messages/en.json';
import ms from '@/lib/i18n/messages/ms.json';

/** One file at most this many rows (newest first); narrower filters get older rows. */
export const AUDIT_EXPORT_MAX_ROWS = 10_000;

/**
 * The audit log as CSV, with exactly the columns the page shows (in words, in the reader's
 * language), and an `audit.export` row saying who downloaded what filters and how many rows.
 */
export async function exportAuditCsv(db: Db, filters: AuditFilters, viewer: { userId: string; ip?: string | null }, locale: Locale, now = new Date()) {
  const { rows } = await listAudit(db, { ...filters, before: undefined }, AUDIT_EXPORT_MAX_ROWS);
  const c = (locale === 'en' ? en : ms).console;
  const csv = toCsv(
    [c.auditAt, c.auditActor, c.auditAction, c.auditTarget, c.auditIp, c.auditDetail],
    rows.map((r) => {
      const x = auditRowText(r, locale);
      return [x.at, x.actor, x.action, x.target?.label, x.ip, x.detail];
    }),
  );
  const { before: _page, ...kept } = filters;
  await audit(db, { actorType: 'staff', actorId: viewer.userId, action: 'audit.export', ip: viewer.ip ?? null, detail: { filters: kept, rows: rows.length } });
  const file = `${(locale === 'en' ? en : ms).audit.csvFile}-${formatMalaysia(now, 'yyyyMMdd-HHmm')}.csv`;
  return { csv, file, rows: rows.length };
}
