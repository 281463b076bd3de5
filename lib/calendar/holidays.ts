import { and, asc, between, eq, inArray, ne, sql } from 'drizzle-orm';
import { z } from 'zod';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { holidays, type Holiday } from '@/lib/db/schema';
import { AppError } from '@/lib/errors';
import { enqueueSlaRecompute } from '@/lib/jobs/boss';
import { getDay } from 'date-fns';
import { malaysiaDay, startOfMalaysiaDay, type CalendarDay } from './days';
import { parseDisplayDay } from './display-day';
import { HOLIDAY_NAME_MAX, parseHolidayCsv, type HolidayCsvFileError, type HolidayCsvRowError } from './holiday-csv';
import { holidaySeed, type SeedHoliday } from './holiday-seed';
import { inMalaysia } from './zone';

// Public holidays of the working calendar, kept by admins: list a year, add, edit, delete, confirm
// (seeded rows wait for an admin), and import a CSV in two steps (a preview that writes nothing,
// then the valid rows in one transaction). Every change is audited, and a change of days queues
// the recompute of open complaints' due times in the same transaction (lib/sla/recompute.ts).

type Actor = { userId: string; ip?: string | null };

/** Field error codes, words in the `holidays.errors` messages. */
export type HolidayErrorCode =
  | 'day_invalid'
  | 'day_taken'
  | 'name_required'
  | 'name_too_long'
  | 'name_chars'
  | 'holiday_missing'
  | 'import_file'
  | 'import_nothing'
  | 'import_skip_unconfirmed'
  | `csv_${HolidayCsvFileError}`;

/** A refusal for a person to read: a code per field (`form` for the whole form) and the words' values. */
export class HolidayInputError extends AppError {
  constructor(
    readonly fieldErrors: Partial<Record<'day' | 'name' | 'form' | 'file', HolidayErrorCode>>,
    params: Record<string, string | number> = {},
  ) {
    super('invalid', 422, { params });
    this.name = 'HolidayInputError';
  }
}

const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** What the admin typed: the day as dd-MM-yyyy (or yyyy-MM-dd) and the name. */
export const holidayInputSchema = z.object({
  day: z.string().transform((v, ctx) => parseDisplayDay(v) ?? (ctx.addIssue({ code: 'custom', message: 'day_invalid' }), z.NEVER)),
  name: z
    .string()
    .transform((v) => v.trim().replace(/ {2,}/g, ' '))
    .pipe(z.string().min(1, 'name_required').max(HOLIDAY_NAME_MAX, 'name_too_long').refine((v) => !CONTROL.test(v), 'name_chars')),
});
export type HolidayInput = z.input<typeof holidayInputSchema>;

function parseInput(input: HolidayInput) {
  const r = holidayInputSchema.safeParse(input);
  if (r.success) return r.data;
  const fields: HolidayInputError['fieldErrors'] = {};
  for (const issue of r.error.issues) {
    const field = issue.path[0] === 'day' ? 'day' : 'name';
    fields[field] ??= issue.message as HolidayErrorCode;
  }
  throw new HolidayInputError(fields);
}

/** The day of the week of a Malaysia day: 0 = Sunday … 6 = Saturday. */
export const weekdayOf = (day: CalendarDay): number => getDay(startOfMalaysiaDay(day), { in: inMalaysia });

const yearRange = (year: number) => [`${year}-01-01`, `${year}-12-31`] as const;

/** A year's holidays, by day. */
export async function listHolidays(db: Db | Tx, year: number): Promise<Holiday[]> {
  return db.select().from(holidays).where(between(holidays.day, ...yearRange(year))).orderBy(asc(holidays.day));
}

/** The years with holidays on record, plus this year and the next (for the year switch), ascending. */
export async function holidayYears(db: Db | Tx, now = new Date()): Promise<number[]> {
  const rows = await db.execute<{ year: number }>(sql`select distinct extract(year from ${holidays.day})::int as year from ${holidays}`);
  const thisYear = Number(malaysiaDay(now).slice(0, 4));
  return [...new Set([...rows.map((r) => Number(r.year)), thisYear, thisYear + 1])].sort((a, b) => a - b);
}

