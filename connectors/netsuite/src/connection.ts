import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { defineAction, defineFeed, type ActionDef, type FeedDef } from '@ledgerflow/connector-sdk';

export const NetSuiteConfig = Type.Object({
  accountId: Type.String({
    pattern: '^[0-9A-Za-z]+([_-][A-Za-z0-9]+)?$',
    description: 'e.g. 1234567 or sandbox 1234567_SB1',
  }),
  baseUrl: Type.Optional(
    Type.String({
      pattern: '^https?://',
      description: 'Override of https://<account>.suitetalk.api.netsuite.com (tests, proxies)',
    }),
  ),
  auth: Type.Union([
    Type.Object({
      type: Type.Literal('oauth2'),
      clientId: Type.String({ minLength: 1 }),
      certificateId: Type.String({ minLength: 1 }),
      algorithm: Type.Union([Type.Literal('PS256'), Type.Literal('ES256')], { default: 'PS256' }),
      scope: Type.Optional(Type.String({ default: 'rest_webservices' })),
    }),
    Type.Object({
      type: Type.Literal('tba'),
      consumerKey: Type.String({ minLength: 1 }),
      tokenId: Type.String({ minLength: 1 }),
    }),
  ]),
  concurrencyLimit: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 5,
      description: 'Concurrent requests for this account in this process',
    }),
  ),
});
export type NetSuiteConfig = Static<typeof NetSuiteConfig>;

export const NetSuiteSecrets = Type.Object({
  privateKey: Type.Optional(Type.String({ description: 'PEM private key of the OAuth 2.0 certificate' })),
  consumerSecret: Type.Optional(Type.String()),
  tokenSecret: Type.Optional(Type.String()),
});
export type NetSuiteSecrets = Static<typeof NetSuiteSecrets>;

export function nsAction<I extends TSchema, O extends TSchema>(
  def: ActionDef<I, O, typeof NetSuiteConfig, typeof NetSuiteSecrets>,
) {
  return defineAction(def);
}
export function nsFeed<F extends TSchema, R extends TSchema>(
  def: FeedDef<F, R, typeof NetSuiteConfig, typeof NetSuiteSecrets>,
) {
  return defineFeed(def);
}

/** `1234567_SB1` -> host label `1234567-sb1`. */
export function hostLabel(accountId: string): string {
  return accountId.toLowerCase().replace(/_/g, '-');
}

/** OAuth 1.0a realm: `1234567_SB1` (upper case, underscore). */
export function realm(accountId: string): string {
  return accountId.toUpperCase().replace(/-/g, '_');
}

export function baseUrl(config: NetSuiteConfig): string {
  return (config.baseUrl ?? `https://${hostLabel(config.accountId)}.suitetalk.api.netsuite.com`).replace(/\/$/, '');
}
