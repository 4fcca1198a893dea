import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { defineAction, defineFeed, type ActionDef, type FeedDef } from '@ledgerflow/connector-sdk';

export const SapConfig = Type.Object({
  baseUrl: Type.String({
    pattern: '^https?://',
    description: 'e.g. https://my123.s4hana.cloud.sap (services live under /sap/opu/odata/sap/)',
  }),
  client: Type.Optional(Type.String({ pattern: '^\\d{3}$', description: 'sap-client' })),
  servicePath: Type.Optional(
    Type.String({ default: '/sap/opu/odata/sap', description: 'Path prefix of the OData v2 services' }),
  ),
  auth: Type.Union([
    Type.Object({ type: Type.Literal('basic'), user: Type.String({ minLength: 1 }) }),
    Type.Object({
      type: Type.Literal('oauth2'),
      tokenUrl: Type.String({ pattern: '^https?://' }),
      clientId: Type.String({ minLength: 1 }),
      scope: Type.Optional(Type.String()),
    }),
  ]),
  probeService: Type.Optional(
    Type.String({
      default: 'API_CREDIT_MEMO_REQUEST_SRV',
      description: 'Service whose $metadata the connection test reads',
    }),
  ),
  language: Type.Optional(Type.String({ description: 'sap-language, e.g. EN' })),
  timeoutMs: Type.Optional(Type.Integer({ minimum: 1000, default: 60_000 })),
});
export type SapConfig = Static<typeof SapConfig>;

export const SapSecrets = Type.Object({
  password: Type.Optional(Type.String({ description: 'basic auth' })),
  clientSecret: Type.Optional(Type.String({ description: 'OAuth2 client credentials' })),
});
export type SapSecrets = Static<typeof SapSecrets>;

/** defineAction/defineFeed with the connection types fixed, so operations keep input inference. */
export function sapAction<I extends TSchema, O extends TSchema>(
  def: ActionDef<I, O, typeof SapConfig, typeof SapSecrets>,
) {
  return defineAction(def);
}
export function sapFeed<F extends TSchema, R extends TSchema>(def: FeedDef<F, R, typeof SapConfig, typeof SapSecrets>) {
  return defineFeed(def);
}
