import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { randomUUID } from 'node:crypto';
import { and, eq, inArray, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { submitComplaint } from '@/lib/complaints/submit';
import { closeDb, getDb } from '@/lib/db';
import { attachments, auditLog, cannedResponses, complaintEvents, complaints, complaintTags, tags, users } from '@/lib/db/schema';
import { getServiceLevelSettings } from '@/lib/sla/settings';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from '../support/captcha';
import { ConsolePages } from './pages/console-pages';

// Every console page, route handler and server action, called as anonymous, pegawai, penyelia
// and pentadbir, gets exactly the outcome the role allows. Server actions are called the way a
// browser without JavaScript would (a real multipart POST of the form's own fields, including
// the action reference) from a session that was never shown that form.

type Role = 'anonymous' | 'pegawai' | 'penyelia' | 'pentadbir';
const ROLES: Role[] = ['anonymous', 'pegawai', 'penyelia', 'pentadbir'];
const PASSWORD = 'kata-laluan-matriks-1';

test.describe.configure({ mode: 'serial' });

let number = '';
let attachmentId = '';
const ids: Record<Role, string> = { anonymous: '', pegawai: '', penyelia: '', pentadbir: '' };
const sessions = new Map<Role, { page: Page; request: APIRequestContext }>();

async function session(browser: Browser, role: Role, emails: Record<Role, string>) {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (role !== 'anonymous') await new ConsolePages(page).signIn(emails[role], role === 'pentadbir' ? 'e2e-admin-password-1' : PASSWORD);
  return { page, request: context.request };
}

test.beforeAll(async ({ browser }) => {
  const stamp = Date.now();
  const db = getDb();
  const png = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#333' } }).png().toBuffer();
  const filed = await submitComplaint(db, {
    fields: {
      submissionKey: randomUUID(), name: 'Siti Aminah Binti Musa', ic: '790303-03-5208', ptj: 'Perbendaharaan Negeri Kelantan',
      phone: '012-777 8899', email: `matriks-${stamp}@example.gov.my`, category: 'laporan', title: 'Laporan lejar am kosong',
      description: 'Laporan lejar am bagi bulan lepas tidak memaparkan sebarang transaksi.', declaration: 'on',
    },
    files: [{ name: 'skrin.png', bytes: new Uint8Array(png) }],
    captchaToken: await solvedAltcha(),
    ip: '192.0.2.77',
  });
  if (!filed.ok) throw new Error('could not file the test complaint');
  number = filed.number;
  const [c] = await db.select({ id: complaints.id }).from(complaints).where(eq(complaints.number, number));
  [{ id: attachmentId }] = await db.select({ id: attachments.id }).from(attachments).where(eq(attachments.complaintId, c.id));

  const emails: Record<Role, string> = { anonymous: '', pegawai: `pegawai-${stamp}@pkn.local`, penyelia: `penyelia-${stamp}@pkn.local`, pentadbir: 'admin@localhost' };
  ids.pegawai = (await createStaffUser(db, { name: 'Pegawai Matriks', email: emails.pegawai, role: 'pegawai', password: PASSWORD })).id;
  ids.penyelia = (await createStaffUser(db, { name: 'Penyelia Matriks', email: emails.penyelia, role: 'penyelia', password: PASSWORD })).id;
  ids.pentadbir = (await db.execute<{ id: string }>(sql`select id from users where email = 'admin@localhost'`))[0].id;
  for (const role of ROLES) sessions.set(role, await session(browser, role, emails));
});

test.afterAll(async () => {
  await closeDb();
});

// --- pages
const pages: { name: string; path: () => string; allowed: Role[] }[] = [
  { name: 'queue', path: () => '/konsol', allowed: ['pegawai', 'penyelia', 'pentadbir'] },
  { name: 'complaint', path: () => `/konsol/aduan/${number}`, allowed: ['pegawai', 'penyelia', 'pentadbir'] },
  { name: 'account', path: () => '/konsol/akaun', allowed: ['pegawai', 'penyelia', 'pentadbir'] },
  { name: 'audit log', path: () => '/konsol/audit', allowed: ['pentadbir'] },
  { name: 'local mailbox', path: () => '/konsol/peti-mel', allowed: ['pentadbir'] },
  { name: 'officers', path: () => '/konsol/pegawai', allowed: ['pentadbir'] },
  { name: 'agency settings', path: () => '/konsol/tetapan', allowed: ['pentadbir'] },
  { name: 'service levels', path: () => '/konsol/tahap-perkhidmatan', allowed: ['pentadbir'] },
  { name: 'canned responses', path: () => '/konsol/jawapan', allowed: ['penyelia', 'pentadbir'] },
];

for (const p of pages) {
  test(`page: ${p.name}`, async () => {
    for (const role of ROLES) {
      const res = await sessions.get(role)!.request.get(p.path(), { maxRedirects: 0 });
      const body = await res.text();
      if (role === 'anonymous') {
        expect(res.status(), `${role} ${p.path()}`).toBe(307);
        expect(res.headers()['location']).toContain('/konsol/log-masuk');
        expect(body).not.toContain('Siti Aminah');
      } else if (p.allowed.includes(role)) {
        expect(res.status(), `${role} ${p.path()}`).toBe(200);
      } else {
        expect(res.status(), `${role} ${p.path()}`).toBe(403);
        expect(body).not.toContain('790303');
      }
    }
  });
}

// --- route handlers
test('route handler: console attachment download', async () => {
  for (const role of ROLES) {
    const res = await sessions.get(role)!.request.get(`/api/konsol/lampiran/${attachmentId}`);
    expect(res.status(), role).toBe(role === 'anonymous' ? 401 : 200);
  }
});

test('route handler: local mailbox message', async () => {
  for (const role of ROLES) {
    const res = await sessions.get(role)!.request.get('/api/konsol/peti-mel/tiada.eml');
    // With RESEND_API_KEY set there is no mailbox: the admin gets 404, the others never get that far.
    expect(res.status(), role).toBe({ anonymous: 401, pegawai: 403, penyelia: 403, pentadbir: 404 }[role]);
  }
});

test('route handler: audit log CSV export (audit.view), itself audited', async () => {
  for (const role of ROLES) {
    const before = await getDb().select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, 'audit.export'));
    const res = await sessions.get(role)!.request.get('/api/konsol/audit?action=complaint.');
    expect(res.status(), role).toBe({ anonymous: 401, pegawai: 403, penyelia: 403, pentadbir: 200 }[role]);
    const after = await getDb().select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, 'audit.export'));
    expect(after.length - before.length, role).toBe(role === 'pentadbir' ? 1 : 0);
    if (role === 'pentadbir') expect(res.headers()['content-type']).toContain('text/csv');
  }
});

