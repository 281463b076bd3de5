import { expect, test } from '@playwright/test';
import { sql } from 'drizzle-orm';
import { closeDb, getDb } from '@/lib/db';
import { file } from './pages/console-first-use';
import { noSeriousAxe, shot } from './pages/checks';

// The public service statistics, reached from the footer: a chart with its table per month and a
// table per category, small counts shown as "< 5", nothing personal; on screen and in print.

test.afterAll(async () => {
  await closeDb();
});

test('anyone opens the service statistics from the footer', async ({ page }, info) => {
  const project = info.project.name;
  const name = 'Tengku Amirul Bin Tengku Hassan';
  await file({ name, title: `Statistik awam ${Date.now()}` });
  // Figures are kept for an hour: start from fresh ones.
  await getDb().execute(sql`delete from report_cache where key = 'public-statistics'`);
  await page.goto('/');
  await page.getByRole('link', { name: 'Statistik perkhidmatan' }).click();
  await expect(page).toHaveURL(/\/statistik$/);
  await expect(page.getByRole('heading', { name: 'Statistik Perkhidmatan Aduan', level: 1 })).toBeVisible();
  await expect(page.locator('[role="img"][aria-label^="Carta:"] svg')).toBeVisible();
  const months = page.getByTestId('stat-months-table');
  await expect(months.getByRole('row')).toHaveCount(13);
  // Every count is a number of at least 5, or "< 5".
  for (const cell of await months.getByRole('cell').allInnerTexts()) expect(cell.trim()).toMatch(/^(< 5|\d{1,3}([.,]\d{3})*)$/);
  await expect(page.getByTestId('stat-categories-table')).toBeVisible();
  await expect(page.locator('body')).not.toContainText(name);
  await noSeriousAxe(page);
  await shot(page, '82-statistics', project);
  await page.emulateMedia({ media: 'print' });
  await shot(page, '83-statistics-print', project);
  await page.emulateMedia({ media: 'screen' });
});
