import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { signSatisfactionLink } from '@/lib/complaints/access';
import { lookupComplaints } from '@/lib/complaints/lookup';
import { satisfactionLinkState } from '@/lib/complaints/satisfaction';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { attachments, complaints } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { limits, spend } from '@/lib/ratelimit/public';
import { GET as attachmentRoute } from '@/app/api/lampiran/[id]/route';
import { solvedAltcha } from '../support/captcha';
import { pngBytes, validFields } from '../support/fixtures';
import { dashedIc, ipSequence, newIc } from '../support/outbox';

// Threat: enumeration in bulk — a scanner walking complaint numbers or IC numbers through the
// lookup, the feedback form, the satisfaction link or the attachment route to learn which exist
// and whose they are. Every lookup costs a solved CAPTCHA and counts against the address
// (LOOKUP_RATE_LIMIT an hour) and the value (10 an hour from anywhere); an unknown value is
// answered like a known one with nothing to show; links and attachment URLs are signed, so a
// guessed one is refused exactly like a wrong one. (Feedback: feedback-oracle.test.ts.)

const ip = ipSequence('10.156.3');

async function file(ic = newIc()) {
  const r = await submitComplaint(getDb(), {
    fields: { ...validFields(), ic: dashedIc(ic), email: `enum.${ic}@example.gov.my` },
    files: [{ name: 'resit.png', bytes: await pngBytes() }],
    captchaToken: await solvedAltcha(),
    ip: ip(),
  });
  if (!r.ok) throw new Error(JSON.stringify(r));
  return { number: r.number, ic };
}

/** A number in the same format that was never issued. */
const unissued = (real: string, i: number) => `${real.slice(0, -4)}${String((Number(real.slice(-4)) + 5000 + i) % 10_000).padStart(4, '0')}`;

describe('enumeration of complaint numbers and IC numbers in bulk', () => {
  it('a scanner with a solved CAPTCHA for every try gets LOOKUP_RATE_LIMIT answers an hour from its address, then only refusals', async () => {
    const real = await file();
    const limit = getEnv().LOOKUP_RATE_LIMIT;
    const scanner = ip();
    // The scanner's first limit − 4 guesses (each lookup is padded to the same answer time, so
    // they are spent on the counter directly), then 8 more through the lookup itself.
    for (let i = 0; i < limit - 4; i++) expect(await spend(getDb(), limits.lookupByAddress(scanner))).toBeNull();
    const tries = Array.from({ length: 8 }, (_, i) => (i === 0 ? real.number : i % 2 === 0 ? unissued(real.number, i) : newIc()));
    const answers = await Promise.all(tries.map(async (query) => lookupComplaints(getDb(), { query, captchaToken: await solvedAltcha(), ip: scanner })));
    const outcome = { answered: 0, refused: 0 };
    for (const r of answers) {
      if (r.ok) outcome.answered += 1;
      else if (r.reason === 'rate_limited') outcome.refused += 1;
    }
    expect(outcome).toEqual({ answered: 4, refused: 4 });
    // An unissued number and an unknown IC are answered like a found one with nothing in it.
    const empty = answers.filter((r) => r.ok && (r.mode === 'link_sent' || r.items.length === 0));
    expect(empty.length).toBeGreaterThanOrEqual(3);
  });

  it('without a solved CAPTCHA a scanner learns nothing at all', async () => {
    const real = await file();
    const scanner = ip();
    for (const query of [real.number, real.ic, unissued(real.number, 1)]) {
      const r = await lookupComplaints(getDb(), { query, captchaToken: undefined, ip: scanner });
      expect(r).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { captcha: 'captcha_required' } });
    }
  });

  it('one IC number looked up from many addresses is refused after 10 an hour (rotating addresses do not help)', async () => {
    const real = await file();
    const results = await Promise.all(
      Array.from({ length: 12 }, async () => {
        const r = await lookupComplaints(getDb(), { query: real.ic, captchaToken: await solvedAltcha(), ip: ip() });
        return r.ok ? 'answered' : r.reason;
      }),
    );
    expect(results.filter((r) => r === 'answered')).toHaveLength(10);
    expect(results.filter((r) => r === 'rate_limited')).toHaveLength(2);
  });

  it('a guessed satisfaction link is refused exactly like a wrong one: an issued number and an unissued one look the same', async () => {
    const real = await file();
    const forged = `${Math.floor(Date.now() / 1000) + 3600}.${'A'.repeat(43)}`;
    const existing = await satisfactionLinkState(getDb(), real.number, forged);
    const missing = await satisfactionLinkState(getDb(), unissued(real.number, 7), forged);
    const stolenOtherNumber = await satisfactionLinkState(getDb(), real.number, signSatisfactionLink(unissued(real.number, 7), 1));
    expect(existing).toEqual({ ok: false, reason: 'invalid' });
    expect(missing).toEqual(existing);
    expect(stolenOtherNumber).toEqual(existing);
  });

  it('a guessed attachment URL answers the same 404 for an existing attachment and a random id', async () => {
    const real = await file();
    const [row] = await getDb()
      .select({ id: attachments.id })
      .from(attachments)
      .innerJoin(complaints, eq(complaints.id, attachments.complaintId))
      .where(eq(complaints.number, real.number));
    const get = async (id: string, query: string) => {
      const res = await attachmentRoute(new Request(`http://localhost/api/lampiran/${id}?${query}`), { params: Promise.resolve({ id }) });
      return { status: res.status, body: await res.text(), type: res.headers.get('content-type') };
    };
    const e = Math.floor(Date.now() / 1000) + 300;
    const realNoSig = await get(row!.id, `v=full&e=${e}`);
    const realBadSig = await get(row!.id, `v=full&e=${e}&s=${'A'.repeat(43)}`);
    const randomId = await get(crypto.randomUUID(), `v=full&e=${e}&s=${'A'.repeat(43)}`);
    expect(realNoSig.status).toBe(404);
    expect(realBadSig).toEqual(realNoSig);
    expect(randomId).toEqual(realNoSig);
  });
});
