import { createHash } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { INLINE_SCRIPT_HASHES } from '@/lib/http/prerendered';
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
