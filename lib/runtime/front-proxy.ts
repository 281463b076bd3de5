import http from 'node:http';
import { LIMITS } from '@/lib/validation/complaint';

/**
 * The public listener in front of `next start` (which listens on loopback only). Next keeps any
 * X-Forwarded-For a client sends, so rate limits and the audit log could be fooled by a forged
 * header; here the header is rebuilt: the peer address is always appended, and only as many
 * earlier entries as TRUST_PROXY_HOPS allows are believed (see lib/http/request.ts).
 *
 * Bodies: nothing the app accepts is larger than a complaint with every attachment at its limit,
 * so a larger body (declared or streamed) is answered 413 here, in Malay, and never forwarded. A
 * route that refuses a smaller body early (its own limit) may close the connection while the body
 * is still arriving: its answer is relayed as it is, never replaced by a 502.
 */
export const FRONT_BODY_LIMIT_BYTES = LIMITS.attachmentsMax * LIMITS.attachmentBytesMax + 512 * 1024;

const TOO_LARGE = 'Permintaan terlalu besar. Lampiran boleh sehingga 5 fail, setiap satu tidak melebihi 5 MB.';
const STARTING = 'Pelayan sedang dimulakan. Sila cuba sebentar lagi.';

function refuseTooLarge(req: http.IncomingMessage, res: http.ServerResponse) {
  if (res.headersSent) return res.destroy();
  res.writeHead(413, { 'Content-Type': 'text/plain; charset=utf-8', Connection: 'close' });
  res.end(TOO_LARGE);
  // Stop reading what is left of the body; the connection closes once the answer is out.
  req.unpipe();
  req.resume();
}

export function startFrontProxy(opts: {
  port: number;
  targetPort: number;
  host?: string;
  maxBodyBytes?: number;
}): Promise<http.Server> {
  const maxBody = opts.maxBodyBytes ?? FRONT_BODY_LIMIT_BYTES;
  const server = http.createServer((req, res) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (Number.isFinite(declared) && declared > maxBody) return refuseTooLarge(req, res);

    const peer = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
    const prior = req.headers['x-forwarded-for'];
    const headers = { ...req.headers, 'x-forwarded-for': prior ? `${prior}, ${peer}` : peer };
    let answered = false;
    const upstream = http.request(
      { host: '127.0.0.1', port: opts.targetPort, method: req.method, path: req.url, headers },
      (up) => {
        answered = true;
        if (res.headersSent) return up.resume();
        res.writeHead(up.statusCode ?? 502, up.rawHeaders);
        up.pipe(res);
      },
    );
    upstream.on('error', (e: NodeJS.ErrnoException) => {
      // Once the app has answered (e.g. its own 413 before reading a body), its answer stands.
      if (answered || res.headersSent) return void res.end();
      // The app closed the connection while the body was still arriving: a route that refuses a
      // body by its size does that (its answer is lost with the reset). Not "server starting".
      const cutOffMidBody = !req.complete && received > 0 && (e.code === 'EPIPE' || e.code === 'ECONNRESET');
      if (cutOffMidBody) return refuseTooLarge(req, res);
      res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(STARTING);
    });
    let received = 0;
    req.on('data', (chunk: Buffer) => {
      received += chunk.length;
      if (received > maxBody && !answered) {
        upstream.destroy();
        refuseTooLarge(req, res);
      }
    });
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}
