// A finished React server render aborts its cache signal with a new Error ("This render completed
// successfully…"), made inside the setImmediate callback that flushed the render. V8 keeps an
// error's stack as structured frames, receivers included, until its `.stack` is first read, so that
// reason holds the Immediate; Node leaves a run Immediate linked to the others of its batch, each
// carrying another request's async context. Every finished request so held the ones before it: the
// soak's server kept every response it had ever sent (959 ServerResponse objects after 1,000
// requests, 2,402 after 2,700) and grew by gigabytes. Upstream: react/react#37289 (open),
// vercel/next.js#84648.

const installed = Symbol.for('helpdesk.abortReasonStacks');

/**
 * Formats the stack of an Error given as an abort reason when it is given: V8 then keeps the text
 * and drops the frames, and with them whatever they referenced. Installed once per process, before
 * the first render (instrumentation.ts). The reason and its stack text are unchanged.
 */
export function releaseAbortReasonFrames(): void {
  const proto = AbortController.prototype as AbortController & { [installed]?: true };
  if (proto[installed]) return;
  const abort = proto.abort;
  proto.abort = function (this: AbortController, reason?: unknown) {
    if (reason instanceof Error) void reason.stack;
    return abort.call(this, reason);
  };
  proto[installed] = true;
}
