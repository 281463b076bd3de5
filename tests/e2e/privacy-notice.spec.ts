import { expect, test } from '@playwright/test';
import { noSeriousAxe, shot } from './pages/checks';

// PDPA (issue 15, item 8): the privacy notice in Malay and English, reached from the form near the
// declaration and from the footer. Public: both viewports.

test('the privacy notice is linked from the form and the footer, in Malay and English', async ({ page }, info) => {
  const project = info.project.name;
  await page.goto('/');
  await page.getByTestId('privacy-notice-link').click();
  await expect(page).toHaveURL(/\/privasi$/);
  await expect(page.getByRole('heading', { name: 'Notis Perlindungan Data Peribadi', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Hak akses dan pembetulan' })).toBeVisible();
  await expect(page.getByText(/bulan selepas aduan ditutup/)).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, 'privacy-01-notice-ms', project);

  await page.getByRole('button', { name: 'Tukar bahasa ke English' }).click();
  await expect(page.getByRole('heading', { name: 'Personal Data Protection Notice', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Your rights of access and correction' })).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, 'privacy-02-notice-en', project);

  // Back to Malay for the other specs; the footer link leads here too.
  await page.getByRole('button', { name: 'Tukar bahasa ke Bahasa Melayu' }).click();
  await expect(page.getByRole('heading', { name: 'Notis Perlindungan Data Peribadi', level: 1 })).toBeVisible();
  await page.goto('/semakan');
  await page.getByRole('contentinfo').getByRole('link', { name: 'Notis Perlindungan Data Peribadi' }).click();
  await expect(page.getByRole('heading', { name: 'Notis Perlindungan Data Peribadi', level: 1 })).toBeVisible();
});
