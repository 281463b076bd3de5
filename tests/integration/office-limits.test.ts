import { randomUUID } from 'node:crypto';
import { and, eq, inArray, like } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { verifyStaffCredentials } from '@/lib/auth/sign-in';
import { submitFeedback } from '@/lib/complaints/feedback';
import { lookupComplaints, redeemLookupToken } from '@/lib/complaints/lookup';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { auditLog, rateLimits } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { hashPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { addressKey } from '@/lib/ratelimit/address';
import { IDENTITY_LIMITS } from '@/lib/ratelimit/public';
import { getAgencySettings } from '@/lib/settings/agency';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from '../support/captcha';
import { pdfBytes, validFields } from '../support/fixtures';
import { counts } from '../support/inspect';
import { dashedIc, drainOutbox, newIc, withOutboxWorker } from '../support/outbox';

// One PTJ office, many civil servants, one NAT address: typos and missing CAPTCHA ticks must not
// lock the office out, while a script without CAPTCHA solutions stores nothing and is stopped.
// Each test uses addresses of its own (no other file uses 10.240.x.x or 2001:db8:70::/48).

withOutboxWorker();

const person = (i: number) => ({
  ...validFields(),
  name: `Pegawai Kewangan ${'ABCDEFGHIJKLMNOPQRSTUVWXYZ'[i]}`,
  ic: dashedIc(newIc()),
  email: `pegawai-${i}-${randomUUID().slice(0, 8)}@kelantan.gov.my`,
});

describe('one office behind one address', () => {
  it('lets 15 people each file a complaint within the hour, typos included', async () => {
    const office = '10.240.0.1';
    const before = await counts();
    const numbers: string[] = [];
    for (let i = 0; i < 15; i++) {
      const fields = person(i);
      // First a typo in the IC and no CAPTCHA tick yet: refused beside the fields, budget untouched.
      const typo = await submitComplaint(getDb(), { fields: { ...fields, ic: '881301-03-5123' }, files: [], captchaToken: undefined, ip: office });
      expect(typo, `person ${i + 1}, typo`).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { ic: 'ic_date', captcha: 'captcha_required' } });
      const filed = await submitComplaint(getDb(), { fields, files: [], captchaToken: await solvedAltcha(), ip: office });
      expect(filed.ok, `person ${i + 1}: ${JSON.stringify(filed)}`).toBe(true);
      if (filed.ok) numbers.push(filed.number);
    }
    expect(new Set(numbers).size).toBe(15);
    const after = await counts();
    expect(after.complaints - before.complaints).toBe(15);
    expect(after.jobs - before.jobs).toBe(15);
  }, 120_000);

  it('stores nothing from a script without CAPTCHA solutions, and stops it at the request ceiling', async () => {
    const office = '10.240.0.2';
    await drainOutbox();
    const before = await counts();
    const ceiling = getEnv().PUBLIC_REQUEST_LIMIT;
    let refusal: Awaited<ReturnType<typeof submitComplaint>> | undefined;
    let sent = 0;
    while (sent < ceiling + 5) {
      sent += 1;
      // Valid fields (an attachment now and then), but never a CAPTCHA solution.
      const files = sent % 100 === 1 ? [{ name: 'surat.pdf', bytes: pdfBytes() }] : [];
      const r = await submitComplaint(getDb(), { fields: person(sent % 26), files, captchaToken: sent % 2 ? undefined : 'bukan-penyelesaian', ip: office });
      if (!r.ok && r.reason === 'rate_limited') {
        refusal = r;
        break;
      }
      // No token at all asks for the tick; a bogus one fails.
      const captcha = sent % 2 ? 'captcha_required' : 'captcha_failed';
      expect(r, `request ${sent}`).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { captcha } });
    }
    expect(sent).toBe(ceiling + 1);
    expect(refusal).toMatchObject({ ok: false, reason: 'rate_limited' });
    if (refusal?.ok !== false || refusal.reason !== 'rate_limited') return;
    expect(refusal.retryAfterSeconds).toBeGreaterThan(0);
    expect(refusal.retryAfterSeconds).toBeLessThanOrEqual(3600);
    const agency = await getAgencySettings(getDb());
    expect(refusal.helpdesk).toEqual({ phone: agency.phone, email: agency.email });

    // Nothing stored: no complaint, event, attachment row or object, no email job, no email.
    expect(await counts()).toEqual(before);
    // Another address is still served.
    const elsewhere = await submitComplaint(getDb(), { fields: person(0), files: [], captchaToken: await solvedAltcha(), ip: '10.240.0.3' });
    expect(elsewhere.ok).toBe(true);
  }, 180_000);

  it('refuses past the address budget or the IC number budget, with a solved CAPTCHA', async () => {
    const db = getDb();
    const office = '10.240.0.4';
    const inAnHour = new Date(Date.now() + 3600_000);
    // Pretend the office has filed all but one of its complaints this hour.
    await db.insert(rateLimits).values({ key: `submit-ip:${office}`, points: getEnv().SUBMIT_RATE_LIMIT - 1, expire: inAnHour });
    expect((await submitComplaint(db, { fields: person(1), files: [], captchaToken: await solvedAltcha(), ip: office })).ok).toBe(true);
    const over = await submitComplaint(db, { fields: person(2), files: [], captchaToken: await solvedAltcha(), ip: office });
    expect(over).toMatchObject({ ok: false, reason: 'rate_limited' });

    // One person (one IC number) past their day's complaints, from addresses with budget left.
    const fields = person(4);
    const icHash = hashPii(fields.ic.replace(/-/g, ''), piiKeys(getEnv().PII_KEY).mac);
    await db.insert(rateLimits).values({ key: `submit-ic:${icHash}`, points: getEnv().SUBMIT_IC_LIMIT - 1, expire: inAnHour });
    expect((await submitComplaint(db, { fields, files: [], captchaToken: await solvedAltcha(), ip: '10.240.0.5' })).ok).toBe(true);
    const again = await submitComplaint(db, { fields: { ...fields, submissionKey: randomUUID() }, files: [], captchaToken: await solvedAltcha(), ip: '10.240.0.6' });
    expect(again).toMatchObject({ ok: false, reason: 'rate_limited' });
    // The IC's refusal did not cost that address anything.
    expect(await db.select().from(rateLimits).where(eq(rateLimits.key, 'submit-ip:10.240.0.6'))).toHaveLength(0);
  }, 60_000);
});

