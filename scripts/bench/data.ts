// The bench's data: the bulk seed (lib/db/bulk-seed.ts, as `npm run seed:bulk` writes it), and
// what the bench needs to know about it (words to search, a known IC and complaint number, an
// officer to sign in as).
import path from 'node:path';
import { seedBulk } from '../../lib/db/bulk-seed';

export type BenchData = {
  seconds: number;
  /** a word in about a quarter of all complaints */
  commonWord: string;
  commonWordComplaints: number;
  /** a word in very few complaints */
  rareWord: string;
  rareWordComplaints: number;
  knownNumber: string;
  knownIc: string;
  /** an officer who may see the queue, the reports and personal data; null: the first admin */
  officer: { email: string; password: string } | null;
  events: number;
};

/** Fills the bench database with `complaints` complaints (replacing any there). */
export async function seedBenchData(dataDir: string, databaseUrl: string, piiKey: string, complaints: number, log: (m: string) => void): Promise<BenchData> {
  const fx = await seedBulk({ databaseUrl, complaints, force: true, piiKey, fixturesPath: path.join(dataDir, 'fixtures.json'), log });
  // The most senior officer the seed has: a supervisor sees the reports, personal data and assignment.
  const officer = fx.officers.find((o) => o.role === 'pentadbir') ?? fx.officers.find((o) => o.role === 'penyelia') ?? fx.officers[0];
  // The known complaint whose IC has one complaint only: the IC searches then find exactly it.
  const single = fx.knownIcs.find((k) => k.numbers.length === 1) ?? fx.knownIcs[0]!;
  return {
    seconds: fx.timings.total / 1000,
    commonWord: fx.commonWord,
    commonWordComplaints: fx.commonWordComplaints,
    rareWord: fx.rareWord,
    rareWordComplaints: fx.rareWordComplaints,
    knownNumber: single.numbers[0]!,
    knownIc: single.ic,
    officer: officer ? { email: officer.email, password: fx.password } : null,
    events: fx.events,
  };
}
