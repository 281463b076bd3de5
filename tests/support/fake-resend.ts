import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { closeServer, readBody, sendJson } from './http';

// A stand-in for the Resend HTTP API, so tests exercise the real `resend` SDK end to end.
// Matches what resend@6.38 sends for `emails.send(payload, { idempotencyKey })`:
//   POST `${baseUrl}/emails`, `Authorization: Bearer <key>`, `Content-Type: application/json`,
//   optional `Idempotency-Key`, body `{ from, to, subject, html, text, ... }` (snake_case extras).
// Errors use Resend's JSON shape `{ statusCode, name, message }`; the SDK takes the status
// from `statusCode` in the body, not from the HTTP status line, so it must be there.

export type ReceivedEmail = {
  id: string;
  from: string;
  to: string[];
  subject: string;
  html?: string;
  text?: string;
  idempotencyKey?: string;
  /** Attachments as Resend takes them: a file name and the content in base64. */
  attachments?: { filename: string; content: string }[];
  receivedAt: Date;
};

export type FakeResend = {
  /** Base URL to hand to `new Resend(key, { baseUrl })` (no trailing slash). */
  url: string;
  /** Emails accepted so far, in arrival order. */
  emails: ReceivedEmail[];
  /** Make the next `n` POST /emails answer `status` (default 500) without recording. */
  failNext(n: number, status?: number): void;
  /**
   * Make the next `n` POST /emails hang: never answered (the connection stays open until the client
   * gives up). `record: true` accepts the email first (delivered, the answer lost, as when Resend
   * is slow to answer); `false` hangs before anything is accepted.
   */
  hangNext(n: number, opts?: { record?: boolean }): void;
  /** POST /emails requests received so far, failed, hung or not. */
  attempts(): number;
  /** The requests hung so far: `closed` once the client gave up on it (its deadline, or its death). */
  hung: { closed: boolean }[];
  /** Forget emails, idempotency keys and pending failures. */
  reset(): void;
  close(): Promise<void>;
};

// Resend's error names for the statuses tests are likely to ask for.
const ERROR_NAMES: Record<number, string> = {
  400: 'validation_error',
  401: 'missing_api_key',
  403: 'invalid_api_key',
  404: 'not_found',
  409: 'invalid_idempotent_request',
  422: 'validation_error',
  429: 'rate_limit_exceeded',
  500: 'internal_server_error',
};

function sendError(res: http.ServerResponse, status: number, message: string, name?: string): void {
  sendJson(res, status, {
    statusCode: status,
    name: name ?? ERROR_NAMES[status] ?? (status >= 500 ? 'internal_server_error' : 'application_error'),
    message,
  });
}

