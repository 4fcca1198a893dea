import { withErrors } from './common.schema.ts';
import { ConnectorCatalogResponse } from './connector-catalog.schema.ts';

export const ConnectorCatalogSchema = {
  tags: ['connectors'],
  response: withErrors({ 200: ConnectorCatalogResponse }),
} as const;
