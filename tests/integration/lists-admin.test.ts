import { randomUUID } from 'node:crypto';
import { and, eq, inArray, like } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getFormOptions } from '@/lib/complaints/form-options';
import { addPublicReply } from '@/lib/complaints/officer-actions';
import { getPublicComplaint } from '@/lib/complaints/public-view';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { DEFAULT_ADMIN_NAME, seed } from '@/lib/db/seed';
import { auditLog, categories, complaints, ptj, users } from '@/lib/db/schema';
import { addCategory, editCategory, listCategories, moveCategory, setCategoryActive, slugify } from '@/lib/lists/categories';
import { ListInputError } from '@/lib/lists/input';
import { addPtj, editPtj, importPtj, listPtj, previewPtjImport, setPtjActive } from '@/lib/lists/ptj';
import { setDisplayName } from '@/lib/staff/display-name';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from '../support/captcha';
import { validFields } from '../support/fixtures';
import { fakeResend } from '../support/inspect';
import { dashedIc, drainOutbox, ipSequence, newIc, withOutboxWorker } from '../support/outbox';

// Issue 11 items 4-6: the names the public sees on replies, the categories and the PTJ list as
// admins keep them, and the public form following at once. Rate-limited calls use 10.213.x.x.

const db = getDb();
const nextIp = ipSequence('10.213');
const stamp = randomUUID().slice(0, 6).toUpperCase();
const admin = async () => (await db.select().from(users).where(eq(users.email, 'admin@test.local')))[0];
const refusal = async (p: Promise<unknown>) => {
  const e = await p.then(() => null, (err: unknown) => err);
  expect(e).toBeInstanceOf(ListInputError);
  return (e as ListInputError).fieldErrors;
};

withOutboxWorker();

afterAll(async () => {
  await db.delete(ptj).where(like(ptj.code, `T${stamp}%`));
});

async function file(categorySlug = 'laporan', ptjName = 'Perbendaharaan Negeri Kelantan') {
  const email = `nama-${randomUUID().slice(0, 8)}@example.gov.my`;
  const r = await submitComplaint(db, {
    fields: { ...validFields(), ic: dashedIc(newIc()), email, category: categorySlug, ptj: ptjName },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: nextIp(),
  });
  if (!r.ok) throw new Error(`could not file: ${JSON.stringify(r)}`);
  return { number: r.number, email };
}

