import { createHash, randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { lookupComplaints, redeemLookupToken } from '@/lib/complaints/lookup';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { auditLog, lookupTokens, settings } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { IDENTITY_LIMITS } from '@/lib/ratelimit/public';
import { solvedAltcha } from '../support/captcha';
import { validFields } from '../support/fixtures';
import { fakeResend, waitFor } from '../support/inspect';
import { dashedIc, drainOutbox, ipSequence, newIc, withOutboxWorker } from '../support/outbox';

// Semakan Aduan: IC number or complaint number → list; CAPTCHA, rate limits, audit, equal timing,
// and the strict mode that only emails a single-use link.

withOutboxWorker();

const ip = ipSequence('10.61');

const dashed = dashedIc;
const masked = (ic: string) => `******-**-${ic.slice(-4)}`;
// The outbox delivers about one email a second, so an email may wait behind earlier tests' emails.
const MAIL_WAIT_MS = 45_000;
const MAIL_TEST_MS = 60_000;

async function file(ic: string, extra: Partial<ReturnType<typeof validFields>> = {}): Promise<string> {
  const r = await submitComplaint(getDb(), {
    fields: { ...validFields(), ic: dashed(ic), ...extra },
    files: [],
    captchaToken: await solvedAltcha(),
    ip: ip(),
  });
  if (!r.ok) throw new Error(`could not file a complaint: ${JSON.stringify(r)}`);
  return r.number;
}

async function look(query: string, at = ip(), captchaToken?: string | null) {
  return lookupComplaints(getDb(), {
    query,
    captchaToken: captchaToken === null ? undefined : (captchaToken ?? (await solvedAltcha())),
    ip: at,
  });
}

describe('lookup by IC number or complaint number', () => {
  it('lists every complaint of an IC (with or without dashes), newest first, and only that IC', async () => {
    const ic = newIc();
    const other = newIc();
    const first = await file(ic, { title: 'Aduan pertama' });
    const second = await file(ic, { title: 'Aduan kedua' });
    const foreign = await file(other, { title: 'Aduan orang lain' });

    for (const query of [ic, dashed(ic), ` ${dashed(ic)} `]) {
      const r = await look(query);
      expect(r.ok).toBe(true);
      if (!r.ok || r.mode !== 'list') throw new Error(`unexpected ${JSON.stringify(r)}`);
      expect(r.by).toBe('ic');
      expect(r.items.map((i) => i.number)).toEqual([second, first]);
      expect(r.items.map((i) => i.number)).not.toContain(foreign);
      expect(r.items[0]).toMatchObject({ number: second, title: 'Aduan kedua', status: 'baru', agingDays: 0 });
      expect(r.items[1]).toMatchObject({ number: first, title: 'Aduan pertama', status: 'baru', agingDays: 0 });
      expect(r.items[0].category).toEqual({ ms: 'Kod Barang / Kod Akaun', en: 'Item / Account Codes' });
      expect(r.items[0].createdAt.getTime()).toBeGreaterThan(r.items[1].createdAt.getTime());
    }
  });

  it('finds exactly one complaint by its number, also typed in lower case', async () => {
    const ic = newIc();
    const a = await file(ic);
    await file(ic);
    for (const query of [a, a.toLowerCase(), `  ${a.toLowerCase()}  `]) {
      const r = await look(query);
      if (!r.ok || r.mode !== 'list') throw new Error(`unexpected ${JSON.stringify(r)}`);
      expect(r.by).toBe('number');
      expect(r.items).toHaveLength(1);
      expect(r.items[0]).toMatchObject({ number: a, status: 'baru', agingDays: 0 });
    }
  });

  it('answers an empty list for an unknown IC and an unknown number', async () => {
    const unknownIc = await look(newIc());
    expect(unknownIc).toEqual({ ok: true, mode: 'list', by: 'ic', items: [] });
    const unknownNo = await look('PKN990101000000999');
    expect(unknownNo).toEqual({ ok: true, mode: 'list', by: 'number', items: [] });
  });

  it('refuses an invalid query, a missing CAPTCHA and a replayed CAPTCHA', async () => {
    const bad = await look('abc');
    expect(bad).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { q: 'lookup_invalid' } });

    const noCaptcha = await look(newIc(), ip(), null);
    expect(noCaptcha).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { captcha: 'captcha_required' } });

    const token = await solvedAltcha();
    const once = await look(newIc(), ip(), token);
    expect(once.ok).toBe(true);
    const replay = await look(newIc(), ip(), token);
    expect(replay.ok).toBe(false);
    if (replay.ok) return;
    expect(replay.reason).toBe('invalid');
    if (replay.reason !== 'invalid') return;
    expect(replay.fieldErrors.captcha).toBe('captcha_replayed');
  });

  it('audits every lookup with the masked IC, never the full one', async () => {
    const ic = newIc();
    const unknown = newIc();
    const number = await file(ic);
    const cases = [
      { query: dashed(ic), ic, detail: { by: 'ic', value: masked(ic), matches: 1 } },
      { query: ic, ic, detail: { by: 'ic', value: masked(ic), matches: 1 } },
      { query: unknown, ic: unknown, detail: { by: 'ic', value: masked(unknown), matches: 0 } },
      { query: number, ic, detail: { by: 'number', value: number, matches: 1 } },
    ];
    for (const c of cases) {
      const at = ip();
      expect((await look(c.query, at)).ok).toBe(true);
      const rows = await getDb()
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'complaint.lookup'), eq(auditLog.ip, at)));
      expect(rows, c.query).toHaveLength(1);
      expect(rows[0].detail).toEqual(c.detail);
      const text = JSON.stringify(rows[0]);
      expect(text).not.toContain(c.ic);
      expect(text).not.toContain(dashed(c.ic));
    }
  });

  it(`refuses the lookup after ${IDENTITY_LIMITS.lookupPerValue.points} lookups of the same IC, even from other addresses`, async () => {
    const ic = newIc();
    await file(ic);
    for (let i = 0; i < IDENTITY_LIMITS.lookupPerValue.points; i++) {
      const r = await look(i % 2 ? ic : dashed(ic));
      expect(r.ok, `lookup ${i + 1}`).toBe(true);
    }
    const extra = await look(ic);
    expect(extra).toMatchObject({ ok: false, reason: 'rate_limited' });
    if (!extra.ok && extra.reason === 'rate_limited') expect(extra.retryAfterSeconds).toBeGreaterThan(0);
    // Another IC from a fresh address is not affected.
    expect((await look(newIc())).ok).toBe(true);
  });

  it('spends an address\'s lookups only once the CAPTCHA has passed, and refuses past its budget', async () => {
    const at = ip();
    // An office's typos and unticked CAPTCHAs cost it no lookups.
    for (let i = 0; i < 30; i++) {
      const r = await look(newIc(), at, 'bogus-token');
      expect(r, `lookup ${i + 1}`).toMatchObject({ ok: false, reason: 'invalid', fieldErrors: { captcha: 'captcha_failed' } });
    }
    const budget = getEnv().LOOKUP_RATE_LIMIT;
    // Solved lookups, a batch at a time (each takes the minimum answer time).
    for (let done = 0; done < budget; done += 20) {
      const batch = await Promise.all(Array.from({ length: Math.min(20, budget - done) }, () => look(newIc(), at)));
      for (const r of batch) expect(r.ok, JSON.stringify(r)).toBe(true);
    }
    const extra = await look(newIc(), at);
    expect(extra).toMatchObject({ ok: false, reason: 'rate_limited', helpdesk: { phone: '09 748 1957', email: 'treasury@kelantan.gov.my' } });
    // Another address is still served.
    expect((await look(newIc())).ok).toBe(true);
  }, 120_000);

  it('takes at least the minimum answer time whether or not anything matched', async () => {
    const ic = newIc();
    await file(ic);
    const timed = async (query: string) => {
      const token = await solvedAltcha();
      const started = performance.now();
      const r = await look(query, ip(), token);
      return { r, ms: performance.now() - started };
    };
    const found = await timed(ic);
    const notFound = await timed(newIc());
    expect(found.r.ok && found.r.mode === 'list' && found.r.items.length).toBe(1);
    expect(notFound.r.ok && notFound.r.mode === 'list' && notFound.r.items.length).toBe(0);
    expect(found.ms).toBeGreaterThanOrEqual(350);
    expect(notFound.ms).toBeGreaterThanOrEqual(350);
  });
});

