import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { makeFilePrivate, PRIVATE_DIR_MODE } from './private-files';

export type LocalSecrets = { AUTH_SECRET: string; PII_KEY: string; POSTGRES_PASSWORD: string };

/**
 * Secrets for the embedded default: generated once into DATA_DIR/secrets.json (mode 600) and
 * kept, so encrypted IC numbers stay readable and sessions survive restarts.
 */
export function loadOrCreateLocalSecrets(dataDir: string): LocalSecrets {
  const file = path.join(dataDir, 'secrets.json');
  if (fs.existsSync(file)) {
    makeFilePrivate(file); // a copy restored or made before this rule may be world-readable
    return JSON.parse(fs.readFileSync(file, 'utf8')) as LocalSecrets;
  }
  const secrets: LocalSecrets = {
    AUTH_SECRET: randomBytes(32).toString('base64url'),
    PII_KEY: randomBytes(32).toString('hex'),
    POSTGRES_PASSWORD: randomBytes(18).toString('base64url'),
  };
  fs.mkdirSync(dataDir, { recursive: true, mode: PRIVATE_DIR_MODE });
  fs.writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
