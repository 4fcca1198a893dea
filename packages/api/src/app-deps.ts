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
  /** The start command's local SMTP sink, when running on embedded defaults. */
  mailSink?: {
    list(): Array<{
      id: string;
      receivedAt: string;
      from?: string;
      to: string[];
      subject?: string;
      text?: string;
      messageId?: string;
      attachments: Array<{ filename?: string; contentType: string; size: number }>;
    }>;
    /** Mail-in: the API receives each message (and may refuse it) before the sink keeps it. */
    setReceiver?(
      receiver:
        | ((
            m: { envelope: { from: string | null; to: string[] }; subject?: string },
            attachments: Array<{ filename?: string; contentType: string; content: Buffer }>,
          ) => Promise<void>)
        | undefined,
    ): void;
  };
  /** Folder of the built designer, served at / when present. */
  designerDist?: string;
}
