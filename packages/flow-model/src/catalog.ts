/** What the validator and designer know of the installed connectors (JSON Schemas from the SDK). */
export type JsonSchema = Record<string, unknown>;

export interface CatalogAction {
  title?: string;
  description?: string;
  input: JsonSchema;
  output: JsonSchema;
}
export interface CatalogFeed {
  title?: string;
  config: JsonSchema;
  record: JsonSchema;
}
export interface CatalogConnector {
  id: string;
  version: string;
  title?: string;
  connection?: JsonSchema;
  actions: Record<string, CatalogAction>;
  feeds: Record<string, CatalogFeed>;
}
export interface ConnectorCatalog {
  connectors: Record<string, CatalogConnector>;
}
