import { randomInt, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { submitComplaint } from '@/lib/complaints/submit';
import { closeDb, getDb } from '@/lib/db';
import { solvedAltcha } from '../support/captcha';
import { noSeriousAxe, shot } from './pages/checks';
import { ConsolePages } from './pages/console-pages';

// PDPA (issue 15, item 8), console (desktop only): the admin's access request. A bad IC number is
// answered in Malay beside its field with what was typed kept; a good one lists the person's
// complaints and downloads everything held as one JSON file.

test.afterAll(async () => {
  await closeDb();
});

test('an admin answers an access request: a bad IC beside its field, then the person\'s complaints and a JSON file', async ({ page }, info) => {
  const project = info.project.name;
  const ic = `7707070${randomInt(1, 10)}${String(randomInt(0, 10_000)).padStart(4, '0')}`;
  const filed = await submitComplaint(getDb(), {
    fields: {
      submissionKey: randomUUID(), name: 'Zainab Binti Omar', ic, ptj: 'Perbendaharaan Negeri Kelantan', phone: '012-555 1212',
      email: `privasi-${randomUUID().slice(0, 8)}@example.gov.my`, category: 'laporan', title: 'Laporan tidak dapat dicetak',
      description: 'Laporan penyata pemungut tidak dapat dicetak sejak minggu lepas.', declaration: 'on',
    },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: `10.226.9.${randomInt(1, 250)}`,
  });
  if (!filed.ok) throw new Error('could not file the test complaint');
  await new ConsolePages(page).signIn('admin@localhost', 'e2e-admin-password-1');
  await page.getByRole('link', { name: 'Privasi', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Privasi (PDPA)', level: 1 })).toBeVisible();

  const form = page.getByRole('form', { name: 'Cari data peribadi mengikut nombor kad pengenalan' });
  await form.getByLabel('No. kad pengenalan (MyKad)').fill('12345');
  await form.getByRole('button', { name: 'Cari' }).click();
  await expect(form.getByText('No Kad Pengenalan mesti 12 digit (contoh: 880101-03-5123).')).toBeVisible();
  await expect(form.getByLabel('No. kad pengenalan (MyKad)')).toHaveValue('12345');
  await expect(form.getByLabel('No. kad pengenalan (MyKad)')).toHaveAttribute('aria-invalid', 'true');
  await noSeriousAxe(page);
  await shot(page, 'privacy-03-console-bad-ic', project);

  await form.getByLabel('No. kad pengenalan (MyKad)').fill(ic);
  await form.getByRole('button', { name: 'Cari' }).click();
  await expect(page.getByTestId('privacy-result')).toBeVisible();
  await expect(page.getByText('1 aduan dijumpai.')).toBeVisible();
  await expect(page.getByTestId('privacy-complaint')).toContainText(filed.number);
  const download = page.waitForEvent('download');
  await page.getByTestId('privacy-download').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('permintaan-akses.json');
  const json = JSON.parse(fs.readFileSync(await file.path(), 'utf8')) as { format: string; ic: string; complaints: { number: string }[] };
  expect(json).toMatchObject({ format: 'helpdesk-ispeks-access-request/1', ic: `${ic.slice(0, 6)}-${ic.slice(6, 8)}-${ic.slice(8)}` });
  expect(json.complaints.map((c) => c.number)).toEqual([filed.number]);
  await noSeriousAxe(page);
  await shot(page, 'privacy-04-console-result', project);
});
