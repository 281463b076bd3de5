// Answers that must not tell by their timing (found or not, known email or not) wait until a
// minimum time has passed since the request began.

/**
 * Resolves once `ms` have passed since `started` (a Date.now() value), by Date.now(). It loops: a
 * timer may fire a millisecond early by the wall clock, and a CI run once saw a 600 ms answer in 599.
 */
export async function notBefore(started: number, ms: number): Promise<void> {
  for (let left = ms - (Date.now() - started); left > 0; left = ms - (Date.now() - started)) {
    await new Promise((r) => setTimeout(r, left));
  }
}
