import { expect, test, type BrowserContext } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { encode } from 'next-auth/jwt';
import { eq, sql } from 'drizzle-orm';
import { closeDb, getDb } from '@/lib/db';
import { users } from '@/lib/db/schema';
import { createStaffUser } from '@/lib/staff/users';

// Sessions end when they should: a session token past its expiry, or one issued before "sign out
// everywhere", opens nothing. Tokens are minted exactly as Auth.js mints them, so the same kind
// of token with a future expiry and the current version must work (the test can fail both ways).

test.afterAll(async () => {
  await closeDb();
});

async function admin() {
  return (await getDb().execute<{ id: string; name: string; session_version: number }>(sql`select id, name, session_version from users where email = 'admin@localhost'`))[0];
}

async function withToken(context: BrowserContext, claims: Record<string, unknown>, maxAge: number) {
  const value = await encode({ token: claims, secret: process.env.AUTH_SECRET!, salt: 'authjs.session-token', maxAge });
  await context.addCookies([{ name: 'authjs.session-token', value, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' }]);
}

const claimsFor = (a: { id: string; name: string; session_version: number }, version = a.session_version) => ({
  sub: a.id, id: a.id, name: a.name, role: 'pentadbir', sessionVersion: version, mustEnrolTotp: false, sid: randomUUID(),
});

test('a current token opens the console', async ({ page, context }) => {
  await withToken(context, claimsFor(await admin()), 3600);
  await page.goto('/konsol');
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
});

test('an expired session token is sent to sign in', async ({ page, context }) => {
  await withToken(context, claimsFor(await admin()), -60);
  await page.goto('/konsol');
  await expect(page).toHaveURL(/\/konsol\/log-masuk/);
});

test('a token issued before "sign out everywhere" is sent to sign in', async ({ page, context }) => {
  const a = await admin();
  await withToken(context, claimsFor(a), 3600);
  await page.goto('/konsol');
  await expect(page.getByTestId('signed-in-as')).toBeVisible();
  await getDb().update(users).set({ sessionVersion: a.session_version + 1 }).where(eq(users.id, a.id));
  // Later specs sign in afresh and get the new version.
  await page.goto('/konsol');
  await expect(page).toHaveURL(/\/konsol\/log-masuk/);
});

test('an officer who must set up TOTP reaches only the account page until they have', async ({ page, context }) => {
  const u = await createStaffUser(getDb(), { name: 'Pegawai Wajib TOTP', email: `wajib-totp-${Date.now()}@pkn.local`, role: 'pentadbir', password: 'kata-laluan-wajib-1' });
  await getDb().update(users).set({ totpRequired: true }).where(eq(users.id, u.id));
  await withToken(context, { sub: u.id, id: u.id, name: u.name, role: 'pentadbir', sessionVersion: 0, mustEnrolTotp: true, sid: randomUUID() }, 3600);
  await page.goto('/konsol');
  await expect(page).toHaveURL(/\/konsol\/akaun$/);
  await page.goto('/konsol/audit');
  await expect(page).toHaveURL(/\/konsol\/akaun$/);
  const download = await context.request.get('/api/konsol/lampiran/00000000-0000-0000-0000-000000000000');
  expect(download.status()).toBe(403);
});
