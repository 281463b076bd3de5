import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { INLINE_SCRIPT_HASHES } from '@/lib/http/prerendered';
import { createCopyCache } from '@/lib/runtime/copy-cache';
import { isCrossOriginWrite, startFrontProxy, type FrontProxy } from '@/lib/runtime/front-proxy';
import { routeLabel } from '@/lib/runtime/metrics';
import { freePort } from '@/lib/runtime/free-port';

// The front listener (lib/runtime/front-proxy.ts) against a stand-in for Next.js: request ids,
// headers passed through whole, the access line, draining on shutdown, and the hashes of a
// prerendered page's inline scripts.

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const c of closers.splice(0)) await c();
});

async function upstream(handler: http.RequestListener): Promise<number> {
  const server = http.createServer(handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  closers.push(async () => {
    server.closeAllConnections();
    await new Promise((r) => server.close(() => r(undefined)));
  });
  return (server.address() as AddressInfo).port;
}

async function front(targetPort: number, opts: Partial<Parameters<typeof startFrontProxy>[0]> = {}): Promise<{ proxy: FrontProxy; port: number }> {
  const port = await freePort();
  const proxy = await startFrontProxy({ port, targetPort, host: '127.0.0.1', ...opts });
  closers.push(async () => {
    proxy.closeAllConnections();
    await new Promise((r) => proxy.close(() => r(undefined)));
  });
  return { proxy, port };
}

describe('the front listener', () => {
  it("fills a prerendered page's policy with the hashes of its inline scripts, whatever its compression, and sends it whole", async () => {
    const html =
      '<html><head><script src="/_next/static/a.js" async=""></script><script>self.__next_f=[]</script></head>' +
      '<body><script>self.__next_f.push([1,"x"])</script><script>self.__next_f.push([1,"x"])</script></body></html>';
    let conditional: string | undefined = 'unset';
    const target = await upstream((req, res) => {
      conditional = req.headers['if-none-match'];
      const gzip = (req.headers['accept-encoding'] ?? '').includes('gzip');
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': `default-src 'self'; script-src 'self' ${INLINE_SCRIPT_HASHES}; object-src 'none'`,
        Vary: 'rsc, Accept-Encoding',
        'x-middleware-rewrite': 'http://localhost:3999/salinan/ms',
        ...(gzip && { 'Content-Encoding': 'gzip' }),
      });
      res.end(gzip ? gzipSync(html) : html);
    });
    const { port } = await front(target);
    const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;
    const want = `default-src 'self'; script-src 'self' ${sha('self.__next_f=[]')} ${sha('self.__next_f.push([1,"x"])')}; object-src 'none'`;
    for (const encoding of ['gzip', 'identity']) {
      const res = await new Promise<http.IncomingMessage>((resolve) =>
        http.get({ port, path: '/', headers: { 'accept-encoding': encoding, 'if-none-match': '"abc"' } }, resolve),
      );
      const body = await new Promise<Buffer>((resolve) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve(Buffer.concat(chunks)));
      });
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-security-policy'], encoding).toBe(want);
      expect((encoding === 'gzip' ? gunzipSync(body) : body).toString()).toBe(html);
      expect(res.headers.vary).toBe('rsc, Accept-Encoding, Cookie');
      expect(res.headers['x-middleware-rewrite']).toBeUndefined();
      // A 304 would bring a policy without the hashes the browser's kept copy needs.
      expect(conditional).toBeUndefined();
    }
  });

  it('leaves every other policy and body alone, and passes conditional requests on', async () => {
    let conditional: string | undefined;
    const target = await upstream((req, res) => {
      conditional = req.headers['if-none-match'];
      res.writeHead(200, { 'Content-Security-Policy': "script-src 'self' 'nonce-abc' 'strict-dynamic'", 'Content-Type': 'text/html' });
      res.end('<script>inline()</script>');
    });
    const { port } = await front(target);
    const res = await fetch(`http://127.0.0.1:${port}/privasi`, { headers: { 'if-none-match': '"abc"' } });
    expect(res.headers.get('content-security-policy')).toBe("script-src 'self' 'nonce-abc' 'strict-dynamic'");
    expect(await res.text()).toBe('<script>inline()</script>');
    expect(conditional).toBe('"abc"');
  });

  it('gives each request an id (a client cannot choose it), passes every Set-Cookie through and logs no address', async () => {
    let seen: http.IncomingHttpHeaders = {};
    const target = await upstream((req, res) => {
      seen = req.headers;
      res.setHeader('Set-Cookie', ['a=1; Path=/', 'b=2; Path=/']);
      res.end('ok');
    });
    const lines: unknown[] = [];
    const { port } = await front(target, { accessLog: (l) => lines.push(l) });
    const res = await fetch(`http://127.0.0.1:${port}/aduan/PKN202611300000012?t=secret`, {
      headers: { 'x-request-id': 'chosen-by-client-123', 'x-forwarded-for': '10.224.9.9' },
    });
    expect(res.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2; Path=/']);
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(seen['x-request-id']).toBe(id);
    expect(seen['x-forwarded-for']).toBe('10.224.9.9, 127.0.0.1');
    expect(lines).toEqual([{ requestId: id, method: 'GET', route: '/aduan/:id', status: 200, ms: expect.any(Number) }]);
    expect(JSON.stringify(lines)).not.toMatch(/10\.224|secret|PKN/);
  });

  it("keeps a trusted proxy's request id", async () => {
    const target = await upstream((_req, res) => res.end('ok'));
    const { port } = await front(target, { trustProxyHops: 1 });
    const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { 'x-request-id': 'lb-0123456789' } });
    expect(res.headers.get('x-request-id')).toBe('lb-0123456789');
  });

  it('drains: a request in flight answers, a new one is refused cleanly', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const target = await upstream((_req, res) => void gate.then(() => res.end('done')));
    const { proxy, port } = await front(target);
    const inFlight = fetch(`http://127.0.0.1:${port}/slow`).then(async (r) => [r.status, await r.text()]);
    await new Promise((r) => setTimeout(r, 200)); // let the request reach the stand-in
    const drained = proxy.drain(5000);
    const late = await fetch(`http://127.0.0.1:${port}/late`).then(
      (r) => r.status,
      () => 'refused',
    );
    expect([503, 'refused']).toContain(late);
    release();
    expect(await inFlight).toEqual([200, 'done']);
    expect(await drained).toEqual({ unfinished: 0 });
  });

  it('labels routes without ids, numbers or unknown paths', () => {
    expect(routeLabel('/api/v1/aduan', 201)).toBe('/api/v1/aduan');
    expect(routeLabel('/api/v1/aduan/PKN202611300000012/maklumbalas', 200)).toBe('/api/v1/aduan/:id/maklumbalas');
    expect(routeLabel('/_next/static/chunks/x.js', 200)).toBe('/_next/*');
    expect(routeLabel('/wp-admin/setup.php', 404)).toBe('(not found)');
  });

  it('serves metrics only with the token, and is not found without one set', async () => {
    const target = await upstream((_req, res) => res.end('ok'));
    const { port } = await front(target);
    expect((await fetch(`http://127.0.0.1:${port}/api/metrics`)).status).toBe(404);
  });
});

