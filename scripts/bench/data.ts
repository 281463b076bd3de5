// The bench's data: the bulk seed, and what the bench needs to know about it (words to search,
// a known IC and complaint number, an officer to sign in as).
import type { Db } from '../../lib/db';
import { seedQueueFixture } from '../../tests/support/queue-fixture';

export type BenchData = {
  seconds: number;
  /** a word in about a quarter of all complaints */
  commonWord: string;
  /** a word in very few complaints */
  rareWord: string;
  knownNumber: string;
  knownIc: string;
  /** an officer who may see the queue, the reports and personal data; null: the first admin */
  officer: { email: string; password: string } | null;
};

/** Fills the bench database with `complaints` complaints. */
export async function seedBenchData(db: Db, _databaseUrl: string, complaints: number): Promise<BenchData> {
  // Stand-in until the bulk seed (npm run seed:bulk) lands: the queue fixture's generate_series seed.
  const fx = await seedQueueFixture(db, complaints);
  return {
    seconds: fx.seconds,
    commonWord: 'bayaran',
    rareWord: 'zakat',
    knownNumber: fx.known[0]!.number,
    knownIc: fx.known[0]!.ic,
    officer: null,
  };
}
