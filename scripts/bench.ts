// npm run bench: starts the app as `npm start` does (embedded services, production build) on a
// free loopback port, loads it with autocannon, and writes the figures to docs/BENCHMARKS.md.
// Every request goes to 127.0.0.1 only, and each run is bounded in time.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import autocannon from 'autocannon';
import { malaysiaDay } from '../lib/calendar/days';
import { getSetting } from '../lib/env';
import { freePort } from '../lib/runtime/embedded';
import { startAppServer } from '../tests/support/app-server';

type Case = { name: string; path: string; method?: 'GET' | 'POST'; body?: string; headers?: Record<string, string> };

const cases: Case[] = [
  { name: 'complaint form page (SSR)', path: '/' },
  { name: 'lookup page (SSR)', path: '/semakan' },
  { name: 'health check (DB + S3 + mail)', path: '/api/health' },
  { name: 'new ALTCHA challenge', path: '/api/captcha' },
  {
    name: 'complaint API, invalid submission (422)',
    path: '/api/v1/aduan',
    method: 'POST',
    body: 'name=&ic=123',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
  },
];

async function main() {
  const duration = getSetting('BENCH_SECONDS');
  const port = await freePort();
  console.log(`starting the app on 127.0.0.1:${port} …`);
  const app = await startAppServer({ port, env: { SUBMIT_RATE_LIMIT: '100000000', PUBLIC_REQUEST_LIMIT: '100000000' } });
  const results: string[] = [];
  try {
    for (const c of cases) {
      // A short warm-up so the first compile/connection costs are not counted.
      await autocannon({ url: `http://127.0.0.1:${port}${c.path}`, duration: 2, connections: 4, method: c.method ?? 'GET', body: c.body, headers: c.headers });
      const r = await autocannon({
        url: `http://127.0.0.1:${port}${c.path}`,
        duration,
        connections: 10,
        method: c.method ?? 'GET',
        body: c.body,
        headers: c.headers,
      });
      const line = `| ${c.name} | \`${c.method ?? 'GET'} ${c.path}\` | ${r.requests.average.toFixed(0)} | ${r.latency.p50} | ${r.latency.p97_5} | ${r.latency.p99} | ${r.non2xx} / ${r.requests.total} |`;
      console.log(line);
      results.push(line);
    }
  } finally {
    await app.stop();
  }

  // The queue's queries over 10,000 complaints, straight against Postgres (vitest bench, tinybench).
  console.log('queue benchmarks (vitest bench) …');
  const json = '/tmp/helpdesk-bench-queue.json';
  execFileSync(process.execPath, ['node_modules/vitest/vitest.mjs', 'bench', '--run', 'tests/bench', '--outputJson', json], { stdio: 'inherit' });
  type BenchRow = { name: string; mean: number; p99: number; hz: number; sampleCount: number };
  const queue = (JSON.parse(fs.readFileSync(json, 'utf8')) as { files: { groups: { benchmarks: BenchRow[] }[] }[] }).files
    .flatMap((f) => f.groups.flatMap((g) => g.benchmarks))
    .map((b) => `| ${b.name} | ${b.mean.toFixed(2)} | ${b.p99.toFixed(2)} | ${b.hz.toFixed(0)} | ${b.sampleCount} |`);

  const doc = `# Benchmarks

Written by \`npm run bench\` (scripts/bench.ts) on ${malaysiaDay(new Date())}: the production build served
as \`npm start\` serves it (embedded PostgreSQL and S3-compatible store, behind the front listener),
loaded by autocannon from the same machine for ${duration} s per case with 10 connections, after a 2 s warm-up.
Machine: ${os.cpus().length} cores (${os.cpus()[0]?.model ?? 'unknown'}), ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.
The load generator shares the cores with the app, the database and the store, so these are floors, not ceilings.

| case | request | req/s (mean) | p50 ms | p97.5 ms | p99 ms | non-2xx / total |
|---|---|---|---|---|---|---|
${results.join('\n')}

The invalid-submission case answers 422 by design (validation cost without storage); its non-2xx
count is expected to equal its total.

## The officers' queue over 10,000 complaints

\`tests/bench/queue-search.bench.ts\` (vitest bench): 10,000 seeded complaints and 2,000 replies or
notes in the test PostgreSQL, one query at a time through \`listQueue\`, about 2 s per case.

| query | mean ms | p99 ms | ops/s | samples |
|---|---|---|---|---|
${queue.join('\n')}
`;
  fs.writeFileSync('docs/BENCHMARKS.md', doc);
  console.log('written docs/BENCHMARKS.md');
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
