// Where npm run backup / restore connect: DATABASE_URL and S3_* from the environment, or, in
// embedded mode, the running app's ./data/runtime.json (written by npm start, owner only).
import fs from 'node:fs';
import path from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { getSetting } from '../lib/env';
import type { Store } from '../lib/backup';

export function backupTarget(): { databaseUrl: string; store: Store } {
  if (!process.env.DATABASE_URL || !process.env.S3_ENDPOINT) {
    const runtimeFile = path.join(path.resolve(getSetting('DATA_DIR')), 'runtime.json');
    if (!fs.existsSync(runtimeFile)) {
      console.error('Set DATABASE_URL and S3_ENDPOINT (with S3_* credentials), or run npm start first (embedded mode).');
      process.exit(1);
    }
    const runtime = JSON.parse(fs.readFileSync(runtimeFile, 'utf8')) as { DATABASE_URL: string; S3_ENDPOINT: string };
    process.env.DATABASE_URL ??= runtime.DATABASE_URL;
    if (!process.env.S3_ENDPOINT) {
      Object.assign(process.env, { S3_ENDPOINT: runtime.S3_ENDPOINT, S3_ACCESS_KEY_ID: 'S3RVER', S3_SECRET_ACCESS_KEY: 'S3RVER', S3_FORCE_PATH_STYLE: 'true' });
    }
  }
  const s3 = new S3Client({
    endpoint: getSetting('S3_ENDPOINT'),
    region: getSetting('S3_REGION'),
    forcePathStyle: getSetting('S3_FORCE_PATH_STYLE'),
    credentials: { accessKeyId: getSetting('S3_ACCESS_KEY_ID'), secretAccessKey: getSetting('S3_SECRET_ACCESS_KEY') },
  });
  return { databaseUrl: getSetting('DATABASE_URL'), store: { s3, bucket: getSetting('S3_BUCKET') } };
}
