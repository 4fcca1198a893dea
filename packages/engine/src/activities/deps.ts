import type { MikroORM, SecretBox } from '@ledgerflow/db';
import type { ConnectorRegistry, Logger } from '@ledgerflow/connector-sdk';
import type { Client } from '@temporalio/client';

export interface ActivityDeps {
  orm: MikroORM;
  registry: ConnectorRegistry;
  secrets: SecretBox;
  logger: Logger;
  /** For activities that start or signal other workflows (record feeds). */
  temporal?: Client;
  taskQueue?: string;
  /** Called after a task row is created or changes (notifications, live inbox). */
  onTaskChanged?: (taskId: string, kind: string, suffix?: string) => void | Promise<void>;
}
