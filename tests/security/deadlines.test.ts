import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { S3Client } from '@aws-sdk/client-s3';
import { eq } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { attachmentUrl } from '@/lib/complaints/access';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { attachments, complaints } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import ms from '@/lib/i18n/messages/ms.json';
import { FRONT_BODY_LIMIT_BYTES, startFrontProxy } from '@/lib/runtime/front-proxy';
import { getS3 } from '@/lib/storage';
import { LIMITS } from '@/lib/validation/complaint';
import { GET as publicAttachmentRoute } from '@/app/api/lampiran/[id]/route';
import { POST as fileRoute } from '@/app/api/v1/aduan/route';
import { solvedAltcha } from '../support/captcha';
import { pngBytes, validFields } from '../support/fixtures';
import { counts } from '../support/inspect';

// Threat: a dependency that hangs. The object store that accepts a connection and never answers,
// and a database statement that never finishes, must not keep a person waiting with no limit, nor
// file their complaint minutes later after they gave up: past the deadline they get a 503 in
// Malay and nothing is written (no row, no object, no email job). The front listener answers an
// oversized body 413 itself instead of a 502 "server starting".

vi.hoisted(() => {
  process.env.STORAGE_TIMEOUT_MS = '1500';
  process.env.DB_STATEMENT_TIMEOUT_MS = '1500';
});

const g = globalThis as unknown as { __s3?: S3Client };
let ipSeq = 0;
const nextIp = () => `10.225.1.${++ipSeq}`;
const fieldsFor = (n: number) => ({ ...validFields(), ic: `900101-14-${String(6000 + n)}` });

/** A TCP server that accepts every connection, reads whatever comes, and never answers. */
async function startHangingServer() {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('data', () => {});
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

/** An S3 client with no timeouts of its own: only the app's deadline can end a hanging call. */
const clientWithoutTimeouts = (endpoint: string) =>
  new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' }, maxAttempts: 1 });

async function withS3<T>(client: S3Client, fn: () => Promise<T>): Promise<T> {
  const original = getS3();
  g.__s3 = client;
  try {
    return await fn();
  } finally {
    g.__s3 = original;
    client.destroy();
  }
}

/** The complaint form's multipart POST, as a browser sends it (with Content-Length). */
async function filingRequest(fields: Record<string, string>, files: { name: string; bytes: Uint8Array; type: string }[]) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  for (const f of files) form.append('attachments', new Blob([Buffer.from(f.bytes)], { type: f.type }), f.name);
  const encoded = new Request('http://localhost/api/v1/aduan', { method: 'POST', body: form });
  const body = new Uint8Array(await encoded.arrayBuffer());
  return new Request('http://localhost/api/v1/aduan', {
    method: 'POST',
    body,
    headers: { 'content-type': encoded.headers.get('content-type')!, 'content-length': String(body.length), 'x-forwarded-for': nextIp() },
  });
}

const hanging = await startHangingServer();
afterAll(() => hanging.close());

describe('deadlines', () => {
  it('reads its deadlines from the settings (this file sets them short)', () => {
    expect(getEnv().STORAGE_TIMEOUT_MS).toBe(1500);
    expect(getEnv().DB_STATEMENT_TIMEOUT_MS).toBe(1500);
  });

  it('hanging object store: the submission answers 503 in Malay within the deadline, and nothing is written', async () => {
    const before = await counts();
    const fields = { ...fieldsFor(1), altcha: await solvedAltcha() };
    const request = await filingRequest(fields, [{ name: 'skrin.png', bytes: await pngBytes(33, 21), type: 'image/png' }]);
    const started = Date.now();
    const res = await withS3(clientWithoutTimeouts(hanging.url), () => fileRoute(request, {}));
    const elapsed = Date.now() - started;
    expect(res.status).toBe(503);
    expect((await res.json()).error).toEqual({ code: 'storage_unavailable', message: ms.errors.storage_unavailable });
    expect(elapsed).toBeLessThan(1500 + 2000);
    expect(await counts()).toEqual(before);
    expect(await getDb().select().from(complaints).where(eq(complaints.submissionKey, fields.submissionKey))).toHaveLength(0);
  });

  it('hanging object store: an attachment download answers 503 (not 500) within the deadline', async () => {
    const filed = await submitComplaint(getDb(), {
      fields: fieldsFor(2),
      files: [{ name: 'skrin.png', bytes: await pngBytes(34, 22) }],
      captchaToken: await solvedAltcha(),
      ip: nextIp(),
    });
    if (!filed.ok) throw new Error(`could not file: ${JSON.stringify(filed)}`);
    const [c] = await getDb().select({ id: complaints.id }).from(complaints).where(eq(complaints.number, filed.number));
    const [a] = await getDb().select({ id: attachments.id }).from(attachments).where(eq(attachments.complaintId, c.id));
    const url = `http://localhost${attachmentUrl(a.id)}`;
    const call = () => publicAttachmentRoute(new Request(url), { params: Promise.resolve({ id: a.id }) });
    expect((await call()).status).toBe(200); // the store is up: the file is served

    const started = Date.now();
    const res = await withS3(clientWithoutTimeouts(hanging.url), call);
    expect(res.status).toBe(503);
    expect(res.headers.get('retry-after')).toBeTruthy();
    expect(await res.text()).toBe(ms.reliability.errors.file_unavailable);
    expect(Date.now() - started).toBeLessThan(1500 + 2000);
  });

  it('a statement past DB_STATEMENT_TIMEOUT_MS is cancelled by PostgreSQL (57014)', async () => {
    const started = Date.now();
    const err = await getDb()
      .execute('select pg_sleep(30)')
      .then(() => null, (e: unknown) => e as { cause?: { code?: string } });
    expect(err?.cause?.code).toBe('57014');
    expect(Date.now() - started).toBeLessThan(1500 + 2000);
  });

  it('a database that hangs mid-submission: 503 in Malay, the transaction rolls back, stored objects are removed', async () => {
    const before = await counts();
    const fields = { ...fieldsFor(3), altcha: await solvedAltcha() };
    const request = await filingRequest(fields, [{ name: 'skrin.png', bytes: await pngBytes(35, 23), type: 'image/png' }]);
    // Another session holds the history table: the complaint row goes in, its first event waits.
    const holder = postgres(getEnv().DATABASE_URL, { max: 1, onnotice: () => {} });
    let release!: () => void;
    const released = new Promise<void>((r) => (release = r));
    let locked!: () => void;
    const isLocked = new Promise<void>((r) => (locked = r));
    const holding = holder.begin(async (tx) => {
      await tx`lock table complaint_events in access exclusive mode`;
      locked();
      await released;
    });
    try {
      await isLocked;
      const started = Date.now();
      const res = await fileRoute(request, {});
      expect(res.status).toBe(503);
      expect((await res.json()).error).toEqual({ code: 'service_unavailable', message: ms.reliability.errors.service_unavailable });
      expect(Date.now() - started).toBeLessThan(2 * 1500 + 3000);
    } finally {
      release();
      await holding;
      await holder.end();
    }
    expect(await counts()).toEqual(before);
    expect(await getDb().select().from(complaints).where(eq(complaints.submissionKey, fields.submissionKey))).toHaveLength(0);
  });
});

