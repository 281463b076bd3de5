import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';

/**
 * One `scripts/start.ts --role=…` (or any TypeScript script) as a plain process, run as
 * `npm run start:web` does (`node --import tsx`: one process, so signals reach the script itself), its output in `logFile`,
 * in its own process group so `kill()` ends it and its Next.js child together.
 */
export type RoleProcess = {
  child: ChildProcess;
  logFile: string;
  exit: Promise<number | null>;
  log(): string;
  /** The signal to the launcher alone (what an orchestrator sends); resolves with its exit code. */
  signal(sig: NodeJS.Signals): Promise<number | null>;
  /** SIGKILL to the whole group (cleanup). */
  kill(): void;
};

export function startTsx(args: string[], env: Record<string, string>, logFile: string): RoleProcess {
  const out = fs.openSync(logFile, 'a');
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', ...args], { env: env as NodeJS.ProcessEnv, stdio: ['ignore', out, out], detached: true });
  fs.closeSync(out);
  const exit = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(null));
  });
  return {
    child,
    logFile,
    exit,
    log: () => fs.readFileSync(logFile, 'utf8'),
    signal(sig) {
      try {
        child.kill(sig);
      } catch {
        /* gone */
      }
      return exit;
    },
    kill() {
      try {
        process.kill(-child.pid!, 'SIGKILL');
      } catch {
        /* gone */
      }
    },
  };
}

/** Polls `check` every 250 ms until it is true; fails after `ms` with `what`. Polling, not a fixed wait. */
export async function until(what: string, ms: number, check: () => Promise<boolean> | boolean): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}
