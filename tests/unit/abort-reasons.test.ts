import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { releaseAbortReasonFrames } from '@/lib/runtime/abort-reasons';

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Aborts a controller with an Error made in a frame whose receiver is a large object nothing else
 * holds, as React does (there the receiver is the Immediate that leads to other requests).
 * A plain function: in the async caller the object would live in its frame across the await.
 */
function abortWithReceiver(controller: AbortController): WeakRef<object> {
  const request = { response: new Array(10_000).fill('body') };
  const makeReason = function (this: object) {
    return new Error('This render completed successfully.');
  };
  controller.abort(makeReason.call(request));
  return new WeakRef(request);
}

/** Whether that object survives a full GC while the reason is still held. */
async function receiverSurvives(): Promise<boolean> {
  const controller = new AbortController();
  const ref = abortWithReceiver(controller);
  await new Promise((r) => setTimeout(r, 0)); // a WeakRef's target is kept until the current job ends
  gc();
  expect(controller.signal.reason).toBeInstanceOf(Error);
  return ref.deref() !== undefined;
}

describe('abort reasons', () => {
  it('hold what their stack frames referenced while the stack is unread (the leak the guard exists for)', async () => {
    expect(await receiverSurvives()).toBe(true);
  });

  it('release it once guarded, with the reason and its stack text unchanged', async () => {
    releaseAbortReasonFrames();
    releaseAbortReasonFrames(); // idempotent
    expect(await receiverSurvives()).toBe(false);
    const c = new AbortController();
    const reason = new Error('why');
    c.abort(reason);
    expect(c.signal.reason).toBe(reason);
    expect(reason.stack).toMatch(/^Error: why\n\s+at /);
  });
});
