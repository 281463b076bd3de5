import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { SIGN_IN_LOCK, verifyStaffCredentials, type SignInResult } from '@/lib/auth/sign-in';
import { getDb } from '@/lib/db';
import { createStaffUser } from '@/lib/staff/users';
import { ipSequence } from '../support/outbox';

// The sign-in cannot be used to tell which staff emails exist: an unknown email, an account held
// after repeated failures and a wrong password get the same answer and take the same time
// (lib/auth/sign-in.ts does the same work on each path: one argon2 verification, the same
// queries, one failure count, one audit row).
//
// Tolerance: the medians of 20 tries each must lie within 25 % of the smallest median, or within
// 15 ms of each other, whichever is looser. One try costs about one argon2id verification
// (19 MiB, 2 passes: tens of milliseconds here) plus five small queries; measured here about
// 100–120 ms for each kind. Skipping the verification for unknown emails (the leak this guards
// against) was measured at 52 ms against 127 ms for a wrong password: far outside 25 %. The 15 ms floor only matters if the machine is so fast that
// everything answers in a few dozen milliseconds, where scheduler noise on a loaded 2-core box
// (other test runs, Postgres in the same machine) is of that order. The three kinds are
// interleaved round by round, so a burst of load hits all three alike, and medians ignore the
// odd slow try.

const TRIES = 20;
const RELATIVE = 0.25;
const ABSOLUTE_MS = 15;

const ip = ipSequence('10.212.200');
const uniq = () => randomUUID().slice(0, 8);

async function timed(f: () => Promise<SignInResult>): Promise<{ ms: number; result: SignInResult }> {
  const t0 = performance.now();
  const result = await f();
  return { ms: performance.now() - t0, result };
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
};

describe('lockout answers and timing', () => {
  it('unknown email, held account and wrong password: the same answer, medians within the stated tolerance', async () => {
    const db = getDb();
    const password = 'kata-laluan-masa-sama-1';
    const known = await createStaffUser(db, { name: 'Pegawai Masa', email: `masa-${uniq()}@test.local`, role: 'pegawai', password });
    const heldUser = await createStaffUser(db, { name: 'Pegawai Ditahan', email: `ditahan-${uniq()}@test.local`, role: 'pegawai', password });
    // Hold the second account from one address (5 failures); its tries come from there.
    const heldFrom = ip();
    for (let i = 0; i < SIGN_IN_LOCK.maxFailures; i++) await verifyStaffCredentials(db, { email: heldUser.email, password: `salah-${i}`, ip: heldFrom });

    const kinds = {
      // A fresh address each, so the wrong-password account is never held by these tries.
      wrongPassword: () => verifyStaffCredentials(db, { email: known.email, password: 'bukan-kata-laluan-ini', ip: ip() }),
      unknownEmail: () => verifyStaffCredentials(db, { email: `tiada-${uniq()}@test.local`, password: 'bukan-kata-laluan-ini', ip: ip() }),
      // The right password even: held is held.
      heldAccount: () => verifyStaffCredentials(db, { email: heldUser.email, password, ip: heldFrom }),
    };
    // Warm-up (module loading, prepared statements, the argon2 thread pool), not measured.
    for (const f of Object.values(kinds)) await f();

    const times: Record<keyof typeof kinds, number[]> = { wrongPassword: [], unknownEmail: [], heldAccount: [] };
    const answers: SignInResult[] = [];
    for (let round = 0; round < TRIES; round++) {
      for (const [name, f] of Object.entries(kinds) as [keyof typeof kinds, () => Promise<SignInResult>][]) {
        const { ms, result } = await timed(f);
        times[name].push(ms);
        answers.push(result);
      }
    }

    // Identical answers: nothing tells the three apart.
    expect(new Set(answers.map((a) => JSON.stringify(a)))).toEqual(new Set([JSON.stringify({ ok: false, reason: 'invalid' })]));

    const medians = Object.fromEntries(Object.entries(times).map(([k, v]) => [k, Math.round(median(v) * 10) / 10]));
    console.info('sign-in failure medians (ms):', medians);
    const values = Object.values(medians);
    const lo = Math.min(...values);
    const hi = Math.max(...values);
    expect(hi - lo, `medians ${JSON.stringify(medians)}`).toBeLessThanOrEqual(Math.max(lo * RELATIVE, ABSOLUTE_MS));
  }, 120_000);
});
