import type { Client } from '@temporalio/client';
import type { Env, MikroORM, SecretBox } from '@ledgerflow/db';
import type { ConnectorRegistry } from '@ledgerflow/connector-sdk';

/** Everything the API needs from the outside, injected so tests build the app on real services. */
export interface AppDeps {
  env: Env;
  orm: MikroORM;
  temporal: Client;
  registry: ConnectorRegistry;
  secrets: SecretBox;
  taskQueue: string;
  temporalUiUrl: string | null;
  /** Folder of the built designer, served at / when present. */
  designerDist?: string;
}
