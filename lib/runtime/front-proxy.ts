import { randomUUID, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { brotliDecompressSync, gunzipSync, inflateSync } from 'node:zlib';
import type { CopyCache } from './copy-cache';
import type { Metrics } from './metrics';
import { routeLabel } from './metrics';
import { INLINE_SCRIPT_HASHES, servedPrerendered, withInlineScriptHashes } from '@/lib/http/prerendered';
import ms from '@/lib/i18n/messages/ms.json';
import { LIMITS } from '@/lib/validation/complaint';

/**
 * The public listener in front of `next start` (which listens on loopback only). Next keeps any
 * X-Forwarded-For a client sends, so rate limits and the audit log could be fooled by a forged
 * header; here the header is rebuilt: the peer address is always appended, and only as many
 * earlier entries as TRUST_PROXY_HOPS allows are believed (see lib/http/request.ts).
 *
 * It also gives every request its id (`x-request-id`, to Next.js and back to the client; one
 * from a trusted proxy of ours is kept), writes one JSON access line per request (id, method,
 * route label, status, milliseconds: no address, no query string), counts requests for
 * /api/metrics, and drains on shutdown: new requests get a clean 503, those in flight finish.
 *
 * Bodies: nothing the app accepts is larger than a complaint with every attachment at its limit.
 * A body up to twice that goes to the app, whose route refuses it with its own 413 while reading
 * it (so a client still sending gets that answer, not a broken pipe); a larger one (declared or
 * streamed) is answered 413 here and never forwarded, the connection closed. A route that refuses
 * a body early may close the connection while the body is still arriving: its answer is relayed as
 * it is, never replaced by a 502.
 *
 * A prerendered page (lib/http/prerendered.ts) is held until its body is in, so the hashes of its
 * inline scripts can go into its Content-Security-Policy; with `copies`, it is then kept and sent
 * again from memory for a moment (lib/runtime/copy-cache.ts).
 */
export const FRONT_BODY_LIMIT_BYTES = 2 * (LIMITS.attachmentsMax * LIMITS.attachmentBytesMax + 512 * 1024);

// The app's own refusal, word for word (the form shows `error.message`); Malay, as the screen is.
const TOO_LARGE = JSON.stringify({ error: { code: 'too_large', message: ms.errors.too_large } });
const STARTING = 'Pelayan sedang dimulakan. Sila cuba sebentar lagi.';
const BAD_URL = JSON.stringify({ error: { code: 'invalid', message: ms.errors.invalid } });

/**
 * A path Next.js cannot decode (a stray `%`, `%zz`, a truncated or overlong UTF-8 sequence such as
 * `%E0%A4%A` or `%C0%AF`) makes it answer 500 on every page and route: refused here with a 400.
 */
export function undecodablePath(url: string): boolean {
  try {
    decodeURIComponent(url.split('?')[0]!);
    return false;
  } catch {
    return true;
  }
}

function refuseBadUrl(req: http.IncomingMessage, res: http.ServerResponse, requestId: string) {
  res.writeHead(400, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', 'x-request-id': requestId });
  res.end(BAD_URL);
  req.resume();
}

function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse, requestId: string) {
  if (res.headersSent) return res.destroy();
  res.writeHead(413, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close', 'x-request-id': requestId });
  res.end(TOO_LARGE);
  // Stop reading what is left of the body; the connection closes once the answer is out.
  req.unpipe();
  req.resume();
}

// Cross-site request forgery: a browser names the page a state-changing request comes from in
// `Origin` (and `Sec-Fetch-Site`). Such a request from another origin is refused here, before any
// route handler or server action sees it: the Malay refusal, in the app's JSON shape.
const CROSS_ORIGIN = JSON.stringify({ error: { code: 'cross_origin', message: ms.security.crossOrigin } });
const DEFAULT_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a request is a state-changing one sent by a page of another origin: a method other than
 * GET/HEAD/OPTIONS whose `Origin` is not this site (the `Host` it was sent to, the host a trusted
 * proxy of ours names in `X-Forwarded-Host`, or APP_URL), is `null` (a sandboxed or redirected
 * page), or, without `Origin`, whose `Sec-Fetch-Site` says another site. A request without either
 * header (curl, a server) is not a browser's and carries no victim's cookies.
 */
export function isCrossOriginWrite(
  req: { method?: string; headers: http.IncomingHttpHeaders },
  opts: { trustProxyHops?: number; appUrl?: string } = {},
): boolean {
  if (SAFE_METHODS.has((req.method ?? 'GET').toUpperCase())) return false;
  const origin = req.headers.origin;
  const site = req.headers['sec-fetch-site'];
  if (origin === undefined) return site === 'cross-site' || site === 'same-site';
  // A browser posting a plain form from our own page says `Origin: null` when the page's
  // Referrer-Policy is no-referrer (ours is): Sec-Fetch-Site, which no page can set, tells it apart.
  if (origin === 'null') return site !== 'same-origin';
  let host: string;
  try {
    host = new URL(origin).host.toLowerCase();
  } catch {
    return true; // `null` or garbage
  }
  const own = new Set<string>();
  if (req.headers.host) own.add(req.headers.host.toLowerCase());
  const forwardedHost = req.headers['x-forwarded-host'];
  if ((opts.trustProxyHops ?? 0) > 0 && typeof forwardedHost === 'string') own.add(forwardedHost.split(',')[0]!.trim().toLowerCase());
  if (opts.appUrl) {
    try {
      own.add(new URL(opts.appUrl).host.toLowerCase());
    } catch {
      /* not a URL: only Host counts */
    }
  }
  return !own.has(host);
}

export type FrontProxy = http.Server & {
  /** Stops taking requests and resolves once those in flight have answered (or after `timeoutMs`). */
  drain(timeoutMs: number): Promise<{ unfinished: number }>;
};

export type AccessLog = (line: { requestId: string; method: string; route: string; status: number; ms: number }) => void;

const SAFE_ID = /^[A-Za-z0-9._:-]{8,80}$/;
// Hop-by-hop headers are this listener's own business, not Next's; x-middleware-* are Next's
// internal ones (a rewrite's would name Next's loopback port).
const HOP_BY_HOP = new Set(['connection', 'keep-alive']);

export function startFrontProxy(opts: {
  port: number;
  targetPort: number;
  host?: string;
  /** TRUST_PROXY_HOPS: above 0, an `x-request-id` from the proxy in front is kept. */
  trustProxyHops?: number;
  metrics?: Metrics;
  /** METRICS_TOKEN: /api/metrics answers only to it; without one, /api/metrics is not found. */
  metricsToken?: string;
  /** APP_URL: its origin is this site's, whatever Host a proxy in front passes on. */
  appUrl?: string;
  accessLog?: AccessLog;
  maxBodyBytes?: number;
  /** Where prerendered copies are kept and answered from; without it, every visit goes to Next.js. */
  copies?: CopyCache;
}): Promise<FrontProxy> {
  const copies = opts.copies;
  const maxBody = opts.maxBodyBytes ?? FRONT_BODY_LIMIT_BYTES;
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;

  const server = http.createServer((req, res) => {
    const started = process.hrtime.bigint();
    const given = req.headers['x-request-id'];
    const requestId = (opts.trustProxyHops ?? 0) > 0 && typeof given === 'string' && SAFE_ID.test(given) ? given : randomUUID();
    inFlight += 1;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      inFlight -= 1;
      const ms = Number(process.hrtime.bigint() - started) / 1e6;
      const route = routeLabel(req.url ?? '/', res.statusCode);
      opts.metrics?.observeRequest(req.method ?? 'GET', route, res.statusCode, ms / 1000);
      opts.accessLog?.({ requestId, method: req.method ?? 'GET', route, status: res.statusCode, ms: Math.round(ms) });
      if (inFlight === 0) idle?.();
    };
    res.once('finish', finish);
    res.once('close', finish);

    if (draining) {
      // Not taken at all: nothing was done, the client may retry on another instance.
      res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': '1', Connection: 'close', 'x-request-id': requestId });
      res.end('Pelayan sedang dihentikan. Sila cuba sebentar lagi.');
      return;
    }
    if ((req.url ?? '').split('?')[0] === '/api/metrics') {
      void serveMetrics(req, res, opts.metrics, opts.metricsToken);
      return;
    }
    if (isCrossOriginWrite(req, opts)) {
      res.writeHead(403, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'close', 'x-request-id': requestId });
      res.end(CROSS_ORIGIN);
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBody) return refuseTooLarge(req, res, requestId);
    if (undecodablePath(req.url ?? '/')) return refuseBadUrl(req, res, requestId);
    const copyAsked = copies?.requestOf(req) ?? null;
    if (copyAsked && copies!.answer(copyAsked.key, res, requestId)) return void req.resume();
    const copyTicket = copies?.ticket() ?? 0;

    const peer = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
    const prior = req.headers['x-forwarded-for'];
    const headers = { ...req.headers, 'x-forwarded-for': prior ? `${prior}, ${peer}` : peer, 'x-request-id': requestId };
    // A prerendered page is always sent whole: a 304 has no body to take its scripts' hashes from,
    // and its policy would replace the one the browser kept with the page.
    if (servedPrerendered((req.url ?? '/').split('?')[0]!)) {
      delete headers['if-none-match'];
      delete headers['if-modified-since'];
    }
    let answered = false;
    const upstream = http.request(
      { host: '127.0.0.1', port: opts.targetPort, method: req.method, path: req.url, headers },
      (up) => {
        answered = true;
        // The write is done (its revalidation with it) before its answer reaches the admin.
        if (copies?.changesCopies(req)) copies.clear();
        if (res.headersSent) return void up.resume();
        const raw: string[] = [];
        let policy = -1;
        for (let i = 0; i < up.rawHeaders.length; i += 2) {
          const name = up.rawHeaders[i]!.toLowerCase();
          if (HOP_BY_HOP.has(name) || name.startsWith('x-middleware-')) continue;
          if (name === 'content-security-policy') policy = raw.length + 1;
          raw.push(up.rawHeaders[i]!, up.rawHeaders[i + 1]!);
        }
        // Pages carry proxy.ts's policy (with its nonce), attachments their own; any other answer
        // (JSON, refusals, redirects) gets the strictest: nothing may run in it or frame it. Not
        // Next's own assets: a worker script's policy would bind the worker.
        if (policy < 0 && !(req.url ?? '').startsWith('/_next/')) raw.push('Content-Security-Policy', DEFAULT_POLICY);
        // Headers go through writeHead's raw list only: after a setHeader, Node would merge this list
        // through setHeader and keep one Set-Cookie of several (Auth.js sets two at once).
        raw.push('x-request-id', requestId);
        if (draining) res.shouldKeepAlive = false;
        const send = () => {
          res.writeHead(up.statusCode ?? 502, raw);
          return res;
        };
        // A prerendered page's policy waits for its body: the hashes of its inline scripts go in.
        if (policy >= 0 && raw[policy]!.includes(INLINE_SCRIPT_HASHES)) {
          void readBody(up).then(
            (body) => {
              const html = decoded(body, up.headers['content-encoding']);
              raw[policy] = withInlineScriptHashes(raw[policy]!, html);
              // The address serves a copy per language (by cookie): a cache in between must keep them apart.
              const vary = raw.findIndex((h, i) => i % 2 === 0 && h.toLowerCase() === 'vary');
              if (vary >= 0) raw[vary + 1] = `${raw[vary + 1]}, Cookie`;
              else raw.push('Vary', 'Cookie');
              if (copyAsked) copies!.keep(copyAsked, copyTicket, { status: up.statusCode ?? 502, rawHeaders: raw, body, html });
              send().end(body);
            },
            () => res.destroy(),
          );
          return;
        }
        up.pipe(send());
      },
    );
    upstream.on('error', (e: NodeJS.ErrnoException) => {
      // Once the app has answered (e.g. its own 413 before reading a body), its answer stands.
      if (answered || res.headersSent) return void res.end();
      // The app closed the connection while the body was still arriving: a route that refuses a
      // body by its size does that (its answer is lost with the reset). Not "server starting".
      const cutOffMidBody = !req.complete && received > 0 && (e.code === 'EPIPE' || e.code === 'ECONNRESET');
      if (cutOffMidBody) return refuseTooLarge(req, res, requestId);
      res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8', 'x-request-id': requestId });
      res.end(STARTING);
    });
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBody && !answered) {
        upstream.destroy();
        refuseTooLarge(req, res, requestId);
      }
    });
    req.pipe(upstream);
  }) as FrontProxy;

  server.drain = (timeoutMs) =>
    new Promise((resolve) => {
      draining = true;
      server.close();
      server.closeIdleConnections();
      const timer = setTimeout(() => resolve({ unfinished: inFlight }), timeoutMs);
      idle = () => {
        clearTimeout(timer);
        resolve({ unfinished: 0 });
      };
      if (inFlight === 0) idle();
    });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}

function readBody(stream: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.once('end', () => resolve(Buffer.concat(chunks)));
    stream.once('error', reject);
  });
}

/** A page's text, whatever compression Next.js chose for this client. */
function decoded(body: Buffer, encoding: string | undefined): string {
  const plain = encoding === 'gzip' ? gunzipSync(body) : encoding === 'br' ? brotliDecompressSync(body) : encoding === 'deflate' ? inflateSync(body) : body;
  return plain.toString('utf8');
}

async function serveMetrics(req: http.IncomingMessage, res: http.ServerResponse, metrics: Metrics | undefined, token: string | undefined) {
  const given = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
  if (!metrics || !token) {
    res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('Not found');
    return;
  }
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  if (req.method !== 'GET' || a.length !== b.length || !timingSafeEqual(a, b)) {
    res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8', 'WWW-Authenticate': 'Bearer' }).end('Unauthorized');
    return;
  }
  try {
    const body = await metrics.registry.metrics();
    res.writeHead(200, { 'Content-Type': metrics.registry.contentType, 'Cache-Control': 'no-store' }).end(body);
  } catch {
    res.writeHead(503, { 'Content-Type': 'text/plain; charset=utf-8' }).end('metrics unavailable');
  }
}
