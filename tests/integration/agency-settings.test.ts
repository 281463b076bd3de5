import { and, desc, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '@/lib/db';
import { auditLog } from '@/lib/db/schema';
import { getAgencySettings, saveAgencySettings } from '@/lib/settings/agency';

describe('agency settings', () => {
  it('saves, audits what changed, and refuses a bad prefix without writing', async () => {
    const db = getDb();
    const before = await getAgencySettings(db);
    const actor = { userId: '11111111-1111-1111-1111-111111111111', ip: '10.90.0.1' };
    try {
      await saveAgencySettings(db, actor, { ...before, phone: '09 711 2233', strictLookup: !before.strictLookup });
      const after = await getAgencySettings(db);
      expect(after.phone).toBe('09 711 2233');
      expect(after.strictLookup).toBe(!before.strictLookup);
      const [entry] = await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'settings.agency_updated'), eq(auditLog.actorId, actor.userId)))
        .orderBy(desc(auditLog.id))
        .limit(1);
      expect(entry.detail).toEqual({ changed: ['phone', 'strictLookup'] });
      await expect(saveAgencySettings(db, actor, { ...after, complaintPrefix: 'pkn1' })).rejects.toThrow();
      expect((await getAgencySettings(db)).complaintPrefix).toBe(before.complaintPrefix);
    } finally {
      await saveAgencySettings(db, actor, before);
    }
  });
});
