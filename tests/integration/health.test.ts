import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { checkHealth } from '@/lib/health';
import { getS3 } from '@/lib/storage';

// GET /api/health answers from checkHealth(): against the real Postgres, S3 and (fake) Resend
// started by the global setup it is all green; with the store unreachable it says so, and only
// the store is blamed.

const g = globalThis as unknown as { __s3?: S3Client };

const deadS3 = () =>
  new S3Client({
    endpoint: 'http://127.0.0.1:9', // closed port: connection refused
    region: 'us-east-1',
    forcePathStyle: true,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    maxAttempts: 1,
  });

describe('checkHealth', () => {
  it('is ok with every service up', async () => {
    expect(await checkHealth()).toEqual({ ok: true, database: true, storage: true, mail: { ok: true, mode: 'resend' } });
  });

  it('reports the store as down, and only the store, when it is unreachable', async () => {
    const original = getS3(); // make sure the real client exists and is cached
    const dead = deadS3();
    g.__s3 = dead;
    try {
      const started = Date.now();
      const health = await checkHealth();
      expect(health).toEqual({ ok: false, database: true, storage: false, mail: { ok: true, mode: 'resend' } });
      // A refused connection is reported at once, not after the 3 s health timeout.
      expect(Date.now() - started).toBeLessThan(3000);
    } finally {
      g.__s3 = original;
      dead.destroy();
    }
  });

  it('is ok again once the real store is back', async () => {
    expect(g.__s3).toBe(getS3());
    const health = await checkHealth();
    expect(health.ok).toBe(true);
    expect(health.storage).toBe(true);
  });
});
