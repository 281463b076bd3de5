import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres, startEmbeddedS3 } from '../../lib/runtime/embedded';
import { startFakeResend } from './fake-resend';
import { startFakeWhatsApp } from './fake-whatsapp';

// Real components for tests: PostgreSQL and the S3-compatible server, as `npm start` runs them,
// plus the fake Resend HTTP API that the real Resend SDK talks to and a fake WhatsApp Cloud API.

export async function startTestServices() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpdesk-test-'));
  fs.chmodSync(dir, 0o755);
  const [pg, s3, resend, whatsapp] = await Promise.all([
    startEmbeddedPostgres({
      dir: path.join(dir, 'postgres'),
      password: randomBytes(12).toString('hex'),
      persistent: false,
      database: 'helpdesk_test',
      log: (m) => console.log(`[test-services] ${m}`),
    }),
    startEmbeddedS3({ dir: path.join(dir, 's3'), bucket: 'helpdesk-test' }),
    startFakeResend(),
    startFakeWhatsApp({ token: 'wa_test' }),
  ]);
  const env = {
    NODE_ENV: 'test',
    DATA_DIR: dir,
    DATABASE_URL: pg.url,
    S3_ENDPOINT: s3.endpoint,
    S3_BUCKET: 'helpdesk-test',
    S3_ACCESS_KEY_ID: 'S3RVER',
    S3_SECRET_ACCESS_KEY: 'S3RVER',
    S3_FORCE_PATH_STYLE: 'true',
    RESEND_API_KEY: 're_test_x',
    RESEND_BASE_URL: resend.url,
    WHATSAPP_API_URL: whatsapp.url,
    WHATSAPP_TOKEN: 'wa_test',
    WHATSAPP_PHONE_NUMBER_ID: '1234567890',
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    PII_KEY: randomBytes(32).toString('hex'),
    ALTCHA_COST: '10',
    JOB_RETRY_DELAY_SECONDS: '1',
    LOG_LEVEL: 'silent',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  };
  return {
    env,
    s3Dir: path.join(dir, 's3'),
    async stop() {
      await Promise.allSettled([pg.stop(), s3.stop(), resend.close(), whatsapp.close()]);
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
