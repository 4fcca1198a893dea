import type { EntityManager } from '@mikro-orm/postgresql';
import { pgTextArray } from '../pg-array.ts';

/** A connector connection as shown: never its secrets, only their names. */
export type ConnectionRow = {
  id: string;
  name: string;
  connector_id: string;
  config: Record<string, unknown>;
  secret_names: string[] | null;
  key_id: string;
  created_at: Date;
  updated_at: Date;
};
/** With the AES-256-GCM ciphertext of its secrets: only the worker decrypts it (and the API, to merge an edit). */
export type ConnectionSecretRow = ConnectionRow & { secrets_enc: string };
export interface ConnectionWrite {
  name: string;
  config: Record<string, unknown>;
  ciphertext: string;
  keyId: string;
  secretNames: string[];
}

const COLUMNS = 'id, name, connector_id, config, secret_names, key_id, created_at, updated_at';

/** A unique violation on the connection's name, which the caller reports as a 409. */
export function isConnectionNameTaken(err: unknown): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' && e.constraint === 'connections_name_key';
}

export function createConnectionStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async list(): Promise<ConnectionRow[]> {
      return conn().execute<ConnectionRow[]>(`select ${COLUMNS} from connections order by name`);
    },
    async get(id: string): Promise<ConnectionSecretRow | undefined> {
      const [r] = await conn().execute<ConnectionSecretRow[]>(
        `select ${COLUMNS}, secrets_enc from connections where id = ?`,
        [id],
      );
      return r;
    },
    /** Flows name a connection by id or by name. */
    async findByIdOrName(idOrName: string): Promise<ConnectionSecretRow | undefined> {
      const [r] = await conn().execute<ConnectionSecretRow[]>(
        `select ${COLUMNS}, secrets_enc from connections where id::text = ? or name = ? limit 1`,
        [idOrName, idOrName],
      );
      return r;
    },
    async insert(id: string, connectorId: string, c: ConnectionWrite): Promise<void> {
      await conn().execute(
        'insert into connections (id, name, connector_id, config, secrets_enc, key_id, secret_names) values (?, ?, ?, ?::jsonb, ?, ?, ?::text[])',
        [id, c.name, connectorId, JSON.stringify(c.config), c.ciphertext, c.keyId, pgTextArray(c.secretNames)],
      );
    },
    async update(id: string, c: ConnectionWrite): Promise<void> {
      await conn().execute(
        'update connections set name = ?, config = ?::jsonb, secrets_enc = ?, key_id = ?, secret_names = ?::text[], updated_at = now() where id = ?',
        [c.name, JSON.stringify(c.config), c.ciphertext, c.keyId, pgTextArray(c.secretNames), id],
      );
    },
    async remove(id: string): Promise<void> {
      await conn().execute('delete from connections where id = ?', [id]);
    },
    async allSecrets(): Promise<Array<{ id: string; secrets_enc: string }>> {
      return conn().execute('select id, secrets_enc from connections');
    },
    /** Re-encrypted secrets replace the old ones only if nobody changed them meanwhile; false if somebody did. */
    async replaceSecrets(id: string, previous: string, next: { ciphertext: string; keyId: string }): Promise<boolean> {
      const res = await conn().execute<Array<{ id: string }>>(
        'update connections set secrets_enc = ?, key_id = ?, updated_at = now() where id = ? and secrets_enc = ? returning id',
        [next.ciphertext, next.keyId, id, previous],
      );
      return res.length > 0;
    },
  };
}
export type ConnectionStore = ReturnType<typeof createConnectionStore>;
