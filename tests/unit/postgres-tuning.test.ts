import { describe, expect, it } from 'vitest';
import { embeddedPostgresSettings, postgresFlags, withOverrides } from '@/lib/runtime/postgres-tuning';

const GB = 1024 ** 3;

describe('the embedded PostgreSQL tuned for its machine', () => {
  it('gives a quarter of memory to shared buffers, half to the cache estimate, within bounds', () => {
    expect(embeddedPostgresSettings(24 * GB, 2)).toMatchObject({
      shared_buffers: '6144MB',
      effective_cache_size: '12288MB',
      work_mem: '32MB',
      maintenance_work_mem: '1024MB',
      random_page_cost: '1.1',
      max_parallel_workers_per_gather: '1',
    });
    // A small machine keeps PostgreSQL's own floor; a huge one is capped.
    expect(embeddedPostgresSettings(0.25 * GB, 1)).toMatchObject({ shared_buffers: '128MB', work_mem: '4MB', max_parallel_workers_per_gather: '0' });
    expect(embeddedPostgresSettings(256 * GB, 64).shared_buffers).toBe('8192MB');
  });

  it('takes EMBEDDED_POSTGRES_SETTINGS over them, and refuses a malformed entry', () => {
    const base = embeddedPostgresSettings(8 * GB, 2);
    expect(withOverrides(base, 'shared_buffers=1GB, work_mem=8MB,jit=off')).toMatchObject({ shared_buffers: '1GB', work_mem: '8MB', jit: 'off', random_page_cost: '1.1' });
    expect(withOverrides(base, '')).toEqual(base);
    expect(() => withOverrides(base, 'shared_buffers')).toThrow(/not name=value/);
    expect(() => withOverrides(base, 'work_mem=8MB; drop table x')).toThrow(/not name=value/);
  });

  it('passes each as -c name=value', () => {
    expect(postgresFlags({ shared_buffers: '1GB', jit: 'off' })).toEqual(['-c', 'shared_buffers=1GB', '-c', 'jit=off']);
  });
});
