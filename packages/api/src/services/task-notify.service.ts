// The outbox panel: task notices (recorded by the engine's task notifier, mailed by the worker's notice
// dispatcher) and the connectors' emails, newest first.
import { createOutboxStore, pgTimestampIso, type MikroORM } from '@ledgerflow/db';

export async function listOutbox(
  orm: MikroORM,
  q: { channel?: string; taskId?: string; limit?: number; offset?: number },
) {
  const rows = await createOutboxStore(orm.em.fork()).list(q);
  return {
    items: rows.map((r) => ({
      key: r.key,
      channel: r.channel,
      recipients: r.recipients,
      subject: r.subject,
      status: r.status,
      error: r.error,
      meta: r.meta,
      createdAt: pgTimestampIso(r.created_at),
    })),
  };
}