describe('front listener and oversized bodies', () => {
  /** An upstream that records what reached it and answers 200, or 413 early like a route with its own limit. */
  async function upstream(mode: 'ok' | 'refuse-early') {
    const seen: string[] = [];
    const server = http.createServer((req, res) => {
      seen.push(`${req.method} ${req.url}`);
      if (mode === 'refuse-early') {
        res.writeHead(413, { 'Content-Type': 'text/plain', Connection: 'close' });
        res.end('too large (app)');
        return;
      }
      req.resume();
      req.on('end', () => res.end('ok'));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    return { server, seen, port: (server.address() as AddressInfo).port };
  }

  function send(port: number, opts: { declared?: number; bytes: number }) {
    return new Promise<{ status: number; body: string }>((resolve, reject) => {
      const headers: Record<string, string> = { 'content-type': 'application/octet-stream' };
      if (opts.declared !== undefined) headers['content-length'] = String(opts.declared);
      const req = http.request({ host: '127.0.0.1', port, method: 'POST', path: '/api/v1/aduan', headers }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, body }));
        res.on('error', reject);
      });
      req.on('error', () => {}); // the listener may close while we are still sending
      const chunk = Buffer.alloc(64 * 1024, 1);
      let left = opts.bytes;
      const pump = () => {
        while (left > 0) {
          const n = Math.min(left, chunk.length);
          left -= n;
          if (!req.write(chunk.subarray(0, n))) return void req.once('drain', pump);
        }
        req.end();
      };
      pump();
    });
  }

  it('lets through every body the app accepts (a complaint with every attachment at its limit)', () => {
    expect(FRONT_BODY_LIMIT_BYTES).toBeGreaterThanOrEqual(LIMITS.attachmentsMax * LIMITS.attachmentBytesMax);
  });

  it('answers a declared oversized body 413 in Malay and never forwards it', async () => {
    const up = await upstream('ok');
    const front = await startFrontProxy({ port: 0, host: '127.0.0.1', targetPort: up.port, maxBodyBytes: 256 * 1024 });
    try {
      const port = (front.address() as AddressInfo).port;
      const res = await send(port, { declared: 1024 * 1024, bytes: 1024 * 1024 });
      expect(res.status).toBe(413);
      expect(res.body).toMatch(/terlalu besar/);
      expect(up.seen).toEqual([]);
      expect((await send(port, { declared: 1000, bytes: 1000 })).status).toBe(200);
    } finally {
      front.close();
      up.server.close();
    }
  });

  it('answers a streamed (chunked) oversized body 413, not 502', async () => {
    const up = await upstream('ok');
    const front = await startFrontProxy({ port: 0, host: '127.0.0.1', targetPort: up.port, maxBodyBytes: 256 * 1024 });
    try {
      const res = await send((front.address() as AddressInfo).port, { bytes: 2 * 1024 * 1024 });
      expect(res.status).toBe(413);
    } finally {
      front.close();
      up.server.close();
    }
  });

  it("relays the app's own early 413 (it closes while the body is still arriving) instead of a 502", async () => {
    const up = await upstream('refuse-early');
    const front = await startFrontProxy({ port: 0, host: '127.0.0.1', targetPort: up.port });
    try {
      const res = await send((front.address() as AddressInfo).port, { declared: 8 * 1024 * 1024, bytes: 8 * 1024 * 1024 });
      expect(res.status).toBe(413);
    } finally {
      front.close();
      up.server.close();
    }
  });
});
