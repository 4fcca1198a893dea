import type { MikroORM, SecretBox } from '@ledgerflow/db';
import type { ConnectorRegistry, Logger } from '@ledgerflow/connector-sdk';

export interface ActivityDeps {
  orm: MikroORM;
  registry: ConnectorRegistry;
  secrets: SecretBox;
  logger: Logger;
  /** Called after a task row is created or changes (notifications, live inbox). */
  onTaskChanged?: (taskId: string, kind: string) => void | Promise<void>;
}
