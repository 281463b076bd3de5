import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { FEEDBACK_ADDRESS_LOCK, FEEDBACK_LOCK, FEEDBACK_MIN_ANSWER_MS, submitFeedback } from '@/lib/complaints/feedback';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { complaintEvents, complaints } from '@/lib/db/schema';
import { POST as feedbackRoute } from '@/app/api/v1/aduan/[no]/maklumbalas/route';
import { solvedAltcha } from '../support/captcha';
import { validFields } from '../support/fixtures';
import { dashedIc, ipSequence, newIc } from '../support/outbox';

// Threats: (1) the feedback form as an oracle — telling "this complaint number exists" apart from
// "it does not" by the answer, the lock that follows, or the time taken; (2) a stranger who locks
// the real complainant out of their own complaint by failing on purpose. The answer and the
// timing are the same either way, and failures lock the stranger's address, not the complaint.

const ip = ipSequence('10.225.4');
const NAME = 'Siti Nurhaliza Binti Tarudin';

async function file() {
  const ic = newIc();
  const r = await submitComplaint(getDb(), {
    fields: { ...validFields(), ic: dashedIc(ic) },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: ip(),
  });
  if (!r.ok) throw new Error(`could not file: ${JSON.stringify(r)}`);
  return { number: r.number, ic };
}

/** An unused number in the same format (the last digits of a real one, changed). */
const missingNumber = (real: string) => `${real.slice(0, -4)}${String((Number(real.slice(-4)) + 5000) % 10_000).padStart(4, '0')}`;

async function viaRoute(number: string, fields: Record<string, string>, from: string) {
  const form = new FormData();
  for (const [k, v] of Object.entries({ message: 'Cubaan', ...fields, altcha: await solvedAltcha() })) form.append(k, v);
  const url = `http://localhost/api/v1/aduan/${number}/maklumbalas`;
  const encoded = new Request(url, { method: 'POST', body: form });
  const body = new Uint8Array(await encoded.arrayBuffer());
  const req = new Request(url, {
    method: 'POST',
    body,
    headers: { 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.length), 'x-forwarded-for': from },
  });
  const started = Date.now();
  const res = await feedbackRoute(req, { params: Promise.resolve({ no: number }) });
  return { status: res.status, body: await res.json(), ms: Date.now() - started };
}

const feedback = async (number: string, fields: { icUser: string; name: string }, from: string) =>
  submitFeedback(getDb(), { number, fields: { message: 'Cubaan', ...fields }, files: [], captchaToken: await solvedAltcha(), ip: from });

describe('feedback: no oracle', () => {
  it('answers an unknown number exactly like a wrong name: same status and body, the same minimum time', async () => {
    const c = await file();
    const wrongName = await viaRoute(c.number, { icUser: c.ic, name: 'Orang Lain Binti Entah' }, ip());
    const unknown = await viaRoute(missingNumber(c.number), { icUser: c.ic, name: NAME }, ip());
    expect(wrongName.status).toBe(403);
    expect(unknown.status).toBe(wrongName.status);
    expect(unknown.body).toEqual(wrongName.body);
    expect(wrongName.ms).toBeGreaterThanOrEqual(FEEDBACK_MIN_ANSWER_MS - 5);
    expect(unknown.ms).toBeGreaterThanOrEqual(FEEDBACK_MIN_ANSWER_MS - 5);
  });

  it(`locks alike after ${FEEDBACK_LOCK.failures} failures: an unknown number as an existing one`, async () => {
    const c = await file();
    const unknownNumber = missingNumber(c.number);
    const [fromA, fromB] = [ip(), ip()];
    const existing: string[] = [];
    const unknown: string[] = [];
    for (let i = 0; i <= FEEDBACK_LOCK.failures; i++) {
      const a = await feedback(c.number, { icUser: c.ic, name: `Salah ${i}` }, fromA);
      const b = await feedback(unknownNumber, { icUser: c.ic, name: `Salah ${i}` }, fromB);
      existing.push(a.ok ? 'ok' : a.reason);
      unknown.push(b.ok ? 'ok' : b.reason);
    }
    expect(existing.at(-1)).toBe('locked');
    expect(unknown).toEqual(existing);
  });
});

describe('feedback: no lockout of the owner', () => {
  it("a stranger's failures lock the stranger's address; the owner with the right IC and name still gets in", async () => {
    const c = await file();
    const stranger = ip();
    for (let i = 0; i < FEEDBACK_LOCK.failures; i++) await feedback(c.number, { icUser: newIc(), name: `Bukan Saya ${i}` }, stranger);
    expect(await feedback(c.number, { icUser: c.ic, name: NAME }, stranger)).toEqual({ ok: false, reason: 'locked' });

    const owner = await feedback(c.number, { icUser: c.ic, name: NAME }, ip());
    expect(owner).toEqual({ ok: true, closed: false, reopened: false });
    const [row] = await getDb().select({ id: complaints.id }).from(complaints).where(eq(complaints.number, c.number));
    const events = await getDb().select().from(complaintEvents).where(eq(complaintEvents.complaintId, row.id));
    expect(events.filter((e) => e.type === 'complainant_feedback')).toHaveLength(1);
  });

  it(`an address that fails across many numbers (${FEEDBACK_ADDRESS_LOCK.failures}) is locked on every number`, async () => {
    const c = await file();
    const prober = ip();
    const base = missingNumber(c.number);
    for (let i = 0; i < FEEDBACK_ADDRESS_LOCK.failures; i++) {
      await feedback(`${base.slice(0, -3)}${String(i).padStart(3, '0')}`, { icUser: c.ic, name: NAME }, prober);
    }
    // Even the right details from that address wait; from another address they work.
    expect(await feedback(c.number, { icUser: c.ic, name: NAME }, prober)).toEqual({ ok: false, reason: 'locked' });
    expect((await feedback(c.number, { icUser: c.ic, name: NAME }, ip())).ok).toBe(true);
  }, 60_000);
});
