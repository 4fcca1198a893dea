// The connections list as a file, with the page's filter: names, connectors and which secrets are set — never a secret.
import type { ConnectionService } from './connection.service.ts';
import { exportTable, type ExportFormat, type ExportTable } from './table-export.service.ts';

export const CONNECTIONS_EXPORT: ExportTable = {
  sheet: 'Connections',
  columns: ['name', 'connector', 'secretsSet', 'createdAt', 'updatedAt'],
};

export async function exportConnections(connections: ConnectionService, q: string | undefined, format: ExportFormat) {
  const rows = (await connections.list(q)).map((c) => [
    c.name,
    c.connectorId,
    c.secretNames.join(' | '),
    c.createdAt,
    c.updatedAt,
  ]);
  return exportTable(CONNECTIONS_EXPORT, format, rows);
}