describe('names the public sees', () => {
  it('a public reply (page and email) shows the officer\'s display name; a rename shows on new replies, old ones stay as written', async () => {
    const officer = await createStaffUser(db, { name: 'Pegawai Lama', email: `nama-${stamp}@pkn.test`, role: 'pegawai', password: 'kata-laluan-ujian-123' });
    const c = await file();
    await addPublicReply(db, { userId: officer.id, number: c.number, body: 'Balasan pertama.' });

    const r = await setDisplayName(db, { userId: officer.id, ip: '10.213.9.1' }, '  Siti   Aminah binti Musa ');
    expect(r).toEqual({ ok: true, name: 'Siti Aminah binti Musa' });
    await addPublicReply(db, { userId: officer.id, number: c.number, body: 'Balasan kedua.' });

    const page = await getPublicComplaint(db, c.number);
    const replies = page!.history.filter((e) => e.type === 'public_reply').map((e) => [e.body, e.authorName]);
    expect(replies).toEqual([['Balasan pertama.', 'Pegawai Lama'], ['Balasan kedua.', 'Siti Aminah binti Musa']]);

    await drainOutbox();
    const emails = (await fakeResend().emails()).emails.filter((e) => e.to.includes(c.email) && e.idempotencyKey?.startsWith('officer-reply/'));
    expect(emails).toHaveLength(2);
    // Each email names the officer as the reply it tells of was signed.
    expect(emails.filter((e) => e.text?.includes('Pegawai Lama'))).toHaveLength(1);
    expect(emails.filter((e) => e.text?.includes('Siti Aminah binti Musa'))).toHaveLength(1);

    const [row] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'staff.renamed'), eq(auditLog.actorId, officer.id)));
    expect(row.detail).toEqual({ from: 'Pegawai Lama', to: 'Siti Aminah binti Musa' });
  });

  it('refuses an empty, too short, too long or multi-line name, saving nothing', async () => {
    const officer = await createStaffUser(db, { name: 'Pegawai Tetap', email: `tetap-${stamp}@pkn.test`, role: 'pegawai', password: 'kata-laluan-ujian-123' });
    for (const [raw, reason] of [['   ', 'name_required'], ['Ab', 'name_too_short'], ['x'.repeat(81), 'name_too_long'], ['Siti\nAminah', 'name_chars']] as const) {
      expect(await setDisplayName(db, { userId: officer.id }, raw)).toEqual({ ok: false, reason });
    }
    expect((await db.select({ name: users.name }).from(users).where(eq(users.id, officer.id)))[0].name).toBe('Pegawai Tetap');
  });

  it('the first admin is named by the setting at first start, and renaming them shows on new replies', async () => {
    // The seed names a first admin only when there is none: with one already there it changes nothing.
    await seed(db, { name: 'Tidak Digunakan', email: 'lain@test.local', password: 'test-admin-password-1' });
    const first = await admin();
    expect(first.name).toBe(DEFAULT_ADMIN_NAME); // the global setup seeds without ADMIN_NAME
    expect((await db.select().from(users).where(eq(users.email, 'lain@test.local'))).length).toBe(0);
    const c = await file();
    try {
      await addPublicReply(db, { userId: first.id, number: c.number, body: 'Daripada pentadbir.' });
      expect((await setDisplayName(db, { userId: first.id }, 'Nur Hidayah binti Ahmad')).ok).toBe(true);
      await addPublicReply(db, { userId: first.id, number: c.number, body: 'Daripada pentadbir, nama baharu.' });
      const names = (await getPublicComplaint(db, c.number))!.history.filter((e) => e.type === 'public_reply').map((e) => e.authorName);
      expect(names).toEqual([DEFAULT_ADMIN_NAME, 'Nur Hidayah binti Ahmad']);
    } finally {
      await db.update(users).set({ name: first.name }).where(eq(users.id, first.id));
    }
  });
});

