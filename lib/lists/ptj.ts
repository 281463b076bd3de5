import { and, asc, desc, eq, ilike, ne, or, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { ptj } from '@/lib/db/schema';
import { ListInputError, nameProblem, tidyName, type ListErrorCode } from './input';
import { PTJ_NAME_MAX, codeProblem, parsePtjCsv, tidyCode, type PtjCsvRowError } from './ptj-csv';

// The PTJ list (/konsol/ptj, settings.manage): add, edit, deactivate and import from a CSV in two
// steps (a preview that writes nothing, then the valid rows in one transaction). A PTJ is never
// deleted: complaints point at it. The public form offers the active names (lib/complaints/
// form-options.ts) and a complaint is matched to a PTJ by name, so a name belongs to one PTJ only.
// Every change is audited; an advisory lock makes two admins adding one PTJ get one row.

type Actor = { userId: string; ip?: string | null };
export type PtjRow = typeof ptj.$inferSelect;

const lock = (tx: Tx) => tx.execute(sql`select pg_advisory_xact_lock(hashtext('ptj'))`);

/** Every PTJ (active first, then by code), optionally those whose code or name contains `q`. */
export async function listPtj(db: Db, q = ''): Promise<PtjRow[]> {
  const like = `%${q.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select()
    .from(ptj)
    .where(q.trim() ? or(ilike(ptj.code, like), ilike(ptj.name, like)) : undefined)
    .orderBy(desc(ptj.active), asc(ptj.code));
}

export async function countPtj(db: Db): Promise<{ active: number; all: number }> {
  const [r] = await db.select({ all: sql<number>`count(*)::int`, active: sql<number>`(count(*) filter (where ${ptj.active}))::int` }).from(ptj);
  return r;
}

function parseInput(input: { code: string; name: string }) {
  const code = tidyCode(input.code);
  const name = tidyName(input.name);
  const errors: Record<string, ListErrorCode> = {};
  const c = codeProblem(code);
  if (c) errors.code = c;
  const n = nameProblem(name, PTJ_NAME_MAX);
  if (n) errors.name = n;
  if (Object.keys(errors).length > 0) throw new ListInputError(errors);
  return { code, name };
}

/** Refuses a code or a name (any case) that another PTJ already has, naming that PTJ. */
async function assertFree(tx: Tx, v: { code: string; name: string }, except?: number) {
  const others = await tx
    .select({ id: ptj.id, code: ptj.code, name: ptj.name })
    .from(ptj)
    .where(and(or(eq(ptj.code, v.code), sql`lower(${ptj.name}) = lower(${v.name})`), except === undefined ? undefined : ne(ptj.id, except)));
  const code = others.find((o) => o.code === v.code);
  if (code) throw new ListInputError({ code: 'code_taken' }, { code: code.code, name: code.name });
  if (others[0]) throw new ListInputError({ name: 'name_taken' }, { code: others[0].code, name: others[0].name });
}

export async function addPtj(db: Db, actor: Actor, input: { code: string; name: string }): Promise<PtjRow> {
  const v = parseInput(input);
  return db.transaction(async (tx) => {
    await lock(tx);
    await assertFree(tx, v);
    const [row] = await tx.insert(ptj).values(v).returning();
    await auditPtj(tx, actor, 'ptj.added', row.id, { code: v.code });
    return row;
  });
}

export async function editPtj(db: Db, actor: Actor, id: number, input: { code: string; name: string }): Promise<void> {
  const v = parseInput(input);
  await db.transaction(async (tx) => {
    await lock(tx);
    const [before] = await tx.select().from(ptj).where(eq(ptj.id, id));
    if (!before) throw new ListInputError({ form: 'not_found' });
    if (before.code === v.code && before.name === v.name) return;
    await assertFree(tx, v, id);
    await tx.update(ptj).set(v).where(eq(ptj.id, id));
    await auditPtj(tx, actor, 'ptj.edited', id, { from: { code: before.code, name: before.name }, to: v });
  });
}

/** Deactivates (off the public form; complaints keep it) or activates again. */
export async function setPtjActive(db: Db, actor: Actor, id: number, active: boolean): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx.select({ active: ptj.active, code: ptj.code }).from(ptj).where(eq(ptj.id, id)).for('update');
    if (!before) throw new ListInputError({ form: 'not_found' });
    if (before.active === active) return;
    await tx.update(ptj).set({ active }).where(eq(ptj.id, id));
    if (active) await auditPtj(tx, actor, 'ptj.activated', id, { code: before.code });
    else await auditPtj(tx, actor, 'ptj.deactivated', id, { code: before.code });
  });
}

// --- CSV import

export type PtjImportStatus = 'new' | 'same' | 'rename' | 'error';
export type PtjImportError = PtjCsvRowError | 'name_taken';
export type PtjPreviewRow = {
  row: number;
  status: PtjImportStatus;
  code: string;
  name: string;
  /** The name on record, for a row that renames a PTJ. */
  currentName?: string;
  /** The PTJ on record that already has this name, for a `name_taken` row. */
  takenBy?: string;
  error?: PtjImportError;
};
export type PtjPreview = { rows: PtjPreviewRow[]; counts: Record<PtjImportStatus, number> };

/** Each row of the file and what importing it would do. Writes nothing. */
export async function previewPtjImport(db: Db | Tx, csv: string): Promise<PtjPreview> {
  const parsed = parsePtjCsv(csv);
  if (!parsed.ok) throw new ListInputError({ file: `csv_${parsed.error}` });
  const byCode = new Map<string, string>();
  const byName = new Map<string, string>();
  for (const r of await db.select({ code: ptj.code, name: ptj.name }).from(ptj)) {
    byCode.set(r.code, r.name);
    byName.set(r.name.toLowerCase(), r.code);
  }
  const counts: PtjPreview['counts'] = { new: 0, same: 0, rename: 0, error: 0 };
  const rows = parsed.rows.map((r): PtjPreviewRow => {
    const refuse = (error: PtjImportError, takenBy?: string): PtjPreviewRow => {
      counts.error++;
      return { row: r.row, status: 'error', code: r.code, name: r.name, error, ...(takenBy && { takenBy }) };
    };
    if (!r.ok) return refuse(r.error);
    // A name another PTJ on record has (matching is by name on the public form): refused.
    const holder = byName.get(r.name.toLowerCase());
    if (holder !== undefined && holder !== r.code) return refuse('name_taken', holder);
    const current = byCode.get(r.code);
    const status: PtjImportStatus = current === undefined ? 'new' : current === r.name ? 'same' : 'rename';
    counts[status]++;
    return { row: r.row, status, code: r.code, name: r.name, ...(status === 'rename' && { currentName: current }) };
  });
  return { rows, counts };
}

export type PtjImportResult = { added: number; renamed: number; unchanged: number; skipped: number; errorRows: number[] };

/**
 * Imports the file's valid rows in one transaction: new codes added (active), changed names
 * updated; whether a PTJ is active is not the file's to change. The file is read and checked again
 * here; rows with errors are skipped only when the admin said so (`skipErrors`), else nothing is
 * written. The result names the skipped rows by line number.
 */
export async function importPtj(db: Db, actor: Actor, csv: string, opts: { fileName: string; skipErrors: boolean }): Promise<PtjImportResult> {
  return db.transaction(async (tx) => {
    await lock(tx);
    const preview = await previewPtjImport(tx, csv);
    const { counts } = preview;
    if (counts.error > 0 && !opts.skipErrors) throw new ListInputError({ form: 'import_skip_unconfirmed' }, { count: counts.error });
    if (counts.new + counts.rename === 0) throw new ListInputError({ form: 'import_nothing' });
    const added = preview.rows.filter((r) => r.status === 'new').map((r) => ({ code: r.code, name: r.name }));
    for (let i = 0; i < added.length; i += 500) await tx.insert(ptj).values(added.slice(i, i + 500));
    for (const r of preview.rows) if (r.status === 'rename') await tx.update(ptj).set({ name: r.name }).where(eq(ptj.code, r.code));
    const errorRows = preview.rows.filter((r) => r.status === 'error').map((r) => r.row);
    const result: PtjImportResult = { added: counts.new, renamed: counts.rename, unchanged: counts.same, skipped: counts.error, errorRows };
    await audit(tx, {
      actorType: 'staff', actorId: actor.userId, action: 'ptj.imported', targetType: 'ptj', ip: actor.ip ?? null,
      detail: { added: result.added, renamed: result.renamed, unchanged: result.unchanged, skipped: result.skipped, file: opts.fileName.slice(0, 120) },
    });
    return result;
  });
}

function auditPtj(tx: Tx, actor: Actor, action: string, id: number, detail: Record<string, unknown>) {
  return audit(tx, { actorType: 'staff', actorId: actor.userId, action, targetType: 'ptj', targetId: String(id), ip: actor.ip ?? null, detail });
}
