import { ApplicationFailure } from '@temporalio/activity';
import { testConnection } from '@ledgerflow/connector-sdk';
import { createConnectionStore } from '@ledgerflow/db';
import type { ActivityDeps } from './deps.ts';
import type { RotateSecretsResult, TestConnectionInput, TestConnectionResult } from './activity-types.ts';
import { toFailure } from './action.activity.ts';

/** Runs a connector's test probe. It runs in the worker because only the worker decrypts secrets. */
export function testConnectionActivity(deps: ActivityDeps) {
  return async function testConnectionProbe(input: TestConnectionInput): Promise<TestConnectionResult> {
    const c = await createConnectionStore(deps.orm.em.fork()).get(input.connectionId);
    if (!c)
      throw ApplicationFailure.nonRetryable(`connection ${input.connectionId} does not exist`, 'CONNECTION_UNKNOWN');
    const connector = deps.registry.get(c.connector_id);
    if (!connector) throw ApplicationFailure.nonRetryable(`unknown connector '${c.connector_id}'`, 'CONNECTOR_UNKNOWN');
    const started = Date.now();
    try {
      const r = await testConnection(
        connector,
        { id: c.id, config: c.config, secrets: deps.secrets.decrypt(c.secrets_enc) },
        { logger: deps.logger, http: { maxAttempts: 1 } },
      );
      return { ok: true, message: r.message ?? 'connection works', durationMs: Date.now() - started };
    } catch (err) {
      const f = toFailure(err, { connector: c.connector_id, action: 'testConnection' });
      return { ok: false, message: f.message, code: f.type ?? 'CONNECTION_FAILED', durationMs: Date.now() - started };
    }
  };
}

/** Re-encrypts every connection secret with the current key (after a new key was prepended). */
export function rotateSecretsActivity(deps: ActivityDeps) {
  return async function rotateSecrets(): Promise<RotateSecretsResult> {
    const store = createConnectionStore(deps.orm.em.fork());
    const rows = await store.allSecrets();
    let rotated = 0;
    for (const r of rows) {
      const next = deps.secrets.rotate(r.secrets_enc);
      if (!next) continue;
      await store.replaceSecrets(r.id, r.secrets_enc, next);
      rotated++;
    }
    return { rotated, total: rows.length, keyId: deps.secrets.currentKeyId };
  };
}
