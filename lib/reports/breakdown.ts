import type { ComplaintStatus } from '@/lib/db/schema';
import { STATUSES } from '@/lib/complaints/status';
import type { CountsPass } from './counts-pass';

// The report's complaints by category, by PTJ (complaints naming a PTJ outside the list count as
// "other") and by their status now: counted in the report's one counting pass (counts-pass.ts,
// which also orders categories and PTJs, most first), shaped here.

export type CategoryRow = { id: number; nameMs: string; nameEn: string; count: number };
export type PtjRow = { id: number | null; code: string | null; name: string | null; count: number };
export type StatusRow = { status: ComplaintStatus; count: number };

export const byCategory = (pass: CountsPass): CategoryRow[] => pass.byCategory;

export const byPtj = (pass: CountsPass): PtjRow[] => pass.byPtj;

export const byStatus = (pass: CountsPass): StatusRow[] => STATUSES.map((status) => ({ status, count: pass.byStatus.get(status) ?? 0 }));
