import type { Db } from '@/lib/db';
import { aging, type Aging } from './aging';
import { byCategory, byPtj, byStatus, type CategoryRow, type PtjRow, type StatusRow } from './breakdown';
import { compliance, type ServiceLevelCompliance } from './compliance';
import { reportContext, type ReportContext } from './context';
import { deflections, type Deflections } from './deflections';
import type { ReportFilters } from './filters';
import { officers, type OfficerRow } from './officers';
import { receivedSeries, totals, type ReceivedSeries, type Totals } from './received';
import { appeals, satisfaction, type AppealFigures, type SatisfactionFigures } from './satisfaction';
import { responseTimes, type ResponseTimes } from './times';

// One report: every figure family from its own query module, for one set of filters at one
// instant. The page, the print view, the CSV and XLSX exports and the monthly pack all read this
// object (through lib/reports/tables.ts), so they cannot disagree.
// A new figure family is one query module, one field below and one table in tables.ts.

/**
 * The budget of one report (docs/ARCHITECTURE.md § Reports): a one-year report, every figure,
 * over 1,000,000 complaints on 2 cores, p95 at one request at a time. The bench
 * (tests/bench/reports-scale.test.ts) measures against it; tests never time anything.
 */
export const REPORT_BUDGET_MS = 1_000;

export type Report = {
  filters: ReportFilters;
  at: Date;
  workingDayMinutes: number;
  totals: Totals;
  perDay: ReceivedSeries;
  perWeek: ReceivedSeries;
  perMonth: ReceivedSeries;
  byCategory: CategoryRow[];
  byPtj: PtjRow[];
  byStatus: StatusRow[];
  times: ResponseTimes;
  compliance: ServiceLevelCompliance;
  aging: Aging;
  officers: OfficerRow[];
  deflections: Deflections;
  satisfaction: SatisfactionFigures;
  appeals: AppealFigures;
};

export async function buildReport(db: Db, filters: ReportFilters, now: Date = new Date()): Promise<Report> {
  const ctx: ReportContext = await reportContext(db, filters, now);
  const [t, perDay, perWeek, perMonth, cat, ptj, status, times, comp, age, offs, defl, sat, app] = await Promise.all([
    totals(db, ctx),
    receivedSeries(db, ctx, 'day'),
    receivedSeries(db, ctx, 'week'),
    receivedSeries(db, ctx, 'month'),
    byCategory(db, ctx),
    byPtj(db, ctx),
    byStatus(db, ctx),
    responseTimes(db, ctx),
    compliance(db, ctx),
    aging(db, ctx),
    officers(db, ctx),
    deflections(db, ctx),
    satisfaction(db, ctx),
    appeals(db, ctx),
  ]);
  return {
    filters,
    at: now,
    workingDayMinutes: ctx.wd.length,
    totals: t,
    perDay,
    perWeek,
    perMonth,
    byCategory: cat,
    byPtj: ptj,
    byStatus: status,
    times,
    compliance: comp,
    aging: age,
    officers: offs,
    deflections: defl,
    satisfaction: sat,
    appeals: app,
  };
}
