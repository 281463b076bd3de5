import client from 'prom-client';
import postgres from 'postgres';

// Prometheus metrics of one web instance, served by its front listener at /api/metrics
// (lib/runtime/front-proxy.ts) to a scraper that sends `Authorization: Bearer <METRICS_TOKEN>`.
// Request figures are this instance's own; the outbox and job figures are read from pg-boss's
// tables, so every instance reports the same shared totals (scrape any one, or sum nothing).

export type Metrics = {
  registry: client.Registry;
  observeRequest(method: string, route: string, status: number, seconds: number): void;
  close(): Promise<void>;
};

export function createMetrics(databaseUrl: string): Metrics {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry, prefix: 'helpdesk_' });
  const sql = postgres(databaseUrl, { max: 1, idle_timeout: 30, onnotice: () => {} });

  const durations = new client.Histogram({
    name: 'helpdesk_http_request_duration_seconds',
    help: 'Time to answer a request, by method, route and status code',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const refusals = new client.Counter({
    name: 'helpdesk_rate_limit_refusals_total',
    help: 'Requests refused by a rate limit (HTTP 429), by route',
    labelNames: ['route'] as const,
    registers: [registry],
  });

  type QueueRow = { name: string; depth: number; oldest: number | null; failed: number };
  let last: { at: number; rows: Promise<QueueRow[]> } | undefined;
  // One query per scrape, shared by the three gauges below.
  const queues = () => {
    if (!last || Date.now() - last.at > 1000) {
      last = {
        at: Date.now(),
        rows: sql<QueueRow[]>`
          select name,
                 count(*) filter (where state in ('created', 'retry'))::int as depth,
                 extract(epoch from now() - min(created_on) filter (where state in ('created', 'retry')))::float8 as oldest,
                 count(*) filter (where state = 'failed')::int as failed
          from pgboss.job group by name`.then((r) => [...r]),
      };
    }
    return last.rows;
  };
  new client.Gauge({
    name: 'helpdesk_outbox_depth',
    help: 'Jobs waiting to be delivered (created or waiting to retry), by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await queues()) this.set({ queue: r.name }, r.depth);
    },
  });
  new client.Gauge({
    name: 'helpdesk_outbox_oldest_age_seconds',
    help: 'Age of the oldest waiting job, by queue (0 when none waits)',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await queues()) this.set({ queue: r.name }, r.oldest ?? 0);
    },
  });
  new client.Gauge({
    name: 'helpdesk_jobs_failed',
    help: 'Jobs that failed for good (retries spent) and are still kept by pg-boss, by queue',
    labelNames: ['queue'] as const,
    registers: [registry],
    async collect() {
      this.reset();
      for (const r of await queues()) this.set({ queue: r.name }, r.failed);
    },
  });

  return {
    registry,
    observeRequest(method, route, status, seconds) {
      durations.observe({ method, route, status: String(status) }, seconds);
      if (status === 429) refusals.inc({ route });
    },
    close: () => sql.end({ timeout: 5 }),
  };
}

/**
 * A route label without personal data or unbounded values: segments with digits (complaint
 * numbers, ids; not an API version such as `v1`) become `:id`, at most five segments, static assets and unknown paths collapsed.
 */
export function routeLabel(url: string, status: number): string {
  const path = url.split('?')[0] ?? '/';
  if (path.startsWith('/_next/')) return '/_next/*';
  if (status === 404) return '(not found)';
  const segments = path.split('/').filter(Boolean);
  const shown = segments.slice(0, 5).map((s) => ((/\d/.test(s) && !/^v\d+$/.test(s)) || s.length > 40 || /%/.test(s) ? ':id' : s));
  return `/${shown.join('/')}${segments.length > 5 ? '/…' : ''}`;
}
