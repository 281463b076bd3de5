import { expect, test, type APIRequestContext, type Browser, type Page } from '@playwright/test';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { and, between, eq, inArray, ne, sql } from 'drizzle-orm';
import sharp from 'sharp';
import { addDays } from 'date-fns';
import { malaysiaDay } from '@/lib/calendar/days';
import { formatDisplayDay } from '@/lib/calendar/display-day';
import { signSatisfactionLink } from '@/lib/complaints/access';
import { changeStatus } from '@/lib/complaints/officer-actions';
import { submitComplaint } from '@/lib/complaints/submit';
import { closeDb, getDb } from '@/lib/db';
import { attachments, auditLog, cannedResponses, categories, categoryOfficers, categoryTargets, complaintEvents, complaints, complaintSatisfaction, complaintTags, holidays, kbArticles, kbArticleVersions, kbDeflections, ptj, settings, staffTokens, tags, users } from '@/lib/db/schema';
import { draftFromComplaint } from '@/lib/kb/articles';
import { getAgencySettings, saveAgencySettings } from '@/lib/settings/agency';
import { removeLogo, uploadLogo } from '@/lib/settings/logo';
import { getServiceLevelSettings } from '@/lib/sla/settings';
import { inviteStaff } from '@/lib/staff/accounts';
import { createStaffUser } from '@/lib/staff/users';
import { beginTotpEnrolment, confirmTotpEnrolment } from '@/lib/auth/totp';
import { Secret, TOTP } from 'otpauth';
import { solvedAltcha } from '../support/captcha';
import { insertArticle, removeArticles } from '../support/kb-fixtures';
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
// Knowledge base: an article drafted from a closed complaint, and another closed complaint to draft from.
let kbArticleId = 0;
let kbSourceNumber = '';
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

  const closedComplaint = async (title: string) => {
    const r = await submitComplaint(db, {
      fields: {
        submissionKey: randomUUID(), name: 'Siti Aminah Binti Musa', ic: '790303-03-5208', ptj: 'Perbendaharaan Negeri Kelantan',
        phone: '012-777 8899', email: `matriks-kb-${stamp}@example.gov.my`, category: 'laporan', title,
        description: 'Laporan lejar am bagi bulan lepas tidak memaparkan sebarang transaksi.', declaration: 'on',
      },
      files: [],
      captchaToken: await solvedAltcha(),
      ip: '192.0.2.78',
    });
    if (!r.ok) throw new Error('could not file a knowledge-base complaint');
    await changeStatus(db, { userId: ids.pentadbir, number: r.number, to: 'ditutup', reason: 'Diselesaikan melalui telefon.' });
    return r.number;
  };
  kbArticleId = (await draftFromComplaint(db, { userId: ids.pegawai }, await closedComplaint('Matriks artikel Soalan Lazim'))).articleId;
  kbSourceNumber = await closedComplaint('Matriks draf Soalan Lazim');
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
  { name: 'public holidays', path: () => '/konsol/cuti', allowed: ['pentadbir'] },
  { name: 'categories', path: () => '/konsol/kategori', allowed: ['pentadbir'] },
  { name: 'PTJ list', path: () => '/konsol/ptj', allowed: ['pentadbir'] },
  { name: 'privacy (PDPA access requests)', path: () => '/konsol/privasi', allowed: ['pentadbir'] },
  { name: 'FAQ articles (kb.draft)', path: () => '/konsol/soalan-lazim', allowed: ['pegawai', 'penyelia', 'pentadbir'] },
  { name: 'FAQ article editor (kb.draft)', path: () => `/konsol/soalan-lazim/${kbArticleId}`, allowed: ['pegawai', 'penyelia', 'pentadbir'] },
  { name: 'reports', path: () => '/konsol/laporan', allowed: ['penyelia', 'pentadbir'] },
  { name: 'report print view', path: () => '/konsol/laporan/cetak', allowed: ['penyelia', 'pentadbir'] },
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

test('route handler: report exports (reports.view; personal data only with export.pii), audited', async () => {
  for (const role of ROLES) {
    const count = async () => (await getDb().select({ id: auditLog.id }).from(auditLog).where(eq(auditLog.action, 'report.export'))).length;
    const before = await count();
    const res = await sessions.get(role)!.request.get('/api/konsol/laporan/eksport?format=csv&kind=list');
    expect(res.status(), role).toBe({ anonymous: 401, pegawai: 403, penyelia: 200, pentadbir: 200 }[role]);
    expect((await count()) - before, role).toBe(role === 'penyelia' || role === 'pentadbir' ? 1 : 0);
    if (res.status() === 200) {
      expect(res.headers()['content-type']).toContain('text/csv');
      const head = (await res.text()).split('\r\n')[0];
      expect(head.includes('No Kad Pengenalan'), role).toBe(role === 'pentadbir');
    }
    const xlsx = await sessions.get(role)!.request.get('/api/konsol/laporan/eksport?format=xlsx');
    expect(xlsx.status(), role).toBe({ anonymous: 401, pegawai: 403, penyelia: 200, pentadbir: 200 }[role]);
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

test('server action: priority (complaint.reply)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const fields = await formFields(admin, `/konsol/aduan/${number}`, 'form[aria-label="Keutamaan"]');
  const want = { anonymous: 'kritikal', pegawai: 'tinggi', penyelia: 'kritikal', pentadbir: 'rendah' } as const;
  const read = async () => (await getDb().select({ p: complaints.priority }).from(complaints).where(eq(complaints.number, number)))[0].p;
  for (const role of ROLES) {
    const before = await read();
    await post(role, `/konsol/aduan/${number}`, fields.map(([k, v]) => [k, k === 'priority' ? want[role] : v]));
    expect(await read(), role).toBe(role === 'anonymous' ? before : want[role]);
  }
});

test('server action: category (complaint.reply)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const fields = await formFields(admin, `/konsol/aduan/${number}`, 'form[aria-label="Kategori"]');
  const read = async () => (await getDb().select({ c: complaints.categoryId }).from(complaints).where(eq(complaints.number, number)))[0].c;
  // Between the complaint's own category (a) and another active one (b): each allowed role moves it.
  const a = await read();
  const [b] = await getDb().select({ id: categories.id }).from(categories).where(and(eq(categories.active, true), ne(categories.id, a))).limit(1);
  const want = { anonymous: b.id, pegawai: b.id, penyelia: a, pentadbir: b.id };
  for (const role of ROLES) {
    const before = await read();
    await post(role, `/konsol/aduan/${number}`, fields.map(([k, v]) => [k, k === 'categoryId' ? String(want[role]) : v]));
    expect(await read(), role).toBe(role === 'anonymous' ? before : want[role]);
  }
});

test('server action: invite an officer (staff.manage), no password typed', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const fields = await formFields(admin, '/konsol/pegawai', 'form[aria-label="Jemput pegawai"]');
  expect(fields.map(([k]) => k)).not.toContain('password');
  for (const role of ROLES) {
    const email = `dicipta-oleh-${role}-${Date.now()}@pkn.local`;
    const values: Record<string, string> = { name: `Dicipta ${role}`, email, role: 'pentadbir' };
    await post(role, '/konsol/pegawai', fields.map(([k, v]) => [k, values[k] ?? v]));
    const rows = await getDb().select({ id: users.id, hash: users.passwordHash }).from(users).where(eq(users.email, email));
    expect(rows.length, role).toBe(role === 'pentadbir' ? 1 : 0);
    if (rows[0]) expect(rows[0].hash, role).toBeNull();
  }
});

