import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { addPublicReply } from '@/lib/complaints/officer-actions';
import { submitComplaint } from '@/lib/complaints/submit';
import { closeDb, getDb } from '@/lib/db';
import { kbArticles, kbArticleVersions } from '@/lib/db/schema';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from '../support/captcha';
import { noSeriousAxe, shot } from './pages/checks';
import { ConsolePages } from './pages/console-pages';

// Knowledge-base authoring (desktop only): an officer drafts an article from a resolved complaint
// whose text holds personal data, sees what was removed, pastes an IC number back in and sees it
// removed again on saving; a supervisor publishes that version and then retires the article.

const PASSWORD = 'kata-laluan-pelayar-kb-1';

test.afterAll(async () => {
  await closeDb();
});

test('an officer drafts an FAQ article without personal data; a supervisor publishes and retires it', async ({ page }, info) => {
  test.setTimeout(150_000);
  const project = info.project.name;
  const db = getDb();
  const stamp = randomUUID().slice(0, 8);
  const officer = await createStaffUser(db, { name: 'Rohana Kassim', email: `kb-pegawai-${stamp}@pkn.local`, role: 'pegawai', password: PASSWORD });
  await createStaffUser(db, { name: 'Penyelia Soalan Lazim', email: `kb-penyelia-${stamp}@pkn.local`, role: 'penyelia', password: PASSWORD });
  const email = `zainab.${stamp}@kelantan.gov.my`;
  const filed = await submitComplaint(db, {
    fields: {
      submissionKey: randomUUID(), name: 'Zainab binti Hussin', ic: '830318-03-5432', ptj: 'Perbendaharaan Negeri Kelantan',
      phone: '019-998 8776', email, category: 'laporan', title: 'Cetakan EFT gagal untuk kelompok Mac',
      description: `Saya Zainab binti Hussin (830318-03-5432). EFT kelompok 2026-03 gagal dijana. Hubungi 019-998 8776 atau ${email}. Sama seperti PKN260318090000050.`,
      declaration: 'on',
    },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: '10.221.200.1',
  });
  if (!filed.ok) throw new Error('could not file');
  await addPublicReply(db, { userId: officer.id, number: filed.number, status: 'selesai', body: 'Puan Zainab, sila jana semula fail EFT selepas jam 5 petang. Rohana Kassim' });

  const consolePages = new ConsolePages(page);
  await consolePages.signIn(`kb-pegawai-${stamp}@pkn.local`, PASSWORD);
  await page.goto(`/konsol/aduan/${filed.number}`);
  await expect(page.getByRole('button', { name: 'Tulis artikel Soalan Lazim' })).toBeVisible();
  await shot(page, 'kb-00-complaint', project);
  await page.getByRole('button', { name: 'Tulis artikel Soalan Lazim' }).click();
  await expect(page).toHaveURL(/\/konsol\/soalan-lazim\/\d+$/);
  const articleId = Number(new URL(page.url()).pathname.split('/').pop());

  // What was removed from the complaint's text, and the redacted text in the editor.
  await expect(page.getByTestId('kb-latest-removed')).toHaveText(/^Versi 1: Maklumat peribadi dibuang: 3 nama, 1 no\. KP, 1 no\. telefon, 1 emel, 1 no\. aduan\.$/);
  const editor = page.getByRole('form', { name: 'Sunting artikel' });
  await expect(editor.getByLabel('Masalah')).toHaveValue(/Saya \[NAMA\] \(\[NO\. KP\]\)\. EFT kelompok 2026-03 gagal dijana/);
  await expect(editor.getByLabel('Penyelesaian')).toHaveValue('Puan [NAMA], sila jana semula fail EFT selepas jam 5 petang. [NAMA]');
  await noSeriousAxe(page);
  await shot(page, 'kb-01-draft', project);

  // Pasted back: removed again on saving, and said so.
  await editor.getByLabel('Tajuk').fill('Cetakan EFT gagal dijana');
  await editor.getByLabel('Penyelesaian').fill('Jana semula fail EFT selepas jam 5 petang. Jika masih gagal, sertakan no. KP 830318-03-5432 dalam aduan baharu.');
  await editor.getByLabel('Kata kunci').fill('EFT, kelompok, cetakan');
  await editor.getByRole('button', { name: 'Simpan versi baharu' }).click();
  await expect(editor.getByRole('status')).toContainText('Versi 2 disimpan.');
  await expect(editor.getByTestId('kb-removed')).toHaveText('Maklumat peribadi dibuang: 1 no. KP.');
  await expect(editor.getByLabel('Penyelesaian')).toHaveValue(/sertakan no\. KP \[NO\. KP\] dalam aduan baharu/);
  await expect(page.getByText('Hanya penyelia boleh menerbitkan atau menarik balik artikel.')).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, 'kb-02-saved', project);
  const versions = await db.select().from(kbArticleVersions).where(eq(kbArticleVersions.articleId, articleId));
  expect(versions).toHaveLength(2);
  for (const secret of ['830318', 'Zainab', 'Hussin', '019-998', email, 'PKN260318090000050', filed.number, 'Rohana']) expect(JSON.stringify(versions)).not.toContain(secret);

  await consolePages.signOut();
  await consolePages.signIn(`kb-penyelia-${stamp}@pkn.local`, PASSWORD);
  await page.getByRole('link', { name: 'Soalan Lazim', exact: true }).click();
  await page.getByRole('link', { name: 'Menunggu terbitan' }).click();
  await expect(page.getByRole('link', { name: 'Cetakan EFT gagal dijana' })).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, 'kb-03-list', project);
  await page.getByRole('link', { name: 'Cetakan EFT gagal dijana' }).click();
  await page.getByRole('button', { name: 'Terbitkan versi 2' }).click();
  // The version's publish button gives way to the mark of the public text.
  await expect(page.getByTestId('kb-status')).toHaveText('Diterbitkan');
  await expect(page.getByTestId('kb-version').filter({ hasText: 'Versi 2,' })).toContainText('Teks awam semasa');
  let [row] = await db.select().from(kbArticles).where(eq(kbArticles.id, articleId));
  expect(row).toMatchObject({ status: 'published', publishedVersion: 2, title: 'Cetakan EFT gagal dijana', keywords: 'EFT, kelompok, cetakan' });
  await noSeriousAxe(page);
  await shot(page, 'kb-04-published', project);

  await page.getByRole('button', { name: 'Tarik balik artikel' }).click();
  await expect(page.getByTestId('kb-status')).toHaveText('Ditarik balik');
  [row] = await db.select().from(kbArticles).where(eq(kbArticles.id, articleId));
  expect(row.status).toBe('retired');
  await shot(page, 'kb-05-retired', project);
});
