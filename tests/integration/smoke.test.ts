import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { categories } from '@/lib/db/schema';

describe('test services', () => {
  it('has a migrated and seeded database', async () => {
    const rows = await getDb().select().from(categories);
    expect(rows.map((r) => r.slug)).toContain('kod-barang-akaun');
  });
});
