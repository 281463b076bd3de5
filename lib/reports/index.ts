import type { Db } from '@/lib/db';
import { aging, type Aging } from './aging';
import { byCategory, byPtj, byStatus, type CategoryRow, type PtjRow, type StatusRow } from './breakdown';
import { compliance, type ServiceLevelCompliance } from './compliance';
import { reportContext, type ReportContext } from './context';
import { countsPass } from './counts-pass';
import { deflections, type Deflections } from './deflections';
import { durationsPass } from './durations-pass';
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
  // The two passes over the report's complaints (counts-pass.ts, durations-pass.ts) feed most
  // figures; the rest read other rows (officers' workload and events, open complaints, closings
  // and reopenings, deflections, verdicts, appeals). Eight statements side by side on the
  // console's pool (~5 connections), the heaviest first; the big ones without parallel workers
  // (context.ts `serially`).
  const [counts, durs, offs, age, defl, sat, app] = [
    countsPass(db, ctx),
    durationsPass(db, ctx),
    officers(db, ctx),
    aging(db, ctx),
    deflections(db, ctx),
    satisfaction(db, ctx),
    appeals(db, ctx),
  ];
  const t = totals(db, ctx, counts);
  // Every promise is awaited together: one that fails does not leave the others unobserved.
  await Promise.all([counts, durs, age, defl, sat, app, t, offs]);
  const countsP = await counts;
  const dursP = await durs;
  return {
    filters,
    at: now,
    workingDayMinutes: ctx.wd.length,
    totals: await t,
    perDay: receivedSeries(countsP, 'day'),
    perWeek: receivedSeries(countsP, 'week'),
    perMonth: receivedSeries(countsP, 'month'),
    byCategory: byCategory(countsP),
    byPtj: byPtj(countsP),
    byStatus: byStatus(countsP),
    times: responseTimes(dursP),
    compliance: compliance(dursP),
    aging: await age,
    officers: await offs,
    deflections: await defl,
    satisfaction: await sat,
    appeals: await app,
  };
}
