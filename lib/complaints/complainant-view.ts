import { complaints, ptj } from '@/lib/db/schema';
import { getEnv } from '@/lib/env';
import { decryptPii } from '@/lib/identity/crypto';
import { piiKeys } from '@/lib/identity/keys';
import { maskEmail, maskIcLast4, maskPhone } from '@/lib/identity/mask';
import { formatMyKad } from '@/lib/identity/mykad';
import { formatMalaysianMobile } from '@/lib/identity/phone';

// The complainant's details, built in one place for the public page, the console and every email.
// Masked (PDPA) unless the reader may see personal data in full; then the IC is decrypted here and
// only here. Callers select `complainantColumns` (with `ptj` left-joined) and pass the row in.

export const complainantColumns = {
  name: complaints.name,
  icEncrypted: complaints.icEncrypted,
  icLast4: complaints.icLast4,
  phone: complaints.phone,
  email: complaints.email,
  whatsappConsent: complaints.whatsappConsent,
  ptjName: ptj.name,
  ptjOther: complaints.ptjOther,
};

export type ComplainantRow = {
  name: string;
  icEncrypted: string;
  icLast4: string;
  phone: string;
  email: string;
  whatsappConsent: boolean;
  ptjName: string | null;
  ptjOther: string | null;
};

export type ComplainantView = {
  name: string;
  /** `******-**-5123` when masked, `880101-03-5123` in full. */
  ic: string;
  /** `012-***-**67` when masked, `012-345 6789` in full. */
  phone: string;
  /** `no***@gmail.com` when masked. */
  email: string;
  ptj: string;
  whatsappConsent: boolean;
  masked: boolean;
};

/** `reveal` only for staff holding `complaint.pii.view` (and the caller audits the view). */
export function complainantView(row: ComplainantRow, { reveal }: { reveal: boolean }): ComplainantView {
  const common = { name: row.name, ptj: row.ptjName ?? row.ptjOther ?? '', whatsappConsent: row.whatsappConsent };
  // Anonymised by the retention job (lib/privacy/retention.ts): nothing left to mask or decrypt.
  if (row.icEncrypted === '') return { ...common, ic: '', phone: '', email: '', masked: !reveal };
  if (!reveal) {
    return { ...common, ic: maskIcLast4(row.icLast4), phone: maskPhone(row.phone), email: maskEmail(row.email), masked: true };
  }
  const ic = decryptPii(row.icEncrypted, piiKeys(getEnv().PII_KEY).enc);
  return { ...common, ic: formatMyKad(ic), phone: formatMalaysianMobile(row.phone), email: row.email, masked: false };
}

