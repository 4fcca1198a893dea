// What every list export takes and answers: ?format=csv|xlsx next to the list's own filters, and the file.
import { Type } from '@sinclair/typebox';

export const ExportFormatQuery = {
  format: Type.Union([Type.Literal('csv'), Type.Literal('xlsx')], {
    description: 'csv: UTF-8 with a byte-order mark; xlsx: one sheet, cells as text',
  }),
};

export const ExportFile = Type.Unsafe<unknown>({
  description: 'the file (attachment): CSV (UTF-8) or XLSX; formula-like text cells start with an apostrophe',
  content: {
    'text/csv': { schema: { type: 'string' } },
    'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': {
      schema: { type: 'string', format: 'binary' },
    },
  },
});
