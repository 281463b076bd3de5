import { expect, test } from '@playwright/test';
import { like, or } from 'drizzle-orm';
import { closeDb, getDb } from '@/lib/db';
import { rateLimits } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';

// Every browser test comes from 127.0.0.1: give the address its allowance back for the specs after this one.
test.afterAll(async () => {
  await getDb().delete(rateLimits).where(or(like(rateLimits.key, 'public-ip:%'), like(rateLimits.key, 'lookup-ip:%')));
  await closeDb();
});

// A script without CAPTCHA solutions, bursting lookups from one address: it costs the address no
// lookups (422 each), is stopped at the request ceiling with 429, Retry-After and a Malay message
// that says when to retry and how else to reach the helpdesk, and the server keeps answering.
// (Requests are bounded and go only to the local test server.)
test('a burst of lookups without CAPTCHA solutions from one IP is stopped at the request ceiling', async ({ request }) => {
  test.setTimeout(180_000);
  const ceiling = getEnv().PUBLIC_REQUEST_LIMIT;
  const total = ceiling + 50;
  const statuses: number[] = [];
  let message = '';
  for (let sent = 0; sent < total; sent += 25) {
    const answers = await Promise.all(
      Array.from({ length: Math.min(25, total - sent) }, () =>
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
  expect(statuses).toHaveLength(total);
  // Earlier specs from this address may have used some of the ceiling, never more than it.
  expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(total - ceiling);
  expect(statuses.every((s) => s === 429 || s === 422)).toBe(true);
  expect(statuses.lastIndexOf(422)).toBeLessThan(statuses.indexOf(429) + 25); // once refused, refused
  expect(message).toMatch(
    /^Terlalu banyak permintaan\. Sila cuba lagi selepas \d+ minit, atau hubungi meja bantuan di talian 09 748 1957 atau email treasury@kelantan\.gov\.my\.$/,
  );
  // A forged X-Forwarded-For does not buy a fresh allowance.
  const forged = await request.post('/api/v1/semakan', {
    multipart: { q: '880101-03-5123', altcha: 'x' },
    headers: { 'X-Forwarded-For': '203.0.113.77' },
  });
  expect(forged.status()).toBe(429);
  const health = await request.get('/api/health');
  expect(health.status()).toBe(200);
});