// --- public routes with side effects
test('public route: end lookup session (POST /semakan/tamat), from our own pages only', async () => {
  const anonymous = sessions.get('anonymous')!.request;
  const own = await anonymous.post('/semakan/tamat', { headers: { Origin: new URL(process.env.APP_URL!).origin }, maxRedirects: 0 });
  expect(own.status()).toBe(303);
  expect(own.headers()['set-cookie']).toMatch(/aduan_akses=;.*Max-Age=0/i);
  const foreign = await anonymous.post('/semakan/tamat', { headers: { Origin: 'https://bukan-kami.example' }, maxRedirects: 0 });
  expect(foreign.status()).toBe(403);
  expect(foreign.headers()['set-cookie'] ?? '').not.toContain('aduan_akses');
});

test('route handler: complaint presence heartbeat', async () => {
  for (const role of ROLES) {
    const res = await sessions.get(role)!.request.post(`/api/konsol/aduan/${number}/kehadiran`);
    expect(res.status(), role).toBe(role === 'anonymous' ? 401 : 200);
    if (role !== 'anonymous') expect(Array.isArray((await res.json()).others), role).toBe(true);
  }
});

// --- server actions
async function formFields(page: Page, path: string, selector: string): Promise<[string, string][]> {
  await page.goto(path);
  return page.locator(selector).first().evaluate((form) =>
    Array.from(new FormData(form as HTMLFormElement).entries()).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
}

async function post(role: Role, path: string, fields: [string, string][]) {
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  const res = await sessions.get(role)!.request.post(path, { multipart: form, headers: { Origin: process.env.APP_URL! }, maxRedirects: 0 });
  expect(res.status(), `${role} POST ${path}`).toBeLessThan(500);
}

test('server action: assign (complaint.assign)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const fields = await formFields(admin, `/konsol/aduan/${number}`, 'form[aria-label="Agih kepada"]');
  for (const role of ROLES) {
    const before = (await getDb().select({ a: complaints.assignedTo }).from(complaints).where(eq(complaints.number, number)))[0].a;
    const target = ids[role === 'anonymous' ? 'pegawai' : role];
    await post(role, `/konsol/aduan/${number}`, fields.map(([k, v]) => [k, k === 'assigneeId' ? target : v]));
    const after = (await getDb().select({ a: complaints.assignedTo }).from(complaints).where(eq(complaints.number, number)))[0].a;
    if (role === 'penyelia' || role === 'pentadbir') expect(after, role).toBe(target);
    else expect(after, role).toBe(before);
  }
});

