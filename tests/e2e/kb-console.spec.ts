import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { changeStatus } from '@/lib/complaints/officer-actions';
import { closeDb, getDb } from '@/lib/db';
import { createStaffUser } from '@/lib/staff/users';
import { insertArticle, removeArticles } from '../support/kb-fixtures';
import { noSeriousAxe, shot } from './pages/checks';
import { file } from './pages/console-first-use';
import { ConsolePages } from './pages/console-pages';

// For officers (issue #12 item 3): a complaint's console page shows similar resolved complaints
// and related published articles, so the same problem gets the same answer. Desktop only.

let article: { id: number; slug: string };

test.afterAll(async () => {
  if (article) await removeArticles(getDb(), [article.id]);
  await closeDb();
});

test('a complaint\'s page lists similar resolved complaints (not open ones) and related Soalan Lazim articles', async ({ page }, info) => {
  const stamp = randomUUID().slice(0, 8);
  const email = `kb-${stamp}@pkn.local`;
  const officer = await createStaffUser(getDb(), { name: 'Wan Nurul Huda Binti Wan Ismail', email, role: 'penyelia', password: 'kata-laluan-ujian-123' });
  article = await insertArticle(getDb(), {
    title: 'Baucar bayaran tidak dapat dipos ke lejar',
    keywords: 'baucar, lejar, pos',
    problem: 'Baucar bayaran gagal dipos ke lejar am.',
    solution: 'Semak tempoh perakaunan dan kod vot, kemudian pos semula.',
  });
  const solved = await file({ name: 'Ahmad Zaki Bin Omar', title: 'Baucar bayaran gagal dipos ke lejar' });
  for (const to of ['dalam_tindakan', 'selesai'] as const) await changeStatus(getDb(), { userId: officer.id, number: solved.number, to });
  const open = await file({ name: 'Rohani Binti Yusof', title: 'Baucar bayaran tidak dipos ke lejar lagi' });
  const current = await file({ name: 'Faridah Binti Hassan', title: 'Tidak dapat pos baucar bayaran ke lejar' });

  await new ConsolePages(page).signIn(email, 'kata-laluan-ujian-123');
  await page.goto(`/konsol/aduan/${current.number}`);
  const similar = page.getByTestId('similar-complaints');
  await expect(similar.getByRole('heading', { name: 'Aduan serupa yang telah diselesaikan' })).toBeVisible();
  await expect(similar.getByRole('link', { name: solved.number })).toHaveAttribute('href', `/konsol/aduan/${solved.number}`);
  await expect(similar).toContainText('Selesai');
  await expect(similar).not.toContainText(open.number);
  await expect(similar).not.toContainText(current.number);
  await expect(page.getByTestId('related-articles').locator(`a[href="/soalan-lazim/${article.slug}"]`)).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, '75-kb-console-similar', info.project.name);
});
