import { ConnectorError } from '@ledgerflow/flow-model';

export const CONNECTOR_ID = 'excel';

/** Every failure names the file, and the sheet/row/column when known, in `record`. */
export function excelError(o: {
  action: string;
  code: string;
  message: string;
  retryable?: boolean;
  file?: string;
  sheet?: string;
  row?: number;
  column?: string;
  details?: Record<string, unknown>;
  cause?: unknown;
}): ConnectorError {
  const where = [
    o.file,
    o.sheet && `sheet '${o.sheet}'`,
    o.row !== undefined && `row ${o.row}`,
    o.column && `column '${o.column}'`,
  ]
    .filter(Boolean)
    .join(' ');
  return new ConnectorError({
    connector: CONNECTOR_ID,
    action: o.action,
    record: where || undefined,
    code: o.code,
    message: o.message,
    retryable: o.retryable ?? false,
    status: o.retryable ? 502 : 400,
    details: { file: o.file, sheet: o.sheet, row: o.row, column: o.column, ...o.details },
    cause: o.cause,
  });
}
