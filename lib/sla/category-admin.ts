import { and, asc, eq, inArray } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import { loadWorkingCalendar } from '@/lib/calendar/settings';
import { workingDayMinutes } from '@/lib/calendar/working';
import type { Db, Tx } from '@/lib/db';
import { assignmentMode, categories, categoryOfficers, categoryTargets, users, type AssignmentMode, type ComplaintPriority } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { enqueueSlaRecompute } from '@/lib/jobs/boss';
import { PRIORITIES, charterTargets } from './targets';

// The category admin page (/konsol/kategori, settings.manage): each category's officers, how it
// hands out new complaints (lib/sla/routing.ts) and its service-level targets per priority. Every
// change is audited; saving targets asks for the open complaints' due times to be computed again
// (the `sla-recompute` job), in the same transaction, so the job exists exactly when the change does.

export const ASSIGNMENT_MODES: readonly AssignmentMode[] = assignmentMode.enumValues;
/** Upper bounds that still mean something: about three months of working hours, a working year. */
export const TARGET_LIMITS = { firstResponseHours: 720, resolutionDays: 250 } as const;

type Actor = { userId: string; ip?: string | null };

/** A refusal of the targets form: a code from `routing.errors` per field (`<priority>.<column>`). */
export class TargetsInputError extends AppError {
  constructor(readonly fieldErrors: Record<string, TargetErrorCode>) {
    super('invalid', 422);
    this.name = 'TargetsInputError';
  }
}
export type TargetErrorCode = 'whole_number' | 'too_large';

export type CategoryOfficer = { id: string; name: string; active: boolean; awayUntil: string | null };
export type CategoryRouting = {
  id: number;
  nameMs: string;
  nameEn: string;
  active: boolean;
  mode: AssignmentMode;
  officers: CategoryOfficer[];
  /** Stored targets; a priority missing here follows the charter. */
  targets: Partial<Record<ComplaintPriority, { firstResponseHours: number; resolutionDays: number }>>;
};

/** Every category with its officers, mode and stored targets, in the form's order. */
export async function listCategoryRouting(db: Db): Promise<CategoryRouting[]> {
  const cats = await db.select().from(categories).orderBy(asc(categories.sortOrder), asc(categories.id));
  const officers = await db
    .select({ categoryId: categoryOfficers.categoryId, id: users.id, name: users.name, active: users.active, awayUntil: users.awayUntil })
    .from(categoryOfficers)
    .innerJoin(users, eq(users.id, categoryOfficers.userId))
    .orderBy(asc(users.name), asc(users.id));
  const targets = await db.select().from(categoryTargets);
  return cats.map((c) => ({
    id: c.id,
    nameMs: c.nameMs,
    nameEn: c.nameEn,
    active: c.active,
    mode: c.assignmentMode,
    officers: officers.filter((o) => o.categoryId === c.id).map(({ categoryId: _c, ...o }) => o),
    targets: Object.fromEntries(
      targets.filter((t) => t.categoryId === c.id).map((t) => [t.priority, { firstResponseHours: t.firstResponseHours, resolutionDays: t.resolutionDays }]),
    ),
  }));
}

/** The charter's targets as the form shows them (placeholders of empty fields). */
export async function charterTargetsForForm(db: Db): Promise<{ firstResponseHours: number; resolutionDays: number }> {
  const cal = await loadWorkingCalendar(db);
  const charter = charterTargets(cal);
  return { firstResponseHours: Math.ceil(workingDayMinutes(cal) / 60), resolutionDays: charter.resolutionDays };
}

async function categoryExists(db: Db, categoryId: number) {
  const [c] = await db.select({ id: categories.id }).from(categories).where(eq(categories.id, categoryId));
  if (!c) throw new AppError('not_found', 404);
}

/** Adds an active staff member to a category's officers (nothing changes when already there). */
export async function addCategoryOfficer(db: Db, actor: Actor, input: { categoryId: number; userId: string }): Promise<void> {
  await categoryExists(db, input.categoryId);
  const [u] = await db.select({ id: users.id }).from(users).where(and(eq(users.id, input.userId), eq(users.active, true)));
  if (!u) throw new AppError('assignee_invalid');
  await db.transaction(async (tx) => {
    const added = await tx.insert(categoryOfficers).values(input).onConflictDoNothing().returning({ userId: categoryOfficers.userId });
    if (added.length > 0) await auditCategory(tx, actor, 'category.officer_added', input.categoryId, { userId: input.userId });
  });
}

