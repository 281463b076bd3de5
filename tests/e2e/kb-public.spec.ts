import { expect, test } from '@playwright/test';
import { and, eq } from 'drizzle-orm';
import { closeDb, getDb } from '@/lib/db';
import { kbDeflections } from '@/lib/db/schema';
import { insertArticle, removeArticles } from '../support/kb-fixtures';
import { noSeriousAxe, shot } from './pages/checks';

// The public knowledge base (issue #12): while a complainant types a title close to a published
// article, the form suggests it after one pause in typing, and "Ini menyelesaikan masalah saya" is
// counted; /soalan-lazim finds an article by a misspelt word. Each project has its own article
// (the counts are per article), removed after.

let article: { id: number; slug: string };
let draft: { id: number; slug: string };

test.beforeAll(async () => {
  article = await insertArticle(getDb(), {
    title: 'Baucar gaji tidak dapat dijana',
    keywords: 'baucar, gaji, ebaucar',
    problem: 'Semasa menjana baucar gaji bulanan, sistem memaparkan ralat tempoh perakaunan.',
    solution: 'Pastikan tempoh perakaunan bulan semasa telah dibuka oleh penyelia, kemudian jana semula baucar melalui menu Pembayaran.',
  });
  draft = await insertArticle(getDb(), { status: 'draft', title: 'Baucar gaji draf belum terbit', problem: 'Draf.', solution: 'Draf.' });
});

test.afterAll(async () => {
  await removeArticles(getDb(), [article.id, draft.id]);
  await closeDb();
});

const deflections = async (source: 'faq' | 'form') =>
  (await getDb().select({ id: kbDeflections.id }).from(kbDeflections).where(and(eq(kbDeflections.articleId, article.id), eq(kbDeflections.source, source)))).length;

test('typing a title close to a published article suggests it after one pause; "Ini menyelesaikan masalah saya" is counted', async ({ page }, info) => {
  const project = info.project.name;
  const asked: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/v1/soalan-lazim/cadangan')) asked.push(new URL(r.url()).searchParams.get('q') ?? '');
  });
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Semak Soalan Lazim dahulu' })).toHaveAttribute('href', '/soalan-lazim');
  const title = page.getByLabel('Tajuk Aduan');
  // Keys faster than the pause: the request goes once typing stops, for the whole title (a busy
  // machine may pause mid-word too, but never once per key).
  const typedTitle = 'Tak boleh jana baucer gaji';
  await title.pressSequentially(typedTitle, { delay: 40 });
  const suggestions = page.getByTestId('kb-suggestions');
  await expect(suggestions.getByRole('heading', { name: 'Mungkin ini penyelesaian anda' })).toBeVisible();
  await expect(suggestions.getByText('Baucar gaji tidak dapat dijana').first()).toBeVisible();
  expect(asked.at(-1)).toBe(typedTitle);
  expect(asked.length).toBeLessThan(typedTitle.length / 3);
  await expect(suggestions).not.toContainText('draf belum terbit');
  await noSeriousAxe(page);
  await shot(page, '70-kb-form-suggestions', project);

  await page.getByTestId(`solved-${article.slug}`).click();
  await expect(suggestions.getByRole('status').filter({ hasText: 'Terima kasih!' })).toContainText('Anda tidak perlu menghantar aduan.');
  await expect.poll(() => deflections('form')).toBe(1);
  // Nothing typed is lost.
  await expect(title).toHaveValue('Tak boleh jana baucer gaji');
  await shot(page, '71-kb-form-thanked', project);

  // The same browser does not count the same article twice (a new page, the cookie remembers).
  await page.reload();
  await page.getByLabel('Tajuk Aduan').pressSequentially('baucer gaji dijana', { delay: 40 });
  await page.getByTestId(`solved-${article.slug}`).click();
  await expect(page.getByText('Terima kasih!')).toBeVisible();
  expect(await deflections('form')).toBe(1);
});

test('searching /soalan-lazim for a misspelt word finds its article, whose page counts "Ini menyelesaikan masalah saya"', async ({ page }, info) => {
  const project = info.project.name;
  await page.goto('/');
  await page.getByRole('navigation', { name: 'Utama' }).getByRole('link', { name: 'Soalan Lazim' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Soalan Lazim' })).toBeVisible();
  await shot(page, '72-kb-list', project);
  await page.getByLabel('Cari dalam Soalan Lazim').fill('baucer');
  await page.getByRole('button', { name: 'Cari' }).click();
  await expect(page).toHaveURL(/\/soalan-lazim\?q=baucer/);
  const hit = page.getByTestId('faq-results').locator(`a[href="/soalan-lazim/${article.slug}"]`);
  await expect(hit).toHaveText('Baucar gaji tidak dapat dijana');
  await expect(page.getByTestId('faq-results')).not.toContainText('draf belum terbit');
  await noSeriousAxe(page);
  await shot(page, '73-kb-search-misspelt', project);

  await hit.click();
  await expect(page.getByRole('heading', { level: 1, name: 'Baucar gaji tidak dapat dijana' })).toBeVisible();
  await expect(page.getByTestId('faq-updated')).toHaveText(/^\d{2}-\d{2}-\d{4}$/);
  await page.getByRole('button', { name: 'Ini menyelesaikan masalah saya' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Terima kasih!' })).toBeVisible();
  await expect.poll(() => deflections('faq')).toBe(1);
  await noSeriousAxe(page);
  await shot(page, '74-kb-article', project);

  // A draft has no public page.
  const res = await page.goto(`/soalan-lazim/${draft.slug}`);
  expect(res?.status()).toBe(404);
});
