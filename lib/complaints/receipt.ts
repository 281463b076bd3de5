import { eq } from 'drizzle-orm';
import type { Db } from '@/lib/db';
import { complaints, ptj } from '@/lib/db/schema';
import { complainantColumns, complainantView } from './complainant-view';

/**
 * Where the copy of a complaint is emailed, masked, for the receipt ("dihantar ke no***@…"). Read
 * back from the stored complaint through the one complainant mapper, so a retried submission
 * shows the address of the complaint it answers with, and the browser never masks by hand.
 */
export async function receiptEmailMasked(db: Db, number: string): Promise<string> {
  const [row] = await db
    .select(complainantColumns)
    .from(complaints)
    .leftJoin(ptj, eq(complaints.ptjId, ptj.id))
    .where(eq(complaints.number, number));
  return row ? complainantView(row, { reveal: false }).email : '';
}
