import { afterEach, describe, expect, it, vi } from 'vitest';
import { notBefore } from '@/lib/http/equal-time';

describe('notBefore (equal-time answers)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('waits until the time has passed by the wall clock, even when a timer fires a millisecond early', async () => {
    let now = 1_000_000;
    vi.spyOn(Date, 'now').mockImplementation(() => now);
    // A timer that fires one millisecond before the wall clock says it is due, as Node's can.
    const waits: number[] = [];
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((fn: () => void, ms: number) => {
      waits.push(ms);
      now += Math.max(1, ms - 1);
      queueMicrotask(fn);
      return 0 as unknown as NodeJS.Timeout;
    }) as unknown as typeof setTimeout);
    const started = now;
    now += 150; // the request's own work
    await notBefore(started, 600);
    expect(now - started).toBeGreaterThanOrEqual(600);
    expect(waits).toEqual([450, 1]);
  });

  it('does not wait when the time has already passed', async () => {
    const spy = vi.spyOn(globalThis, 'setTimeout');
    await notBefore(Date.now() - 1000, 600);
    expect(spy).not.toHaveBeenCalled();
  });
});
