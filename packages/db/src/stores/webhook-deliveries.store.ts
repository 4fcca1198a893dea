import type { EntityManager } from '@mikro-orm/postgresql';

/** Delivery ids are kept a day: longer than the window in which a signed request is accepted at all. */
export function createWebhookDeliveryStore(em: EntityManager) {
  const conn = () => em.getConnection();
  return {
    /** Records a delivery id for a flow; false when it was received already (a replay). Purges expired ids on the way. */
    async claim(flowId: string, deliveryId: string): Promise<boolean> {
      const fresh = await conn().execute<Array<{ ok: number }>>(
        `with purge as (delete from webhook_deliveries where received_at < now() - interval '1 day')
         insert into webhook_deliveries (flow_id, delivery_id) values (?, ?) on conflict do nothing returning 1 as ok`,
        [flowId, deliveryId],
      );
      return fresh.length > 0;
    },
  };
}
export type WebhookDeliveryStore = ReturnType<typeof createWebhookDeliveryStore>;
