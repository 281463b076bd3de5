import { bench, describe } from 'vitest';
import { countByStatus, listQueue } from '@/lib/console/queue/query';
import { getDb } from '@/lib/db';
import { seedQueueFixture, type QueueFixture } from '../support/queue-fixture';

// The officers' queue over 10,000 complaints (run by `npm run bench`, figures in docs/BENCHMARKS.md).
let fx: QueueFixture;
let seeding: Promise<QueueFixture> | undefined;
const viewer = () => ({ userId: fx.officers[0].id });
// Seeded once, before the first benchmark's warm-up (tinybench's setup hook), never timed.
const options = { setup: async () => void (fx ??= await (seeding ??= seedQueueFixture(getDb(), 10_000))), time: 2000 };

describe('queue over 10,000 complaints', () => {
  bench('newest page, no filter', async () => {
    await listQueue(getDb(), viewer(), {}, {});
  }, options);
  bench('status = baru', async () => {
    await listQueue(getDb(), viewer(), { status: ['baru'] }, {});
  }, options);
  bench('assigned to me, open', async () => {
    await listQueue(getDb(), viewer(), { assigned: 'me', status: ['baru', 'dalam_tindakan', 'menunggu_pengadu', 'selesai'] }, {});
  }, options);
  bench('search: complaint number', async () => {
    await listQueue(getDb(), viewer(), { q: fx.known[0].number }, {});
  }, options);
  bench('search: last 4 IC digits', async () => {
    await listQueue(getDb(), viewer(), { q: fx.known[0].ic.slice(-4) }, {});
  }, options);
  bench('search: a common word, ranked', async () => {
    await listQueue(getDb(), viewer(), { q: 'bayaran' }, {});
  }, options);
  bench('search: misspelt word (trigram)', async () => {
    await listQueue(getDb(), viewer(), { q: 'baucer' }, {});
  }, options);
  bench('counts per status, no filter (complaint_status_counts)', async () => {
    await countByStatus(getDb(), viewer(), {});
  }, options);
  bench('counts per status, a common word (capped at 100+)', async () => {
    await countByStatus(getDb(), viewer(), { q: 'bayaran' });
  }, options);
});