describe('strict lookup (semakan selamat)', () => {
  async function withStrictLookup<T>(fn: () => Promise<T>): Promise<T> {
    const db = getDb();
    const [row] = await db.select().from(settings).where(eq(settings.key, 'agency'));
    const original = row.value as Record<string, unknown>;
    await db
      .update(settings)
      .set({ value: { ...original, strictLookup: true } })
      .where(eq(settings.key, 'agency'));
    try {
      return await fn();
    } finally {
      await db.update(settings).set({ value: original }).where(eq(settings.key, 'agency'));
    }
  }

  const lookupLinkEmails = async () =>
    (await fakeResend().emails()).emails.filter((e) => e.idempotencyKey?.startsWith('lookup-link/'));

  it('answers the same sentence and emails one single-use link to the address on file, one pending at a time', async () => {
    const ic = newIc();
    const email = `pengadu-${randomUUID().slice(0, 8)}@example.gov.my`;
    const a = await file(ic, { email });
    const b = await file(ic, { email });

    await withStrictLookup(async () => {
      const known = await look(dashed(ic));
      expect(known).toEqual({ ok: true, mode: 'link_sent' });
      const unknown = await look(newIc());
      expect(unknown).toEqual({ ok: true, mode: 'link_sent' });
      const byNumber = await look(a);
      expect(byNumber).toEqual({ ok: true, mode: 'link_sent' });
    });

    // The IC lookup sends one link; the unknown IC sends none; the number lookup sends none
    // either, as the email on file still has a link that is neither used nor expired.
    await drainOutbox();
    const all = await lookupLinkEmails();
    expect(all).toHaveLength(1);
    for (const e of all) expect(e.to).toEqual([email]);

    const tokens: string[] = [];
    for (const e of all) {
      for (const body of [e.html ?? '', e.text ?? '']) {
        expect(body).toContain('/semakan/pautan?token=');
        expect(body).not.toMatch(/PKN\d{15}/);
        expect(body).not.toContain(a);
        expect(body).not.toContain(b);
        expect(body).not.toContain(ic);
      }
      const m = /\/semakan\/pautan\?token=([A-Za-z0-9_-]+)/.exec(e.html ?? '');
      expect(m).not.toBeNull();
      tokens.push(m![1]);
    }

    // Which link opens what: the IC's link opens both complaints, the number's link only that one.
    const redeemed: string[][] = [];
    for (const token of tokens) {
      const numbers = await redeemLookupToken(getDb(), token, ip());
      expect(numbers).not.toBeNull();
      redeemed.push([...numbers!].sort());
      expect(await redeemLookupToken(getDb(), token, ip())).toBeNull();
    }
    expect(redeemed).toEqual([[a, b].sort()]);

    expect(await redeemLookupToken(getDb(), 'x'.repeat(43), ip())).toBeNull();
    expect(await redeemLookupToken(getDb(), '', ip())).toBeNull();

    // Only hashes are stored.
    const rows = await getDb().select().from(lookupTokens);
    const stored = JSON.stringify(rows);
    for (const token of tokens) {
      expect(stored).not.toContain(token);
      const hash = createHash('sha256').update(token).digest('hex');
      const row = rows.find((r) => r.tokenHash === hash);
      expect(row).toBeDefined();
      expect(row!.tokenHash).toMatch(/^[0-9a-f]{64}$/);
      expect(row!.usedAt).not.toBeNull();
    }
  }, MAIL_TEST_MS);

  it('sends nothing new while a link is pending, a new link once it is used, and only so many a day', async () => {
    const ic = newIc();
    const email = `pengadu-${randomUUID().slice(0, 8)}@example.gov.my`;
    const number = await file(ic, { email });
    const linksTo = async () => (await lookupLinkEmails()).filter((e) => e.to[0] === email);
    await withStrictLookup(async () => {
      // Three lookups from three addresses (IC, dashed IC, number): one email.
      for (const q of [ic, dashed(ic), number]) expect(await look(q)).toEqual({ ok: true, mode: 'link_sent' });
    });
    await drainOutbox();
    const first = await linksTo();
    expect(first).toHaveLength(1);
    const token = /\/semakan\/pautan\?token=([A-Za-z0-9_-]+)/.exec(first[0].html ?? '')![1];
    expect(await redeemLookupToken(getDb(), token, ip())).toEqual([number]);

    // Used: the next lookup sends a new link, until the email's links for the day are spent.
    await withStrictLookup(async () => {
      for (let i = 0; i < IDENTITY_LIMITS.linksPerEmail.points + 2; i++) {
        expect(await look(number)).toEqual({ ok: true, mode: 'link_sent' });
        // As if each link were used at once.
        await getDb()
          .update(lookupTokens)
          .set({ usedAt: new Date() })
          .where(sql`${lookupTokens.complaintNumbers} @> ${JSON.stringify([number])}::jsonb`);
      }
    });
    await drainOutbox();
    expect(await linksTo()).toHaveLength(IDENTITY_LIMITS.linksPerEmail.points);
  }, MAIL_TEST_MS);

  it('sends exactly one link for a known IC and none for an unknown IC', async () => {
    const ic = newIc();
    const email = `pengadu-${randomUUID().slice(0, 8)}@example.gov.my`;
    const number = await file(ic, { email });
    await withStrictLookup(async () => {
      const r = await look(ic);
      expect(r).toEqual({ ok: true, mode: 'link_sent' });
      expect('items' in r).toBe(false);
      expect(await look(newIc())).toEqual({ ok: true, mode: 'link_sent' });
    });
    await drainOutbox();
    const links = await lookupLinkEmails();
    expect(links).toHaveLength(1);
    expect(links[0].to).toEqual([email]);
    expect(links[0].html).not.toContain(number);
    const token = /\/semakan\/pautan\?token=([A-Za-z0-9_-]+)/.exec(links[0].html ?? '')![1];
    expect(await redeemLookupToken(getDb(), token, ip())).toEqual([number]);
    expect(await redeemLookupToken(getDb(), token, ip())).toBeNull();
  }, MAIL_TEST_MS);

  it('says in the lookup link email how many complaints the link opens', async () => {
    const ic = newIc();
    const email = `pengadu-${randomUUID().slice(0, 8)}@example.gov.my`;
    await file(ic, { email });
    await file(ic, { email });
    await withStrictLookup(async () => {
      expect(await look(ic)).toEqual({ ok: true, mode: 'link_sent' });
    });
    const [link] = await waitFor(async () => {
      const e = await lookupLinkEmails();
      return e.length > 0 && e;
    }, MAIL_WAIT_MS);
    // The link opens 2 complaints; the English line says "opens your 2 complaints".
    expect(link.text ?? link.html).toContain('2 complaints');
  }, MAIL_TEST_MS);
});