async function dayTaken(tx: Tx, day: CalendarDay, exceptId?: number) {
  const [other] = await tx
    .select({ name: holidays.name })
    .from(holidays)
    .where(exceptId === undefined ? eq(holidays.day, day) : and(eq(holidays.day, day), ne(holidays.id, exceptId)));
  if (other) throw new HolidayInputError({ day: 'day_taken' }, { name: other.name });
}

// Serialises holiday changes, so two admins adding the same day get one row and one clear refusal.
const lock = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('holidays'))`);

/** Adds a holiday (confirmed: an admin typed it). Refuses a day that already has one. */
export async function addHoliday(db: Db, actor: Actor, input: HolidayInput): Promise<Holiday> {
  const { day, name } = parseInput(input);
  return db.transaction(async (tx) => {
    await lock(tx);
    await dayTaken(tx, day);
    const [row] = await tx.insert(holidays).values({ day, name, confirmed: true }).returning();
    await audit(tx, { actorType: 'staff', actorId: actor.userId, action: 'holiday.added', targetType: 'holiday', targetId: day, ip: actor.ip ?? null, detail: { day, name } });
    await enqueueSlaRecompute(tx);
    return row;
  });
}

/** Changes a holiday's day or name. Its source stays; confirming is its own step. */
export async function editHoliday(db: Db, actor: Actor, id: number, input: HolidayInput): Promise<Holiday> {
  const { day, name } = parseInput(input);
  return db.transaction(async (tx) => {
    await lock(tx);
    const [before] = await tx.select().from(holidays).where(eq(holidays.id, id));
    if (!before) throw new HolidayInputError({ form: 'holiday_missing' });
    await dayTaken(tx, day, id);
    const [row] = await tx.update(holidays).set({ day, name }).where(eq(holidays.id, id)).returning();
    await audit(tx, {
      actorType: 'staff', actorId: actor.userId, action: 'holiday.edited', targetType: 'holiday', targetId: day, ip: actor.ip ?? null,
      detail: { from: { day: before.day, name: before.name }, to: { day, name } },
    });
    if (before.day !== day) await enqueueSlaRecompute(tx);
    return row;
  });
}

export async function deleteHoliday(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    await lock(tx);
    const [row] = await tx.delete(holidays).where(eq(holidays.id, id)).returning();
    if (!row) throw new HolidayInputError({ form: 'holiday_missing' });
    await audit(tx, { actorType: 'staff', actorId: actor.userId, action: 'holiday.deleted', targetType: 'holiday', targetId: row.day, ip: actor.ip ?? null, detail: { day: row.day, name: row.name, source: row.source } });
    await enqueueSlaRecompute(tx);
  });
}

/** Confirms one seeded holiday (its day was already counted; nothing to recompute). */
export async function confirmHoliday(db: Db, actor: Actor, id: number): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.update(holidays).set({ confirmed: true }).where(eq(holidays.id, id)).returning();
    if (!row) throw new HolidayInputError({ form: 'holiday_missing' });
    await audit(tx, { actorType: 'staff', actorId: actor.userId, action: 'holiday.confirmed', targetType: 'holiday', targetId: row.day, ip: actor.ip ?? null, detail: { day: row.day } });
  });
}

/** "Sahkan semua": confirms every unconfirmed holiday of a year. Returns how many. */
export async function confirmYear(db: Db, actor: Actor, year: number): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx
      .update(holidays)
      .set({ confirmed: true })
      .where(and(between(holidays.day, ...yearRange(year)), eq(holidays.confirmed, false)))
      .returning({ day: holidays.day });
    if (rows.length > 0) {
      await audit(tx, { actorType: 'staff', actorId: actor.userId, action: 'holiday.confirmed_year', targetType: 'holiday_year', targetId: String(year), ip: actor.ip ?? null, detail: { year, count: rows.length } });
    }
    return rows.length;
  });
}

// --- CSV import

export type ImportRowStatus = 'new' | 'same' | 'rename' | 'error';
export type ImportPreviewRow = {
  row: number;
  status: ImportRowStatus;
  /** yyyy-MM-dd when valid; as typed otherwise. */
  date: string;
  name: string;
  /** The name on record, for a row that renames a day. */
  currentName?: string;
  error?: HolidayCsvRowError;
};
export type ImportPreview = { rows: ImportPreviewRow[]; counts: Record<ImportRowStatus, number> };

/** Each row of the file and what importing it would do. Writes nothing. */
export async function previewHolidayImport(db: Db | Tx, csv: string): Promise<ImportPreview> {
  const parsed = parseHolidayCsv(csv);
  if (!parsed.ok) throw new HolidayInputError({ file: `csv_${parsed.error}` });
  const days = parsed.rows.flatMap((r) => (r.ok ? [r.day] : []));
  const existing = new Map<string, string>();
  if (days.length > 0) {
    const rows = await db.select({ day: holidays.day, name: holidays.name }).from(holidays).where(inArray(holidays.day, days));
    for (const r of rows) existing.set(r.day, r.name);
  }
  const counts: ImportPreview['counts'] = { new: 0, same: 0, rename: 0, error: 0 };
  const rows = parsed.rows.map((r): ImportPreviewRow => {
    if (!r.ok) {
      counts.error++;
      return { row: r.row, status: 'error', date: r.date, name: r.name, error: r.error };
    }
    const current = existing.get(r.day);
    const status: ImportRowStatus = current === undefined ? 'new' : current === r.name ? 'same' : 'rename';
    counts[status]++;
    return { row: r.row, status, date: r.day, name: r.name, ...(status === 'rename' && { currentName: current }) };
  });
  return { rows, counts };
}

export type ImportResult = { added: number; renamed: number; unchanged: number; skipped: number };

/**
 * Imports the file's valid rows in one transaction: new days added, changed names updated (both
 * confirmed, the file named as their source). The file is read and checked again here; rows with
 * errors are skipped only when the admin said so (`skipErrors`), else nothing is written.
 */
export async function importHolidays(db: Db, actor: Actor, csv: string, opts: { fileName: string; skipErrors: boolean }): Promise<ImportResult> {
  return db.transaction(async (tx) => {
    await lock(tx);
    const preview = await previewHolidayImport(tx, csv);
    const { counts } = preview;
    if (counts.error > 0 && !opts.skipErrors) throw new HolidayInputError({ form: 'import_skip_unconfirmed' }, { count: counts.error });
    if (counts.new + counts.rename === 0) throw new HolidayInputError({ form: 'import_nothing' });
    const source = `CSV: ${opts.fileName.slice(0, 120)}`;
    for (const r of preview.rows) {
      if (r.status === 'new') await tx.insert(holidays).values({ day: r.date, name: r.name, source, confirmed: true });
      if (r.status === 'rename') await tx.update(holidays).set({ name: r.name, source, confirmed: true }).where(eq(holidays.day, r.date));
    }
    const result: ImportResult = { added: counts.new, renamed: counts.rename, unchanged: counts.same, skipped: counts.error };
    await audit(tx, { actorType: 'staff', actorId: actor.userId, action: 'holiday.imported', targetType: 'holiday', ip: actor.ip ?? null, detail: { ...result, file: opts.fileName.slice(0, 120) } });
    if (counts.new > 0) await enqueueSlaRecompute(tx);
    return result;
  });
}

// --- seed

/**
 * Seeds the official lists (unconfirmed, with their source) for each year that has no holiday on
 * record yet: a year an admin has touched is never written again. Returns the years seeded.
 */
export async function seedHolidays(db: Db, data: readonly SeedHoliday[] = holidaySeed): Promise<number[]> {
  const years = [...new Set(data.map((h) => Number(h.day.slice(0, 4))))];
  const seeded: number[] = [];
  for (const year of years) {
    const done = await db.transaction(async (tx) => {
      await lock(tx);
      const [any] = await tx.select({ id: holidays.id }).from(holidays).where(between(holidays.day, ...yearRange(year))).limit(1);
      if (any) return false;
      const rows = data.filter((h) => h.day.startsWith(`${year}-`)).map((h) => ({ day: h.day, name: h.name, source: h.source, confirmed: false }));
      await tx.insert(holidays).values(rows).onConflictDoNothing();
      await enqueueSlaRecompute(tx);
      return true;
    });
    if (done) seeded.push(year);
  }
  return seeded;
}
