// What every list export takes and answers: ?format=csv|xlsx next to the list's own filters, and the file (CSV in
// UTF-8 with a byte-order mark, or XLSX; formula-like text cells start with an apostrophe: table-export.service.ts).
import { Type } from '@sinclair/typebox';

export const ExportFormatQuery = {
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')]),
};

export const ExportFile = Type.Unsafe<unknown>({
  description: 'the file: CSV (UTF-8) or XLSX',
  content: {
    'text/csv': { schema: { type: 'string' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
  },
});
