import http from 'node:http';

/**
 * The public listener in front of `next start` (which listens on loopback only). Next keeps any
 * X-Forwarded-For a client sends, so rate limits and the audit log could be fooled by a forged
 * header; here the header is rebuilt: the peer address is always appended, and only as many
 * earlier entries as TRUST_PROXY_HOPS allows are believed (see lib/http/request.ts).
 */
export function startFrontProxy(opts: { port: number; targetPort: number; host?: string }): Promise<http.Server> {
  const server = http.createServer((req, res) => {
    const peer = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:/, '');
    const prior = req.headers['x-forwarded-for'];
    const headers = { ...req.headers, 'x-forwarded-for': prior ? `${prior}, ${peer}` : peer };
    const upstream = http.request(
      { host: '127.0.0.1', port: opts.targetPort, method: req.method, path: req.url, headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.rawHeaders);
        up.pipe(res);
      },
    );
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Pelayan sedang dimulakan. Sila cuba sebentar lagi.');
    });
    req.pipe(upstream);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve(server));
  });
}
