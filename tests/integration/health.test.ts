import { S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { getEnv } from '@/lib/env';
import { checkHealth, whatsAppHealth } from '@/lib/health';
import { getS3 } from '@/lib/storage';

// GET /api/health answers from checkHealth(): against the real Postgres, S3 and (fake) Resend
// started by the global setup it is all green; with the store unreachable it says so, and only
// the store is blamed. It says whether WhatsApp is configured, and nothing more about it.

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
    expect(await checkHealth()).toEqual({ ok: true, database: true, storage: true, mail: { ok: true, mode: 'resend' }, whatsapp: { configured: true } });
  });

  it('says whether WhatsApp is configured, never its token or number id', async () => {
    const env = getEnv();
    const health = JSON.stringify(await checkHealth());
    expect(health).toContain('"whatsapp":{"configured":true}');
    for (const secret of [env.WHATSAPP_TOKEN!, env.WHATSAPP_PHONE_NUMBER_ID!]) expect(health).not.toContain(secret);
    // Without a token and number id WhatsApp is off, which is no fault: the service stays healthy.
    expect(whatsAppHealth({ ...env, WHATSAPP_TOKEN: undefined, WHATSAPP_PHONE_NUMBER_ID: undefined })).toEqual({ configured: false });
  });

  it('reports the store as down, and only the store, when it is unreachable', async () => {
    const original = getS3(); // make sure the real client exists and is cached
    const dead = deadS3();
    g.__s3 = dead;
    try {
      const started = Date.now();
      const health = await checkHealth();
      expect(health).toEqual({ ok: false, database: true, storage: false, mail: { ok: true, mode: 'resend' }, whatsapp: { configured: true } });
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
