import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { staffActionWith } from '@/lib/auth/staff-action';
import type { StaffSession } from '@/lib/auth/session';
import { takeComplaint } from '@/lib/complaints/assignment';
import { changeStatus } from '@/lib/complaints/officer-actions';
import { getDb } from '@/lib/db';
import { complaints } from '@/lib/db/schema';
import type { Locale } from '@/lib/i18n/config';
import en from '@/lib/i18n/messages/en.json';
import ms from '@/lib/i18n/messages/ms.json';
import { POST as fileRoute } from '@/app/api/v1/aduan/route';
import { POST as feedbackRoute } from '@/app/api/v1/aduan/[no]/maklumbalas/route';
import { solvedAltcha } from '../support/captcha';
import { fileComplaint, newOfficer } from '../support/officer-fixtures';

// The route handlers answer through the same mapper: same statuses and bodies as before.
// A staff action built with the wrapper answers every refusal as a result in the officer's
// language: a missing session, the TOTP gate, a missing permission, bad input, and an AppError
// thrown by the real service. Only the request (who is signed in, which language) is supplied
// here, because outside Next.js there is no request to read it from.

const sessionOf = (user: { id: string; name: string; email: string }, role: StaffSession['role'], mustEnrolTotp = false): StaffSession => ({
  userId: user.id,
  name: user.name,
  email: user.email,
  role,
  mustEnrolTotp,
  sessionId: randomUUID(),
  mustChangePassword: false,
});

/** The console's "Ambil" action, built as in app/konsol/(signed-in)/aduan/[no]/actions.ts. */
function takeActionFor(session: StaffSession | null, locale: Locale, options: { beforeTotpEnrolment?: boolean } = {}) {
  const staffAction = staffActionWith({ session: async () => session, locale: async () => locale });
  return staffAction(
    'complaint.reply',
    z.object({ number: z.string().regex(/^[A-Z]{2,6}\d{15}$/) }),
    async (input, { session: s }) => {
      await takeComplaint(getDb(), { userId: s.userId, number: input.number, ip: '192.0.2.10' });
    },
    options,
  );
}

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};
const assignee = async (id: string) => (await getDb().select({ a: complaints.assignedTo }).from(complaints).where(eq(complaints.id, id)))[0].a;

describe('staff action errors', () => {
  it('answers a missing session in the officer\'s language and runs nothing', async () => {
    const c = await fileComplaint();
    for (const [locale, messages] of [['ms', ms], ['en', en]] as const) {
      expect(await takeActionFor(null, locale)(null, form({ number: c.number }))).toEqual({ ok: false, message: messages.errors.unauthenticated });
    }
    expect(await assignee(c.id)).toBeNull();
  });

  it('keeps the TOTP gate and the permission check before the service runs', async () => {
    const c = await fileComplaint();
    const officer = await newOfficer();
    const enrolling = sessionOf(officer, 'pegawai', true);
    expect(await takeActionFor(enrolling, 'en')(null, form({ number: c.number }))).toEqual({ ok: false, message: en.errors.totp_enrolment });
    expect(await assignee(c.id)).toBeNull();

    const manage = staffActionWith({ session: async () => sessionOf(officer, 'pegawai'), locale: async () => 'ms' })('staff.manage', z.object({}), async () => {
      throw new Error('must not run');
    });
    expect(await manage(null, form({}))).toEqual({ ok: false, message: ms.errors.forbidden });
  });

  it('answers bad input with field errors and a service refusal (AppError) with its message', async () => {
    const c = await fileComplaint();
    const officer = await newOfficer();
    const session = sessionOf(officer, 'pegawai');

    expect(await takeActionFor(session, 'en')(null, form({ number: 'bukan-nombor' }))).toEqual({
      ok: false,
      message: en.errors.invalid,
      fieldErrors: { number: en.errors.field_invalid },
    });

    // The real service refuses a closed complaint with AppError('complaint_closed', 409).
    const admin = await newOfficer('penyelia');
    await changeStatus(getDb(), { userId: admin.id, number: c.number, to: 'ditutup', reason: 'Ujian ralat tindakan.', ip: '192.0.2.11' });
    expect(await takeActionFor(session, 'ms')(null, form({ number: c.number }))).toEqual({ ok: false, message: ms.errors.complaint_closed });
    expect(await takeActionFor(session, 'en')(null, form({ number: c.number }))).toEqual({ ok: false, message: en.errors.complaint_closed });
    expect(await assignee(c.id)).toBeNull();
  });

  it('says "Disimpan." in the officer\'s language when the service succeeds', async () => {
    const c = await fileComplaint();
    const officer = await newOfficer();
    expect(await takeActionFor(sessionOf(officer, 'pegawai'), 'en')(null, form({ number: c.number }))).toEqual({ ok: true, message: en.actions.saved });
    expect(await assignee(c.id)).toBe(officer.id);
  });
});

/** A multipart POST as a browser sends it (with Content-Length). */
async function post(url: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const encoded = new Request(url, { method: 'POST', body: form(fields) });
  const body = new Uint8Array(await encoded.arrayBuffer());
  return new Request(url, { method: 'POST', body, headers: { ...Object.fromEntries(encoded.headers), 'content-length': String(body.length), ...headers } });
}

describe('public route handler errors', () => {
  it('answers missing fields with 422, per field in Malay or English, with the codes', async () => {
    const res = await fileRoute(await post('http://localhost/api/v1/aduan', { submissionKey: crypto.randomUUID() }, { 'x-forwarded-for': '198.51.100.40' }), {});
    expect(res.status).toBe(422);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.error).toEqual({ code: 'invalid', message: 'Sila betulkan ralat pada borang.' });
    expect(body.fieldErrors.name).toBe('Perlu diisi');
    expect(body.fieldErrorCodes.name).toBe('required');
    expect(body.fieldErrors.captcha).toBe(ms.errors.captcha_required);

    const english = await fileRoute(
      await post('http://localhost/api/v1/aduan', { submissionKey: crypto.randomUUID() }, { cookie: 'NEXT_LOCALE=en', 'x-forwarded-for': '198.51.100.41' }),
      {},
    );
    expect((await english.json()).fieldErrors.name).toBe('Required');
  });

  it('answers a feedback mismatch with 403 and one message that does not say which detail was wrong', async () => {
    const c = await fileComplaint();
    const fields = { icUser: '900101015555', name: 'Orang Lain', message: 'Ujian.', altcha: await solvedAltcha() };
    const res = await feedbackRoute(await post(`http://localhost/api/v1/aduan/${c.number}/maklumbalas`, fields, { 'x-forwarded-for': '198.51.100.42' }), {
      params: Promise.resolve({ no: c.number }),
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: 'mismatch', message: ms.errors.mismatch } });
  });
});
