import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { SecretBox, type Env } from '@ledgerflow/db';

/** Keys from LEDGERFLOW_SECRET_KEYS, else a key file (created with mode 0600 on first start). */
export function loadSecretBox(env: Env, dataDir: string): SecretBox {
  if (env.LEDGERFLOW_SECRET_KEYS) return SecretBox.parse(env.LEDGERFLOW_SECRET_KEYS);
  const file = env.LEDGERFLOW_SECRET_KEY_FILE ?? path.join(dataDir, 'secret.key');
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, `k1:${randomBytes(32).toString('base64')}\n`, { mode: 0o600 });
  }
  return SecretBox.parse(readFileSync(file, 'utf8').trim());
}
