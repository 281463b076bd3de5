import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@/lib/validation/complaint';

// Officers attach what complainants can: the server-action body limit (1 MB by default, which made
// an officer's 2 MB attachment a 500) and the proxy's body limit are the public form's ceiling.

const require = createRequire(import.meta.url);
const config = require('../../next.config.js') as { experimental: { serverActions?: { bodySizeLimit?: number }; proxyClientMaxBodySize?: number } };

describe('request body limits', () => {
  it('let a server action carry as many and as large files as the public form', () => {
    const files = LIMITS.attachmentsMax * LIMITS.attachmentBytesMax;
    const ceiling = files + 512 * 1024; // the public endpoint's: files plus text and multipart framing
    expect(config.experimental.serverActions?.bodySizeLimit).toBe(ceiling);
    expect(config.experimental.proxyClientMaxBodySize).toBe(ceiling);
  });
});
