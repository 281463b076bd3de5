import { describe, expect, it } from 'vitest';
import { turns } from '@/lib/console/queue/search-turns';

// Word searches take turns (lib/console/queue/search-turns.ts): at most `slots` at once, the rest
// in order of arrival, a failed one giving its slot back.

const deferred = () => {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
};
const tick = () => new Promise((r) => setImmediate(r));

describe('search turns', () => {
  it('runs at most `slots` at once and the others in order of arrival', async () => {
    const t = turns(2);
    const gates = [deferred(), deferred(), deferred(), deferred()];
    const started: number[] = [];
    const done = gates.map((g, i) => t.run(async () => (started.push(i), await g.promise, i)));
    await tick();
    expect(started).toEqual([0, 1]);
    expect([t.running, t.waiting]).toEqual([2, 2]);
    gates[1].resolve();
    await tick();
    expect(started).toEqual([0, 1, 2]); // the first waiting, not the last
    gates[0].resolve();
    gates[2].resolve();
    gates[3].resolve();
    expect(await Promise.all(done)).toEqual([0, 1, 2, 3]);
    expect([t.running, t.waiting]).toEqual([0, 0]);
  });

  it('gives the slot back when a search fails', async () => {
    const t = turns(1);
    const failing = deferred();
    const first = t.run(() => failing.promise);
    const second = t.run(async () => 'ran');
    failing.reject(new Error('statement timeout'));
    await expect(first).rejects.toThrow('statement timeout');
    expect(await second).toBe('ran');
    expect([t.running, t.waiting]).toEqual([0, 0]);
  });
});
