import os from 'node:os';

// The embedded PostgreSQL's settings for the machine it runs on (`npm start` without DATABASE_URL).
// PostgreSQL's defaults (128 MB of shared buffers, 4 MB of work memory) are sized for a machine of
// decades ago: at a million complaints the console's searches read their rows from the kernel's
// cache through I/O workers and spent most of their time waiting on it. These are the usual
// proportions (a quarter of memory for shared buffers, half for the planner's idea of the cache;
// SSD page costs), each overridable by EMBEDDED_POSTGRES_SETTINGS. A managed PostgreSQL
// (DATABASE_URL) is tuned by whoever runs it: docs/DEPLOYMENT.md.

const MB = 1024 * 1024;
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));
const mb = (bytes: number) => `${Math.floor(bytes / MB)}MB`;

export type PostgresSettings = Record<string, string>;

/** The settings for a machine with `memoryBytes` of memory and `cpus` cores. */
export function embeddedPostgresSettings(memoryBytes: number, cpus: number): PostgresSettings {
  return {
    shared_buffers: mb(clamp(memoryBytes / 4, 128 * MB, 8192 * MB)),
    effective_cache_size: mb(clamp(memoryBytes / 2, 512 * MB, 32768 * MB)),
    work_mem: mb(clamp(memoryBytes / 512, 4 * MB, 32 * MB)),
    maintenance_work_mem: mb(clamp(memoryBytes / 16, 64 * MB, 1024 * MB)),
    random_page_cost: '1.1',
    effective_io_concurrency: '200',
    max_parallel_workers_per_gather: String(clamp(Math.floor(cpus / 2), 0, 4)),
  };
}

/**
 * EMBEDDED_POSTGRES_SETTINGS (`name=value,name=value`) over the machine's settings. Throws on a
 * malformed entry: a typo must stop the start, not be dropped silently.
 */
export function withOverrides(base: PostgresSettings, overrides: string | undefined): PostgresSettings {
  const out = { ...base };
  for (const part of (overrides ?? '').split(',').map((p) => p.trim()).filter(Boolean)) {
    const m = /^([a-z_][a-z0-9_.]*)\s*=\s*([A-Za-z0-9_.\-]+)$/.exec(part);
    if (!m) throw new Error(`EMBEDDED_POSTGRES_SETTINGS: "${part}" is not name=value`);
    out[m[1]!] = m[2]!;
  }
  return out;
}

/** The flags for the postgres server (`-c name=value` each). */
export function postgresFlags(settings: PostgresSettings): string[] {
  return Object.entries(settings).flatMap(([k, v]) => ['-c', `${k}=${v}`]);
}

/** This machine's settings with the environment's overrides. */
export function machinePostgresSettings(overrides: string | undefined): PostgresSettings {
  return withOverrides(embeddedPostgresSettings(os.totalmem(), os.availableParallelism()), overrides);
}
