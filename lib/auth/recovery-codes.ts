import { createHmac, hkdfSync, randomInt } from 'node:crypto';
import { and, count, eq, isNull, sql } from 'drizzle-orm';
import { audit } from '@/lib/audit';
import type { Db, Tx } from '@/lib/db';
import { totpRecoveryCodes, users } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { parseKey } from '@/lib/identity/crypto';

// One-time recovery codes for an officer's authenticator: 10 codes shown once (at enrolment, or
// when the officer makes new ones), each accepted once at sign-in in place of a TOTP code. Only a
// keyed hash (HMAC-SHA256, a key derived from PII_KEY for this use only) is stored, so a copy of
// the database does not give the codes away (10 characters from 32: 50 bits each).

export const RECOVERY_CODE_COUNT = 10;
// Crockford's base32: no I, L, O or U, so nothing is misread from paper.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';

let macKey: { piiKey: string; key: Buffer } | undefined;
function key(): Buffer {
  const piiKey = getEnv().PII_KEY;
  if (macKey?.piiKey !== piiKey) {
    macKey = { piiKey, key: Buffer.from(hkdfSync('sha256', parseKey(piiKey), Buffer.alloc(0), 'helpdesk-ispeks/totp-recovery/v1', 32)) };
  }
  return macKey.key;
}

/** As typed (any case, spaces or a hyphen, O for 0, I or L for 1) to the 10 characters hashed; null if it cannot be one. */
export function normaliseRecoveryCode(code: string | null | undefined): string | null {
  const c = (code ?? '').toLowerCase().replace(/[\s-]+/g, '').replace(/o/g, '0').replace(/[il]/g, '1');
  return /^[0-9a-hjkmnp-tv-z]{10}$/.test(c) ? c : null;
}

const hashOf = (userId: string, normalised: string) => createHmac('sha256', key()).update(`${userId}:${normalised}`).digest('hex');

function newCode(): string {
  const chars = Array.from({ length: 10 }, () => ALPHABET[randomInt(ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

/** Replaces the officer's codes with 10 new ones (in the caller's transaction); returns them, the only time they exist in clear. */
export async function replaceRecoveryCodes(tx: Tx | Db, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newCode);
  await tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
  await tx.insert(totpRecoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashOf(userId, normaliseRecoveryCode(c)!) })));
  return codes;
}

/** Spends one code in a single UPDATE: true once per code, never again (two sign-ins at once cannot both use it). */
export async function spendRecoveryCode(db: Db, userId: string, code: string): Promise<boolean> {
  const normalised = normaliseRecoveryCode(code);
  if (!normalised) return false;
  const spent = await db
    .update(totpRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(and(eq(totpRecoveryCodes.userId, userId), eq(totpRecoveryCodes.codeHash, hashOf(userId, normalised)), isNull(totpRecoveryCodes.usedAt)))
    .returning({ id: totpRecoveryCodes.id });
  return spent.length === 1;
}

/** How many unused codes the officer has left (the account page says so). */
export async function unusedRecoveryCodes(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(totpRecoveryCodes)
    .where(and(eq(totpRecoveryCodes.userId, userId), isNull(totpRecoveryCodes.usedAt)));
  return row?.n ?? 0;
}

/** "Jana kod pemulihan baharu": only with an authenticator enrolled; the old codes stop working. Audited. */
export async function regenerateRecoveryCodes(
  db: Db,
  input: { userId: string; ip?: string | null },
): Promise<{ ok: true; codes: string[] } | { ok: false; reason: 'not_enrolled' }> {
  return db.transaction(async (tx) => {
    const [user] = await tx.select({ totpSecret: users.totpSecret }).from(users).where(eq(users.id, input.userId)).for('update');
    if (!user?.totpSecret) return { ok: false, reason: 'not_enrolled' } as const;
    const codes = await replaceRecoveryCodes(tx, input.userId);
    await audit(tx, { actorType: 'staff', actorId: input.userId, action: 'auth.recovery_codes_created', targetType: 'user', targetId: input.userId, ip: input.ip ?? null });
    return { ok: true, codes } as const;
  });
}