describe("the front listener's memory of the prerendered copies", () => {
  const policy = `default-src 'self'; script-src 'self' ${INLINE_SCRIPT_HASHES}`;
  const page = (lang: string, n: number) => `<html lang="${lang}"><body><script>self.n=${n}</script></body></html>`;

  /** A stand-in for Next.js serving the copies: counts the visits it answers, in the cookie's language. */
  async function copies(opts: { ttlMs?: number; hold?: () => Promise<void>; answer?: Partial<{ lang: string; cookie: string }> } = {}) {
    const seen: string[] = [];
    let clock = 0;
    const target = await upstream(async (req, res) => {
      if (req.method === 'POST') return void res.end('saved');
      seen.push(`${req.url} ${req.headers.cookie ?? ''}`.trim());
      const n = seen.length;
      await opts.hold?.();
      const lang = opts.answer?.lang ?? (/NEXT_LOCALE=en/.test(req.headers.cookie ?? '') ? 'en' : 'ms');
      res.writeHead(200, {
        'Content-Type': 'text/html; charset=utf-8',
        'Content-Security-Policy': policy,
        ...(opts.answer?.cookie && { 'Set-Cookie': opts.answer.cookie }),
      });
      res.end(page(lang, n));
    });
    const cache = createCopyCache({ ttlMs: opts.ttlMs ?? 1000, now: () => clock });
    const { port } = await front(target, { copies: cache });
    const get = async (path: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { headers });
      return { body: await res.text(), policy: res.headers.get('content-security-policy'), id: res.headers.get('x-request-id') };
    };
    const post = (path: string) => fetch(`http://127.0.0.1:${port}${path}`, { method: 'POST', body: 'x' }).then((r) => r.text());
    return { seen, get, post, tick: (ms: number) => (clock += ms) };
  }
  const sha = (s: string) => `'sha256-${createHash('sha256').update(s).digest('base64')}'`;

  it('answers a plain visit from memory for ttl, with its hashes and a fresh request id; then asks Next.js again', async () => {
    const c = await copies();
    const first = await c.get('/');
    const second = await c.get('/');
    expect(second.body).toBe(page('ms', 1));
    expect(second.policy).toBe(`default-src 'self'; script-src 'self' ${sha('self.n=1')}`);
    expect(second.id).not.toBe(first.id);
    expect(c.seen).toEqual(['/']);
    c.tick(999);
    await c.get('/');
    expect(c.seen).toHaveLength(1);
    c.tick(1);
    expect((await c.get('/')).body).toBe(page('ms', 2));
    expect(c.seen).toHaveLength(2);
  });

  it('keeps each language, address and encoding apart, and reads the cookie as the rewrite does', async () => {
    const c = await copies();
    expect((await c.get('/', { cookie: 'NEXT_LOCALE=en' })).body).toBe(page('en', 1));
    expect((await c.get('/')).body).toBe(page('ms', 2));
    expect((await c.get('/', { cookie: 'a=1; NEXT_LOCALE = en ' })).body).toBe(page('en', 1));
    expect((await c.get('/', { cookie: 'NEXT_LOCALE=ms' })).body).toBe(page('ms', 2));
    expect((await c.get('/semakan')).body).toBe(page('ms', 3));
    expect((await c.get('/', { 'accept-encoding': 'identity' })).body).toBe(page('ms', 4));
    expect(c.seen).toHaveLength(4);
    // A copy's own address is the same copy as `/` in its language, whatever the cookie says.
    expect((await c.get('/salinan/ms')).body).toBe(page('ms', 2));
    expect((await c.get('/salinan/ms', { cookie: 'NEXT_LOCALE=en' })).body).toBe(page('ms', 2));
    expect((await c.get('/salinan/en')).body).toBe(page('en', 1));
    expect(c.seen).toHaveLength(4);
  });

  it("keeps a copy asked for at its own address whatever the language cookie says (the path names the language)", async () => {
    const c = await copies({ answer: { lang: 'ms' } });
    expect((await c.get('/salinan/ms', { cookie: 'NEXT_LOCALE=en' })).body).toBe(page('ms', 1));
    expect((await c.get('/salinan/ms', { cookie: 'NEXT_LOCALE=en' })).body).toBe(page('ms', 1));
    expect((await c.get('/')).body).toBe(page('ms', 1));
    expect(c.seen).toHaveLength(1);
  });

  it('never answers from memory what Next.js would answer otherwise', async () => {
    const c = await copies();
    await c.get('/');
    for (const [path, headers] of [
      ['/?pautan=1', {}],
      ['/', { rsc: '1' }],
      ['/', { 'next-router-prefetch': '1' }],
      ['/', { range: 'bytes=0-10' }],
      ['/', { cookie: 'NEXT_LOCALE=en; NEXT_LOCALE=ms' }],
      ['/', { cookie: 'NEXT_LOCALE=%65n' }],
      ['/privasi', {}],
    ] as const) {
      await c.get(path, headers);
    }
    expect(c.seen).toHaveLength(8);
  });

  it('keeps no answer with a Set-Cookie, nor one in another language than its key', async () => {
    const withCookie = await copies({ answer: { cookie: 'x=1' } });
    await withCookie.get('/');
    await withCookie.get('/');
    expect(withCookie.seen).toHaveLength(2);
    const wrongLanguage = await copies({ answer: { lang: 'en' } });
    await wrongLanguage.get('/');
    await wrongLanguage.get('/');
    expect(wrongLanguage.seen).toHaveLength(2);
  });

  it('forgets every copy when a console write is answered, and keeps none asked for while one was under way', async () => {
    const c = await copies();
    await c.get('/');
    await c.post('/salinan/ms'); // a write elsewhere: not the console's
    await c.get('/');
    expect(c.seen).toHaveLength(1);
    expect(await c.post('/konsol/kategori')).toBe('saved');
    expect((await c.get('/')).body).toBe(page('ms', 2));

    let release!: () => void;
    let reached!: () => void;
    const held = new Promise<void>((r) => (release = r));
    const atStandIn = new Promise<void>((r) => (reached = r));
    const slow = await copies({
      hold: () => {
        reached();
        return held;
      },
    });
    const visit = slow.get('/');
    await atStandIn;
    await slow.post('/konsol/ptj');
    release();
    await visit;
    await slow.get('/');
    expect(slow.seen).toHaveLength(2);
  });
});

describe('isCrossOriginWrite', () => {
  const post = (headers: http.IncomingHttpHeaders) => isCrossOriginWrite({ method: 'POST', headers: { host: 'aduan.example', ...headers } });

  it('lets a plain form from our own page through: `Origin: null` (our no-referrer policy) with Sec-Fetch-Site same-origin', () => {
    expect(post({ origin: 'null', 'sec-fetch-site': 'same-origin' })).toBe(false);
    expect(post({ origin: 'http://aduan.example', 'sec-fetch-site': 'same-origin' })).toBe(false);
  });

  it('refuses `Origin: null` from anywhere else, or said by a client without Sec-Fetch-Site', () => {
    expect(post({ origin: 'null', 'sec-fetch-site': 'cross-site' })).toBe(true);
    expect(post({ origin: 'null' })).toBe(true);
    expect(post({ origin: 'https://evil.example', 'sec-fetch-site': 'same-origin' })).toBe(true);
  });
});
