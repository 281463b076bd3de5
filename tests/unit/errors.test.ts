import { afterEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { IllegalTransitionError } from '@/lib/complaints/status';
import { AppError, InvalidInputError, RateLimitedError } from '@/lib/errors';
import { toActionResult, toErrorResponse } from '@/lib/http/errors';
import { publicRoute, refusal } from '@/lib/http/public-route';
import { ok } from '@/lib/http/respond';
import en from '@/lib/i18n/messages/en.json';
import ms from '@/lib/i18n/messages/ms.json';
import { log } from '@/lib/log';
import { StorageUnavailableError } from '@/lib/uploads/store';

// The one mapper from a thrown error to what a visitor or an officer sees (lib/http/errors.ts),
// and the public route wrapper that uses it (lib/http/public-route.ts).

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

afterEach(() => {
  vi.restoreAllMocks();
});

describe('toErrorResponse', () => {
  it('answers a zod failure with 422, the generic message, and each field translated and as a code', async () => {
    const schema = z.object({ title: z.string().min(1, 'required'), email: z.email('email_invalid'), note: z.string().max(3) });
    const parsed = schema.safeParse({ title: '', email: 'bukan-email', note: 'terlalu panjang' });
    if (parsed.success) throw new Error('the input should not parse');

    const res = toErrorResponse(parsed.error, 'ms');
    expect(res.status).toBe(422);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(await res.json()).toEqual({
      error: { code: 'invalid', message: ms.errors.invalid },
      // A zod message that is not one of our codes never reaches the visitor as it is.
      fieldErrors: { title: ms.errors.required, email: ms.errors.email_invalid, note: ms.errors.too_long },
      fieldErrorCodes: { title: 'required', email: 'email_invalid', note: 'too_long' },
    });
  });

  it('answers an AppError with its status and its message in Malay or English', async () => {
    for (const [locale, messages] of [['ms', ms], ['en', en]] as const) {
      const closed = toErrorResponse(new AppError('complaint_closed', 409), locale);
      expect(closed.status).toBe(409);
      expect(await closed.json()).toEqual({ error: { code: 'complaint_closed', message: messages.errors.complaint_closed } });

      const illegal = toErrorResponse(new IllegalTransitionError('ditutup', 'baru'), locale);
      expect(illegal.status).toBe(409);
      expect(await illegal.json()).toEqual({ error: { code: 'illegal_transition', message: messages.errors.illegal_transition } });

      const storage = toErrorResponse(new StorageUnavailableError(new Error('ECONNREFUSED')), locale);
      expect(storage.status).toBe(503);
      expect((await storage.json()).error.message).toBe(messages.errors.storage_unavailable);
    }
  });

  it('answers too many attempts with 429, Retry-After, the wait in whole minutes and the helpdesk\'s phone and email', async () => {
    const helpdesk = { phone: '09 748 1957', email: 'treasury@kelantan.gov.my' };
    const res = toErrorResponse(new RateLimitedError(61, helpdesk), 'en');
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('61');
    expect((await res.json()).error.message).toBe(
      'Too many requests. Please try again in 2 minutes, or contact the helpdesk by phone on 09 748 1957 or by email at treasury@kelantan.gov.my.',
    );
    const ms = await toErrorResponse(new RateLimitedError(3000, helpdesk), 'ms').json();
    expect(ms.error.message).toBe(
      'Terlalu banyak permintaan. Sila cuba lagi selepas 50 minit, atau hubungi meja bantuan di talian 09 748 1957 atau email treasury@kelantan.gov.my.',
    );
  });

  it('answers anything else with 500 and a request id, logging the id but never the message', async () => {
    const logged = vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const secret = 'duplicate key (email)=(siti@example.gov.my)';

    const res = toErrorResponse(Object.assign(new Error(secret), { code: '23505' }), 'en');
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('siti@example.gov.my');
    const body = JSON.parse(text) as { error: { code: string; message: string; requestId: string } };
    expect(body.error.code).toBe('server');
    expect(body.error.message).toBe(en.errors.server);
    expect(body.error.requestId).toMatch(UUID);

    expect(logged).toHaveBeenCalledTimes(1);
    const [entry] = logged.mock.calls[0] as unknown as [Record<string, unknown>];
    expect(entry.requestId).toBe(body.error.requestId);
    expect(entry.err).toEqual({ type: 'Error', code: '23505', constraint: undefined });
    expect(JSON.stringify(logged.mock.calls)).not.toContain('siti@example.gov.my');
  });
});

describe('toActionResult', () => {
  it('gives a server action the same answers as a failed ActionResult', () => {
    expect(toActionResult(new AppError('already_assigned', 409), 'ms')).toEqual({ ok: false, message: ms.errors.already_assigned });
    expect(toActionResult(new AppError('already_assigned', 409), 'en')).toEqual({ ok: false, message: en.errors.already_assigned });
    expect(toActionResult(new InvalidInputError({ body: 'required' }), 'en')).toEqual({
      ok: false,
      message: en.errors.invalid,
      fieldErrors: { body: en.errors.required },
    });

    vi.spyOn(log, 'error').mockImplementation(() => undefined);
    const unexpected = toActionResult(new Error('relation "complaints" does not exist'), 'ms');
    expect(unexpected).toEqual({ ok: false, message: ms.errors.server, requestId: expect.stringMatching(UUID) });
  });
});

describe('publicRoute', () => {
  const echo = (files: boolean) =>
    publicRoute({ maxBodyBytes: 1024, files }, async ({ fields, files: got, captchaToken, ip, locale }) => ok({ fields, files: got.length, captchaToken, ip, locale }));

  const multipart = (fields: Record<string, string>, file?: File, headers: Record<string, string> = {}) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.append(k, v);
    if (file) form.append('attachments', file);
    return new Request('http://localhost/api', { method: 'POST', body: form, headers });
  };
  // undici's Request does not set Content-Length for a FormData body; a browser does.
  const sized = async (request: Request) => {
    const body = new Uint8Array(await request.arrayBuffer());
    const headers = new Headers(request.headers);
    headers.set('content-length', String(body.length));
    return new Request(request.url, { method: 'POST', body, headers });
  };

  it('gives the handler the fields, the files it takes, the CAPTCHA token, the address and the language', async () => {
    const request = await sized(multipart({ q: 'PKN', altcha: 'token' }, new File(['x'], 'a.png'), { cookie: 'NEXT_LOCALE=en', 'x-forwarded-for': '192.0.2.9' }));
    const res = await echo(true)(request.clone(), {});
    expect(await res.json()).toEqual({ fields: { q: 'PKN', altcha: 'token' }, files: 1, captchaToken: 'token', ip: '192.0.2.9', locale: 'en' });
    // A route that takes no attachments never reads them.
    expect((await (await echo(false)(request, {})).json()).files).toBe(0);
  });

  it('refuses a body without a length (411), too large (413) or unreadable (400), in the route\'s terms', async () => {
    const big = await sized(multipart({ description: 'x'.repeat(2000) }));
    const tooLarge = await echo(true)(big.clone(), {});
    expect(tooLarge.status).toBe(413);
    expect((await tooLarge.json()).error).toEqual({ code: 'too_large', message: ms.errors.too_large });
    // A route without attachments does not speak of attachments.
    expect((await (await echo(false)(big, {})).json()).error.code).toBe('invalid');

    const unsized = new Request('http://localhost/api', { method: 'POST', body: new ReadableStream(), duplex: 'half' } as RequestInit);
    expect((await echo(true)(unsized, {})).status).toBe(411);

    const garbled = new Request('http://localhost/api', { method: 'POST', body: 'not multipart', headers: { 'content-type': 'multipart/form-data; boundary=x', 'content-length': '13' } });
    const bad = await echo(true)(garbled, {});
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.code).toBe('invalid');
  });

  it('answers what the handler throws with the one mapper', async () => {
    const failing = publicRoute({ maxBodyBytes: 1024 }, async () => {
      throw refusal({ ok: false, reason: 'rate_limited', retryAfterSeconds: 30, helpdesk: { phone: '09 000 0000', email: 'bantuan@example.gov.my' } } as const);
    });
    const res = await failing(await sized(multipart({ q: 'x' })), {});
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('30');
    expect((await res.json()).error.message).toContain('09 000 0000 atau email bantuan@example.gov.my');
  });
});

describe('refusal', () => {
  type Feedback = { ok: false; reason: 'invalid'; fieldErrors: Record<string, string> } | { ok: false; reason: 'mismatch' | 'locked' };
  const own = { mismatch: ['mismatch', 403], locked: ['locked', 423] } as const;

  it('maps the shared reasons itself and a route\'s own reasons through its table', () => {
    expect(refusal({ ok: false, reason: 'invalid', fieldErrors: { ic: 'ic_format' } } as Feedback, own)).toMatchObject({ code: 'invalid', status: 422, fieldErrors: { ic: 'ic_format' } });
    expect(refusal({ ok: false, reason: 'locked' } as Feedback, own)).toMatchObject({ code: 'locked', status: 423 });
    expect(refusal({ ok: false, reason: 'storage_unavailable' } as const)).toMatchObject({ code: 'storage_unavailable', status: 503 });
  });
});
