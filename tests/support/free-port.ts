import { execFileSync } from 'node:child_process';
import net from 'node:net';

// Ports for the app the browser tests and benchmarks start. Both listen the way the app's front
// listener does (no host: every interface), so "free" here means free for the app.

/**
 * Refuses a port something already listens on. Without this check the harness would wait for
 * /api/health on that port, get an answer from whatever app is there, and test that app instead.
 */
export async function assertPortFree(port: number): Promise<void> {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`not a TCP port: ${port}`);
  const probe = net.createServer();
  await new Promise<void>((resolve, reject) => {
    probe.once('error', (e: NodeJS.ErrnoException) =>
      reject(
        e.code === 'EADDRINUSE'
          ? new Error(
              `port ${port} is already in use, so the app cannot be started there (whatever answers on it is not the app under test). ` +
                'Stop that process, set E2E_PORT to a free port, or leave E2E_PORT unset to pick a free one.',
            )
          : new Error(`cannot listen on port ${port}: ${e.message}`),
      ),
    );
    probe.listen(port, () => probe.close(() => resolve()));
  });
}

/**
 * A port free right now, chosen by the OS. Synchronous (a short child process), for
 * playwright.config.ts, which must know the port when it is loaded, before any async setup runs.
 */
export function freePortSync(): number {
  const script = "const s=require('net').createServer();s.listen(0,()=>{process.stdout.write(String(s.address().port));s.close()})";
  const port = Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 10_000 }));
  if (!Number.isInteger(port) || port <= 0) throw new Error('could not find a free port');
  return port;
}
