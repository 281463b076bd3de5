// npm run backup [-- <dir>]: the database (COPY per table) and the bucket's objects into <dir>
// (default ./backups/<yyyyMMdd-HHmmss>), owner only. See docs/OPERATIONS.md.
import path from 'node:path';
import { backupTo } from '../lib/backup';
import { backupTarget } from './backup-target';

void (async () => {
  const { databaseUrl, store } = backupTarget();
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const dir = path.resolve(process.argv[2] ?? path.join('backups', stamp));
  const m = await backupTo(dir, databaseUrl, store);
  const rows = m.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`backup written to ${dir}: ${m.tables.length} tables, ${rows} rows, ${m.objects.length} objects`);
})().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
