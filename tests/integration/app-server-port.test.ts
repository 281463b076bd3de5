import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { startAppServer } from '../support/app-server';
import { assertPortFree, freePortSync } from '../support/free-port';
import { closeServer } from '../support/http';

// The browser-test harness must never run its suite against whatever app already answers on its
// port. Starting the real app takes minutes, so spawning it at all counts as a failure here.
const spawned = vi.hoisted(() => ({ count: 0 }));
vi.mock('node:child_process', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:child_process')>();
  return {
    ...actual,
    spawn: () => {
      spawned.count += 1;
      throw new Error('the app was spawned');
    },
  };
});

/** Another app on the port, healthy as far as /api/health can tell. */
async function impostor(): Promise<{ port: number; server: http.Server }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { port: (server.address() as AddressInfo).port, server };
}

let server: http.Server | undefined;
afterEach(async () => {
  if (server) await closeServer(server);
  server = undefined;
  spawned.count = 0;
});

describe('the browser-test app server', () => {
  it('refuses a port another app answers on, naming the port, and starts nothing', async () => {
    const taken = await impostor();
    server = taken.server;
    await expect(startAppServer({ port: taken.port })).rejects.toThrow(new RegExp(`port ${taken.port} is already in use`));
    expect(spawned.count).toBe(0);
  });

  it('tells a free port from a taken one', async () => {
    const port = freePortSync();
    await expect(assertPortFree(port)).resolves.toBeUndefined();
    const taken = await impostor();
    server = taken.server;
    await expect(assertPortFree(taken.port)).rejects.toThrow(/E2E_PORT/);
  });
});