describe('categories', () => {
  const actor = { userId: randomUUID(), ip: '10.213.9.2' };

  it('makes slugs from Malay names', () => {
    expect(slugify('Aset & Inventori')).toBe('aset-dan-inventori');
    expect(slugify('  Gaji / Elaun  (Emolumen) ')).toBe('gaji-elaun-emolumen');
    expect(slugify('Pérolehan')).toBe('perolehan');
    expect(slugify('!!!')).toBe('kategori');
  });

  it('adds (unique slug, at the end), renames, reorders and deactivates; the public form follows at once; all audited', async () => {
    const a = await addCategory(db, actor, { nameMs: ` Ujian ${stamp} Gaji `, nameEn: `Test ${stamp} Salary` });
    expect(a).toMatchObject({ nameMs: `Ujian ${stamp} Gaji`, slug: slugify(`Ujian ${stamp} Gaji`), active: true });
    const b = await addCategory(db, actor, { nameMs: `Ujian ${stamp} Gaji!`, nameEn: `Test ${stamp} Salary 2` });
    expect(b.slug).toBe(`${a.slug}-2`);
    expect(await refusal(addCategory(db, actor, { nameMs: '  ', nameEn: 'x'.repeat(81) }))).toEqual({ nameMs: 'name_required', nameEn: 'name_too_long' });
    expect(await refusal(addCategory(db, actor, { nameMs: `ujian ${stamp} gaji`, nameEn: `TEST ${stamp} SALARY 2` }))).toEqual({ nameMs: 'name_taken', nameEn: 'name_taken' });

    let form = (await getFormOptions(db, 'ms')).categories.map((c) => c.value);
    expect(form.slice(-2)).toEqual([a.slug, b.slug]);

    await moveCategory(db, actor, b.id, 'up');
    form = (await getFormOptions(db, 'ms')).categories.map((c) => c.value);
    expect(form.slice(-2)).toEqual([b.slug, a.slug]);
    const listed = (await listCategories(db)).map((c) => c.id);
    expect(listed.indexOf(b.id)).toBe(listed.indexOf(a.id) - 1);

    await editCategory(db, actor, a.id, { nameMs: `Ujian ${stamp} Elaun`, nameEn: `Test ${stamp} Allowance` });
    expect((await getFormOptions(db, 'en')).categories.find((c) => c.value === a.slug)?.label).toBe(`Test ${stamp} Allowance`);

    await setCategoryActive(db, actor, b.id, false);
    expect((await getFormOptions(db, 'ms')).categories.map((c) => c.value)).not.toContain(b.slug);
    await setCategoryActive(db, actor, b.id, true);
    expect((await getFormOptions(db, 'ms')).categories.map((c) => c.value)).toContain(b.slug);

    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, actor.userId)).orderBy(auditLog.id)).map((r) => r.action);
    expect(actions).toEqual(expect.arrayContaining(['category.added', 'category.moved', 'category.edited', 'category.deactivated', 'category.activated']));
    await db.update(categories).set({ active: false }).where(inArray(categories.id, [a.id, b.id]));
  });

  it('a category in use is deactivated, never deleted: its complaints keep it, new filings cannot choose it', async () => {
    const cat = await addCategory(db, actor, { nameMs: `Ujian ${stamp} Dipakai`, nameEn: `Test ${stamp} Used` });
    const c = await file(cat.slug);
    await setCategoryActive(db, actor, cat.id, false);
    const [row] = await db.select({ categoryId: complaints.categoryId }).from(complaints).where(eq(complaints.number, c.number));
    expect(row.categoryId).toBe(cat.id);
    expect((await listCategories(db)).find((x) => x.id === cat.id)).toMatchObject({ active: false, complaints: 1 });
    const refused = await submitComplaint(db, {
      fields: { ...validFields(), ic: dashedIc(newIc()), category: cat.slug }, files: [], captchaToken: await solvedAltcha(), ip: nextIp(),
    });
    expect(refused.ok).toBe(false);
  });

  it('refuses to deactivate the last active category', async () => {
    const active = await db.select({ id: categories.id }).from(categories).where(eq(categories.active, true));
    const keep = active[0].id;
    const others = active.slice(1).map((c) => c.id);
    // In one transaction of its own, rolled back: other files file complaints into these categories.
    await db.transaction(async (tx) => {
      if (others.length) await tx.update(categories).set({ active: false }).where(inArray(categories.id, others));
      const e = await setCategoryActive(tx as unknown as typeof db, actor, keep, false).then(() => null, (err: unknown) => err);
      expect(e).toBeInstanceOf(ListInputError);
      expect((e as ListInputError).fieldErrors).toEqual({ form: 'last_active' });
      tx.rollback();
    }).catch((e: unknown) => {
      if (!(e instanceof Error && e.message.includes('Rollback'))) throw e;
    });
    expect((await db.select({ id: categories.id }).from(categories).where(eq(categories.active, true))).length).toBe(active.length);
  });
});

