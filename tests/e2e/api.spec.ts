import { createHash, randomUUID } from 'node:crypto';
import http from 'node:http';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import sharp from 'sharp';

// The HTTP surface of the running app (started by tests/e2e/global-setup.ts): the JSON API for
// filing a complaint, the health check, security headers and the guarded complaint page. No
// browser is involved, so these run once, in the desktop project only.

/** Solves a fresh challenge from GET /api/captcha, the way the ALTCHA widget does. */
async function solvedAltcha(request: APIRequestContext): Promise<string> {
  const res = await request.get('/api/captcha');
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toContain('no-store');
  const challenge = await res.json();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('could not solve the challenge');
  return btoa(JSON.stringify({ challenge: { parameters: challenge.parameters, signature: challenge.signature }, solution }));
}

const fields = () => ({
  submissionKey: randomUUID(),
  name: 'Wan Aminah Binti Wan Ismail',
  ic: '850612-03-5246',
  ptj: 'Perbendaharaan Negeri Kelantan',
  phone: '019-876 5432',
  email: `api+${Date.now()}@example.gov.my`,
  category: 'kod-barang-akaun',
  title: 'Kod akaun tidak dijumpai',
  description: 'Kod akaun B0229120 tidak dijumpai semasa membuat pesanan tempatan dalam iSPEKS.',
  declaration: 'on',
});

const png = () =>
  sharp({ create: { width: 64, height: 48, channels: 3, background: '#2a6f3b' } })
    .png()
    .toBuffer();

const NUMBER = /^PKN\d{15}$/;

// 5 attachments of 5 MB, plus 512 KB for the text fields and multipart overhead (app/api/v1/aduan).
const MAX_BODY_BYTES = 5 * 5 * 1024 * 1024 + 512 * 1024;