test('server action: resend an invitation (staff.manage)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const name = `Jemputan Matriks ${Date.now()}`;
  const invited = await inviteStaff(getDb(), { userId: ids.pentadbir }, { name, email: `jemputan-matriks-${Date.now()}@pkn.local`, role: 'pegawai' });
  const fields = await formFields(admin, '/konsol/pegawai', `form[aria-label="Hantar semula jemputan: ${name}"]`);
  const links = async () => (await getDb().select({ id: staffTokens.id }).from(staffTokens).where(eq(staffTokens.userId, invited.id))).length;
  for (const role of ROLES) {
    const before = await links();
    await post(role, '/konsol/pegawai', fields);
    expect((await links()) - before, role).toBe(role === 'pentadbir' ? 1 : 0);
  }
});

// --- console pages for visitors without a session: anyone may open them, nobody is redirected.
test('page: forgot password and the set-password link (public)', async () => {
  for (const path of ['/konsol/lupa-kata-laluan', `/konsol/kata-laluan/${'x'.repeat(43)}`]) {
    for (const role of ROLES) {
      const res = await sessions.get(role)!.request.get(path, { maxRedirects: 0 });
      expect(res.status(), `${role} ${path}`).toBe(200);
    }
  }
});

test('server action: forgot password (public, same answer for everyone)', async () => {
  const fields = await formFields(sessions.get('anonymous')!.page, '/konsol/lupa-kata-laluan', 'form[aria-label="Lupa kata laluan"]');
  for (const role of ROLES) {
    const u = await createStaffUser(getDb(), { name: `Lupa ${role}`, email: `lupa-${role}-${Date.now()}@pkn.local`, role: 'pegawai', password: PASSWORD });
    await post(role, '/konsol/lupa-kata-laluan', fields.map(([k, v]) => [k, k === 'email' ? u.email : v]));
    const rows = await getDb().select({ id: staffTokens.id }).from(staffTokens).where(and(eq(staffTokens.userId, u.id), eq(staffTokens.purpose, 'reset')));
    expect(rows.length, role).toBe(1);
  }
});

test('server action: set a password from a link (public: the link is the authority)', async () => {
  for (const role of ROLES) {
    const u = await createStaffUser(getDb(), { name: `Pautan ${role}`, email: `pautan-${role}-${Date.now()}@pkn.local`, role: 'pegawai', password: PASSWORD });
    const token = randomBytes(32).toString('base64url');
    await getDb().insert(staffTokens).values({ userId: u.id, purpose: 'reset', tokenHash: createHash('sha256').update(token).digest('hex'), expiresAt: new Date(Date.now() + 600_000) });
    const fields = await formFields(sessions.get('anonymous')!.page, `/konsol/kata-laluan/${token}`, 'form[aria-label="Tetapkan kata laluan baharu"]');
    const before = (await getDb().select({ h: users.passwordHash }).from(users).where(eq(users.id, u.id)))[0].h;
    await post(role, `/konsol/kata-laluan/${token}`, fields.map(([k, v]) => [k, k === 'password' || k === 'confirm' ? 'teh-tarik-kurang-manis' : v]));
    const after = (await getDb().select({ h: users.passwordHash }).from(users).where(eq(users.id, u.id)))[0].h;
    expect(after, role).not.toBe(before);
  }
});

// --- satisfaction (public: the signed link in the closing email is the authority)
async function closedComplaint(role: Role): Promise<{ number: string; id: string }> {
  const filed = await submitComplaint(getDb(), {
    fields: {
      submissionKey: randomUUID(), name: 'Siti Aminah Binti Musa', ic: `790303-03-${String(5300 + ROLES.indexOf(role))}`, ptj: 'Perbendaharaan Negeri Kelantan',
      phone: '012-777 8899', email: `kepuasan-${role}-${Date.now()}@example.gov.my`, category: 'laporan', title: 'Laporan lejar am kosong',
      description: 'Laporan lejar am bagi bulan lepas tidak memaparkan sebarang transaksi.', declaration: 'on',
    },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: `10.223.250.${ROLES.indexOf(role) + 1}`,
  });
  if (!filed.ok) throw new Error('could not file the test complaint');
  await changeStatus(getDb(), { userId: ids.pegawai, number: filed.number, to: 'ditutup', reason: 'Matriks.' });
  const [c] = await getDb().select({ id: complaints.id }).from(complaints).where(eq(complaints.number, filed.number));
  return { number: filed.number, id: c.id };
}

test('page: the satisfaction link (public), for every role', async () => {
  const c = await closedComplaint('anonymous');
  for (const role of ROLES) {
    for (const t of [signSatisfactionLink(c.number, 1), 'palsu']) {
      const res = await sessions.get(role)!.request.get(`/aduan/${c.number}/kepuasan?t=${t}`, { maxRedirects: 0 });
      expect(res.status(), `${role} ${t}`).toBe(200);
    }
  }
});

