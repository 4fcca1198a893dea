import { randomBytes } from 'node:crypto';
import { NotFoundError } from '@ledgerflow/flow-model';
import { createFlowStore, createWebhookDeliveryStore } from '@ledgerflow/db';
import type { AppDeps } from '../app-deps.ts';

/** A flow's webhook secret (stored encrypted, shown once at rotation) and the delivery ids it has received. */
export class WebhookService {
  readonly #deps: AppDeps;
  constructor(deps: AppDeps) {
    this.#deps = deps;
  }
  async configured(flowId: string): Promise<boolean> {
    const enc = await createFlowStore(this.#deps.orm.em.fork()).webhookSecret(flowId);
    if (enc === undefined) throw new NotFoundError('flow', flowId);
    return enc !== null;
  }
  /** The plain secret, or null for an unknown flow or one without a secret (the caller answers both alike). */
  async secret(flowId: string): Promise<string | null> {
    const enc = await createFlowStore(this.#deps.orm.em.fork()).webhookSecret(flowId);
    return enc ? this.#deps.secrets.decrypt<string>(enc) : null;
  }
  /** A new secret for a known flow, returned this once. */
  async rotate(flowId: string): Promise<string> {
    const secret = randomBytes(32).toString('base64url');
    await createFlowStore(this.#deps.orm.em.fork()).setWebhookSecret(
      flowId,
      this.#deps.secrets.encrypt(secret).ciphertext,
    );
    return secret;
  }
  /** False when this delivery id was received for the flow already (a replay). */
  async claimDelivery(flowId: string, deliveryId: string): Promise<boolean> {
    return createWebhookDeliveryStore(this.#deps.orm.em.fork()).claim(flowId, deliveryId);
  }
}
