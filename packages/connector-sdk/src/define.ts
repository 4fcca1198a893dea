import type { Readable } from 'node:stream';
import type { Static, TObject, TSchema } from '@sinclair/typebox';
import type { LabelTranslations } from '@ledgerflow/flow-model';
import type { HttpClient } from './http-client.ts';
import type { Outbox } from './outbox.ts';
import type { LetterTemplateSource, ShippedLetter } from './letter-templates.ts';
import { checkConnectorTranslations } from './translations.ts';

export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
}

/** What a connector's code sees of its connection. Secrets are decrypted only in the worker. */
export interface ConnectionValue<C = Record<string, unknown>, S = Record<string, unknown>> {
  id?: string;
  config: C;
  secrets: S;
}

export interface ConnectorContext<C = Record<string, unknown>, S = Record<string, unknown>> {
  connectorId: string;
  /** The action or feed name, for error messages and logs. */
  operation: string;
  logger: Logger;
  http: HttpClient;
  /** Stable across retries of the same call: use it to make side effects happen once. */
  idempotencyKey: string;
  signal: AbortSignal;
  connection: ConnectionValue<C, S>;
  now: () => Date;
  /** Durable outbox for messages with external effects (email): reserve before sending. */
  outbox: Outbox;
  /**
   * Only when a feed is polled for one received file (uploaded, sent to the API, mailed in): that file. Its
   * content streams from the platform's storage on each `open()`; a connector never sees where it is kept.
   */
  file?: FeedFile;
  /**
   * The published letters (email templates) kept by the platform, when it has them; without it a connector uses
   * the letters it ships.
   */
  templates?: LetterTemplateSource;
}

/** A file received for a feed: what it is, and a stream over its content that can be opened again. */
export interface FeedFile {
  id: string;
  name: string;
  size: number;
  contentType: string;
  open(): Readable;
}

/**
 * The property names of an object schema: a translation of a field the schema does not have fails to
 * compile. Other schemas give `string`, and defineConnector checks those names when the connector loads.
 */
export type PropertyName<S> = S extends TObject<infer P> ? Extract<keyof P, string> : string;

export interface ActionDef<
  I extends TSchema = TSchema,
  O extends TSchema = TSchema,
  C extends TObject = TObject,
  S extends TObject = TObject,
> {
  /** English; also the fallback for languages without a translation. */
  title: string;
  description?: string;
  /** Labels in other languages for the designer; `fields` is keyed by input property name. */
  translations?: LabelTranslations<PropertyName<I>>;
  input: I;
  output: O;
  /** True when running it twice has no extra effect (reads). Non-idempotent actions must use ctx.idempotencyKey. */
  idempotent?: boolean;
  run(ctx: ConnectorContext<Static<C>, Static<S>>, input: Static<I>): Promise<Static<O>>;
}

export interface FeedPage<R> {
  records: R[];
  cursor: string | null;
  /** false when the source has no more records for this poll */
  hasMore?: boolean;
  /**
   * True when this extraction delivers every record the source has (a full extract): once it has ended, open cases
   * whose key it did not deliver are marked gone and receive a `record.gone` event.
   */
  full?: boolean;
  /** What the source reports about the records read so far (a file's row counts and rejected rows). */
  report?: Record<string, unknown>;
}

export interface FeedDef<
  F extends TSchema = TSchema,
  R extends TSchema = TSchema,
  C extends TObject = TObject,
  S extends TObject = TObject,
> {
  /** English; also the fallback for languages without a translation. */
  title: string;
  description?: string;
  /** Labels in other languages for the designer; `fields` is keyed by config property name. */
  translations?: LabelTranslations<PropertyName<F>>;
  config: F;
  record: R;
  /** The business key of a record (e.g. the credit memo request number). */
  key(record: Static<R>): string;
  poll(
    ctx: ConnectorContext<Static<C>, Static<S>>,
    config: Static<F>,
    cursor: string | null,
  ): Promise<FeedPage<Static<R>>>;
}

export interface ConnectionDef<C extends TObject = TObject, S extends TObject = TObject> {
  config: C;
  secrets: S;
  /** A cheap call that proves the configuration and credentials work. */
  test(ctx: ConnectorContext<Static<C>, Static<S>>): Promise<{ ok: true; message?: string }>;
}

export interface ConnectorDef<C extends TObject = TObject, S extends TObject = TObject> {
  id: string;
  version: string;
  /** English; also the fallback for languages without a translation. */
  title: string;
  description?: string;
  /** Labels in other languages for the designer; `fields` is keyed by connection config or secrets property name. */
  translations?: LabelTranslations<PropertyName<C> | PropertyName<S>>;
  connection?: ConnectionDef<C, S>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  actions: Record<string, ActionDef<any, any, C, S>>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  feeds?: Record<string, FeedDef<any, any, C, S>>;
  /** The letters the connector ships: the platform stores them as version 1 of each letter, once. */
  letters?: () => Promise<ShippedLetter[]>;
}

export type Connector = ConnectorDef<TObject, TObject> & { readonly __connector: true };

const ID = /^[a-z][a-zA-Z0-9]*$/;

/** Declares a connector. Validates ids and translations eagerly so a typo fails at load, not at run time. */
export function defineConnector<C extends TObject, S extends TObject>(def: ConnectorDef<C, S>): Connector {
  if (!ID.test(def.id)) throw new Error(`connector id '${def.id}' must match ${ID}`);
  for (const name of Object.keys(def.actions))
    if (!ID.test(name)) throw new Error(`connector ${def.id}: action name '${name}' must match ${ID}`);
  for (const name of Object.keys(def.feeds ?? {}))
    if (!ID.test(name)) throw new Error(`connector ${def.id}: feed name '${name}' must match ${ID}`);
  checkConnectorTranslations(def);
  return Object.freeze({ ...def, feeds: def.feeds ?? {}, __connector: true }) as unknown as Connector;
}

/** Typed helper so each operation file can declare its action with inference. */
export function defineAction<
  I extends TSchema,
  O extends TSchema,
  C extends TObject = TObject,
  S extends TObject = TObject,
>(def: ActionDef<I, O, C, S>): ActionDef<I, O, C, S> {
  return def;
}

export function defineFeed<
  F extends TSchema,
  R extends TSchema,
  C extends TObject = TObject,
  S extends TObject = TObject,
>(def: FeedDef<F, R, C, S>): FeedDef<F, R, C, S> {
  return def;
}
