import { randomUUID } from 'node:crypto';
import { and, asc, eq, inArray } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { addPublicReply, changeStatus } from '@/lib/complaints/officer-actions';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { auditLog, kbArticles, kbArticleVersions } from '@/lib/db/schema';
import { draftFromComplaint, getArticle, KbInputError, listArticles, publishVersion, retireArticle, saveDraft } from '@/lib/kb/articles';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from '../support/captcha';
import { validFields } from '../support/fixtures';
import { newIc } from '../support/outbox';

// Knowledge-base authoring through lib functions on the real database: a resolved complaint whose
// text holds a name, an IC number, a phone number, an email and another complaint's number becomes
// a draft whose stored versions hold none of them; saving redacts again; a supervisor publishes a
// version (the article row carries its text), a newer version replaces it, retiring ends it.

let seq = 0;
const ip = () => `10.221.${Math.floor(++seq / 250)}.${(seq % 250) + 1}`;
const uniq = () => randomUUID().slice(0, 8);

const COMPLAINANT = 'Ahmad Faizal bin Ismail';
const OTHER = 'PKN260105093012045';

async function officer(role: 'pegawai' | 'penyelia', name: string) {
  const id = uniq();
  return createStaffUser(getDb(), { name: `${name}`, email: `kb-${role}-${id}@pkn.test`, role, password: 'kata-laluan-ujian-123' });
}

async function resolvedComplaint(officerId: string, officerName: string) {
  const ic = newIc();
  const icDashed = `${ic.slice(0, 6)}-${ic.slice(6, 8)}-${ic.slice(8)}`;
  const email = `ahmad.faizal.${uniq()}@kelantan.gov.my`;
  const r = await submitComplaint(getDb(), {
    fields: {
      ...validFields(),
      name: COMPLAINANT,
      ic: icDashed,
      email,
      phone: '012-345 6789',
      title: 'Baucar Encik Ahmad tidak dapat dilulus',
      description: `Saya ${COMPLAINANT} (${icDashed}) tidak dapat meluluskan baucar PV 2026/000123 bernilai RM 1,250.00. Hubungi 012-345 6789 atau ${email}. Sama seperti aduan ${OTHER}.`,
    },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: ip(),
  });
  if (!r.ok) throw new Error(`could not file: ${JSON.stringify(r)}`);
  await addPublicReply(getDb(), {
    userId: officerId,
    ip: ip(),
    number: r.number,
    body: `Tuan Ahmad, kod akaun B0103 telah dibuka semula. Jika masih gagal hubungi saya di 03-8888 1234. — ${officerName}`,
    status: 'selesai',
  });
  return { number: r.number, secrets: [COMPLAINANT, 'Ahmad', 'Faizal', 'Ismail', icDashed, ic, '012-345 6789', '0123456789', email, OTHER, r.number, '03-8888 1234', officerName] };
}

const holdsAny = (text: string, secrets: string[]) => secrets.filter((s) => text.toLowerCase().includes(s.toLowerCase()));

