import { randomUUID } from 'node:crypto';
import { Value } from '@sinclair/typebox/value';
import { ConflictError, NotFoundError, ValidationError, type Problem } from '@ledgerflow/flow-model';
import {
  createConnectionStore,
  isConnectionNameTaken,
  type ConnectionRow,
  type ConnectionSecretRow,
} from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';

export type ConnectionView = ReturnType<typeof view>;
const view = (r: ConnectionRow) => ({
  id: r.id,
  name: r.name,
  connectorId: r.connector_id,
  config: r.config,
  secretNames: r.secret_names ?? [],
  keyId: r.key_id,
  createdAt: new Date(r.created_at).toISOString(),
  updatedAt: new Date(r.updated_at).toISOString(),
});

/** The 409 for a unique violation on the connection's name; any other error as it was. */
function nameTaken(err: unknown, name: string): unknown {
  return isConnectionNameTaken(err)
    ? new ConflictError('CONNECTION_NAME_TAKEN', `A connection named '${name}' exists already`, { path: '/name', name })
    : err;
}

/** Connections as the API handles them: secrets are encrypted here and never shown, only their names. */
export class ConnectionService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }
  #store() {
    return createConnectionStore(this.#deps.orm.em.fork());
  }
  #check(connectorId: string, config: unknown, secrets: unknown): void {
    const connector = this.#deps.registry.get(connectorId);
    if (!connector)
      throw new ValidationError(`Unknown connector '${connectorId}'`, [
        {
          path: '/connectorId',
          code: 'UNKNOWN_CONNECTOR',
          message: `known: ${this.#deps.registry
            .list()
            .map((c) => c.id)
            .join(', ')}`,
        },
      ]);
    if (!connector.connection) return;
    const problems: Problem[] = [
      ...[...Value.Errors(connector.connection.config, config)].map((e) => ({
        path: `/config${e.path}`,
        code: 'SCHEMA',
        message: e.message,
      })),
      ...[...Value.Errors(connector.connection.secrets, secrets)].map((e) => ({
        path: `/secrets${e.path}`,
        code: 'SCHEMA',
        message: e.message,
      })),
    ];
    if (problems.length)
      throw new ValidationError(`The ${connectorId} connection is not valid`, problems, 'CONNECTION_INVALID');
  }
  async #row(id: string): Promise<ConnectionSecretRow> {
    const r = await this.#store().get(id);
    if (!r) throw new NotFoundError('connection', id);
    return r;
  }
  /** The connections, narrowed to those whose name or connector has the text `q` (any case). */
  async list(q?: string) {
    const text = q?.trim().toLowerCase();
    const all = (await this.#store().list()).map(view);
    return text ? all.filter((c) => `${c.name}\n${c.connectorId}`.toLowerCase().includes(text)) : all;
  }
  async get(id: string) {
    return view(await this.#row(id));
  }
  async create(body: {
    name: string;
    connectorId: string;
    config: Record<string, unknown>;
    secrets: Record<string, unknown>;
  }) {
    this.#check(body.connectorId, body.config, body.secrets);
    const enc = this.#deps.secrets.encrypt(body.secrets);
    const id = randomUUID();
    try {
      await this.#store().insert(id, body.connectorId, {
        name: body.name,
        config: body.config,
        ciphertext: enc.ciphertext,
        keyId: enc.keyId,
        secretNames: Object.keys(body.secrets),
      });
    } catch (err) {
      throw nameTaken(err, body.name);
    }
    return this.get(id);
  }
  async update(
    id: string,
    patch: { name?: string; config?: Record<string, unknown>; secrets?: Record<string, unknown> },
  ) {
    const current = await this.#row(id);
    // Secrets are write-only: omitted ones keep their stored value, so the client never needs to read them.
    const secrets = {
      ...this.#deps.secrets.decrypt<Record<string, unknown>>(current.secrets_enc),
      ...(patch.secrets ?? {}),
    };
    const config = patch.config ?? current.config;
    this.#check(current.connector_id, config, secrets);
    const enc = this.#deps.secrets.encrypt(secrets);
    const name = patch.name ?? current.name;
    try {
      await this.#store().update(id, {
        name,
        config,
        ciphertext: enc.ciphertext,
        keyId: enc.keyId,
        secretNames: Object.keys(secrets),
      });
    } catch (err) {
      throw nameTaken(err, name);
    }
    return this.get(id);
  }
  async remove(id: string) {
    await this.#row(id);
    await this.#store().remove(id);
    return { ok: true as const };
  }
}
