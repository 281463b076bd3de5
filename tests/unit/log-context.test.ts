import { describe, expect, it } from 'vitest';
import { currentRequestId, logContextFields, withLogContext } from '@/lib/log-context';

// Every log line carries the id of the request or job it belongs to (pino's mixin in lib/log.ts).

describe('log context', () => {
  it('is empty outside a request or job', () => {
    expect(logContextFields()).toEqual({});
    expect(currentRequestId()).toBeUndefined();
  });

  it('carries the ids through awaits inside withLogContext', async () => {
    const seen = await withLogContext({ requestId: 'req-0123456789', jobId: '42' }, async () => {
      await new Promise((r) => setTimeout(r, 5));
      return logContextFields();
    });
    expect(seen).toEqual({ requestId: 'req-0123456789', jobId: '42' });
    expect(logContextFields()).toEqual({});
  });
});