test.describe('POST /api/v1/aduan', () => {
  test('files a complaint with a PNG (201), and a retry with the same key gets the same number (200)', async ({ request, baseURL }) => {
    const f = fields();
    const image = await png();
    const post = async () =>
      request.post('/api/v1/aduan', {
        multipart: {
          ...f,
          altcha: await solvedAltcha(request), // a fresh solution each time, as the widget would
          attachments: { name: 'skrin-ralat.png', mimeType: 'image/png', buffer: image },
        },
      });

    const first = await post();
    expect(first.status(), await first.text()).toBe(201);
    expect(first.headers()['content-type']).toContain('application/json');
    expect(first.headers()['cache-control']).toContain('no-store');
    const created = (await first.json()) as { number: string; url: string };
    expect(created.number).toMatch(NUMBER);
    expect(created.url).toMatch(new RegExp(`^${baseURL}/aduan/${created.number}\\?t=\\d+\\.[\\w-]+$`));

    const retry = await post();
    expect(retry.status(), await retry.text()).toBe(200);
    expect(retry.headers()['cache-control']).toContain('no-store');
    const again = (await retry.json()) as { number: string; url: string };
    expect(again.number).toBe(created.number);
    expect(again.url).toContain(`/aduan/${created.number}?t=`);

    // The link handed back opens the complaint's page, with the attachment and masked data.
    const link = new URL(created.url);
    const page = await request.get(link.pathname + link.search);
    expect(page.status()).toBe(200);
    expect(page.headers()['cache-control']).toContain('no-store');
    const html = await page.text();
    expect(html).toContain(created.number);
    expect(html).toContain('skrin-ralat.png');
    expect(html).toContain('******-**-5246');
    for (const secret of ['850612035246', '850612-03-5246', '0198765432', f.email]) expect(html).not.toContain(secret);
  });

  test('answers 422 with Malay messages per field when fields are missing', async ({ request }) => {
    const res = await request.post('/api/v1/aduan', { multipart: { submissionKey: randomUUID() } });
    expect(res.status()).toBe(422);
    expect(res.headers()['cache-control']).toContain('no-store');
    const body = (await res.json()) as {
      error: { code: string; message: string };
      fieldErrors: Record<string, string>;
      fieldErrorCodes: Record<string, string>;
    };
    expect(body.error.code).toBe('invalid');
    expect(body.error.message).toBe('Sila betulkan ralat pada borang.');
    for (const field of ['name', 'ic', 'ptj', 'phone', 'email', 'category', 'title', 'description']) {
      expect(body.fieldErrors[field], field).toBe('Perlu diisi');
      expect(body.fieldErrorCodes[field], field).toBe('required');
    }
    expect(body.fieldErrors.declaration).toBe('Sila tandakan pengesahan maklumat.');
    expect(body.fieldErrors.captcha).toBe("Sila tandakan 'Saya bukan robot'.");
  });

  test('answers in English to a visitor who chose English', async ({ request }) => {
    const res = await request.post('/api/v1/aduan', {
      multipart: { submissionKey: randomUUID() },
      headers: { Cookie: 'NEXT_LOCALE=en' },
    });
    expect(res.status()).toBe(422);
    const body = (await res.json()) as { error: { code: string }; fieldErrors: Record<string, string> };
    expect(body.error.code).toBe('invalid');
    expect(body.fieldErrors.name).toBe('Required');
  });

  test('refuses a body over the size limit with 413, before parsing it', async ({ request }) => {
    const boundary = '----helpdesk-e2e-too-large';
    const head = Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename="besar.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    );
    const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
    const filler = Buffer.alloc(MAX_BODY_BYTES + 1024 - head.length - tail.length, 0x20);
    const body = Buffer.concat([head, filler, tail]);
    expect(body.length).toBeGreaterThan(MAX_BODY_BYTES);

    const res = await request.post('/api/v1/aduan', {
      data: body,
      headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` },
      timeout: 60_000,
    });
    expect(res.status()).toBe(413);
    expect(res.headers()['cache-control']).toContain('no-store');
    const json = (await res.json()) as { error: { code: string; message: string } };
    expect(json.error.code).toBe('too_large');
    expect(json.error.message).toContain('5 MB');
  });

  test('refuses a body without Content-Length (chunked) with 411', async ({ baseURL }) => {
    // Playwright always sends Content-Length, so use node:http with chunked transfer encoding.
    const url = new URL('/api/v1/aduan', baseURL);
    const { status, cacheControl } = await new Promise<{ status: number; cacheControl?: string }>((resolve, reject) => {
      const req = http.request(
        url,
        { method: 'POST', headers: { 'Content-Type': 'multipart/form-data; boundary=x', 'Transfer-Encoding': 'chunked' } },
        (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode ?? 0, cacheControl: res.headers['cache-control'] }));
        },
      );
      req.on('error', reject);
      req.write('--x\r\nContent-Disposition: form-data; name="name"\r\n\r\nAli\r\n');
      req.end('--x--\r\n');
    });
    expect(status).toBe(411);
    expect(cacheControl).toContain('no-store');
  });
});

test('GET /api/health reports every service up', async ({ request }) => {
  const res = await request.get('/api/health');
  expect(res.status()).toBe(200);
  expect(res.headers()['cache-control']).toContain('no-store');
  expect(await res.json()).toMatchObject({ ok: true, database: true, storage: true, mail: { ok: true } });
});

test.describe('security headers', () => {
  const nonceOf = (csp: string) => /'nonce-([^']+)'/.exec(csp)?.[1];

  const strict = (h: Record<string, string>) => {
    const csp = h['content-security-policy'];
    expect(csp).toBeTruthy();
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain("'unsafe-eval'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['x-powered-by']).toBeUndefined();
    return csp;
  };

  test('a page drawn per request has a strict CSP with a fresh nonce per request, and the other headers', async ({ request }) => {
    const [a, b] = [await request.get('/privasi'), await request.get('/privasi')];
    for (const res of [a, b]) {
      expect(res.status()).toBe(200);
      const csp = strict(res.headers());
      expect(csp).toContain("script-src 'self' 'nonce-");
      expect(csp).toContain("'strict-dynamic'");
    }
    const [n1, n2] = [nonceOf(a.headers()['content-security-policy']), nonceOf(b.headers()['content-security-policy'])];
    expect(n1).toBeTruthy();
    expect(n2).toBeTruthy();
    expect(n1).not.toBe(n2);
    // Next.js puts the request's nonce on its own scripts, so they run under the policy.
    expect(await a.text()).toContain(`nonce="${n1}"`);
  });

  test('the form and the lookup page are prerendered: one copy per language, inline scripts allowed by their hashes and nothing else', async ({ request }) => {
    const inlineHashes = (html: string) =>
      new Set([...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].filter((m) => m[1]).map((m) => `'sha256-${createHash('sha256').update(m[1]!).digest('base64')}'`));
    const copies: Record<string, string> = {};
    for (const [lang, path] of [['ms', '/'], ['en', '/'], ['ms', '/semakan'], ['en', '/semakan']] as const) {
      const headers = { cookie: `NEXT_LOCALE=${lang}`, 'if-none-match': '"any"' };
      const [a, b] = [await request.get(path, { headers }), await request.get(path, { headers })];
      const html = await a.text();
      // The same bytes for every visitor of a language, from Next.js's prerendered copy; never a 304
      // (its policy would lack the hashes).
      expect(a.status()).toBe(200);
      expect(a.headers()['x-nextjs-prerender']).toBe('1');
      expect(await b.text()).toBe(html);
      expect(a.headers()['vary']).toContain('Cookie');
      const csp = strict(a.headers());
      expect(csp).not.toContain('nonce');
      expect(html).not.toContain('nonce=');
      const sources = new Set(/script-src ([^;]*)/.exec(csp)![1]!.split(' '));
      expect(sources).toEqual(new Set(["'self'", ...inlineHashes(html)]));
      expect(inlineHashes(html).size).toBeGreaterThan(2);
      copies[`${lang} ${path}`] = html;
    }
    expect(copies['ms /']).toContain('<html lang="ms"');
    expect(copies['ms /']).toContain('Borang Aduan');
    expect(copies['en /']).toContain('<html lang="en"');
    expect(copies['en /']).toContain('Complaint Form');
    expect(copies['ms /semakan']).toContain('Semakan Aduan</h1>');
    expect(copies['en /semakan']).toContain('Check a Complaint</h1>');
    // Only the two languages have a copy.
    expect((await request.get('/salinan/xx')).status()).toBe(404);
    expect((await request.get('/salinan/ms/tiada')).status()).toBe(404);
  });

  test('API responses carry the same headers and no X-Powered-By', async ({ request }) => {
    const res = await request.get('/api/health');
    const h = res.headers();
    expect(h['x-content-type-options']).toBe('nosniff');
    expect(h['x-frame-options']).toBe('DENY');
    expect(h['referrer-policy']).toBe('no-referrer');
    expect(h['x-powered-by']).toBeUndefined();
  });
});

test.describe('a complaint page without a valid link', () => {
  test('a guessed number opens nothing and is not cached', async ({ request }) => {
    const res = await request.get('/aduan/PKN000000000000000');
    expect(res.status()).toBe(200);
    expect(res.headers()['cache-control']).toContain('no-store');
    const html = await res.text();
    expect(html).toContain('Sila buat semakan aduan untuk melihat aduan ini.');
    expect(html).not.toContain('Aduan PKN000000000000000');
  });

  test('a forged or expired token opens nothing either', async ({ request }) => {
    const future = Math.floor(Date.now() / 1000) + 3600;
    for (const t of [`${future}.forged-signature`, '1.AAAA', 'garbage']) {
      const res = await request.get(`/aduan/PKN000000000000000?t=${encodeURIComponent(t)}`);
      expect(res.headers()['cache-control']).toContain('no-store');
      expect(await res.text()).toContain('Sila buat semakan aduan untuk melihat aduan ini.');
    }
  });
});
