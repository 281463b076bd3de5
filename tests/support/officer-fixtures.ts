import { newIc } from './outbox';
import { randomInt, randomUUID } from 'node:crypto';
import { eq, inArray } from 'drizzle-orm';
import { submitComplaint } from '@/lib/complaints/submit';
import { getDb } from '@/lib/db';
import { complaints } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { createStaffUser } from '@/lib/staff/users';
import { solvedAltcha } from './captcha';
import { fakeWhatsAppClient } from './fake-whatsapp';
import { validFields } from './fixtures';

// Complaints and officers for the console-side integration tests, and the outbox helpers.

export const fakeWhatsApp = () => fakeWhatsAppClient(getEnv().WHATSAPP_API_URL);

const uniq = () => randomUUID().slice(0, 8);

let ipSeq = 0;
const ip = () => {
  ipSeq += 1;
  return `10.${70 + randomInt(0, 20)}.${Math.floor(ipSeq / 250)}.${(ipSeq % 250) + 1}`;
};


export type Filed = { number: string; id: string; email: string; phone: string; ic: string };

/** Files a complaint through the public service, with its own email and the given phone (and IC: the same person again). */
export async function fileComplaint(opts: { consent?: boolean; phone?: string; ic?: string } = {}): Promise<Filed> {
  const ic = opts.ic ?? newIc();
  const email = `pengadu-${uniq()}@example.gov.my`;
  const fields: Record<string, unknown> = {
    ...validFields(),
    ic: `${ic.slice(0, 6)}-${ic.slice(6, 8)}-${ic.slice(8)}`,
    email,
    phone: opts.phone ?? '013-987 6543',
  };
  if (opts.consent === false) delete fields.whatsappConsent;
  const r = await submitComplaint(getDb(), { fields, files: [], captchaToken: await solvedAltcha(), ip: ip() });
  if (!r.ok) throw new Error(`could not file a complaint: ${JSON.stringify(r)}`);
  const [row] = await getDb()
    .select({ id: complaints.id, phone: complaints.phone, consent: complaints.whatsappConsent })
    .from(complaints)
    .where(eq(complaints.number, r.number));
  if (row.consent !== (opts.consent ?? true)) throw new Error('whatsapp consent was not stored as asked');
  return { number: r.number, id: row.id, email, phone: row.phone, ic };
}

export async function newOfficer(role: 'pegawai' | 'penyelia' = 'pegawai') {
  const id = uniq();
  return createStaffUser(getDb(), {
    name: `Pegawai Ujian ${id}`,
    email: `pegawai-${id}@pkn.test`,
    role,
    password: 'kata-laluan-ujian-123',
  });
}


export const statusesOf = async (ids: string[]) =>
  new Map(
    (await getDb().select({ id: complaints.id, status: complaints.status }).from(complaints).where(inArray(complaints.id, ids))).map(
      (r) => [r.id, r.status] as const,
    ),
  );
