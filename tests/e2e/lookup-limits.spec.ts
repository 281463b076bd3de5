import { expect, test } from '@playwright/test';
import { like } from 'drizzle-orm';
import { closeDb, getDb } from '@/lib/db';
import { rateLimits } from '@/lib/db/schema';

// Every browser test comes from 127.0.0.1: give the address its allowance back for the specs after this one.
test.afterAll(async () => {
  await getDb().delete(rateLimits).where(like(rateLimits.key, 'lookup-ip:%'));
  await closeDb();
});

// A burst of 200 lookups from one address: the excess is refused with 429 and a Malay message,
// and the server keeps answering. (Requests are bounded and go only to the local test server.)
test('rate limits hold under a burst of 200 lookups from one IP', async ({ request }) => {
  const statuses: number[] = [];
  let message = '';
  for (let batch = 0; batch < 10; batch++) {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        request.post('/api/v1/semakan', { multipart: { q: '880101-03-5123', altcha: 'bukan-penyelesaian' } }),
      ),
    );
    for (const a of answers) {
      statuses.push(a.status());
      if (a.status() === 429 && !message) {
        message = (await a.json()).error.message;
        expect(a.headers()['retry-after']).toMatch(/^\d+$/);
      }
    }
  }
  expect(statuses).toHaveLength(200);
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(150);
  expect(statuses.every((s) => s === 429 || s === 422)).toBe(true);
  expect(message).toMatch(/^Terlalu banyak permintaan\. Sila cuba lagi selepas \d+ minit\.$/);
  // A forged X-Forwarded-For does not buy a fresh allowance.
  const forged = await request.post('/api/v1/semakan', {
    multipart: { q: '880101-03-5123', altcha: 'x' },
    headers: { 'X-Forwarded-For': '203.0.113.77' },
  });
  expect(forged.status()).toBe(429);
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
});
