import http from 'node:http';
import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { closeServer, readBody, sendJson } from './http';

// A stand-in for the WhatsApp Cloud API (Graph API): `POST /<phone-number-id>/messages` with
// `Authorization: Bearer <token>` and a JSON body. Accepted messages answer like Graph does,
// `{ messaging_product, contacts: [{ input, wa_id }], messages: [{ id }] }`; errors use Graph's
// `{ error: { message, type, code, fbtrace_id } }`. Control routes under /__test/ let tests in
// other processes (vitest workers) inspect it.

export type ReceivedWhatsApp = {
  id: string;
  phoneNumberId: string;
  to: string;
  template: { name: string; language: { code: string }; components?: { type: string; parameters: { type: string; text: string }[] }[] };
  /** The body parameters' texts, in order. */
  params: string[];
  receivedAt: Date;
};

export type FakeWhatsApp = {
  url: string;
  messages: ReceivedWhatsApp[];
  /** Make the next `n` sends answer `status` (default 500) without recording. */
  failNext(n: number, status?: number): void;
  reset(): void;
  close(): Promise<void>;
};

function graphError(res: http.ServerResponse, status: number, code: number, message: string): void {
  sendJson(res, status, { error: { message, type: 'OAuthException', code, fbtrace_id: randomUUID() } });
}

export async function startFakeWhatsApp(opts: { token?: string } = {}): Promise<FakeWhatsApp> {
  const messages: ReceivedWhatsApp[] = [];
  let failures = { remaining: 0, status: 500 };
  let attempts = 0;

  async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const { pathname } = new URL(req.url ?? '/', 'http://fake.invalid');
    if (pathname.startsWith('/__test/')) {
      if (req.method === 'GET' && pathname === '/__test/messages') return sendJson(res, 200, { messages, attempts });
      if (req.method === 'POST' && pathname === '/__test/fail') {
        const { n, status } = JSON.parse((await readBody(req)) || '{}') as { n?: number; status?: number };
        failures = { remaining: n ?? 1, status: status ?? 500 };
        return sendJson(res, 200, {});
      }
      if (req.method === 'POST' && pathname === '/__test/reset') {
        messages.length = 0;
        attempts = 0;
        failures = { remaining: 0, status: 500 };
        return sendJson(res, 200, {});
      }
    }

    const route = /^\/([^/]+)\/messages$/.exec(pathname);
    if (req.method !== 'POST' || !route) return graphError(res, 404, 803, 'Unknown path components');
    attempts += 1;

    const auth = req.headers.authorization ?? '';
    const token = /^Bearer (\S+)$/.exec(auth)?.[1];
    if (!token || (opts.token && token !== opts.token)) return graphError(res, 401, 190, 'Invalid OAuth access token.');

    let body: Record<string, unknown>;
    try {
      body = JSON.parse(await readBody(req)) as Record<string, unknown>;
    } catch {
      return graphError(res, 400, 100, 'Invalid parameter');
    }

    if (failures.remaining > 0) {
      failures.remaining -= 1;
      return graphError(res, failures.status, failures.status >= 500 ? 131000 : 100, `Simulated failure (${failures.status}).`);
    }

    const template = body.template as ReceivedWhatsApp['template'] | undefined;
    if (body.messaging_product !== 'whatsapp' || body.type !== 'template' || typeof body.to !== 'string' || !template?.name) {
      return graphError(res, 400, 100, 'Invalid parameter');
    }
    const params = (template.components ?? []).find((c) => c.type === 'body')?.parameters.map((p) => p.text) ?? [];
    const id = `wamid.${randomUUID()}`;
    messages.push({ id, phoneNumberId: decodeURIComponent(route[1]), to: body.to, template, params, receivedAt: new Date() });
    sendJson(res, 200, {
      messaging_product: 'whatsapp',
      contacts: [{ input: body.to, wa_id: body.to.replace(/^\+/, '') }],
      messages: [{ id }],
    });
  }

  const server = http.createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) graphError(res, 500, 1, 'Fake WhatsApp crashed.');
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
    messages,
    failNext(n, status = 500) {
      failures = { remaining: n, status };
    },
    reset() {
      messages.length = 0;
      attempts = 0;
      failures = { remaining: 0, status: 500 };
    },
    close: () => closeServer(server),
  };
}

/** Reaches a fake started in another process (the vitest global setup) through its control routes. */
export function fakeWhatsAppClient(url: string) {
  return {
    async messages(): Promise<{ messages: (Omit<ReceivedWhatsApp, 'receivedAt'> & { receivedAt: string })[]; attempts: number }> {
      return (await fetch(`${url}/__test/messages`)).json();
    },
    async failNext(n: number, status = 500): Promise<void> {
      await fetch(`${url}/__test/fail`, { method: 'POST', body: JSON.stringify({ n, status }) });
    },
    async reset(): Promise<void> {
      await fetch(`${url}/__test/reset`, { method: 'POST' });
    },
  };
}
