// npm run restore -- <dir>: restores a backup from npm run backup into a FRESH database and bucket
// (DATABASE_URL, S3_*): migrates, refuses a database holding complaints or staff, copies every
// table and sequence, then every object (checked against its hash). See docs/OPERATIONS.md.
import path from 'node:path';
import { restoreFrom } from '../lib/backup';
import { backupTarget } from './backup-target';

void (async () => {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: npm run restore -- <backup directory>');
    process.exit(1);
  }
  const { databaseUrl, store } = backupTarget();
  const m = await restoreFrom(path.resolve(dir), databaseUrl, store);
  console.log(`restored ${m.tables.length} tables and ${m.objects.length} objects from a backup of ${m.createdAt}`);
})().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
