import { expect, test, type Page } from '@playwright/test';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { closeDb, getDb } from '@/lib/db';
import { getAgencySettings, saveAgencySettings, type AgencySettings } from '@/lib/settings/agency';
import { AgencySettingsPage } from './pages/agency-settings-page';
import { noSeriousAxe, shot } from './pages/checks';
import { ConsolePages } from './pages/console-pages';

// The agency settings page (issue #11 item 7), on a desktop and a phone: organised in sections
// (the service levels and the working calendar linked from it), bad input answered beside its
// field in Malay with what was typed kept and nothing saved, and a logo uploaded here shown in the
// public header (and the console's) at once.

let original: AgencySettings;
test.beforeAll(async () => {
  original = await getAgencySettings(getDb());
});
test.afterAll(async () => {
  const [{ id }] = await getDb().execute<{ id: string }>(sql`select id from users where email = 'admin@localhost'`);
  await saveAgencySettings(getDb(), { userId: id }, { ...original, logo: null });
  await closeDb();
});

/** The logo as the browser drew it: loaded (through the CSP) and not a broken image; 0 until it has loaded, so read by polling. */
const drawnWidth = (page: Page, testId: string) => page.getByTestId(testId).evaluate((img) => (img as HTMLImageElement).naturalWidth);

test('an admin sets up the agency: errors beside the fields, a logo in the public header', async ({ page }, info) => {
  const project = info.project.name;
  await new ConsolePages(page).signIn('admin@localhost', 'e2e-admin-password-1');
  await page.getByRole('link', { name: 'Tetapan', exact: true }).click();
  const settings = new AgencySettingsPage(page);
  await expect(page.getByRole('heading', { name: 'Tetapan Agensi', level: 1 })).toBeVisible();

  // One place for everything an admin sets up: sections, and links to the pages that have their own.
  const sections = page.getByRole('navigation', { name: 'Bahagian tetapan' });
  for (const name of ['Butiran agensi', 'Logo', 'WhatsApp', 'Tempoh simpanan data', 'Tahap perkhidmatan', 'Hari bekerja dan cuti umum']) {
    await expect(sections.getByRole('link', { name, exact: true })).toBeVisible();
    await expect(page.getByRole('heading', { name, level: 2, exact: true })).toBeVisible();
  }
  await expect(page.getByRole('link', { name: 'Buka tetapan tahap perkhidmatan' })).toHaveAttribute('href', '/konsol/tahap-perkhidmatan');
  await expect(page.getByRole('link', { name: 'Buka hari bekerja dan cuti umum' })).toHaveAttribute('href', '/konsol/cuti');
  await expect(settings.retention().getByLabel('Tempoh simpanan data peribadi selepas aduan ditutup (bulan)')).toHaveAccessibleDescription(
    /pembersihan automatik data peribadi aduan yang telah ditutup belum dibina/,
  );
  await noSeriousAxe(page);
  await shot(page, 'agency-settings', project);

  // Bad input, section by section: each field says what is wrong, keeps what was typed, saves nothing.
  const email = settings.details().getByLabel('Email agensi');
  await email.fill('bukan-email');
  await settings.details().getByRole('button', { name: 'Simpan tetapan' }).click();
  await expect(email).toHaveAttribute('aria-invalid', 'true');
  await expect(email).toHaveAccessibleDescription('Alamat email tidak sah (contoh: nama@contoh.gov.my).');
  await expect(email).toHaveValue('bukan-email');

  const template = settings.whatsApp().getByLabel('Nama templat');
  await template.fill('Aduan Baru!');
  await settings.whatsApp().getByRole('button', { name: 'Simpan' }).click();
  await expect(settings.whatsApp().getByRole('status')).toHaveText('Sila betulkan medan yang ditandakan. Tiada apa-apa disimpan.');
  await expect(template).toHaveAccessibleDescription(/Nama templat tidak sah: huruf kecil, nombor dan garis bawah \(_\) sahaja\./);
  await expect(template).toHaveValue('Aduan Baru!');

  const months = settings.retention().getByLabel('Tempoh simpanan data peribadi selepas aduan ditutup (bulan)');
  await months.fill('3');
  await settings.retention().getByRole('button', { name: 'Simpan' }).click();
  await expect(months).toHaveAccessibleDescription(/Antara 6 dan 120 bulan\./);
  await expect(months).toHaveValue('3');

  await settings.uploadLogo('logo.png', 'image/png', Buffer.from('ini bukan imej'));
  const file = settings.logoForm().getByLabel('Fail logo (PNG atau JPEG)');
  await expect(file).toHaveAttribute('aria-invalid', 'true');
  await expect(file).toHaveAccessibleDescription(/Logo mesti imej PNG atau JPEG yang sah\./);

  const saved = await getAgencySettings(getDb());
  expect(saved).toEqual(original);
  await noSeriousAxe(page);
  await shot(page, 'agency-settings-errors', project);

  // Good input is saved.
  await months.fill('36');
  await settings.retention().getByRole('button', { name: 'Simpan' }).click();
  await expect(settings.retention().getByRole('status')).toHaveText('Disimpan.');
  expect((await getAgencySettings(getDb())).retentionMonths).toBe(36);

  // A logo: uploaded, shown here, in the console header and in the public header at once.
  const logo = await sharp({
    create: { width: 600, height: 200, channels: 4, background: { r: 255, g: 255, b: 255, alpha: 0 } },
  })
    .composite([{ input: await sharp({ create: { width: 180, height: 180, channels: 3, background: '#b45309' } }).png().toBuffer(), left: 10, top: 10 }])
    .png()
    .toBuffer();
  await settings.uploadLogo('logo-pkn.png', 'image/png', logo);
  await expect(settings.logoForm().getByRole('status')).toHaveText('Logo disimpan.');
  await expect(page.getByTestId('settings-logo')).toBeVisible();
  await expect.poll(() => drawnWidth(page, 'settings-logo')).toBeGreaterThan(0);
  await expect.poll(() => drawnWidth(page, 'console-logo')).toBeGreaterThan(0);
  await shot(page, 'agency-settings-logo', project);

  await page.goto('/');
  const header = page.getByRole('banner');
  await expect(header.getByRole('img', { name: `Logo ${original.name}` })).toBeVisible();
  await expect.poll(() => drawnWidth(page, 'agency-logo')).toBe(600);
  await noSeriousAxe(page);
  await shot(page, 'public-header-logo', project);

  // Removed: the public header shows the agency's name alone again.
  await settings.open();
  await settings.removeLogo();
  await expect(page.getByRole('form', { name: 'Buang logo agensi' })).toHaveCount(0);
  await expect(page.getByText('Tiada logo. Pengepala memaparkan nama agensi sahaja.')).toBeVisible();
  await page.goto('/');
  await expect(page.getByRole('banner').getByRole('img')).toHaveCount(0);
});
