import 'server-only';
import { headers } from 'next/headers';
import { clientIp } from './request';

/** The caller's address inside a server action or a server component (for the audit log). */
export async function currentIp(): Promise<string> {
  return clientIp(new Request('http://localhost/', { headers: await headers() }));
}
