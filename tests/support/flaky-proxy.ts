import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * An HTTP proxy in front of a real server that fails the requests a test chooses, e.g. "the store
 * accepts the first upload, then goes down": the code under test talks to real S3 either way.
 */
export async function startFlakyProxy(target: string, fail: (req: http.IncomingMessage, n: number) => boolean) {
  const upstream = new URL(target);
  let n = 0;
  const server = http.createServer((req, res) => {
    n += 1;
    if (fail(req, n)) {
      req.resume();
      res.writeHead(503, { 'Content-Type': 'application/xml' });
      res.end('<Error><Code>ServiceUnavailable</Code><Message>down</Message></Error>');
      return;
    }
    const proxied = http.request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers },
      (up) => {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
      },
    );
    proxied.on('error', () => res.destroy());
    req.pipe(proxied);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}
