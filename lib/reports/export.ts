// No `server-only` here: the worker process (npm run start:worker, plain Node) builds the monthly
// pack's XLSX with it, and `server-only` throws outside React Server Components.
import ExcelJS from 'exceljs';
import { audit } from '@/lib/audit';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { formatMalaysia } from '@/lib/calendar/format';
import { neutraliseFormula, toCsv } from '@/lib/csv';
import type { Db } from '@/lib/db';
import type { Locale } from '@/lib/i18n/config';
import { reportContext } from './context';
import type { ReportFilters } from './filters';
import { buildReport, type Report } from './index';
import { complaintList, type ListRow, type Outcome } from './list';
import { messagesFor, reportTables, round1, type Cell } from './tables';

// Exports of a report: CSV of the report (every table, one after another), CSV of the complaint
// list behind it, and one XLSX workbook with a sheet per table plus the list. Every text cell is
// neutralised against formula injection in both formats (lib/csv `neutraliseFormula`: a leading
// = + - @ tab or CR gets an apostrophe); numbers stay numbers. Personal data only with
// `export.pii`. Each download is audited as `report.export` (format, kind, filters, rows, pii).

export type ExportFormat = 'csv' | 'xlsx';
export type ExportKind = 'report' | 'list';
type Viewer = { userId: string; ip?: string | null; pii: boolean };

const cellText = (c: Cell) => (c === null ? '' : String(c));

function listTable(rows: ListRow[], report: Report, locale: Locale, pii: boolean): { columns: string[]; rows: Cell[][] } {
  const m = messagesFor(locale);
  const l = m.reports.list;
  const outcome = (o: Outcome) => (o === 'met' ? m.reports.yes : o === 'missed' ? m.reports.no : o === 'pending' ? m.reports.notYet : null);
  const columns = [l.number, l.receivedAt, l.category, l.ptj, l.status, l.priority, l.officer, l.title, l.firstResponseHours, l.resolutionDays, l.firstMet, l.resolutionMet];
  if (pii) columns.push(l.name, l.ic, l.phone, l.email);
  return {
    columns,
    rows: rows.map((r) => {
      const cells: Cell[] = [
        r.number,
        formatMalaysia(r.createdAt, 'dd-MM-yyyy HH:mm'),
        locale === 'en' ? r.categoryEn : r.categoryMs,
        r.ptj,
        m.status[r.status],
        m.serviceClock.priority[r.priority],
        r.officer,
        r.title,
        round1(r.firstMinutes === null ? null : r.firstMinutes / 60),
        round1(r.resolutionMinutes === null ? null : r.resolutionMinutes / report.workingDayMinutes),
        outcome(r.firstOutcome),
        outcome(r.resolutionOutcome),
      ];
      if (pii && r.pii) cells.push(r.pii.name, r.pii.ic, r.pii.phone, r.pii.email);
      return cells;
    }),
  };
}

/** The report's tables as one CSV: each table's title, its header and rows, then a blank line. */
export function reportCsv(report: Report, locale: Locale): string {
  const t = messagesFor(locale).reports;
  const lines: Cell[][] = [];
  for (const table of reportTables(report, locale)) {
    lines.push([table.title], table.columns, ...table.rows, []);
  }
  const head = [t.title, t.period.replace('{from}', formatDisplayDay(report.filters.from)).replace('{to}', formatDisplayDay(report.filters.to))];
  return toCsv(head, lines.map((l) => l.map(cellText)));
}

/** A sheet's name: at most 31 characters, none of : \ / ? * [ ]. */
const sheetName = (title: string) => title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 31).trim();

function addSheet(wb: ExcelJS.Workbook, title: string, columns: string[], rows: Cell[][]): void {
  const ws = wb.addWorksheet(sheetName(title));
  ws.addRow(columns.map(neutraliseFormula)).font = { bold: true };
  for (const row of rows) ws.addRow(row.map((c) => (typeof c === 'string' ? neutraliseFormula(c) : c)));
  ws.columns.forEach((col, i) => {
    col.width = Math.min(60, Math.max(10, ...[columns[i], ...rows.map((r) => cellText(r[i] ?? null))].map((s) => s.length + 2)));
  });
}

/** The workbook: a sheet per report table and the complaint list. */
export async function reportXlsx(report: Report, list: ListRow[], locale: Locale, pii: boolean): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Helpdesk iSPEKS';
  wb.created = report.at;
  for (const table of reportTables(report, locale)) addSheet(wb, table.title, table.columns, table.rows);
  const l = listTable(list, report, locale, pii);
  addSheet(wb, messagesFor(locale).reports.sheetList, l.columns, l.rows);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function listCsv(report: Report, list: ListRow[], locale: Locale, pii: boolean): string {
  const l = listTable(list, report, locale, pii);
  return toCsv(l.columns, l.rows.map((r) => r.map(cellText)));
}

export type ExportFile = { body: string | Buffer; file: string; contentType: string; rows: number };

/** One download: builds it, audits it, names the file. */
export async function exportReport(db: Db, filters: ReportFilters, format: ExportFormat, kind: ExportKind, viewer: Viewer, locale: Locale, now = new Date()): Promise<ExportFile> {
  const report = await buildReport(db, filters, now);
  const needList = format === 'xlsx' || kind === 'list';
  const list = needList ? await complaintList(db, await reportContext(db, filters, now), { pii: viewer.pii }) : [];
  const t = messagesFor(locale).reports;
  const stamp = `${filters.from}_${filters.to}`;
  let out: ExportFile;
  if (format === 'xlsx') {
    out = { body: await reportXlsx(report, list, locale, viewer.pii), file: `${t.file}-${stamp}.xlsx`, contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', rows: list.length };
  } else if (kind === 'list') {
    out = { body: listCsv(report, list, locale, viewer.pii), file: `${t.listFile}-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', rows: list.length };
  } else {
    out = { body: reportCsv(report, locale), file: `${t.file}-${stamp}.csv`, contentType: 'text/csv; charset=utf-8', rows: 0 };
  }
  await audit(db, {
    actorType: 'staff',
    actorId: viewer.userId,
    action: 'report.export',
    ip: viewer.ip ?? null,
    detail: { format, kind: format === 'xlsx' ? 'report+list' : kind, filters: { ...filters }, rows: out.rows, pii: viewer.pii },
  });
  return out;
}
