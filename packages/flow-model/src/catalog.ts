/** What the validator and designer know of the installed connectors (JSON Schemas from the SDK). */
export type JsonSchema = Record<string, unknown>;

/**
 * Languages a connector may translate its labels into. English is not listed: the plain `title` and
 * `description` are the English text and the fallback for every language.
 */
export const LABEL_LOCALES = ['fr'] as const;
export type LabelLocale = (typeof LABEL_LOCALES)[number];

export interface FieldLabel {
  title?: string;
  description?: string;
}
/** One language's labels for a connector, action or feed; `fields` is keyed by property name. */
export interface LabelTranslation<F extends string = string> {
  title?: string;
  description?: string;
  fields?: Partial<Record<F, FieldLabel>>;
}
export type LabelTranslations<F extends string = string> = Partial<Record<LabelLocale, LabelTranslation<F>>>;

export interface CatalogAction {
  title?: string;
  description?: string;
  /** `fields` name properties of `input`. */
  translations?: LabelTranslations;
  input: JsonSchema;
  output: JsonSchema;
}
export interface CatalogFeed {
  title?: string;
  description?: string;
  /** `fields` name properties of `config`. */
  translations?: LabelTranslations;
  config: JsonSchema;
  record: JsonSchema;
}
export interface CatalogConnector {
  id: string;
  version: string;
  title?: string;
  description?: string;
  /** `fields` name properties of the connection's config and secrets. */
  translations?: LabelTranslations;
  connection?: { config: JsonSchema; secrets: JsonSchema };
  actions: Record<string, CatalogAction>;
  feeds: Record<string, CatalogFeed>;
}
export interface ConnectorCatalog {
  connectors: Record<string, CatalogConnector>;
}
