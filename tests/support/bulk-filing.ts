import { createHmac, randomUUID } from 'node:crypto';
import { createChallenge, solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';

// Many filings through the public form, for the load tests (scale-out, faults, soak): one way to
// make a cheap CAPTCHA solution and one complaint's fields.

/**
 * A solved ALTCHA the app accepts (signed with its AUTH_SECRET), made cheap: the lowest cost and
 * the deterministic counter, so thousands of them do not load the machine being measured.
 */
export async function cheapAltcha(authSecret: string): Promise<string> {
  const challenge = await createChallenge({
    algorithm: 'PBKDF2/SHA-256',
    cost: 1,
    counter: 1,
    deriveKey,
    hmacSignatureSecret: createHmac('sha256', authSecret).update('altcha-challenge').digest('hex'),
    expiresAt: new Date(Date.now() + 600_000),
  });
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('could not solve the challenge');
  const { codeChallenge: _unused, ...rest } = challenge as typeof challenge & { codeChallenge?: unknown };
  return btoa(JSON.stringify({ challenge: rest, solution }));
}

/** The public form's fields for complaint `i`: its own IC number, the email given, a solved CAPTCHA. */
export async function filingFields(i: number, email: string, authSecret: string): Promise<Record<string, string>> {
  return {
    submissionKey: randomUUID(),
    name: 'Nik Aisyah Binti Nik Hassan',
    ic: `850612-03-${String(i % 10_000).padStart(4, '0')}`,
    ptj: 'Perbendaharaan Negeri Kelantan',
    phone: '019-876 5432',
    email,
    category: 'kod-barang-akaun',
    title: `Kod akaun tiada ${i}`,
    description: 'Kod akaun B0229120 tidak dijumpai semasa membuat pesanan tempatan dalam iSPEKS.',
    declaration: 'on',
    altcha: await cheapAltcha(authSecret),
  };
}
