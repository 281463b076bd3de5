import { describe, expect, it } from 'vitest';
import { SearchTurnTimeout, turns } from '@/lib/console/queue/search-turns';
import { isDatabaseUnavailable } from '@/lib/db/unavailable';

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

  it('gives up waiting after the deadline, as a slow statement does (a 503), and the line moves on', async () => {
    const t = turns(1, 50);
    const holder = deferred();
    const held = t.run(() => holder.promise);
    const late = t.run(async () => 'never');
    const next = deferred();
    await expect(late).rejects.toBeInstanceOf(SearchTurnTimeout);
    await late.catch((e) => expect(isDatabaseUnavailable(e)).toBe(true));
    expect(t.waiting).toBe(0); // the one that gave up left the line
    const after = t.run(async () => (await next.promise, 'ran'));
    holder.resolve();
    await held;
    next.resolve();
    expect(await after).toBe('ran');
    expect([t.running, t.waiting]).toEqual([0, 0]);
  });

  it('with keep, holds the slot after the search until the release (once), or the deadline', async () => {
    const t = turns(1, 200);
    let release!: () => void;
    expect(await t.run(async () => 'rows', (r) => (release = r))).toBe('rows');
    expect(t.running).toBe(1); // the page is still being drawn and sent
    const next = t.run(async () => 'next');
    await tick();
    expect(t.waiting).toBe(1);
    release();
    release(); // a second call gives back nothing more
    expect(await next).toBe('next');
    expect([t.running, t.waiting]).toEqual([0, 0]);

    // A release that never comes (a response that never finished): the slot comes back by itself.
    await t.run(async () => 'rows', () => {});
    expect(t.running).toBe(1);
    expect(await t.run(async () => 'after the deadline')).toBe('after the deadline');
    expect([t.running, t.waiting]).toEqual([0, 0]);
  });

  it('with keep, a failed search gives its slot back at once and keeps nothing', async () => {
    const t = turns(1);
    let kept = false;
    await expect(t.run(() => Promise.reject(new Error('statement timeout')), () => (kept = true))).rejects.toThrow('statement timeout');
    expect(kept).toBe(false);
    expect(t.running).toBe(0);
  });
});