test('server action: tags (complaint.link)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const fields = await formFields(admin, `/konsol/aduan/${number}`, 'form[aria-label="Tag"]');
  for (const role of ROLES) {
    await post(role, `/konsol/aduan/${number}`, fields.map(([k, v]) => [k, k === 'tags' ? `matriks-${role}` : v]));
    const rows = await getDb()
      .select({ name: tags.name })
      .from(complaintTags)
      .innerJoin(tags, eq(tags.id, complaintTags.tagId))
      .innerJoin(complaints, eq(complaints.id, complaintTags.complaintId))
      .where(and(eq(complaints.number, number), eq(tags.name, `matriks-${role}`)));
    expect(rows.length, role).toBe(role === 'penyelia' || role === 'pentadbir' ? 1 : 0);
  }
});

test('server action: bulk (complaint.assign)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  await admin.goto('/konsol');
  await admin.getByLabel('Tindakan pukal').selectOption('tag');
  const fields = await admin.locator('form#bulk').evaluate((form) =>
    Array.from(new FormData(form as HTMLFormElement).entries()).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  for (const role of ROLES) {
    await post(role, '/konsol', [...fields.map(([k, v]): [string, string] => [k, k === 'tag' ? `pukal-${role}` : v]), ['numbers', number]]);
    const rows = await getDb().select({ id: tags.id }).from(tags).where(eq(tags.name, `pukal-${role}`));
    expect(rows.length, role).toBe(role === 'penyelia' || role === 'pentadbir' ? 1 : 0);
  }
});

test('server action: internal note (complaint.reply)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const fields = await formFields(admin, `/konsol/aduan/${number}`, 'form[aria-label="Tindakan"]');
  for (const role of ROLES) {
    const body = `MATRIKS-NOTA-${role}`;
    await post(role, `/konsol/aduan/${number}`, fields.map(([k, v]) => [k, k === 'body' ? body : k === 'kind' ? 'internal' : v]));
    const rows = await getDb().select({ id: complaintEvents.id }).from(complaintEvents).where(eq(complaintEvents.body, body));
    expect(rows.length, role).toBe(role === 'anonymous' ? 0 : 1);
  }
});