export async function removeCategoryOfficer(db: Db, actor: Actor, input: { categoryId: number; userId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const removed = await tx
      .delete(categoryOfficers)
      .where(and(eq(categoryOfficers.categoryId, input.categoryId), eq(categoryOfficers.userId, input.userId)))
      .returning({ userId: categoryOfficers.userId });
    if (removed.length > 0) await auditCategory(tx, actor, 'category.officer_removed', input.categoryId, { userId: input.userId });
  });
}

export async function setAssignmentMode(db: Db, actor: Actor, input: { categoryId: number; mode: AssignmentMode }): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ mode: categories.assignmentMode }).from(categories).where(eq(categories.id, input.categoryId)).for('update');
    if (!before) throw new AppError('not_found', 404);
    if (before.mode === input.mode) return;
    await tx.update(categories).set({ assignmentMode: input.mode }).where(eq(categories.id, input.categoryId));
    await auditCategory(tx, actor, 'category.mode_changed', input.categoryId, { from: before.mode, to: input.mode });
  });
}

/** The form's raw values: `<priority>.firstResponseHours` and `<priority>.resolutionDays`, empty for the charter. */
export type TargetsForm = Record<string, string | undefined>;
type Parsed = Partial<Record<ComplaintPriority, { firstResponseHours?: number; resolutionDays?: number }>>;

/** Checks every field of the targets form; refuses with a code beside each bad one, saving nothing. */
export function parseTargetsForm(form: TargetsForm): Parsed {
  const errors: Record<string, TargetErrorCode> = {};
  const out: Parsed = {};
  for (const p of PRIORITIES) {
    for (const column of ['firstResponseHours', 'resolutionDays'] as const) {
      const key = `${p}.${column}`;
      const raw = (form[key] ?? '').trim();
      if (raw === '') continue;
      if (!/^\d+$/.test(raw) || Number(raw) < 1) errors[key] = 'whole_number';
      else if (Number(raw) > TARGET_LIMITS[column]) errors[key] = 'too_large';
      else (out[p] ??= {})[column] = Number(raw);
    }
  }
  if (Object.keys(errors).length > 0) throw new TargetsInputError(errors);
  return out;
}

/**
 * Saves a category's targets: a priority with both fields empty follows the charter (its row goes);
 * one field empty takes the charter's value for it. Audited with what changed; the open complaints'
 * due times are recomputed by a job queued in the same transaction.
 */
export async function saveCategoryTargets(db: Db, actor: Actor, categoryId: number, form: TargetsForm): Promise<void> {
  const parsed = parseTargetsForm(form);
  await categoryExists(db, categoryId);
  const charter = await charterTargetsForForm(db);
  await db.transaction(async (tx) => {
    const before = await tx.select().from(categoryTargets).where(eq(categoryTargets.categoryId, categoryId));
    const was = new Map(before.map((r) => [r.priority, `${r.firstResponseHours}/${r.resolutionDays}`]));
    const changed: Record<string, string | null> = {};
    const clear: ComplaintPriority[] = [];
    for (const p of PRIORITIES) {
      const v = parsed[p];
      if (!v) {
        if (was.has(p)) {
          clear.push(p);
          changed[p] = null;
        }
        continue;
      }
      const row = { firstResponseHours: v.firstResponseHours ?? charter.firstResponseHours, resolutionDays: v.resolutionDays ?? charter.resolutionDays };
      if (was.get(p) === `${row.firstResponseHours}/${row.resolutionDays}`) continue;
      await tx
        .insert(categoryTargets)
        .values({ categoryId, priority: p, ...row })
        .onConflictDoUpdate({ target: [categoryTargets.categoryId, categoryTargets.priority], set: row });
      changed[p] = `${row.firstResponseHours}/${row.resolutionDays}`;
    }
    if (clear.length > 0) {
      await tx.delete(categoryTargets).where(and(eq(categoryTargets.categoryId, categoryId), inArray(categoryTargets.priority, clear)));
    }
    if (Object.keys(changed).length === 0) return;
    await auditCategory(tx, actor, 'category.targets_updated', categoryId, { changed });
    await enqueueSlaRecompute(tx);
  });
}

async function auditCategory(tx: Tx, actor: Actor, action: string, categoryId: number, detail: Record<string, unknown>) {
  await audit(tx, { actorType: 'staff', actorId: actor.userId, action, targetType: 'category', targetId: String(categoryId), ip: actor.ip ?? null, detail });
}