export async function startFakeResend(): Promise<FakeResend> {
  const emails: ReceivedEmail[] = [];
  const acceptedKeys = new Map<string, string>(); // idempotency key -> email id
  let failures: { remaining: number; status: number } = { remaining: 0, status: 500 };
  let attempts = 0; // every POST /emails, failed or not
  let hangs: { remaining: number; record: boolean } = { remaining: 0, record: false };
  const hung: { closed: boolean }[] = [];

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://fake.invalid');
    // Control routes, so tests in other processes (vitest workers, Playwright) can inspect the fake.
    if (pathname.startsWith('/__test/')) {
      if (req.method === 'GET' && pathname === '/__test/emails') return sendJson(res, 200, { emails, attempts });
      if (req.method === 'POST' && pathname === '/__test/fail') {
        const { n, status } = JSON.parse((await readBody(req)) || '{}') as { n?: number; status?: number };
        failures = { remaining: n ?? 1, status: status ?? 500 };
        return sendJson(res, 200, {});
      }
      if (req.method === 'POST' && pathname === '/__test/reset') {
        emails.length = 0;
        acceptedKeys.clear();
        attempts = 0;
        failures = { remaining: 0, status: 500 };
        hangs = { remaining: 0, record: false };
        return sendJson(res, 200, {});
      }
    }
    if (req.method === 'POST' && pathname === '/emails') attempts += 1;
    if (req.method !== 'POST' || pathname !== '/emails') {
      sendError(res, 404, 'The requested endpoint does not exist.', 'not_found');
      return;
    }

    const auth = req.headers.authorization ?? '';
    if (!/^Bearer \S+$/.test(auth)) {
      sendError(res, 401, 'Missing API key in the authorization header.', 'missing_api_key');
      return;
    }

    let body: Record<string, unknown>;
    try {
      const parsed: unknown = JSON.parse(await readBody(req));
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('not an object');
      body = parsed as Record<string, unknown>;
    } catch {
      sendError(res, 400, 'Invalid JSON body.', 'validation_error');
      return;
    }

    const header = req.headers['idempotency-key'];
    const idempotencyKey = Array.isArray(header) ? header[0] : header;

    if (failures.remaining > 0) {
      failures.remaining -= 1;
      sendError(res, failures.status, `Simulated failure (${failures.status}).`);
      return;
    }
    // Hanging: no answer at all; the client's deadline (or its death) ends the request.
    const hang = hangs.remaining > 0;
    if (hang) {
      hangs.remaining -= 1;
      const entry = { closed: false };
      hung.push(entry);
      res.once('close', () => (entry.closed = true));
    }
    if (hang && !hangs.record) return;
    const reply = hang ? () => {} : (status: number, payload: unknown) => sendJson(res, status, payload);

    // Resend accepts keys of 1–256 characters.
    if (idempotencyKey !== undefined && (idempotencyKey.length < 1 || idempotencyKey.length > 256)) {
      sendError(res, 400, 'Idempotency key must be between 1-256 characters.', 'invalid_idempotency_key');
      return;
    }

    for (const field of ['from', 'to', 'subject'] as const) {
      if (body[field] === undefined || body[field] === '') {
        sendError(res, 422, `Missing \`${field}\` field.`, 'missing_required_field');
        return;
      }
    }

    // A replay of an accepted key gets the original answer and sends nothing new.
    if (idempotencyKey !== undefined) {
      const previous = acceptedKeys.get(idempotencyKey);
      if (previous) {
        reply(200, { id: previous });
        return;
      }
    }

    const to = Array.isArray(body.to) ? body.to.map(String) : [String(body.to)];
    const id = randomUUID();
    emails.push({
      id,
      from: String(body.from),
      to,
      subject: String(body.subject),
      html: typeof body.html === 'string' ? body.html : undefined,
      text: typeof body.text === 'string' ? body.text : undefined,
      idempotencyKey,
      attachments: Array.isArray(body.attachments)
        ? (body.attachments as { filename?: unknown; content?: unknown }[]).map((a) => ({ filename: String(a.filename), content: String(a.content) }))
        : undefined,
      receivedAt: new Date(),
    });
    if (idempotencyKey !== undefined) acceptedKeys.set(idempotencyKey, id);
    reply(200, { id });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) sendError(res, 500, 'Fake Resend crashed.');
      else res.destroy();
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    emails,
    failNext(n, status = 500) {
      failures = { remaining: n, status };
    },
    hangNext(n, { record = false } = {}) {
      hangs = { remaining: n, record };
    },
    attempts: () => attempts,
    hung,
    reset() {
      emails.length = 0; // keep the same array so callers' references stay live
      acceptedKeys.clear();
      failures = { remaining: 0, status: 500 };
      hangs = { remaining: 0, record: false };
      hung.length = 0;
    },
    close: () => closeServer(server),
  };
}

/** Reaches a fake started in another process (the vitest global setup) through its control routes. */
export function fakeResendClient(url: string) {
  return {
    async emails(): Promise<{ emails: (Omit<ReceivedEmail, 'receivedAt'> & { receivedAt: string })[]; attempts: number }> {
      return (await fetch(`${url}/__test/emails`)).json();
    },
    async failNext(n: number, status = 500): Promise<void> {
      await fetch(`${url}/__test/fail`, { method: 'POST', body: JSON.stringify({ n, status }) });
    },
    async reset(): Promise<void> {
      await fetch(`${url}/__test/reset`, { method: 'POST' });
    },
  };
}
