import { formatDisplayDay } from '@/lib/calendar/display-day';
import type { Locale } from '@/lib/i18n/config';
import en from '@/lib/i18n/messages/en.json';
import ms from '@/lib/i18n/messages/ms.json';
import type { Report } from './index';

// A report as tables of cells, in the reader's language: what the page shows under each chart, and
// exactly what the CSV and XLSX exports hold (lib/reports/export.ts), so the three cannot differ.
// Durations: first response in working hours, resolution in working days (the working day's
// length from the calendar), one decimal; shares in percent, one decimal.

export type Cell = string | number | null;
export type TableKey =
  | 'summary' | 'perDay' | 'perWeek' | 'perMonth' | 'byCategory' | 'byPtj' | 'byStatus'
  | 'times' | 'compliance' | 'aging' | 'officers' | 'deflections' | 'satisfaction' | 'appeals';
export type ReportTable = { key: TableKey; title: string; columns: string[]; rows: Cell[][] };

export const round1 = (x: number | null): number | null => (x === null ? null : Math.round(x * 10) / 10);
export const messagesFor = (locale: Locale) => (locale === 'en' ? en : ms);

/** `yyyy-MM` as `MM-yyyy`. */
export const displayMonth = (start: string) => `${start.slice(5, 7)}-${start.slice(0, 4)}`;

export function reportTables(r: Report, locale: Locale): ReportTable[] {
  const m = messagesFor(locale);
  const t = m.reports;
  const hours = (min: number | null) => round1(min === null ? null : min / 60);
  const days = (min: number | null) => round1(min === null ? null : min / r.workingDayMinutes);
  const statusName = (s: keyof typeof m.status) => m.status[s];
  const series = (rows: { start: string; count: number }[], month = false): Cell[][] =>
    rows.map((x) => [month ? displayMonth(x.start) : formatDisplayDay(x.start), x.count]);
  return [
    {
      key: 'summary',
      title: t.sections.summary,
      columns: [t.col.item, t.col.value],
      rows: [
        [t.summary.received, r.totals.received],
        [t.summary.open, r.totals.open],
        [t.summary.closed, r.totals.closed],
        [t.summary.closedInRange, r.totals.closedInRange],
        [t.summary.reopenedInRange, r.totals.reopenedInRange],
        [t.summary.firstMedianHours, hours(r.times.firstResponse.median)],
        [t.summary.firstP90Hours, hours(r.times.firstResponse.p90)],
        [t.summary.resolutionMedianDays, days(r.times.resolution.median)],
        [t.summary.resolutionP90Days, days(r.times.resolution.p90)],
        [t.summary.firstCompliance, r.compliance.firstResponse.percent],
        [t.summary.resolutionCompliance, r.compliance.resolution.percent],
        [t.summary.avoided, r.deflections.total],
        [t.summary.satisfiedPercent, r.satisfaction.satisfiedPercent],
        [t.summary.appealsOpened, r.appeals.opened],
      ],
    },
    { key: 'perDay', title: t.sections.perDay, columns: [t.col.day, t.col.count], rows: series(r.perDay.rows) },
    { key: 'perWeek', title: t.sections.perWeek, columns: [t.col.weekStart, t.col.count], rows: series(r.perWeek.rows) },
    { key: 'perMonth', title: t.sections.perMonth, columns: [t.col.month, t.col.count], rows: series(r.perMonth.rows, true) },
    {
      key: 'byCategory',
      title: t.sections.byCategory,
      columns: [t.col.category, t.col.count],
      rows: r.byCategory.map((x) => [locale === 'en' ? x.nameEn : x.nameMs, x.count]),
    },
    {
      key: 'byPtj',
      title: t.sections.byPtj,
      columns: [t.col.ptj, t.col.count],
      rows: r.byPtj.map((x) => [x.id === null ? t.ptjOther : `${x.code} ${x.name}`, x.count]),
    },
    { key: 'byStatus', title: t.sections.byStatus, columns: [t.col.status, t.col.count], rows: r.byStatus.map((x) => [statusName(x.status), x.count]) },
    {
      key: 'times',
      title: t.sections.times,
      columns: [t.col.measure, t.col.reached, t.col.median, t.col.p90],
      rows: [
        [t.measures.firstResponseHours, r.times.firstResponse.count, hours(r.times.firstResponse.median), hours(r.times.firstResponse.p90)],
        [t.measures.resolutionDays, r.times.resolution.count, days(r.times.resolution.median), days(r.times.resolution.p90)],
      ],
    },
    {
      key: 'compliance',
      title: t.sections.compliance,
      columns: [t.col.target, t.col.met, t.col.missed, t.col.pending, t.col.percent],
      rows: (['firstResponse', 'resolution'] as const).map((k) => {
        const c = r.compliance[k];
        return [t.targets[k], c.met, c.missed, c.pending, c.percent];
      }),
    },
    { key: 'aging', title: t.sections.aging, columns: [t.col.bucket, t.col.count], rows: r.aging.map((x) => [t.buckets[x.bucket], x.count]) },
    {
      key: 'officers',
      title: t.sections.officers,
      columns: [t.col.officer, t.col.assigned, t.col.open, t.col.resolved, t.col.medianResolutionDays, t.col.metPercent, t.col.replies, t.col.closings],
      rows: r.officers.map((o) => [o.name, o.assigned, o.open, o.resolved, days(o.medianResolution), o.resolutionMetPercent, o.replies, o.closings]),
    },
    {
      key: 'deflections',
      title: t.sections.deflections,
      columns: [t.col.source, t.col.count],
      rows: r.deflections.bySource.map((x) => [(t.sources as Record<string, string>)[x.source] ?? x.source, x.count]),
    },
    {
      key: 'satisfaction',
      title: t.sections.satisfaction,
      columns: [t.col.item, t.col.value],
      rows: [
        [t.satisfaction.verdicts, r.satisfaction.verdicts],
        [t.satisfaction.satisfied, r.satisfaction.satisfied],
        [t.satisfaction.notSatisfied, r.satisfaction.notSatisfied],
        [t.satisfaction.satisfiedPercent, r.satisfaction.satisfiedPercent],
        [t.satisfaction.averageRating, r.satisfaction.averageRating],
        ...r.satisfaction.byRating.map((x): Cell[] => [t.satisfaction.rating.replace('{rating}', String(x.rating)), x.count]),
      ],
    },
    {
      key: 'appeals',
      title: t.sections.appeals,
      columns: [t.col.item, t.col.value],
      rows: [
        [t.appeals.opened, r.appeals.opened],
        [t.appeals.stillOpen, r.appeals.stillOpen],
        [t.appeals.resolved, r.appeals.resolved],
      ],
    },
  ];
}