describe('IPv6 clients', () => {
  it('count by their /64: fresh addresses of one /64 share one allowance', async () => {
    // A lookup link presented with bad tokens from ever new addresses of one /64.
    const max = IDENTITY_LIMITS.badLinksPerAddress.points;
    for (let i = 0; i < max + 10; i++) {
      expect(await redeemLookupToken(getDb(), `bad-${randomUUID()}-${randomUUID()}`, `2001:db8:70:1::${(i + 1).toString(16)}`)).toBeNull();
    }
    const [row] = await getDb().select().from(rateLimits).where(eq(rateLimits.key, `lookup-link-fail:${addressKey('2001:db8:70:1::1')}`));
    expect(row.points).toBe(max);
    const refused = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'complaint.lookup_link_refused'), like(auditLog.ip, '2001:db8:70:1::%')));
    expect(refused).toHaveLength(max);
    // Another /64 is not affected: its first bad link is still audited.
    await redeemLookupToken(getDb(), `bad-${randomUUID()}-${randomUUID()}`, '2001:db8:70:2::1');
    expect(await getDb().select().from(auditLog).where(eq(auditLog.ip, '2001:db8:70:2::1'))).toHaveLength(1);
  }, 60_000);
});

describe('the audit log cannot be flooded', () => {
  const auditRowsFrom = (ips: string[]) => getDb().select().from(auditLog).where(inArray(auditLog.ip, ips));

  it('writes no audit row once an address is limited for bad lookup links', async () => {
    const at = '10.240.1.1';
    const max = IDENTITY_LIMITS.badLinksPerAddress.points;
    for (let i = 0; i < max * 2; i++) await redeemLookupToken(getDb(), `bad-${randomUUID()}-${randomUUID()}`, at);
    expect(await auditRowsFrom([at])).toHaveLength(max);
  }, 60_000);

  it('writes no audit row for lookups and feedback without CAPTCHA solutions, however many', async () => {
    const at = '10.240.1.2';
    for (let i = 0; i < 40; i++) {
      const r = await lookupComplaints(getDb(), { query: newIc(), captchaToken: 'bukan-penyelesaian', ip: at });
      expect(r).toMatchObject({ ok: false, reason: 'invalid' });
    }
    expect(await auditRowsFrom([at])).toHaveLength(0);
    // A real lookup from the same address still works (the bogus ones cost it no lookups) and is audited.
    expect((await lookupComplaints(getDb(), { query: newIc(), captchaToken: await solvedAltcha(), ip: at })).ok).toBe(true);
    expect(await auditRowsFrom([at])).toHaveLength(1);
  }, 60_000);

  it('records a sign-in address\'s rate-limit refusal once, not every refused attempt', async () => {
    const at = '10.240.1.5';
    for (let i = 0; i < 40; i++) {
      const r = await verifyStaffCredentials(getDb(), { email: `tiada-${i}@kelantan.gov.my`, password: 'salah-kata-laluan', ip: at });
      expect(r.ok).toBe(false);
    }
    const rows = await auditRowsFrom([at]);
    // 30 attempts within the limit, then one row for the refusals after it.
    expect(rows.filter((r) => (r.detail as { reason?: string }).reason === 'rate_limited')).toHaveLength(1);
    expect(rows).toHaveLength(31);
  }, 60_000);

  it('lets a whole office sign in from one address: only failures count towards its limit', async () => {
    const at = '10.240.1.6';
    const officer = await createStaffUser(getDb(), { name: 'Pegawai Pejabat Sama', email: `pejabat-${randomUUID().slice(0, 8)}@pkn.test`, role: 'pegawai', password: 'kata-laluan-pejabat-panjang' });
    // 40 sign-ins in a morning, more than the address's 30 failures: each one gets in.
    for (let i = 0; i < 40; i++) {
      const r = await verifyStaffCredentials(getDb(), { email: officer.email, password: 'kata-laluan-pejabat-panjang', ip: at });
      expect(r.ok, `sign-in ${i + 1}`).toBe(true);
    }
  }, 90_000);

  it('lets an office give feedback after many attempts without a CAPTCHA solution', async () => {
    const at = '10.240.1.3';
    const fields = person(3);
    const filed = await submitComplaint(getDb(), { fields, files: [], captchaToken: await solvedAltcha(), ip: '10.240.1.4' });
    if (!filed.ok) throw new Error(JSON.stringify(filed));
    const answer = { icUser: fields.ic, name: fields.name, message: 'Masalah masih berlaku selepas kemas kini semalam.' };
    for (let i = 0; i < 40; i++) {
      const r = await submitFeedback(getDb(), { number: filed.number, fields: answer, files: [], captchaToken: undefined, ip: at });
      expect(r, `attempt ${i + 1}`).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { captcha: 'captcha_required' } });
    }
    expect(await auditRowsFrom([at])).toHaveLength(0);
    const r = await submitFeedback(getDb(), { number: filed.number, fields: answer, files: [], captchaToken: await solvedAltcha(), ip: at });
    expect(r).toMatchObject({ ok: true, closed: false });
  }, 60_000);
});