test('server action: record satisfaction from the link (public: the link is the authority)', async () => {
  for (const role of ROLES) {
    const c = await closedComplaint(role);
    const path = `/aduan/${c.number}/kepuasan?t=${signSatisfactionLink(c.number, 1)}`;
    const fields = await formFields(sessions.get('anonymous')!.page, path, 'form[aria-label="Penilaian kepuasan"]');
    await post(role, path, [...fields, ['satisfied', 'puas'], ['rating', '5']]);
    const rows = await getDb().select({ id: complaintSatisfaction.id }).from(complaintSatisfaction).where(eq(complaintSatisfaction.complaintId, c.id));
    expect(rows.length, role).toBe(1);
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

// --- agency settings sections (issue #11 item 7)
test('public route: agency logo, the same for every role (it is in the public header)', async () => {
  const [{ id }] = await getDb().execute<{ id: string }>(sql`select id from users where email = 'admin@localhost'`);
  await removeLogo(getDb(), { userId: id });
  for (const role of ROLES) expect((await sessions.get(role)!.request.get('/api/logo')).status(), role).toBe(404);
  const logo = await uploadLogo(getDb(), { userId: id }, new Uint8Array(await sharp({ create: { width: 30, height: 10, channels: 3, background: '#123' } }).png().toBuffer()));
  try {
    for (const role of ROLES) {
      const res = await sessions.get(role)!.request.get(`/api/logo?v=${logo.sha256.slice(0, 16)}`);
      expect(res.status(), role).toBe(200);
      expect(res.headers()['content-type'], role).toBe('image/png');
    }
  } finally {
    await removeLogo(getDb(), { userId: id });
  }
});

test('server actions: WhatsApp switch and template, retention (settings.manage)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const original = await getAgencySettings(getDb());
  const whatsapp = await formFields(admin, '/konsol/tetapan', 'form[aria-label="Tetapan WhatsApp"]');
  const retention = await formFields(admin, '/konsol/tetapan', 'form[aria-label="Tempoh simpanan data"]');
  try {
    for (const role of ROLES) {
      const template = `matriks_${role}`;
      await post(role, '/konsol/tetapan', whatsapp.map(([k, v]) => [k, k === 'whatsappTemplate' ? template : v]));
      const months = String(100 + ROLES.indexOf(role));
      await post(role, '/konsol/tetapan', retention.map(([k, v]) => [k, k === 'retentionMonths' ? months : v]));
      const now = await getAgencySettings(getDb());
      expect(now.whatsappTemplate === template, role).toBe(role === 'pentadbir');
      expect(now.retentionMonths === Number(months), role).toBe(role === 'pentadbir');
    }
  } finally {
    const [{ id }] = await getDb().execute<{ id: string }>(sql`select id from users where email = 'admin@localhost'`);
    await saveAgencySettings(getDb(), { userId: id }, original);
  }
});

test('server actions: upload and remove the logo (settings.manage)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const [{ id }] = await getDb().execute<{ id: string }>(sql`select id from users where email = 'admin@localhost'`);
  const upload = await formFields(admin, '/konsol/tetapan', 'form[aria-label="Logo agensi"]');
  try {
    for (const role of ROLES) {
      await removeLogo(getDb(), { userId: id });
      const form = new FormData();
      for (const [k, v] of upload) form.append(k, v);
      const png = await sharp({ create: { width: 40 + ROLES.indexOf(role), height: 20, channels: 3, background: '#456' } }).png().toBuffer();
      form.append('logo', new File([new Uint8Array(png)], 'logo.png', { type: 'image/png' }));
      const res = await sessions.get(role)!.request.post('/konsol/tetapan', { multipart: form, headers: { Origin: process.env.APP_URL! }, maxRedirects: 0 });
      expect(res.status(), role).toBeLessThan(500);
      expect((await getAgencySettings(getDb())).logo !== null, role).toBe(role === 'pentadbir');
    }
    // The remove form exists only while there is a logo (the admin's upload above left one).
    const remove = await formFields(admin, '/konsol/tetapan', 'form[aria-label="Buang logo agensi"]');
    for (const role of ROLES) {
      await post(role, '/konsol/tetapan', remove);
      expect((await getAgencySettings(getDb())).logo === null, role).toBe(role === 'pentadbir');
    }
  } finally {
    await removeLogo(getDb(), { userId: id });
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

// --- public holidays and the working calendar (settings.manage); year 2096-2097, wiped after.
test.describe('public holidays (settings.manage)', () => {
  const wipe = () => getDb().delete(holidays).where(between(holidays.day, '2096-01-01', '2097-12-31'));
  const holiday = async (day: string) => (await getDb().select().from(holidays).where(eq(holidays.day, day)))[0];
  test.beforeAll(wipe);
  test.afterAll(wipe);

  test('server action: add a holiday', async () => {
    const fields = await formFields(sessions.get('pentadbir')!.page, '/konsol/cuti', 'form[aria-label="Tambah cuti umum"]');
    for (const [i, role] of ROLES.entries()) {
      await post(role, '/konsol/cuti', fields.map(([k, v]) => [k, k === 'day' ? `0${i + 1}-01-2096` : k === 'name' ? `Matriks ${role}` : v]));
      expect(!!(await holiday(`2096-01-0${i + 1}`)), role).toBe(role === 'pentadbir');
    }
  });

  test('server actions: edit, confirm, delete a holiday; confirm a year', async () => {
    await getDb().insert(holidays).values([
      { day: '2096-02-01', name: 'Matriks ubah', confirmed: false, source: 'Ujian' },
      { day: '2096-02-02', name: 'Matriks padam' },
      { day: '2097-01-01', name: 'Matriks tahun', confirmed: false, source: 'Ujian' },
    ]);
    const admin = sessions.get('pentadbir')!.page;
    const edit = await formFields(admin, '/konsol/cuti?tahun=2096', 'form[aria-label="Ubah Matriks ubah"]');
    const confirm = await formFields(admin, '/konsol/cuti?tahun=2096', 'form[aria-label="Sahkan Matriks ubah"]');
    const remove = await formFields(admin, '/konsol/cuti?tahun=2096', 'form[aria-label="Padam Matriks padam"]');
    const year = await formFields(admin, '/konsol/cuti?tahun=2097', 'form[aria-label="Sahkan semua cuti 2097"]');
    for (const role of ROLES) {
      const allowed = role === 'pentadbir';
      await post(role, '/konsol/cuti', edit.map(([k, v]) => [k, k === 'name' ? `Diubah ${role}` : v]));
      expect((await holiday('2096-02-01')).name, role).toBe(allowed ? 'Diubah pentadbir' : 'Matriks ubah');
      await post(role, '/konsol/cuti', confirm);
      expect((await holiday('2096-02-01')).confirmed, role).toBe(allowed);
      await post(role, '/konsol/cuti', remove);
      expect(!!(await holiday('2096-02-02')), role).toBe(!allowed);
      await post(role, '/konsol/cuti', year);
      expect((await holiday('2097-01-01')).confirmed, role).toBe(allowed);
    }
  });

  test('server actions: CSV preview (shown only to admins) and import', async () => {
    const admin = sessions.get('pentadbir')!.page;
    const csv = 'tarikh,nama\n03-03-2096,Matriks import\n';
    // The preview, posted as a browser without JavaScript would: the file with the form's own fields.
    const fields = await formFields(admin, '/konsol/cuti', 'form[aria-label="Import daripada fail CSV"]');
    for (const role of ROLES) {
      const form = new FormData();
      for (const [k, v] of fields) form.append(k, v);
      form.append('file', new File([csv], 'matriks.csv', { type: 'text/csv' }));
      const res = await sessions.get(role)!.request.post('/konsol/cuti', { multipart: form, headers: { Origin: process.env.APP_URL! }, maxRedirects: 0 });
      expect(res.status(), role).toBeLessThan(500);
      expect((await res.text()).includes('Pratonton: matriks.csv'), role).toBe(role === 'pentadbir');
    }
    expect(await holiday('2096-03-03')).toBeUndefined(); // a preview writes nothing

    // The confirm form exists only after a preview in the browser: the admin's own request is
    // caught (and not sent), then replayed from every session.
    await admin.goto('/konsol/cuti');
    await admin.getByLabel('Fail CSV', { exact: true }).setInputFiles({ name: 'matriks.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await admin.getByRole('button', { name: 'Pratonton' }).click();
    await expect(admin.getByRole('form', { name: 'Sahkan import' })).toBeVisible();
    let caught: { headers: Record<string, string>; body: Buffer } | undefined;
    await admin.route('**/konsol/cuti', async (route) => {
      const r = route.request();
      if (r.method() === 'POST') caught = { headers: { 'content-type': r.headers()['content-type'], 'next-action': r.headers()['next-action'] }, body: r.postDataBuffer()! };
      await route.abort();
    });
    await admin.getByRole('button', { name: 'Import baris yang sah' }).click();
    await expect.poll(() => caught).toBeDefined();
    await admin.unroute('**/konsol/cuti');
    for (const role of ROLES) {
      const res = await sessions.get(role)!.request.post('/konsol/cuti', { headers: { ...caught!.headers, Origin: process.env.APP_URL! }, data: caught!.body, maxRedirects: 0 });
      expect(res.status(), role).toBeLessThan(500);
      expect(!!(await holiday('2096-03-03')), role).toBe(role === 'pentadbir');
    }
  });

  test('server action: working days and hours', async () => {
    const fields = await formFields(sessions.get('pentadbir')!.page, '/konsol/cuti', 'form[aria-label="Hari dan waktu bekerja"]');
    const endOf = async () => ((await getDb().select().from(settings).where(eq(settings.key, 'working_calendar')))[0]?.value as { end?: string } | undefined)?.end;
    const original = Object.fromEntries(fields).end;
    const before = await endOf();
    try {
      for (const role of ROLES) {
        await post(role, '/konsol/cuti', fields.map(([k, v]) => [k, k === 'end' ? '16:59' : v]));
        expect(await endOf(), role).toBe(role === 'pentadbir' ? '16:59' : before);
      }
    } finally {
      await post('pentadbir', '/konsol/cuti', fields.map(([k, v]) => [k, k === 'end' ? original : v]));
    }
  });
});

// Categories (settings.manage): a category of the matrix's own, inactive (off the public form), so
// changing its officers, mode and targets touches no other spec's complaints or emails.
async function matrixCategory() {
  const stamp = randomUUID().slice(0, 6);
  const [c] = await getDb()
    .insert(categories)
    .values({ slug: `matriks-${stamp}`, nameMs: `Matriks ${stamp}`, nameEn: `Matrix ${stamp}`, active: false, sortOrder: -50 })
    .returning();
  return c;
}

test('server actions: category officers, mode and targets (settings.manage)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const cat = await matrixCategory();
  const officersOf = async () => (await getDb().select({ u: categoryOfficers.userId }).from(categoryOfficers).where(eq(categoryOfficers.categoryId, cat.id))).map((r) => r.u);

  const add = await formFields(admin, '/konsol/kategori', `form[aria-label="Tambah pegawai ke ${cat.nameMs}"]`);
  for (const role of ROLES) {
    // The picker starts on its disabled "choose" entry, which a form does not send: add the choice.
    await post(role, '/konsol/kategori', [...add.filter(([k]) => k !== 'userId'), ['userId', ids.pegawai]]);
    expect(await officersOf(), role).toEqual(role === 'pentadbir' ? [ids.pegawai] : []);
  }

  const remove = await formFields(admin, '/konsol/kategori', `form[aria-label="Buang Pegawai Matriks daripada ${cat.nameMs}"]`);
  for (const role of ROLES) {
    await post(role, '/konsol/kategori', remove);
    expect(await officersOf(), role).toEqual(role === 'pentadbir' ? [] : [ids.pegawai]);
  }

  const mode = await formFields(admin, '/konsol/kategori', `form[aria-label="Cara agihan: ${cat.nameMs}"]`);
  for (const role of ROLES) {
    await post(role, '/konsol/kategori', mode.map(([k, v]) => [k, k === 'mode' ? 'least_open' : v]));
    const [row] = await getDb().select({ m: categories.assignmentMode }).from(categories).where(eq(categories.id, cat.id));
    expect(row.m, role).toBe(role === 'pentadbir' ? 'least_open' : 'manual');
  }

  const targets = await formFields(admin, '/konsol/kategori', `form[aria-label="Sasaran perkhidmatan: ${cat.nameMs}"]`);
  for (const role of ROLES) {
    await post(role, '/konsol/kategori', targets.map(([k, v]) => [k, k === 'tinggi.resolutionDays' ? '7' : v]));
    const rows = await getDb().select().from(categoryTargets).where(eq(categoryTargets.categoryId, cat.id));
    expect(rows.length, role).toBe(role === 'pentadbir' ? 1 : 0);
  }
});

test('server action: away until a day (queue.view, only one\'s own)', async () => {
  const officer = sessions.get('pegawai')!.page;
  const fields = await formFields(officer, '/konsol/akaun', 'form[aria-label="Tidak bertugas"]');
  const typed = formatDisplayDay(malaysiaDay(addDays(new Date(), 3)));
  const awayOf = async (id: string) => (await getDb().select({ d: users.awayUntil }).from(users).where(eq(users.id, id)))[0].d;
  const staff = [ids.pegawai, ids.penyelia, ids.pentadbir];
  await getDb().update(users).set({ awayUntil: null }).where(inArray(users.id, staff));
  try {
    for (const role of ROLES) {
      await post(role, '/konsol/akaun', fields.map(([k, v]) => [k, k === 'awayUntil' ? typed : v]));
      if (role === 'anonymous') for (const id of staff) expect(await awayOf(id), role).toBeNull();
      else expect(await awayOf(ids[role]), role).not.toBeNull();
    }
  } finally {
    await getDb().update(users).set({ awayUntil: null }).where(inArray(users.id, staff));
  }
});

// --- account security (issue #11): TOTP reset by an admin, new recovery codes for oneself
async function enrolledOfficer(label: string) {
  const stamp = `${Date.now()}-${label}`;
  const u = await createStaffUser(getDb(), { name: `Pegawai TOTP ${stamp}`, email: `totp-${stamp}@pkn.local`, role: 'pegawai', password: PASSWORD });
  const { secret } = beginTotpEnrolment({ email: u.email });
  const code = TOTP.generate({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 });
  const r = await confirmTotpEnrolment(getDb(), { userId: u.id, secret, code });
  if (!r.ok) throw new Error('enrolment failed');
  return { ...u, secret };
}

test('server action: reset an officer\'s TOTP (staff.manage)', async () => {
  const target = await enrolledOfficer('reset');
  const admin = sessions.get('pentadbir')!.page;
  const fields = await formFields(admin, '/konsol/pegawai', `form[aria-label="Tetapkan semula pengesahan dua langkah: ${target.name}"]`);
  const enrolledNow = async () => (await getDb().select({ s: users.totpSecret }).from(users).where(eq(users.id, target.id)))[0].s !== null;
  for (const role of ROLES) {
    await post(role, '/konsol/pegawai', fields);
    expect(await enrolledNow(), role).toBe(role !== 'pentadbir');
  }
});

test('server action: new recovery codes (queue.view, only one\'s own enrolled account)', async ({ browser }) => {
  const own = await enrolledOfficer('codes');
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto('/konsol/log-masuk');
  await page.getByLabel('Email').fill(own.email);
  await page.getByLabel('Kata laluan').fill(PASSWORD);
  await page.getByLabel('Kod pengesahan').fill(TOTP.generate({ secret: Secret.fromBase32(own.secret), algorithm: 'SHA1', digits: 6, period: 30, timestamp: Date.now() + 30_000 }));
  await page.getByRole('button', { name: 'Log Masuk' }).click();
  await expect(page.getByTestId('signed-in-as')).toBeVisible({ timeout: 20_000 });
  await page.goto('/konsol/akaun');
  const fields = await page.locator('form:has(button:text("Jana kod pemulihan baharu"))').evaluate((form) =>
    Array.from(new FormData(form as HTMLFormElement).entries()).filter((e): e is [string, string] => typeof e[1] === 'string'),
  );
  const made = async (actorId: string) =>
    (await getDb().select({ id: auditLog.id }).from(auditLog).where(and(eq(auditLog.action, 'auth.recovery_codes_created'), eq(auditLog.actorId, actorId)))).length;
  // The matrix's officers have no authenticator: the action runs for them but makes nothing; anonymous is refused.
  for (const role of ROLES) {
    await post(role, '/konsol/akaun', fields);
    if (role !== 'anonymous') expect(await made(ids[role]), role).toBe(0);
  }
  expect(await made(own.id)).toBe(0);
  const form = new FormData();
  for (const [k, v] of fields) form.append(k, v);
  expect((await context.request.post('/konsol/akaun', { multipart: form, headers: { Origin: process.env.APP_URL! }, maxRedirects: 0 })).status()).toBeLessThan(500);
  expect(await made(own.id)).toBe(1);
  await context.close();
});

test('server action: display name (queue.view, only one\'s own)', async () => {
  const officer = sessions.get('pegawai')!.page;
  const fields = await formFields(officer, '/konsol/akaun', 'form[aria-label="Nama paparan"]');
  const staff = [ids.pegawai, ids.penyelia, ids.pentadbir];
  const before = new Map((await getDb().select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, staff))).map((r) => [r.id, r.name]));
  const nameOf = async (id: string) => (await getDb().select({ n: users.name }).from(users).where(eq(users.id, id)))[0].n;
  try {
    for (const role of ROLES) {
      await post(role, '/konsol/akaun', fields.map(([k, v]) => [k, k === 'name' ? `Nama Matriks ${role}` : v]));
      // Anonymous (first) renames nobody; each officer renames only themselves (the pegawai's form, posted by each).
      if (role === 'anonymous') for (const id of staff) expect(await nameOf(id), role).toBe(before.get(id));
      else expect(await nameOf(ids[role]), role).toBe(`Nama Matriks ${role}`);
    }
  } finally {
    for (const [id, name] of before) await getDb().update(users).set({ name }).where(eq(users.id, id));
  }
});

test('server actions: add, rename, activate and move a category (settings.manage)', async () => {
  const admin = sessions.get('pentadbir')!.page;
  const cat = await matrixCategory();
  const stamp = randomUUID().slice(0, 6);
  const add = await formFields(admin, '/konsol/kategori', 'form[aria-label="Tambah kategori"]');
  for (const role of ROLES) {
    const nameMs = `Matriks tambah ${role} ${stamp}`;
    await post(role, '/konsol/kategori', add.map(([k, v]) => [k, k === 'nameMs' ? nameMs : k === 'nameEn' ? `Matrix add ${role} ${stamp}` : v]));
    const rows = await getDb().select({ id: categories.id }).from(categories).where(eq(categories.nameMs, nameMs));
    expect(rows.length, role).toBe(role === 'pentadbir' ? 1 : 0);
    // Off the public form again, so no other spec meets it.
    if (rows[0]) await getDb().update(categories).set({ active: false }).where(eq(categories.id, rows[0].id));
  }

  const rename = await formFields(admin, '/konsol/kategori', `form[aria-label="Ubah nama ${cat.nameMs}"]`);
  for (const role of ROLES) {
    await post(role, '/konsol/kategori', rename.map(([k, v]) => [k, k === 'nameEn' ? `Matrix ${role} ${stamp}` : v]));
    const [row] = await getDb().select({ n: categories.nameEn }).from(categories).where(eq(categories.id, cat.id));
    expect(row.n, role).toBe(role === 'pentadbir' ? `Matrix pentadbir ${stamp}` : cat.nameEn);
  }

  const activate = await formFields(admin, '/konsol/kategori', `form[aria-label="Aktifkan ${cat.nameMs}"]`);
  for (const role of ROLES) {
    await post(role, '/konsol/kategori', activate);
    const [row] = await getDb().select({ a: categories.active }).from(categories).where(eq(categories.id, cat.id));
    expect(row.a, role).toBe(role === 'pentadbir');
  }
  await getDb().update(categories).set({ active: false }).where(eq(categories.id, cat.id));

  const position = async () => (await getDb().select({ id: categories.id }).from(categories).orderBy(categories.sortOrder, categories.id)).findIndex((c) => c.id === cat.id);
  const down = await formFields(admin, '/konsol/kategori', `form[aria-label="Turunkan ${cat.nameMs}"]`);
  for (const role of ROLES) {
    const before = await position();
    await post(role, '/konsol/kategori', down);
    expect(await position(), role).toBe(role === 'pentadbir' ? before + 1 : before);
  }
});

// The PTJ list (settings.manage): codes of the matrix's own, deleted after.
test.describe('PTJ list (settings.manage)', () => {
  const prefix = `MX${randomUUID().slice(0, 5).toUpperCase()}`;
  const byCode = async (code: string) => (await getDb().select().from(ptj).where(eq(ptj.code, code)))[0];
  test.afterAll(() => getDb().delete(ptj).where(sql`${ptj.code} like ${`${prefix}%`}`));

  test('server actions: add, edit, deactivate a PTJ', async () => {
    const admin = sessions.get('pentadbir')!.page;
    const add = await formFields(admin, '/konsol/ptj', 'form[aria-label="Tambah PTJ"]');
    for (const role of ROLES) {
      const code = `${prefix}-${role.toUpperCase()}`;
      await post(role, '/konsol/ptj', add.map(([k, v]) => [k, k === 'code' ? code : k === 'name' ? `Pejabat Matriks ${prefix} ${role}` : v]));
      expect(!!(await byCode(code)), role).toBe(role === 'pentadbir');
    }
    const code = `${prefix}-PENTADBIR`;
    const edit = await formFields(admin, `/konsol/ptj?q=${code}`, `form[aria-label="Ubah PTJ ${code}"]`);
    const off = await formFields(admin, `/konsol/ptj?q=${code}`, `form[aria-label="Nyahaktifkan PTJ ${code}"]`);
    for (const role of ROLES) {
      const allowed = role === 'pentadbir';
      await post(role, '/konsol/ptj', edit.map(([k, v]) => [k, k === 'name' ? `Pejabat Diubah ${prefix} ${role}` : v]));
      expect((await byCode(code)).name, role).toBe(allowed ? `Pejabat Diubah ${prefix} pentadbir` : `Pejabat Matriks ${prefix} pentadbir`);
      await post(role, '/konsol/ptj', off);
      expect((await byCode(code)).active, role).toBe(!allowed);
    }
  });

  test('server actions: PTJ CSV preview (shown only to admins) and import', async () => {
    const admin = sessions.get('pentadbir')!.page;
    const code = `${prefix}-CSV`;
    const csv = `kod,nama\n${code},Pejabat Import Matriks ${prefix}\n`;
    const fields = await formFields(admin, '/konsol/ptj', 'form[aria-label="Import PTJ daripada fail CSV"]');
    for (const role of ROLES) {
      const form = new FormData();
      for (const [k, v] of fields) form.append(k, v);
      form.append('file', new File([csv], 'matriks-ptj.csv', { type: 'text/csv' }));
      const res = await sessions.get(role)!.request.post('/konsol/ptj', { multipart: form, headers: { Origin: process.env.APP_URL! }, maxRedirects: 0 });
      expect(res.status(), role).toBeLessThan(500);
      expect((await res.text()).includes('Pratonton: matriks-ptj.csv'), role).toBe(role === 'pentadbir');
    }
    expect(await byCode(code)).toBeUndefined(); // a preview writes nothing

    // The confirm form exists only after a preview in the browser: the admin's own request is
    // caught (and not sent), then replayed from every session.
    await admin.goto('/konsol/ptj');
    await admin.getByLabel('Fail CSV PTJ', { exact: true }).setInputFiles({ name: 'matriks-ptj.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await admin.getByRole('button', { name: 'Pratonton' }).click();
    await expect(admin.getByRole('form', { name: 'Sahkan import PTJ' })).toBeVisible();
    let caught: { headers: Record<string, string>; body: Buffer } | undefined;
    await admin.route('**/konsol/ptj', async (route) => {
      const r = route.request();
      if (r.method() === 'POST') caught = { headers: { 'content-type': r.headers()['content-type'], 'next-action': r.headers()['next-action'] }, body: r.postDataBuffer()! };
      await route.abort();
    });
    await admin.getByRole('button', { name: 'Import baris yang sah' }).click();
    await expect.poll(() => caught).toBeDefined();
    await admin.unroute('**/konsol/ptj');
    for (const role of ROLES) {
      const res = await sessions.get(role)!.request.post('/konsol/ptj', { headers: { ...caught!.headers, Origin: process.env.APP_URL! }, data: caught!.body, maxRedirects: 0 });
      expect(res.status(), role).toBeLessThan(500);
      expect(!!(await byCode(code)), role).toBe(role === 'pentadbir');
    }
  });
});

// PDPA (privacy.manage): the access request by IC number and the correction of a complaint's details.
test.describe('privacy (privacy.manage)', () => {
  const exports = async () => (await getDb().select({ actor: auditLog.actorId }).from(auditLog).where(eq(auditLog.action, 'privacy.access_exported'))).map((r) => r.actor);

  test('public page: privacy notice, the same for every role', async () => {
    for (const role of ROLES) {
      const res = await sessions.get(role)!.request.get('/privasi');
      expect(res.status(), role).toBe(200);
      expect(await res.text(), role).toContain('Notis Perlindungan Data Peribadi');
    }
  });

  test('server actions: access request and correction', async () => {
    const admin = sessions.get('pentadbir')!.page;
    const search = await formFields(admin, '/konsol/privasi', 'form[aria-label="Cari data peribadi mengikut nombor kad pengenalan"]');
    for (const role of ROLES) {
      const before = await exports();
      await post(role, '/konsol/privasi', search.map(([k, v]) => [k, k === 'ic' ? '790303-03-5208' : v]));
      const added = (await exports()).length - before.length;
      expect(added, role).toBe(role === 'pentadbir' ? 1 : 0);
    }

    // The correction form exists only after a search in the browser: the admin's own request is
    // caught (and not sent), then replayed from every session with its own email.
    await admin.getByLabel('No. kad pengenalan (MyKad)').fill('790303-03-5208');
    await admin.getByRole('button', { name: 'Cari' }).click();
    await admin.getByText(`Betulkan butiran pengadu ${number}`).click();
    const correct = admin.getByRole('form', { name: `Betulkan butiran pengadu bagi aduan ${number}` });
    await correct.getByLabel('E-mel').fill('betul-ROLE@example.gov.my');
    let caught: { headers: Record<string, string>; body: string } | undefined;
    await admin.route('**/konsol/privasi', async (route) => {
      const r = route.request();
      if (r.method() === 'POST') caught = { headers: { 'content-type': r.headers()['content-type'], 'next-action': r.headers()['next-action'] }, body: r.postData()! };
      await route.abort();
    });
    await correct.getByRole('button', { name: 'Simpan pembetulan' }).click();
    await expect.poll(() => caught).toBeDefined();
    await admin.unroute('**/konsol/privasi');
    const emailOf = async () => (await getDb().select({ e: complaints.email }).from(complaints).where(eq(complaints.number, number)))[0].e;
    const original = await emailOf();
    try {
      for (const role of ROLES) {
        const res = await sessions.get(role)!.request.post('/konsol/privasi', {
          headers: { ...caught!.headers, Origin: process.env.APP_URL! },
          data: caught!.body.replace('betul-ROLE@', `betul-${role}@`),
          maxRedirects: 0,
        });
        expect(res.status(), role).toBeLessThan(500);
        expect(await emailOf(), role).toBe(role === 'pentadbir' ? 'betul-pentadbir@example.gov.my' : original);
      }
    } finally {
      await getDb().update(complaints).set({ email: original }).where(eq(complaints.number, number));
    }
  });
});

test('server action: draft an FAQ article from a closed complaint (kb.draft)', async () => {
  const fields = await formFields(sessions.get('pentadbir')!.page, `/konsol/aduan/${kbSourceNumber}`, 'form[aria-label="Tulis artikel Soalan Lazim"]');
  const count = async () =>
    (await getDb().select({ id: kbArticles.id }).from(kbArticles).innerJoin(complaints, eq(complaints.id, kbArticles.sourceComplaintId)).where(eq(complaints.number, kbSourceNumber))).length;
  for (const role of ROLES) {
    await post(role, `/konsol/aduan/${kbSourceNumber}`, fields);
    // The first officer allowed drafts it; later ones open the same article.
    expect(await count(), role).toBe(role === 'anonymous' ? 0 : 1);
  }
});

test('server action: save an FAQ article version (kb.draft)', async () => {
  const path = `/konsol/soalan-lazim/${kbArticleId}`;
  const fields = await formFields(sessions.get('pentadbir')!.page, path, 'form[aria-label="Sunting artikel"]');
  const versions = async () => (await getDb().select({ v: kbArticleVersions.version }).from(kbArticleVersions).where(eq(kbArticleVersions.articleId, kbArticleId))).length;
  for (const role of ROLES) {
    const before = await versions();
    const values: Record<string, string> = { title: `Laporan lejar am kosong (${role})`, solution: 'Jana semula laporan selepas tutup bulan.' };
    await post(role, path, fields.map(([k, v]) => [k, values[k] ?? v]));
    expect((await versions()) - before, role).toBe(role === 'anonymous' ? 0 : 1);
  }
});

test('server action: publish an FAQ article version (kb.publish)', async () => {
  const path = `/konsol/soalan-lazim/${kbArticleId}`;
  const fields = await formFields(sessions.get('pentadbir')!.page, path, 'form[aria-label="Terbitkan versi 2"]');
  const published = async () => (await getDb().select({ v: kbArticles.publishedVersion }).from(kbArticles).where(eq(kbArticles.id, kbArticleId)))[0].v;
  const version: Record<Role, string> = { anonymous: '2', pegawai: '2', penyelia: '3', pentadbir: '4' };
  for (const role of ROLES) {
    await post(role, path, fields.map(([k, v]) => [k, k === 'version' ? version[role] : v]));
    expect(await published(), role).toBe({ anonymous: null, pegawai: null, penyelia: 3, pentadbir: 4 }[role]);
  }
});

test('server action: retire an FAQ article (kb.publish)', async () => {
  const path = `/konsol/soalan-lazim/${kbArticleId}`;
  const fields = await formFields(sessions.get('pentadbir')!.page, path, 'form[aria-label="Tarik balik artikel"]');
  const status = async () => (await getDb().select({ s: kbArticles.status }).from(kbArticles).where(eq(kbArticles.id, kbArticleId)))[0].s;
  for (const role of ROLES) {
    await getDb().update(kbArticles).set({ status: 'published', retiredAt: null, retiredBy: null }).where(eq(kbArticles.id, kbArticleId));
    await post(role, path, fields);
    expect(await status(), role).toBe(role === 'penyelia' || role === 'pentadbir' ? 'retired' : 'published');
  }
});

// --- the prerendered pages (issue #14): one copy per language, the same for every role; the public
// language switch sends a visitor back to the prerendered address it was used on, and only there
// (the address is proxy.ts's, never the client's).
test('public pages and server action: the prerendered form and lookup page, and the language switch that returns to them', async () => {
  const anonymous = sessions.get('anonymous')!;
  const fields = await formFields(anonymous.page, '/', 'form[data-language-switch]');
  expect(Object.fromEntries(fields)).toMatchObject({ locale: 'en' });
  for (const role of ROLES) {
    const { request } = sessions.get(role)!;
    for (const [path, heading] of [['/', 'Borang Aduan'], ['/semakan', 'Semakan Aduan'], ['/salinan/en', 'Complaint Form'], ['/salinan/en/semakan', 'Check a Complaint']]) {
      const res = await request.get(path, { maxRedirects: 0 });
      expect(res.status(), `${role} ${path}`).toBe(200);
      expect(await res.text(), `${role} ${path}`).toContain(heading);
    }
    expect((await request.get('/salinan/xx', { maxRedirects: 0 })).status(), role).toBe(404);
    for (const [path, sentTo] of [['/', '/'], ['/semakan', '/semakan'], ['/privasi', null]] as const) {
      const form = new FormData();
      for (const [k, v] of fields) form.append(k, v);
      // A client naming another address is not believed: proxy.ts sets x-pathname itself.
      const res = await request.post(path, { multipart: form, headers: { Origin: process.env.APP_URL!, 'x-pathname': '//evil.example/' }, maxRedirects: 0 });
      expect(res.status(), `${role} ${path}`).toBeLessThan(400);
      expect(res.headers()['set-cookie'], `${role} ${path}`).toContain('NEXT_LOCALE=en');
      const location = res.headers()['location'] ?? null;
      expect(location === null ? null : new URL(location, process.env.APP_URL).pathname, `${role} ${path}`).toBe(sentTo);
      if (location) expect(new URL(location, process.env.APP_URL).origin).toBe(new URL(process.env.APP_URL!).origin);
    }
    // Back to Malay for the tests after this one.
    await post(role, '/', fields.map(([k, v]) => [k, k === 'locale' ? 'ms' : v]));
    expect(await (await request.get('/')).text(), role).toContain('Borang Aduan');
  }
});

test("public route: the lookup page's list (GET /api/v1/semakan), only what this browser's lookup found", async () => {
  for (const role of ROLES) {
    const { request } = sessions.get(role)!;
    const none = await request.get('/api/v1/semakan');
    expect(none.status(), role).toBe(200);
    expect(none.headers()['cache-control'], role).toContain('no-store');
    expect(await none.json(), role).toEqual({ items: [] });
  }
  // A lookup by the test complaint's number grants this browser that complaint, and only it.
  const { request } = sessions.get('anonymous')!;
  const looked = await request.post('/api/v1/semakan', { multipart: { q: number, altcha: await solvedAltcha() }, headers: { Origin: process.env.APP_URL! } });
  expect(looked.status()).toBe(200);
  const listed = (await (await request.get('/api/v1/semakan')).json()) as { items: { number: string; submitted: string }[] };
  expect(listed.items.map((i) => i.number)).toEqual([number]);
  expect(listed.items[0]!.submitted).toMatch(/^\d{2}-\d{2}-\d{4} \d{2}:\d{2}$/);
  expect(JSON.stringify(listed)).not.toMatch(/790303|Siti Aminah|matriks-.*@example/);
  for (const role of ROLES.filter((r) => r !== 'anonymous')) expect(await (await sessions.get(role)!.request.get('/api/v1/semakan')).json(), role).toEqual({ items: [] });
  await request.post('/semakan/tamat', { headers: { Origin: new URL(process.env.APP_URL!).origin }, maxRedirects: 0 });
  expect(await (await request.get('/api/v1/semakan')).json()).toEqual({ items: [] });
});

// --- the public knowledge base (issue #12): pages and handlers are public, the same for every role;
// only published articles exist for anyone (a draft's page is 404 even for staff).
test('public pages and route handlers: Soalan Lazim, its article page, suggestions, "this solved my problem"', async () => {
  const db = getDb();
  const [published, draft] = [await insertArticle(db, { title: 'Matriks baucar gaji tidak dijana', problem: 'Baucar gaji tidak dijana.', solution: 'Buka tempoh perakaunan.' }),
    await insertArticle(db, { status: 'draft', title: 'Matriks draf', problem: 'Draf.', solution: 'Draf.' })];
  try {
    for (const role of ROLES) {
      const { request } = sessions.get(role)!;
      expect((await request.get('/soalan-lazim', { maxRedirects: 0 })).status(), role).toBe(200);
      const page = await request.get(`/soalan-lazim/${published.slug}`, { maxRedirects: 0 });
      expect(page.status(), role).toBe(200);
      expect(await page.text(), role).toContain('Matriks baucar gaji tidak dijana');
      expect((await request.get(`/soalan-lazim/${draft.slug}`, { maxRedirects: 0 })).status(), role).toBe(404);
      const suggest = await request.get('/api/v1/soalan-lazim/cadangan?q=matriks%20baucer%20gaji');
      expect(suggest.status(), role).toBe(200);
      expect(((await suggest.json()) as { items: { slug: string }[] }).items.map((i) => i.slug), role).toContain(published.slug);
      expect((await request.get('/api/v1/soalan-lazim/cadangan?q=a')).status(), role).toBe(400);
      const solved = await request.post('/api/v1/soalan-lazim/terbantu', { multipart: { slug: published.slug, source: 'faq' } });
      expect(solved.status(), role).toBe(200);
      expect(await solved.json(), role).toEqual({ counted: true });
      expect((await request.post('/api/v1/soalan-lazim/terbantu', { multipart: { slug: draft.slug, source: 'faq' } })).status(), role).toBe(404);
    }
    const counted = await db.select({ id: kbDeflections.id }).from(kbDeflections).where(eq(kbDeflections.articleId, published.id));
    expect(counted.length).toBe(ROLES.length);
  } finally {
    await removeArticles(db, [published.id, draft.id]);
  }
});

// --- scale-out (issue #16): readiness is public and says nothing personal; metrics need their token
test('public routes: readiness for every role; metrics not found without METRICS_TOKEN', async () => {
  for (const role of ROLES) {
    const ready = await sessions.get(role)!.request.get('/api/ready');
    expect(ready.status(), role).toBe(200);
    expect(Object.keys(await ready.json()).sort(), role).toEqual(['database', 'migrations', 'ok', 'storage']);
    // The browser suite's app runs without a token: the metrics are not there at all.
    expect((await sessions.get(role)!.request.get('/api/metrics')).status(), role).toBe(404);
  }
});

// Last, as it ends the pegawai's and penyelia's sessions. The admin's account is shared with the
// other spec files, so its password is left alone (the permission, queue.view, is the pegawai's).
test('server action: change own password (queue.view, only one\'s own; ends the sessions)', async () => {
  const fields = await formFields(sessions.get('pentadbir')!.page, '/konsol/akaun', 'form[aria-label="Tukar kata laluan"]');
  const hashes = async () => Object.fromEntries((await getDb().select({ id: users.id, h: users.passwordHash }).from(users).where(inArray(users.id, [ids.pegawai, ids.penyelia, ids.pentadbir]))).map((r) => [r.id, r.h]));
  for (const role of ['anonymous', 'pegawai', 'penyelia'] as const) {
    const before = await hashes();
    const values: Record<string, string> = { current: PASSWORD, password: 'matriks-baharu-kata-laluan', confirm: 'matriks-baharu-kata-laluan' };
    await post(role, '/konsol/akaun', fields.map(([k, v]) => [k, values[k] ?? v]));
    const after = await hashes();
    for (const other of ['pegawai', 'penyelia', 'pentadbir'] as const) {
      expect(after[ids[other]] !== before[ids[other]], `${role} → ${other}`).toBe(other === role);
    }
  }
});
