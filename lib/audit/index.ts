import type { Db, Tx } from '@/lib/db';
import { auditLog } from '@/lib/db/schema';

// Append-only audit trail (a trigger refuses updates and deletes). Details never hold a full
// IC number, phone or email: callers pass masked values or ids.
export type AuditEntry = {
  actorType: 'complainant' | 'staff' | 'system';
  actorId?: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  detail?: Record<string, unknown>;
};

export async function audit(db: Db | Tx, entry: AuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}
