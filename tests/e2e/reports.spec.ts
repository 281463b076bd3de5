import { expect, test } from '@playwright/test';
import { malaysiaDay } from '@/lib/calendar/days';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { closeDb } from '@/lib/db';
import { file, signedInOfficer } from './pages/console-first-use';
import { noSeriousAxe, shot } from './pages/checks';

// The report page as a supervisor uses it (desktop only: reports are read at a desk): every
// section with its chart (an image with a name) and its table, a bad date answered beside the
// field with the form kept, the A4 print view, and an XLSX download.

test.afterAll(async () => {
  await closeDb();
});

test('a supervisor reads this month\'s report, prints it and downloads it', async ({ page }, info) => {
  const project = info.project.name;
  await file({ name: 'Wan Nurul Ain Binti Wan Ismail', title: `=HYPERLINK("x") laporan ${Date.now()}` });
  await file({ name: 'Ahmad Faizal Bin Yusoff', title: `Baucar tidak dapat dipos ${Date.now()}` });
  await signedInOfficer(page, 'penyelia', 'Penyelia Laporan');
  await page.getByRole('link', { name: 'Laporan', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Laporan Aduan', level: 1 })).toBeVisible();
  for (const section of ['summary', 'perDay', 'byCategory', 'byPtj', 'byStatus', 'times', 'compliance', 'aging', 'officers', 'deflections']) {
    await expect(page.getByTestId(`report-${section}`)).toBeVisible();
  }
  const received = page.getByTestId('report-summary').getByRole('row', { name: /Aduan diterima/ });
  await expect(received).toBeVisible();
  expect(Number((await received.getByRole('cell').first().innerText()).replace(/\D/g, ''))).toBeGreaterThanOrEqual(2);
  const chart = '[role="img"][aria-label^="Carta:"]';
  const charts = page.locator(chart);
  expect(await charts.count()).toBeGreaterThanOrEqual(5);
  await expect(charts.first().locator('svg')).toBeVisible();
  await expect(page.getByTestId('report-perDay').locator(chart)).toHaveCount(1);
  await noSeriousAxe(page);
  await shot(page, '80-report-page', project);

  // A bad end date: the message beside the field, what was typed kept.
  await page.getByLabel('Hingga').fill('01-01-2020');
  await page.getByRole('button', { name: 'Papar laporan' }).click();
  await expect(page.getByTestId('report-range-error')).toHaveText('Tarikh akhir mesti sama atau selepas tarikh mula.');
  await expect(page.getByLabel('Hingga')).toHaveValue('01-01-2020');
  await noSeriousAxe(page);

  // The XLSX download.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /XLSX/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^laporan-aduan-.*\.xlsx$/);

  // The print view, on screen and as printed (A4 width).
  await page.getByTestId('report-print-link').click();
  await expect(page.getByTestId('report-print')).toBeVisible();
  await noSeriousAxe(page);
  await page.setViewportSize({ width: 794, height: 1123 });
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('signed-in-as')).toBeHidden();
  await expect(page.getByRole('button', { name: 'Cetak' })).toBeHidden();
  await shot(page, '81-report-print', project);
  await page.emulateMedia({ media: 'screen' });

  // A year: the daily chart would be 365 hairlines, so the note says to read the weekly and monthly
  // charts; the table still holds every day.
  const today = new Date();
  const day = (d: Date) => formatDisplayDay(malaysiaDay(d));
  await page.goto(`/konsol/laporan?from=${day(new Date(today.getTime() - 364 * 86_400_000))}&to=${day(today)}`);
  const perDay = page.getByTestId('report-perDay');
  await expect(perDay.getByTestId('report-perDay-no-chart')).toBeVisible();
  await expect(perDay.locator(chart)).toHaveCount(0);
  await expect(perDay.locator('tbody tr')).toHaveCount(365);
  await expect(perDay.locator('tbody tr').first()).toBeHidden(); // folded until asked for
  await perDay.getByText('Papar jadual harian (365 hari)').click();
  await expect(perDay.locator('tbody tr').first()).toBeVisible();
  await expect(page.getByTestId('report-perWeek').locator(chart)).toHaveCount(1);
  await noSeriousAxe(page);
  await page.getByText('Papar jadual harian (365 hari)').click(); // folded again for the picture
  await shot(page, '82-report-year', project);
});
