import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { FlowDefinition } from '@ledgerflow/flow-model';

/** flows and flow_versions are one store: publishing writes both in one transaction. */
export type FlowRow = {
  id: string;
  name: string;
  description: string | null;
  draft: unknown;
  active_version: number | null;
  latest_version: number | null;
  updated_at: Date;
};
/** Immutable once written (a trigger forbids updates). */
export type FlowVersionRow = {
  version: number;
  comment: string;
  hash: string;
  definition: FlowDefinition;
  published_at: Date;
  published_by: string;
};
/** The version list also names who published, for the version panel. */
export type FlowVersionSummaryRow = Omit<FlowVersionRow, 'definition'> & {
  published_by_username: string;
  published_by_display_name: string;
};
export type FlowVersionDetailRow = FlowVersionRow & Omit<FlowVersionSummaryRow, keyof FlowVersionRow>;
/** What publishing did: the new version, or the existing version whose hash the definition already has. */
export type PublishResult =
  { version: number; unchangedFrom?: undefined } | { version?: undefined; unchangedFrom: number };
export type RunnableVersionRow = { flow_id: string; version: number; definition: FlowDefinition };

export function createFlowStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    async list(): Promise<Array<Omit<FlowRow, 'draft'>>> {
      return conn().execute(
        'select id, name, description, active_version, latest_version, updated_at from flows order by name',
      );
    },
    async get(id: string): Promise<FlowRow | undefined> {
      const [row] = await conn().execute<FlowRow[]>(
        'select id, name, description, draft, active_version, latest_version, updated_at from flows where id = ?',
        [id],
      );
      return row;
    },
    async versions(flowId: string): Promise<FlowVersionSummaryRow[]> {
      return conn().execute(
        `select v.version, v.comment, v.hash, v.published_at, v.published_by,
                u.username as published_by_username, u.display_name as published_by_display_name
           from flow_versions v join users u on u.id = v.published_by
          where v.flow_id = ? order by v.version desc`,
        [flowId],
      );
    },
    async insert(f: {
      id: string;
      name: string;
      description: string | null;
      draft: unknown;
      createdBy: string;
    }): Promise<void> {
      await conn().execute(
        'insert into flows (id, name, description, draft, created_by) values (?, ?, ?, ?::jsonb, ?)',
        [f.id, f.name, f.description, JSON.stringify(f.draft), f.createdBy],
      );
    },
    /** Saves the draft (and its name when given); the time it was saved, or undefined for an unknown flow. */
    async saveDraft(id: string, draft: unknown, name: string | null): Promise<Date | undefined> {
      const [row] = await conn().execute<Array<{ updated_at: Date }>>(
        'update flows set draft = ?::jsonb, name = coalesce(?, name), updated_at = now() where id = ? returning updated_at',
        [JSON.stringify(draft), name, id],
      );
      return row?.updated_at;
    },
    /**
     * Writes the next version and makes it active, in one transaction that locks the flow row, so two
     * publications never take the same number, nor the same hash: a definition equal to an existing version
     * writes nothing and answers that version. `asDraft`: the published definition also becomes the draft.
     */
    async publish(
      id: string,
      v: { definition: FlowDefinition; hash: string; comment: string; publishedBy: string; asDraft: boolean },
    ): Promise<PublishResult> {
      return em.fork().transactional(async (tx) => {
        const c = tx.getConnection();
        const ctx = tx.getTransactionContext();
        const [locked] = await c.execute<Array<{ latest_version: number | null }>>(
          'select latest_version from flows where id = ? for update',
          [id],
          'all',
          ctx,
        );
        const [same] = await c.execute<Array<{ version: number }>>(
          'select version from flow_versions where flow_id = ? and hash = ? order by version desc limit 1',
          [id, v.hash],
          'all',
          ctx,
        );
        if (same) return { unchangedFrom: same.version };
        const version = (locked?.latest_version ?? 0) + 1;
        await c.execute(
          'insert into flow_versions (id, flow_id, version, definition, hash, comment, published_by) values (?, ?, ?, ?::jsonb, ?, ?, ?)',
          [randomUUID(), id, version, JSON.stringify(v.definition), v.hash, v.comment, v.publishedBy],
          'run',
          ctx,
        );
        await c.execute(
          'update flows set latest_version = ?, active_version = ?, updated_at = now() where id = ?',
          [version, version, id],
          'run',
          ctx,
        );
        if (v.asDraft)
          await c.execute(
            'update flows set draft = ?::jsonb where id = ?',
            [JSON.stringify(v.definition), id],
            'run',
            ctx,
          );
        return { version };
      });
    },
    async version(flowId: string, version: number): Promise<FlowVersionDetailRow | undefined> {
      const [v] = await conn().execute<FlowVersionDetailRow[]>(
        `select v.version, v.comment, v.hash, v.definition, v.published_at, v.published_by,
                u.username as published_by_username, u.display_name as published_by_display_name
           from flow_versions v join users u on u.id = v.published_by
          where v.flow_id = ? and v.version = ?`,
        [flowId, version],
      );
      return v;
    },
    async activate(flowId: string, version: number): Promise<void> {
      await conn().execute('update flows set active_version = ?, updated_at = now() where id = ?', [version, flowId]);
    },
    /**
     * The given version of a flow, else its active one. Ids are compared as text: a sub-flow node may name a
     * flow by a string that is no uuid, which finds nothing instead of failing the cast.
     */
    async runnable(flowId: string, version?: number): Promise<RunnableVersionRow | undefined> {
      const [row] = await conn().execute<RunnableVersionRow[]>(
        version
          ? 'select flow_id, version, definition from flow_versions where flow_id::text = ? and version = ?'
          : 'select v.flow_id, v.version, v.definition from flows f join flow_versions v on v.flow_id = f.id and v.version = f.active_version where f.id::text = ?',
        version ? [flowId, version] : [flowId],
      );
      return row;
    },
    /** The webhook secret's ciphertext: undefined for an unknown flow, null when none was set. */
    async webhookSecret(flowId: string): Promise<string | null | undefined> {
      const [row] = await conn().execute<Array<{ webhook_secret_enc: string | null }>>(
        'select webhook_secret_enc from flows where id = ?',
        [flowId],
      );
      return row ? row.webhook_secret_enc : undefined;
    },
    async setWebhookSecret(flowId: string, ciphertext: string): Promise<void> {
      await conn().execute('update flows set webhook_secret_enc = ? where id = ?', [ciphertext, flowId]);
    },
  };
}
export type FlowStore = ReturnType<typeof createFlowStore>;