test('server action: create an officer (staff.manage)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const fields = await formFields(admin, '/konsol/pegawai', 'form[aria-label="Tambah pegawai"]');
  for (const role of ROLES) {
    const email = `dicipta-oleh-${role}-${Date.now()}@pkn.local`;
    const values: Record<string, string> = { name: `Dicipta ${role}`, email, role: 'pentadbir', password: 'kata-laluan-baharu-1' };
    await post(role, '/konsol/pegawai', fields.map(([k, v]) => [k, values[k] ?? v]));
    const rows = await getDb().select({ id: users.id }).from(users).where(eq(users.email, email));
    expect(rows.length, role).toBe(role === 'pentadbir' ? 1 : 0);
  }
});

test('server action: agency settings (settings.manage), shown on public pages at once', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const fields = await formFields(admin, '/konsol/tetapan', 'form[aria-label="Tetapan Agensi"]');
  const original = Object.fromEntries(fields).phone;
  try {
    for (const role of ROLES) {
      const phone = `09 700 ${ROLES.indexOf(role)}${ROLES.indexOf(role)}${ROLES.indexOf(role)}${ROLES.indexOf(role)}`;
      await post(role, '/konsol/tetapan', fields.map(([k, v]) => [k, k === 'phone' ? phone : v]));
      const home = await sessions.get('anonymous')!.request.get('/');
      expect((await home.text()).includes(phone), role).toBe(role === 'pentadbir');
    }
  } finally {
    await post('pentadbir', '/konsol/tetapan', fields.map(([k, v]) => [k, k === 'phone' ? original : v]));
  }
});

test('server action: service levels (settings.manage)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const fields = await formFields(admin, '/konsol/tahap-perkhidmatan', 'form[aria-label="Tetapan tahap perkhidmatan"]');
  const original = Object.fromEntries(fields).reminderAfterDays;
  const reminderDays = async () => (await getServiceLevelSettings(getDb())).reminderAfterDays;
  try {
    for (const role of ROLES) {
      const days = String(10 + ROLES.indexOf(role));
      await post(role, '/konsol/tahap-perkhidmatan', fields.map(([k, v]) => [k, k === 'reminderAfterDays' ? days : v]));
      expect(await reminderDays() === Number(days), role).toBe(role === 'pentadbir');
    }
  } finally {
    await post('pentadbir', '/konsol/tahap-perkhidmatan', fields.map(([k, v]) => [k, k === 'reminderAfterDays' ? original : v]));
  }
});

test('server action: add a canned response (canned.manage)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const fields = await formFields(admin, '/konsol/jawapan', 'form[aria-label="Tambah jawapan"]');
  for (const role of ROLES) {
    const title = `Jawapan oleh ${role} ${Date.now()}`;
    await post(role, '/konsol/jawapan', fields.map(([k, v]) => [k, k === 'title' ? title : k === 'body' ? 'Terima kasih {nama} atas aduan {no_aduan}.' : v]));
    const rows = await getDb().select({ id: cannedResponses.id }).from(cannedResponses).where(eq(cannedResponses.title, title));
    expect(rows.length, role).toBe(role === 'penyelia' || role === 'pentadbir' ? 1 : 0);
  }
});

test('server action: console language (queue.view, kept with the account)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const fields = await formFields(admin, '/konsol', 'form:has(input[name="locale"])');
  const localeOf = async (id: string) => (await getDb().select({ locale: users.locale }).from(users).where(eq(users.id, id)))[0].locale;
  await getDb().update(users).set({ locale: 'ms' }).where(inArray(users.id, [ids.pegawai, ids.penyelia, ids.pentadbir]));
  try {
    for (const role of ROLES) {
      await post(role, '/konsol', fields.map(([k, v]) => [k, k === 'locale' ? 'en' : v]));
      // Anonymous (first) changes nobody's; each officer changes only their own.
      if (role === 'anonymous') for (const r of ['pegawai', 'penyelia', 'pentadbir'] as const) expect(await localeOf(ids[r]), r).toBe('ms');
      else expect(await localeOf(ids[role]), role).toBe('en');
    }
  } finally {
    await getDb().update(users).set({ locale: 'ms' }).where(inArray(users.id, [ids.pegawai, ids.penyelia, ids.pentadbir]));
  }
});
