import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CreateBucketCommand, GetObjectCommand } from '@aws-sdk/client-s3';
import { sql } from 'drizzle-orm';
import postgres from 'postgres';
import { afterAll, describe, expect, it } from 'vitest';
import { backupTo, copyOut, restoreFrom } from '@/lib/backup';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { getEnv } from '@/lib/env';
import { getS3 } from '@/lib/storage';
import { solvedAltcha } from '../support/captcha';
import { pdfBytes, pngBytes, validFields } from '../support/fixtures';
import { dashedIc, ipSequence, newIc } from '../support/outbox';

// npm run backup / npm run restore (lib/backup): a backup restored into a fresh database (a second
// database in the same embedded server) and a fresh bucket holds every complaint and object.

const ip = ipSequence('10.226.2');
const suffix = Math.random().toString(36).slice(2, 8);
// This file's complaints put their objects in a bucket of their own: the suite's shared bucket holds
// every other file's objects by the time this one runs (thousands), which made the backup, the
// restore and the byte-for-byte check take minutes against s3rver. Set before anything reads it.
const sourceBucket = `backup-src-${suffix}`;
process.env.S3_BUCKET = sourceBucket;
const freshDb = `restore_${suffix}`;
const freshBucket = `restore-${suffix}`;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-backup-'));
const freshUrl = () => {
  const u = new URL(getEnv().DATABASE_URL);
  u.pathname = `/${freshDb}`;
  return u.toString();
};

async function bytesOf(bucket: string, key: string): Promise<Buffer> {
  const got = await getS3().send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await got.Body!.transformToByteArray());
}

afterAll(async () => {
  fs.rmSync(dir, { recursive: true, force: true });
  await getDb().execute(sql.raw(`drop database if exists "${freshDb}" with (force)`));
});

describe('backup and restore', () => {
  // The cause of the backup that never finished late in a full run: postgres.js left its socket
  // paused after a copy whose last rows arrived while the stream's buffer was full, and the next
  // statement waited for ever. A 40 KB table (one read, more than the 16 KB buffer) read slowly
  // did it every time.
  it('a table copied out leaves the connection answering the next statement', async () => {
    const db = postgres(getEnv().DATABASE_URL, { max: 1, onnotice: () => {} });
    try {
      await db.unsafe(`create temp table copy_probe (t text)`);
      await db.unsafe(`insert into copy_probe select repeat('x', 1000) from generate_series(1, 40)`);
      const file = path.join(dir, 'probe.copy');
      await db.begin(async (tx) => {
        await copyOut(tx, 'copy copy_probe to stdout', file);
        const next = await Promise.race([tx`select 1 as one`.then(() => 'answered'), new Promise((r) => setTimeout(() => r('no answer in 10 s'), 10_000))]);
        expect(next).toBe('answered');
      });
      expect(fs.statSync(file).size).toBe(40 * 1001);
    } finally {
      await db.end({ timeout: 1 });
    }
  });

  it('restores every complaint, event and attachment object into a fresh database and bucket', async () => {
    expect(getEnv().S3_BUCKET).toBe(sourceBucket);
    await getS3().send(new CreateBucketCommand({ Bucket: sourceBucket }));
    const mine: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await submitComplaint(getDb(), {
        fields: { ...validFields(), ic: dashedIc(newIc()) },
        files: [
          { name: 'skrin.png', bytes: await pngBytes(40 + i, 30) },
          { name: 'surat.pdf', bytes: pdfBytes() },
        ],
        captchaToken: await solvedAltcha(),
        ip: ip(),
      });
      expect(r.ok).toBe(true);
      if (r.ok) mine.push(r.number);
    }
    const source = getEnv();
    const manifest = await backupTo(path.join(dir, 'b'), source.DATABASE_URL, { s3: getS3(), bucket: source.S3_BUCKET });
    expect(manifest.tables.find((t) => t.name === 'complaints')?.rows).toBeGreaterThanOrEqual(3);
    expect(manifest.tables.find((t) => t.name === '__drizzle_migrations')?.rows).toBe(manifest.migrations.length);
    expect((fs.statSync(path.join(dir, 'b')).mode & 0o777).toString(8)).toBe('700');

    await getDb().execute(sql.raw(`create database "${freshDb}"`));
    await getS3().send(new CreateBucketCommand({ Bucket: freshBucket }));
    await restoreFrom(path.join(dir, 'b'), freshUrl(), { s3: getS3(), bucket: freshBucket });

    const target = postgres(freshUrl(), { max: 1, onnotice: () => {} });
    try {
      const read = (db: typeof target) =>
        Promise.all([
          db`select id, number, name, ic_encrypted, ic_hash, phone, email, status, created_at from complaints order by id`,
          db`select id, complaint_id, type, body, author_name, created_at from complaint_events order by id`,
          db`select id, complaint_id, object_key, sha256, size_bytes from attachments order by id`,
          db`select id, action, target_id from audit_log order by id`,
        ]);
      const src = postgres(source.DATABASE_URL, { max: 1, onnotice: () => {} });
      const [before, after] = await Promise.all([read(src), read(target)]).finally(() => src.end());
      for (let i = 0; i < before.length; i++) expect(after[i]).toEqual(before[i]);
      expect(after[0].length).toBeGreaterThanOrEqual(3);

      // Every attachment row came back (above); this file's objects, the whole source bucket, are
      // in the fresh bucket byte for byte.
      const ids = new Set(after[0].filter((c) => mine.includes(c.number)).map((c) => c.id));
      const files = after[2].filter((f) => ids.has(f.complaint_id));
      expect(files.length).toBe(6);
      expect(manifest.objects.length).toBe(6);
      for (const f of files) {
        const [a, b] = await Promise.all([bytesOf(source.S3_BUCKET, f.object_key), bytesOf(freshBucket, f.object_key)]);
        expect(b.equals(a)).toBe(true);
      }

      // Sequences carry on after the restored rows: the next event and audit ids are new ones.
      const [{ next }] = await target`select nextval(pg_get_serial_sequence('audit_log', 'id'))::bigint as next`;
      expect(Number(next)).toBeGreaterThan(Math.max(0, ...after[3].map((r) => Number(r.id))));
      // The append-only history is still append-only there.
      await expect(target`update complaint_events set body = 'x'`).rejects.toThrow(/append-only/);
    } finally {
      await target.end();
    }

    // A second restore into the now filled database is refused, changing nothing.
    await expect(restoreFrom(path.join(dir, 'b'), freshUrl(), { s3: getS3(), bucket: freshBucket })).rejects.toThrow(/fresh database/);
    // The whole test database is backed up (every other file's rows too), hence the longer limit.
  }, 120_000);
});
