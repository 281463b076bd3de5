import { closeDb } from '@/lib/db';

type Stoppable = { stop(o: { graceful: boolean; wait: boolean; timeout: number }): Promise<void> };

/**
 * Inside the Next.js server under scripts/start.ts (NEXT_MANUAL_SIG_HANDLE): SIGTERM arrives once
 * the front listener has drained, so running jobs finish, the pools close, and the server exits 0.
 */
export function stopGracefullyOnSignal(boss: Stoppable | undefined): void {
  const stop = async () => {
    await boss?.stop({ graceful: true, wait: true, timeout: 25_000 }).catch(() => {});
    await closeDb().catch(() => {});
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop());
  process.once('SIGINT', () => void stop());
}
