export { defineConnector, defineAction, defineFeed } from './define.ts';
export type {
  Connector,
  ConnectorDef,
  ActionDef,
  FeedDef,
  FeedPage,
  FeedFile,
  ConnectionDef,
  ConnectionValue,
  ConnectorContext,
  Logger,
  PropertyName,
} from './define.ts';
export { LABEL_LOCALES } from '@ledgerflow/flow-model';
export type { LabelLocale, LabelTranslation, LabelTranslations, FieldLabel } from '@ledgerflow/flow-model';
export { createHttpClient } from './http-client.ts';
export type { HttpClient, HttpRequest, HttpResponse, HttpClientOptions } from './http-client.ts';
export { findConnectorManifests, loadConnectors, ConnectorRegistry } from './discovery.ts';
export type { ConnectorManifest } from './discovery.ts';
export { createContext, invokeAction, malformedResponse, pollFeed, testConnection } from './context.ts';
export type { InvokeOptions } from './context.ts';
export { connectorTestKit } from './test-kit.ts';
export { ConnectorError } from '@ledgerflow/flow-model';
export { createMemoryOutbox } from './outbox.ts';
export type { Outbox, OutboxMessage, OutboxRecord, OutboxStatus } from './outbox.ts';
export { registerFormats } from './formats.ts';
export { setDefaultLetterTemplates, defaultLetterTemplates } from './letter-templates.ts';
export type { LetterTemplate, LetterTemplateSource, ShippedLetter } from './letter-templates.ts';