describe('PTJ list', () => {
  const actor = { userId: randomUUID(), ip: '10.213.9.3' };

  it('adds, edits and deactivates (code in capitals, code and name each once); the public form follows at once; audited', async () => {
    const p = await addPtj(db, actor, { code: ` t${stamp}a1 `, name: ` Pejabat   Ujian ${stamp} ` });
    expect(p).toMatchObject({ code: `T${stamp}A1`, name: `Pejabat Ujian ${stamp}`, active: true });
    expect((await getFormOptions(db, 'ms')).ptjNames).toContain(`Pejabat Ujian ${stamp}`);
    expect(await refusal(addPtj(db, actor, { code: `T${stamp}A1`, name: 'Lain' }))).toEqual({ code: 'code_taken' });
    expect(await refusal(addPtj(db, actor, { code: `T${stamp}A2`, name: `pejabat ujian ${stamp}` }))).toEqual({ name: 'name_taken' });
    expect(await refusal(addPtj(db, actor, { code: 'A B', name: '' }))).toEqual({ code: 'code_invalid', name: 'name_required' });

    await editPtj(db, actor, p.id, { code: `T${stamp}A1`, name: `Pejabat Ujian ${stamp} Baharu` });
    const names = (await getFormOptions(db, 'ms')).ptjNames;
    expect(names).toContain(`Pejabat Ujian ${stamp} Baharu`);
    expect(names).not.toContain(`Pejabat Ujian ${stamp}`);

    await setPtjActive(db, actor, p.id, false);
    expect((await getFormOptions(db, 'ms')).ptjNames).not.toContain(`Pejabat Ujian ${stamp} Baharu`);
    expect((await listPtj(db, `t${stamp}a1`)).map((r) => r.active)).toEqual([false]);

    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.actorId, actor.userId)).orderBy(auditLog.id)).map((r) => r.action);
    expect(actions).toEqual(['ptj.added', 'ptj.edited', 'ptj.deactivated']);
  });

  it('a CSV of 200 PTJ with 3 bad rows imports 197 and reports the 3 by line number', async () => {
    const imported = async () => (await db.select({ code: ptj.code }).from(ptj).where(like(ptj.code, `T${stamp}%`))).filter((r) => /^T\w{6}\d{3}$/.test(r.code));
    const lines = ['kod,nama'];
    for (let i = 1; i <= 200; i++) lines.push(`T${stamp}${String(i).padStart(3, '0')},"Pejabat Import ${stamp} ${i}, Kota Bharu"`);
    // Three bad rows, at lines 8, 51 and 151 of the file (line 1 is the header): no code, a
    // code with a space, a name twice in the file.
    lines[7] = `,Pejabat Tanpa Kod ${stamp}`;
    lines[50] = `T${stamp} X,Pejabat Kod Salah ${stamp}`;
    lines[150] = `T${stamp}999,"Pejabat Import ${stamp} 1, Kota Bharu"`;
    const csv = `\uFEFF${lines.join('\r\n')}\r\n`;

    const preview = await previewPtjImport(db, csv);
    expect(preview.counts).toEqual({ new: 197, same: 0, rename: 0, error: 3 });
    expect(preview.rows.filter((r) => r.status === 'error').map((r) => [r.row, r.error])).toEqual([
      [8, 'code_required'], [51, 'code_invalid'], [151, 'duplicate_name'],
    ]);
    expect(await imported()).toHaveLength(0); // a preview writes nothing

    // Not without the admin's say-so that the bad rows are skipped.
    expect(await refusal(importPtj(db, actor, csv, { fileName: 'ptj.csv', skipErrors: false }))).toEqual({ form: 'import_skip_unconfirmed' });
    const r = await importPtj(db, actor, csv, { fileName: 'ptj.csv', skipErrors: true });
    expect(r).toEqual({ added: 197, renamed: 0, unchanged: 0, skipped: 3, errorRows: [8, 51, 151] });
    expect(await imported()).toHaveLength(197);
    expect((await getFormOptions(db, 'ms')).ptjNames).toContain(`Pejabat Import ${stamp} 200, Kota Bharu`);

    // The same file again: nothing new; a renamed row updates its name only.
    const again = lines.map((l) => (l.startsWith(`T${stamp}002,`) ? `T${stamp}002,Pejabat Import ${stamp} Dua` : l)).join('\n');
    const second = await importPtj(db, actor, again, { fileName: 'ptj-2.csv', skipErrors: true });
    expect(second).toMatchObject({ added: 0, renamed: 1, unchanged: 196, skipped: 3 });
    const [audit] = await db.select().from(auditLog).where(and(eq(auditLog.action, 'ptj.imported'), eq(auditLog.actorId, actor.userId))).limit(1);
    expect(audit.detail).toMatchObject({ added: 197, skipped: 3, file: 'ptj.csv' });
  });

  it('refuses a file that is not a list of code and name rows', async () => {
    expect(await refusal(previewPtjImport(db, 'kod,nama\n'))).toEqual({ file: 'csv_empty' });
    expect(await refusal(previewPtjImport(db, 'A1,"tidak ditutup\n'))).toEqual({ file: 'csv_unclosed_quote' });
    const p = await previewPtjImport(db, `kod;nama\nT${stamp}S1;Pejabat Koma Bertitik ${stamp}\nT${stamp}S2;Satu;Dua\n`);
    expect(p.rows.map((r) => [r.row, r.status, r.error])).toEqual([[2, 'new', undefined], [3, 'error', 'columns']]);
  });
});
