import { solveChallenge } from 'altcha-lib';
import { deriveKey } from 'altcha-lib/algorithms/pbkdf2';
import { newAltchaChallenge } from '@/lib/captcha';

/** Solves a fresh ALTCHA challenge the way the browser widget does, and returns its payload. */
export async function solvedAltcha(): Promise<string> {
  const challenge = await newAltchaChallenge();
  const solution = await solveChallenge({ challenge, deriveKey });
  if (!solution) throw new Error('could not solve the challenge');
  const { codeChallenge: _unused, ...rest } = challenge as typeof challenge & { codeChallenge?: unknown };
  return btoa(JSON.stringify({ challenge: rest, solution }));
}
