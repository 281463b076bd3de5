import { expect, test, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { closeDb, getDb } from '@/lib/db';
import { createStaffUser } from '@/lib/staff/users';
import { fakeResendClient } from '../support/fake-resend';
import { noSeriousAxe, shot } from './pages/checks';
import { ConsolePages } from './pages/console-pages';

// Staff accounts, whole life (issue 11), on the desktop only (the phone project leaves this file
// out; one phone-sized screenshot is taken here): an admin invites an officer, the officer sets a
// password from the emailed link (a common one refused first, in Malay, beside the field) and
// signs in; "Lupa kata laluan" sends a link that works once.

const resend = () => fakeResendClient(process.env.FAKE_RESEND_URL!);

test.afterAll(async () => {
  await closeDb();
});

test.setTimeout(180_000);

/** The set-password link in the newest email to `to` whose subject starts with `subject`. */
async function passwordLink(to: string, subject: string): Promise<string> {
  const matching = async () => (await resend().emails()).emails.filter((e) => e.to[0] === to && e.subject.startsWith(subject));
  await expect.poll(async () => (await matching()).length, { timeout: 30_000 }).toBeGreaterThan(0);
  const email = (await matching()).at(-1)!;
  return email.html!.match(/href="(http:\/\/localhost:\d+\/konsol\/kata-laluan\/[A-Za-z0-9_-]{43})"/)![1];
}

async function setPassword(page: Page, password: string, confirm = password) {
  await page.getByLabel('Kata laluan baharu', { exact: true }).fill(password);
  await page.getByLabel('Sahkan kata laluan', { exact: true }).fill(confirm);
  await page.getByRole('button', { name: 'Tetapkan kata laluan' }).click();
}

test('an admin invites an officer, who sets a password from the emailed link and signs in; forgot-password works once', async ({ page, browser }, info) => {
  const project = info.project.name;
  const email = `jemputan-${randomUUID().slice(0, 8)}@pkn.local`;
  const name = 'Nur Aisyah Binti Kamaruddin';

  // The admin invites: name, email, role; no password field anywhere.
  await new ConsolePages(page).signIn('admin@localhost', 'e2e-admin-password-1');
  await page.goto('/konsol/pegawai');
  const invite = page.getByRole('form', { name: 'Jemput pegawai' });
  await expect(invite.locator('input[type="password"]')).toHaveCount(0);
  await invite.getByLabel('Nama').fill(name);
  await invite.getByLabel('Email').fill(email);
  await invite.getByLabel('Peranan').selectOption('pegawai');
  await invite.getByRole('button', { name: 'Hantar jemputan' }).click();
  await expect(invite.getByRole('status')).toHaveText(`Jemputan telah dihantar kepada ${email}.`);
  const row = page.getByRole('listitem').filter({ hasText: email });
  await expect(row).toContainText('Jemputan belum diterima');
  await expect(row.getByRole('button', { name: 'Hantar semula jemputan' })).toBeVisible();
  await noSeriousAxe(page);
  await shot(page, '60-staff-invite', project);

  // The officer, in their own browser, opens the link from the email.
  const officer = await (await browser.newContext()).newPage();
  const inviteLink = await passwordLink(email, 'Jemputan ke konsol pegawai');
  await officer.goto(inviteLink);
  await expect(officer.getByRole('heading', { name: 'Tetapkan kata laluan' })).toBeVisible();
  await expect(officer.getByText(`Akaun: ${name} (${email})`)).toBeVisible();
  await noSeriousAxe(officer);
  await shot(officer, '61-set-password', project);

  // A common password is refused beside its field, in Malay; nothing is spent.
  await setPassword(officer, 'password1234');
  await expect(officer.locator('#pw-password-error')).toContainText('Kata laluan ini terlalu biasa dan mudah diteka.');
  await expect(officer.getByLabel('Kata laluan baharu', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await noSeriousAxe(officer);
  await shot(officer, '62-set-password-refused', project);
  await officer.setViewportSize({ width: 390, height: 844 });
  await shot(officer, '62-set-password-refused-phone', project);
  await officer.setViewportSize({ width: 1280, height: 900 });

  await setPassword(officer, 'kopi-pagi-jumaat');
  await expect(officer).toHaveURL(/\/konsol\/log-masuk\?notis=kata-laluan-ditetapkan/);
  await expect(officer.getByRole('status').filter({ hasText: 'Kata laluan telah ditetapkan. Sila log masuk.' })).toBeVisible();
  await new ConsolePages(officer).signIn(email, 'kopi-pagi-jumaat');

  // The invitation link was single use.
  const stranger = await (await browser.newContext()).newPage();
  await stranger.goto(inviteLink);
  await expect(stranger.getByRole('heading', { name: 'Pautan tidak sah' })).toBeVisible();

  // Forgot password, from the sign-in page: the same sentence for any email.
  await stranger.goto('/konsol/log-masuk');
  await stranger.getByRole('link', { name: 'Lupa kata laluan?' }).click();
  await expect(stranger).toHaveURL(/\/konsol\/lupa-kata-laluan$/);
  await noSeriousAxe(stranger);
  await stranger.getByLabel('Emel').fill(`tiada-${randomUUID().slice(0, 8)}@pkn.local`);
  await stranger.getByRole('button', { name: 'Hantar pautan' }).click();
  const sent = stranger.getByRole('status').filter({ hasText: 'Jika emel ini berdaftar, pautan telah dihantar.' });
  await expect(sent).toBeVisible();
  await stranger.reload();
  await stranger.getByLabel('Emel').fill(email);
  await stranger.getByRole('button', { name: 'Hantar pautan' }).click();
  await expect(sent).toBeVisible();
  await noSeriousAxe(stranger);
  await shot(stranger, '63-forgot-password', project);
  await stranger.setViewportSize({ width: 390, height: 844 });
  await shot(stranger, '63-forgot-password-phone', project);
  await stranger.setViewportSize({ width: 1280, height: 900 });

  const resetLink = await passwordLink(email, 'Tetapkan semula kata laluan');
  await stranger.goto(resetLink);
  await expect(stranger.getByRole('heading', { name: 'Tetapkan kata laluan baharu' })).toBeVisible();
  await setPassword(stranger, 'teh-tarik-kurang-manis');
  await expect(stranger).toHaveURL(/notis=kata-laluan-ditetapkan/);

  // The officer's session from before the reset has ended; the new password opens the console.
  await officer.goto('/konsol');
  await expect(officer).toHaveURL(/\/konsol\/log-masuk/);
  await new ConsolePages(officer).signIn(email, 'teh-tarik-kurang-manis');

  // The reset link fails the second time.
  await stranger.goto(resetLink);
  await expect(stranger.getByRole('heading', { name: 'Pautan tidak sah' })).toBeVisible();
  await noSeriousAxe(stranger);
  await shot(stranger, '64-link-used', project);
});

test('an officer changes their own password on the account page; the session ends and the new password signs in', async ({ page }, info) => {
  const project = info.project.name;
  const email = `tukar-${randomUUID().slice(0, 8)}@pkn.local`;
  await createStaffUser(getDb(), { name: 'Che Rosnah Binti Che Mat', email, role: 'pegawai', password: 'kata-laluan-ujian-123' });
  await new ConsolePages(page).signIn(email, 'kata-laluan-ujian-123');
  await page.goto('/konsol/akaun');
  const form = page.getByRole('form', { name: 'Tukar kata laluan' });
  await form.getByLabel('Kata laluan semasa').fill('salah-kata-laluan-9');
  await form.getByLabel('Kata laluan baharu', { exact: true }).fill('nasi-kerabu-biru');
  await form.getByLabel('Sahkan kata laluan baharu').fill('nasi-kerabu-biru');
  await form.getByRole('button', { name: 'Tukar kata laluan' }).click();
  await expect(form.locator('#pw-current-error')).toContainText('Kata laluan semasa salah.');
  await noSeriousAxe(page);
  await shot(page, '65-change-password-refused', project);
  await form.getByLabel('Kata laluan semasa').fill('kata-laluan-ujian-123');
  await form.getByRole('button', { name: 'Tukar kata laluan' }).click();
  await expect(page).toHaveURL(/\/konsol\/log-masuk\?notis=kata-laluan-ditukar/);
  await expect(page.getByText('Kata laluan telah ditukar dan semua sesi ditamatkan. Sila log masuk semula.')).toBeVisible();
  await new ConsolePages(page).signIn(email, 'nasi-kerabu-biru');
});
