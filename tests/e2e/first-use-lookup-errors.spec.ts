import { expect, test } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { submitComplaint } from '@/lib/complaints/submit';
import { closeDb, getDb } from '@/lib/db';
import { solvedAltcha } from '../support/captcha';
import { ConsolePages } from './pages/console-pages';
import { LookupPage } from './pages/lookup-pages';
import { noSeriousAxe, shot } from './pages/checks';

// First use on a shared office PC: the lookup shows only the current person's complaints, and
// "Tamatkan sesi semakan" ends access on that PC. An unknown address gets the helpdesk's own 404,
// in Malay and in English, with a way back.

/** A MyKad number of its own for each run (born in 1980, Kelantan), so a lookup finds only this run's complaints. */
const two = (n: number) => String(n).padStart(2, '0');
const random = (below: number) => Math.floor(Math.random() * below);
const freshIc = () => `80${two(1 + random(12))}${two(1 + random(28))}-03-${1000 + random(9000)}`;

async function file(ic: string, name: string, title: string) {
  const filed = await submitComplaint(getDb(), {
    fields: {
      submissionKey: randomUUID(), name, ic, ptj: 'Pejabat Tanah dan Jajahan Machang', phone: '013-222 3344',
      email: `kongsi-${Date.now()}@example.gov.my`, category: 'laporan', title,
      description: 'Laporan bulanan tidak dapat dijana daripada sistem sejak minggu lepas.', declaration: 'on',
    },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: '192.0.2.91',
  });
  if (!filed.ok) throw new Error('could not file the test complaint');
  return filed.number;
}

test.afterAll(async () => {
  await closeDb();
});

test('two people on one PC: each sees only their own lookup, and ending the session ends access', async ({ page }, info) => {
  const project = info.project.name;
  const icA = freshIc();
  const icB = freshIc();
  const first = await file(icA, 'Rosnah Binti Ismail', 'Laporan bulanan pertama');
  const lookup = new LookupPage(page);

  // Person A looks up their IC and sees their complaint.
  await lookup.open();
  await lookup.search(icA);
  await expect(lookup.result(first)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Tamatkan sesi semakan' })).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, 'shared-pc-1-first-person', project);

  // Person B, at the same PC, looks up an IC with no complaints: "none", and nothing of A's.
  await lookup.search(icB);
  await expect(page.getByText('Tiada aduan dijumpai bagi maklumat yang dimasukkan.')).toBeVisible();
  await expect(lookup.result(first)).toHaveCount(0);
  await shot(page, 'shared-pc-2-second-person-none', project);
  // …and A's complaint no longer opens in this browser.
  await page.goto(`/aduan/${first}`);
  await expect(page.getByRole('heading', { name: `Sejarah Aduan ${first}` })).toHaveCount(0);

  // Person B files, then looks up: only B's complaint is listed.
  const second = await file(icB, 'Zulkifli Bin Omar', 'Laporan bulanan kedua');
  await lookup.open();
  await lookup.search(icB);
  await expect(lookup.result(second)).toBeVisible();
  await expect(lookup.result(first)).toHaveCount(0);
  await shot(page, 'shared-pc-3-second-person-own', project);

  // B ends the session: the list goes, a message says so, and B's complaint no longer opens here.
  await page.getByRole('button', { name: 'Tamatkan sesi semakan' }).click();
  await expect(page.getByText('Sesi semakan telah ditamatkan.', { exact: false })).toBeVisible();
  await expect(lookup.result(second)).toHaveCount(0);
  expect((await page.context().cookies()).some((c) => c.name === 'aduan_akses' && c.value !== '')).toBe(false);
  await noSeriousAxe(page);
  await shot(page, 'shared-pc-4-session-ended', project);
  await page.goto(`/aduan/${second}`);
  await expect(page.getByRole('heading', { name: `Sejarah Aduan ${second}` })).toHaveCount(0);
});

test('an unknown address shows the helpdesk 404 in Malay and in English, with a way back', async ({ page }, info) => {
  const project = info.project.name;
  const res = await page.goto('/tiada-halaman-sebegini');
  expect(res?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1, name: 'Halaman Tidak Dijumpai' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'ms');
  await noSeriousAxe(page);
  await shot(page, 'not-found-ms', project);
  await expect(page.getByRole('link', { name: 'Semak aduan' })).toHaveAttribute('href', '/semakan');
  await page.getByRole('link', { name: 'Kembali ke laman utama' }).click();
  await expect(page).toHaveURL(/\/$/);

  await page.context().addCookies([{ name: 'NEXT_LOCALE', value: 'en', url: page.url() }]);
  await page.goto('/no-such-page-here');
  await expect(page.getByRole('heading', { level: 1, name: 'Page Not Found' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('link', { name: 'Back to the home page' })).toHaveAttribute('href', '/');
  await noSeriousAxe(page);
  await shot(page, 'not-found-en', project);
});

test('the audit log reads in words, with dd-MM-yyyy date filters that say when a date is wrong', async ({ page }, info) => {
  const project = info.project.name;
  const number = await file(freshIc(), 'Hasnah Binti Yusof', 'Laporan audit dibaca');
  await new ConsolePages(page).signIn('admin@localhost', 'e2e-admin-password-1');
  await page.goto(`/konsol/aduan/${number}`); // audited as complaint.view
  await page.goto(`/konsol/audit?target=${number}`);
  const row = page.getByRole('row').filter({ hasText: 'Membuka aduan' });
  await expect(row).toHaveCount(1);
  await expect(row.getByRole('link', { name: `Aduan ${number}` })).toHaveAttribute('href', `/konsol/aduan/${number}`);
  await expect(page.getByRole('row').filter({ hasText: 'Menghantar aduan' }).getByRole('cell', { name: 'Pengadu', exact: true })).toBeVisible();

  // Dates are typed dd-MM-yyyy (a text box, not the browser's mm/dd/yyyy); a wrong one is named beside the field.
  const from = page.getByLabel('Dari', { exact: true });
  await expect(from).toHaveAttribute('type', 'text');
  await from.fill('31-02-2026');
  await page.getByRole('button', { name: 'Tapis' }).click();
  await expect(page.getByText('Tarikh tidak sah. Gunakan format hh-bb-tttt', { exact: false })).toBeVisible();
  await expect(page.getByLabel('Dari', { exact: true })).toHaveValue('31-02-2026');
  await expect(page.getByLabel('No Aduan', { exact: true })).toHaveValue(number);
  await noSeriousAxe(page);
  await shot(page, 'audit-log-bad-date', project);

  // The queue's date filters are the same control.
  await page.goto('/konsol?from=01-01-2020');
  await expect(page.getByLabel('Dari', { exact: true })).toHaveValue('01-01-2020');
  await expect(page.getByText('Format hh-bb-tttt, contoh 05-03-2026').first()).toBeVisible();
  await shot(page, 'queue-date-filter', project);
});
