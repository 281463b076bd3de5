// One measured case of npm run bench: autocannon for a bounded time at a number of connections,
// with every answer's time recorded in an HDR histogram (autocannon reports no p95) and every
// status counted, so an unexpected answer is never mistaken for speed.
import type { EventEmitter } from 'node:events';
import autocannon from 'autocannon';
import * as hdr from 'hdr-histogram-js';

export type LoadSpec = {
  url: string;
  connections: number;
  seconds: number;
  /** Send exactly this many requests instead of running for `seconds` (the smoke run: answers, not time). */
  amount?: number;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  /** A fresh body for every request (a CAPTCHA solution can be spent once). */
  body?: () => string;
  /** Statuses that count as a correct answer. */
  expect: number[];
};

export type LoadResult = {
  requests: number;
  rps: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  /** answers whose status was not expected, and connection errors/timeouts */
  unexpected: number;
  errors: number;
  statuses: Record<string, number>;
};

export async function runLoad(spec: LoadSpec): Promise<LoadResult> {
  const histogram = hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: 3_600_000_000, numberOfSignificantValueDigits: 3 });
  const statuses: Record<string, number> = {};
  let unexpected = 0;
  // Without a callback the instance is both a promise of the result and an event emitter.
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    ...(spec.amount ? { amount: spec.amount } : { duration: spec.seconds }),
    timeout: 60,
    method: spec.method ?? 'GET',
    headers: spec.headers,
    requests: spec.body ? [{ setupRequest: (req: autocannon.Request) => ({ ...req, body: spec.body!() }) }] : undefined,
  }) as unknown as EventEmitter & Promise<autocannon.Result>;
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    histogram.recordValue(Math.max(1, Math.round(ms * 1000))); // microseconds
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (!spec.expect.includes(status)) unexpected += 1;
  });
  const r = await instance;
  const ms = (p: number) => histogram.getValueAtPercentile(p) / 1000;
  const requests = histogram.totalCount;
  const out: LoadResult = {
    requests,
    rps: requests / (r.duration || spec.seconds),
    p50: ms(50),
    p95: ms(95),
    p99: ms(99),
    max: histogram.maxValue / 1000,
    unexpected,
    // Requests sent but never answered (a fixed amount not reached) count as errors too.
    errors: Math.max(r.errors + r.timeouts, spec.amount ? spec.amount - requests : 0),
    statuses,
  };
  histogram.destroy();
  return out;
}