describe('knowledge-base authoring', () => {
  it('drafts from a resolved complaint with none of its personal data; saves redact again; publish, replace, retire', async () => {
    const db = getDb();
    const writer = await officer('pegawai', `Nurul Huda ${uniq().replace(/\d/g, 'x')}`);
    const supervisor = await officer('penyelia', `Penyelia Kb ${uniq().replace(/\d/g, 'x')}`);
    const c = await resolvedComplaint(writer.id, writer.name);

    const draft = await draftFromComplaint(db, { userId: writer.id, ip: ip() }, c.number);
    expect(draft.existing).toBe(false);
    expect(draft.removed.map((r) => r.kind)).toEqual(['name', 'ic', 'phone', 'email', 'complaint_number']);
    const [v1] = await db.select().from(kbArticleVersions).where(eq(kbArticleVersions.articleId, draft.articleId));
    const stored = JSON.stringify(v1);
    expect(holdsAny(stored, c.secrets)).toEqual([]);
    // Ordinary words, amounts and codes stay; the problem and the officer's reply are prefilled.
    expect(v1.problem).toContain('PV 2026/000123');
    expect(v1.problem).toContain('RM 1,250.00');
    expect(v1.solution).toContain('kod akaun B0103');
    expect(v1.title).toBe('Baucar Encik [NAMA] tidak dapat dilulus');
    const [article] = await db.select().from(kbArticles).where(eq(kbArticles.id, draft.articleId));
    expect(article.status).toBe('draft');
    expect(holdsAny(article.slug, c.secrets)).toEqual([]);
    expect(article.slug).toMatch(/^baucar-encik-tidak-dapat-dilulus/);

    // The complaint already has its article: drafting again opens it.
    expect(await draftFromComplaint(db, { userId: writer.id }, c.number)).toMatchObject({ articleId: draft.articleId, existing: true });

    // Pasted back in the editor: removed again on the server.
    const v2 = await saveDraft(db, { userId: writer.id, ip: ip() }, draft.articleId, {
      title: 'Baucar tidak dapat diluluskan kerana kod akaun ditutup',
      problem: `Pegawai ${COMPLAINANT} (no. KP ${c.secrets[5]}) tidak dapat meluluskan baucar.`,
      solution: 'Buka semula kod akaun B0103 di menu Penyelenggaraan, kemudian luluskan semula baucar.',
      keywords: 'baucar, kod akaun',
      categoryId: v1.categoryId,
    });
    expect(v2.version).toBe(2);
    expect(v2.removed).toEqual([
      { kind: 'name', count: 1 },
      { kind: 'ic', count: 1 },
    ]);
    const versions = await db.select().from(kbArticleVersions).where(eq(kbArticleVersions.articleId, draft.articleId)).orderBy(asc(kbArticleVersions.version));
    expect(holdsAny(JSON.stringify(versions), c.secrets)).toEqual([]);
    // Nothing personal in the audit rows either (counts only).
    const audits = await db.select().from(auditLog).where(and(eq(auditLog.targetType, 'kb_article'), eq(auditLog.targetId, String(draft.articleId))));
    expect(audits.map((a) => a.action).sort()).toEqual(['kb.drafted', 'kb.saved']);
    expect(holdsAny(JSON.stringify(audits), c.secrets)).toEqual([]);

    // Too short after redaction: refused beside the field, nothing written.
    await expect(saveDraft(db, { userId: writer.id }, draft.articleId, { title: 'Oops', problem: 'x', solution: 'Buka semula kod akaun.', keywords: '', categoryId: null })).rejects.toMatchObject({
      fieldErrors: { title: 'title_length', problem: 'problem_length' },
    });
    expect((await getArticle(db, draft.articleId))!.versions).toHaveLength(2);

    // Awaiting publication lists first.
    expect((await listArticles(db, 'menunggu')).map((r) => r.id)).toContain(draft.articleId);

    await publishVersion(db, { userId: supervisor.id, ip: ip() }, draft.articleId, 2);
    let [row] = await db.select().from(kbArticles).where(eq(kbArticles.id, draft.articleId));
    expect(row).toMatchObject({ status: 'published', publishedVersion: 2, title: versions[1].title, solution: versions[1].solution, keywords: 'baucar, kod akaun', publishedBy: supervisor.id });
    expect((await listArticles(db, 'menunggu')).map((r) => r.id)).not.toContain(draft.articleId);
    expect((await listArticles(db, 'diterbitkan')).map((r) => r.id)).toContain(draft.articleId);

    // A newer version waits; publishing it replaces the public text. The older version's text is unchanged.
    await saveDraft(db, { userId: writer.id }, draft.articleId, { ...versions[1], title: 'Baucar tidak dapat diluluskan: kod akaun ditutup', keywords: 'baucar' });
    [row] = await db.select().from(kbArticles).where(eq(kbArticles.id, draft.articleId));
    expect(row.title).toBe(versions[1].title);
    expect((await listArticles(db, 'menunggu')).find((r) => r.id === draft.articleId)).toMatchObject({ status: 'published', awaiting: true, latestVersion: 3 });
    await publishVersion(db, { userId: supervisor.id }, draft.articleId, 3);
    [row] = await db.select().from(kbArticles).where(eq(kbArticles.id, draft.articleId));
    expect(row).toMatchObject({ status: 'published', publishedVersion: 3, title: 'Baucar tidak dapat diluluskan: kod akaun ditutup', keywords: 'baucar' });
    const [again2] = await db.select().from(kbArticleVersions).where(and(eq(kbArticleVersions.articleId, draft.articleId), eq(kbArticleVersions.version, 2)));
    expect(again2.title).toBe(versions[1].title);

    // The first version (no keywords, and a problem that may be short) is complete enough here; a missing one is refused.
    await expect(publishVersion(db, { userId: supervisor.id }, draft.articleId, 99)).rejects.toBeInstanceOf(KbInputError);

    await retireArticle(db, { userId: supervisor.id, ip: ip() }, draft.articleId);
    [row] = await db.select().from(kbArticles).where(eq(kbArticles.id, draft.articleId));
    expect(row).toMatchObject({ status: 'retired', retiredBy: supervisor.id });
    expect((await listArticles(db, 'ditarik')).map((r) => r.id)).toContain(draft.articleId);
    await expect(retireArticle(db, { userId: supervisor.id }, draft.articleId)).rejects.toMatchObject({ fieldErrors: { form: 'retired' } });
    const actions = (await db.select({ action: auditLog.action }).from(auditLog).where(and(eq(auditLog.targetType, 'kb_article'), eq(auditLog.targetId, String(draft.articleId))))).map((a) => a.action);
    expect(actions.filter((a) => a === 'kb.published')).toHaveLength(2);
    expect(actions).toContain('kb.retired');
  });

  it('refuses a complaint that is not resolved or closed, and keeps slugs unique', async () => {
    const db = getDb();
    const writer = await officer('pegawai', `Pegawai Kb ${uniq().replace(/\d/g, 'x')}`);
    const ic = newIc();
    const r = await submitComplaint(db, {
      fields: { ...validFields(), ic: `${ic.slice(0, 6)}-${ic.slice(6, 8)}-${ic.slice(8)}`, title: 'Slug sama untuk ujian artikel' },
      files: [],
      captchaToken: await solvedAltcha(),
      ip: ip(),
    });
    if (!r.ok) throw new Error('could not file');
    await expect(draftFromComplaint(db, { userId: writer.id }, r.number)).rejects.toMatchObject({ fieldErrors: { form: 'not_resolved' } });
    // Closed is a source too (no public reply: the solution starts empty and is completed in the editor).
    await changeStatus(db, { userId: writer.id, number: r.number, to: 'ditutup', reason: 'Selesai melalui telefon.' });
    const a = await draftFromComplaint(db, { userId: writer.id }, r.number);
    const [v1] = await db.select().from(kbArticleVersions).where(eq(kbArticleVersions.articleId, a.articleId));
    expect(v1.solution).toBe('');
    // An incomplete version cannot be published.
    const supervisor = await officer('penyelia', `Penyelia Kb ${uniq().replace(/\d/g, 'x')}`);
    await expect(publishVersion(db, { userId: supervisor.id }, a.articleId, 1)).rejects.toMatchObject({ fieldErrors: { form: 'incomplete' } });

    const ic2 = newIc();
    const r2 = await submitComplaint(db, {
      fields: { ...validFields(), ic: `${ic2.slice(0, 6)}-${ic2.slice(6, 8)}-${ic2.slice(8)}`, title: 'Slug sama untuk ujian artikel' },
      files: [],
      captchaToken: await solvedAltcha(),
      ip: ip(),
    });
    if (!r2.ok) throw new Error('could not file');
    await changeStatus(db, { userId: writer.id, number: r2.number, to: 'ditutup', reason: 'Selesai melalui telefon.' });
    const b = await draftFromComplaint(db, { userId: writer.id }, r2.number);
    const slugs = (await db.select({ slug: kbArticles.slug }).from(kbArticles).where(inArray(kbArticles.id, [a.articleId, b.articleId]))).map((s) => s.slug);
    expect(new Set(slugs).size).toBe(2);
    // Retire both so no draft is left for other files' lists.
    for (const id of [a.articleId, b.articleId]) await retireArticle(db, { userId: supervisor.id }, id);
  });
});
