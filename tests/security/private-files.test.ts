import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, describe, expect, it } from 'vitest';
import { mailboxTransport } from '@/lib/mail/mailbox';
import { startEmbeddedS3 } from '@/lib/runtime/embedded';
import { loadOrCreateLocalSecrets } from '@/lib/runtime/secrets';

// Threat: other accounts on the server reading the embedded mode's files. The local mailbox
// (messages carry complaint access links), the object store's folder (attachments: IC cards,
// letters) and secrets.json are owner-only: folders 0700, files 0600, also when an earlier
// version (or a restore) left them readable by others, and whatever the process's umask was.

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-private-'));
const originalUmask = process.umask(0o022); // the usual default: new files world-readable unless the code says otherwise
afterAll(() => {
  process.umask(originalUmask);
  fs.rmSync(root, { recursive: true, force: true });
});

const mode = (p: string) => fs.statSync(p).mode & 0o777;

/** Every folder and file under `dir` with a mode other than owner-only. */
function notPrivate(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (mode(d) !== 0o700) out.push(`${d} ${mode(d).toString(8)}`);
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.isFile() && mode(p) !== 0o600) out.push(`${p} ${mode(p).toString(8)}`);
    }
  };
  walk(dir);
  return out;
}

describe('embedded mode keeps files private', () => {
  it('the local mailbox: its folder 0700, each message 0600', async () => {
    const dir = path.join(root, 'mail');
    await mailboxTransport({ from: 'Helpdesk <helpdesk@localhost>', dir }).send({
      to: 'pengadu@example.gov.my',
      subject: 'Aduan diterima',
      text: 'Pautan: http://localhost/aduan/X?t=rahsia',
      html: '<p>Pautan</p>',
      idempotencyKey: 'private-files/1',
    });
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.eml'))).toHaveLength(1);
    expect(notPrivate(dir)).toEqual([]);
  });

  it("the object store's folder: what an earlier version left readable is fixed at start, new objects are 0600", async () => {
    const dir = path.join(root, 's3');
    fs.mkdirSync(path.join(dir, 'helpdesk-ispeks', 'lama'), { recursive: true, mode: 0o755 });
    fs.writeFileSync(path.join(dir, 'helpdesk-ispeks', 'lama', 'surat.pdf'), 'lama', { mode: 0o644 });
    const s3 = await startEmbeddedS3({ dir, bucket: 'helpdesk-ispeks' });
    const client = new S3Client({ endpoint: s3.endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } });
    try {
      await client.send(new PutObjectCommand({ Bucket: 'helpdesk-ispeks', Key: 'aduan/X/kad-pengenalan.png', Body: Buffer.from('png'), ContentType: 'image/png' }));
      expect(notPrivate(dir)).toEqual([]);
    } finally {
      client.destroy();
      await s3.stop();
    }
  });

  it('secrets.json: created 0600 in a 0700 folder, and a readable copy is fixed when loaded', () => {
    const fresh = path.join(root, 'data-baru');
    loadOrCreateLocalSecrets(fresh);
    expect(mode(fresh)).toBe(0o700);
    expect(mode(path.join(fresh, 'secrets.json'))).toBe(0o600);

    const old = path.join(root, 'data-lama');
    fs.mkdirSync(old);
    fs.writeFileSync(path.join(old, 'secrets.json'), JSON.stringify({ AUTH_SECRET: 'x'.repeat(40), PII_KEY: 'a'.repeat(64), POSTGRES_PASSWORD: 'p' }), { mode: 0o644 });
    loadOrCreateLocalSecrets(old);
    expect(mode(path.join(old, 'secrets.json'))).toBe(0o600);
  });
});
