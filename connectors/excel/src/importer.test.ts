import { describe, expect, it } from 'vitest';
import type { ColumnSpec } from './cell-convert.ts';
import { collectImport, importSheet } from './importer.ts';
import { memoryFile, reorderZip, xlsxBuffer } from './test-fixtures.ts';

const columns: ColumnSpec[] = [
  { field: 'customer', type: 'string', required: true, aliases: ['N° client'], stripLeadingZeros: true },
  { field: 'document', type: 'string', required: true, aliases: ['Pièce'] },
  { field: 'amount', type: 'money', required: true, aliases: ['Montant'], currencyField: 'currency', currency: 'EUR' },
  { field: 'currency', type: 'string', aliases: ['Devise'] },
  { field: 'dueDate', type: 'date', required: true, aliases: ['Échéance'] },
  { field: 'disputed', type: 'boolean', aliases: ['Litige'] },
  { field: 'days', type: 'integer', aliases: ['Jours'] },
];
const header = ['N° Client', 'PIECE', 'Montant', 'Devise', 'Echéance', 'Litige', 'Jours'];

describe('importSheet (xlsx)', () => {
  it('maps, types, skips subtotal/blank rows and reports bad rows', async () => {
    const buf = await xlsxBuffer(
      [
        [],
        header,
        ['0000123', 'F-1', '1.234,56', 'EUR', '31.12.2024', 'non', 3],
        ['0000123', 'F-2', 250.1, 'USD', new Date(Date.UTC(2025, 0, 15)), 'oui', '4'],
        ['Total client 123', null, 1484.66, null, null, null, null],
        [],
        ['77', 'F-3', '100,00-', null, 45657, true, 5],
        ['77', 'F-4', 'abc', 'EUR', '31.02.2024', 'maybe', 2.5],
        ['Sous-total', null, '100,00-', null, null, null, null],
        ['78', null, '(12.50)', 'CHF', '2025-01-01', null, null],
      ],
      { dateCells: [[4, 5]] },
    );
    const r = await collectImport(memoryFile('open-items.xlsx', buf), { columns });
    expect(r.summary).toMatchObject({
      sheet: 'Items',
      headerRow: 2,
      dataRows: 7,
      imported: 3,
      rejected: 2,
      skippedBlank: 1,
      skippedSubtotal: 2,
    });
    expect(r.summary.mapping).toEqual({
      'N° Client': 'customer',
      PIECE: 'document',
      Montant: 'amount',
      Devise: 'currency',
      Echéance: 'dueDate',
      Litige: 'disputed',
      Jours: 'days',
    });
    expect(r.rows.map((x) => x.row)).toEqual([3, 4, 7]);
    expect(r.rows[0]!.values).toEqual({
      customer: '123',
      document: 'F-1',
      amount: { amount: '1234.56', currency: 'EUR' },
      currency: 'EUR',
      dueDate: '2024-12-31',
      disputed: false,
      days: 3,
    });
    expect(r.rows[1]!.values).toMatchObject({
      amount: { amount: '250.1', currency: 'USD' },
      dueDate: '2025-01-15',
      disputed: true,
      days: 4,
    });
    expect(r.rows[2]!.values).toMatchObject({
      customer: '77',
      amount: { amount: '-100.00', currency: 'EUR' },
      dueDate: '2024-12-31',
      disputed: true,
    });
    expect(r.problems).toEqual([
      { row: 8, column: 'Montant', field: 'amount', problem: "not a number: 'abc'", value: 'abc' },
      { row: 8, column: 'Echéance', field: 'dueDate', problem: 'no such date: 31/2/2024', value: '31.02.2024' },
      { row: 8, column: 'Litige', field: 'disputed', problem: "not a yes/no value: 'maybe'", value: 'maybe' },
      { row: 8, column: 'Jours', field: 'days', problem: "not a whole number: '2.5'", value: 2.5 },
      { row: 10, column: 'PIECE', field: 'document', problem: 'required value is missing', value: null },
    ]);
    expect(r.rejected[1]!.values.amount).toEqual({ amount: '-12.50', currency: 'CHF' });
  });

  it('does not treat a customer named "Total SA" as a subtotal when the row is complete', async () => {
    const buf = await xlsxBuffer([
      ['customer', 'document', 'amount', 'dueDate'],
      ['Total SA', 'F-9', '10,00', '01/02/2025'],
    ]);
    const r = await collectImport(memoryFile('a.xlsx', buf), {
      columns: [columns[0]!, columns[1]!, { ...columns[2]!, currencyField: undefined }, columns[4]!],
    });
    expect(r.summary.skippedSubtotal).toBe(0);
    expect(r.rows[0]!.values.customer).toBe('Total SA');
  });

  it('uses a saved mapping preset and a named sheet', async () => {
    const buf = await xlsxBuffer(
      [
        ['Kd', 'Beleg', 'Betrag', 'Fällig'],
        ['1', 'B1', '1.000,00', '01.03.2025'],
      ],
      { sheetName: 'Offene Posten', extraSheetFirst: true },
    );
    const r = await collectImport(memoryFile('de.xlsx', buf), {
      columns: [
        columns[0]!,
        columns[1]!,
        { field: 'amount', type: 'money', currency: 'EUR', required: true },
        columns[4]!,
      ],
      mapping: { kd: 'customer', beleg: 'document', betrag: 'amount', fällig: 'dueDate' },
      sheet: 'offene posten',
    });
    expect(r.summary.sheet).toBe('Offene Posten');
    expect(r.rows[0]!.values).toEqual({
      customer: '1',
      document: 'B1',
      amount: { amount: '1000.00', currency: 'EUR' },
      dueDate: '2025-03-01',
    });
  });

  it('names the file, sheet and column when a required header is missing', async () => {
    const buf = await xlsxBuffer([
      ['customer', 'amount'],
      ['1', '2'],
    ]);
    await expect(collectImport(memoryFile('x.xlsx', buf), { columns })).rejects.toMatchObject({
      code: 'EXCEL_HEADER_MISSING',
      message: expect.stringMatching(
        /x\.xlsx sheet 'Items' row 1 column 'document, dueDate'.*'document', 'dueDate' not found/,
      ),
      retryable: false,
    });
  });

  it('names the sheets when the requested one is missing', async () => {
    const buf = await xlsxBuffer([['a']]);
    await expect(collectImport(memoryFile('x.xlsx', buf), { columns, sheet: 'Nope' })).rejects.toMatchObject({
      code: 'EXCEL_SHEET_NOT_FOUND',
      message: expect.stringContaining('sheets: Items'),
    });
  });

  it('reports a corrupt workbook clearly', async () => {
    const buf = Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(200, 7)]);
    await expect(collectImport(memoryFile('broken.xlsx', buf), { columns })).rejects.toMatchObject({
      code: 'EXCEL_FILE_CORRUPT',
      message: expect.stringContaining('broken.xlsx'),
    });
  });

  it('reads a workbook whose zip stores the sheets before xl/workbook.xml, taking the first tab', async () => {
    const buf = await xlsxBuffer(
      [
        ['Kd', 'Beleg', 'Betrag', 'Fällig'],
        ['1', 'B1', '1.000,00', '01.03.2025'],
      ],
      { sheetName: 'Offene Posten', extraSheetFirst: true },
    );
    // Parts and strings first, then the second tab's part ahead of the first's, the workbook last.
    const order = [
      '[Content_Types].xml',
      'xl/_rels/workbook.xml.rels',
      'xl/sharedStrings.xml',
      'xl/styles.xml',
      'xl/worksheets/sheet2.xml',
      'xl/worksheets/sheet1.xml',
      'xl/workbook.xml',
    ];
    const reordered = await reorderZip(buf, order);
    const cols: ColumnSpec[] = [
      { field: 'kd', type: 'string' },
      { field: 'beleg', type: 'string' },
    ];
    const second = await collectImport(memoryFile('de.xlsx', reordered), { columns: cols, sheet: 2 });
    expect(second.summary.sheet).toBe('Offene Posten');
    expect(second.rows.map((r) => r.values)).toEqual([{ kd: '1', beleg: 'B1' }]);
    const first = await collectImport(memoryFile('de.xlsx', reordered), {
      columns: [{ field: 'note', type: 'string', aliases: ['ignore me'] }],
      headerRow: 1,
    });
    expect(first.summary).toMatchObject({ sheet: 'Notes', mapping: { 'ignore me': 'note' } });
  });

  it('reads the same upload the same way every time (no lost zip entries)', async () => {
    const file = memoryFile('m.xlsx', await xlsxBuffer([[], ['N° client', 'Montant TTC', 'Divers']]));
    // The old single-pass reader lost the entries behind the first sheet about once in 200 reads.
    for (let i = 0; i < 400; i++) {
      const r = await collectImport(file, {
        columns: [{ field: 'customer', type: 'string', aliases: ['n client'] }],
        headerRow: 2,
      });
      expect(r.summary.mapping).toEqual({ 'N° client': 'customer' });
    }
  });

  it('streams events one by one with live counters', async () => {
    const rows = [
      ['customer', 'document', 'amount', 'dueDate'],
      ...Array.from({ length: 50 }, (_, i) => [String(i + 1), `D${i}`, `${i},5`, '01.01.2025']),
    ];
    const run = importSheet(memoryFile('s.xlsx', await xlsxBuffer(rows)), {
      columns: [columns[0]!, columns[1]!, { field: 'amount', type: 'decimal' }, columns[4]!],
    });
    let n = 0;
    for await (const ev of run) {
      expect(ev.kind).toBe('row');
      if (++n === 10) expect(run.summary.imported).toBe(10);
    }
    expect(run.summary.imported).toBe(50);
  });
});

describe('importSheet (csv)', () => {
  const csvCols: ColumnSpec[] = [
    { field: 'customer', type: 'string', required: true, stripLeadingZeros: true },
    { field: 'amount', type: 'money', currency: 'EUR', required: true, locale: 'fr' },
    { field: 'date', type: 'date' },
    { field: 'note', type: 'string' },
  ];
  it('detects the delimiter, handles BOM, quotes and French numbers', async () => {
    const csv =
      '\ufeffCustomer;Amount;Date;Note\r\n00042;"1 234,56";31/12/2024;"say ""hi""; ok"\r\n;;;\r\n7;1\u202f000,5;01/01/2025;"multi\nline"\nTotal;2 235,06;;\n';
    const r = await collectImport(memoryFile('items.csv', Buffer.from(csv)), { columns: csvCols });
    expect(r.summary).toMatchObject({ imported: 3, skippedBlank: 1, skippedSubtotal: 0, rejected: 0 });
    expect(r.rows[0]!.values).toEqual({
      customer: '42',
      amount: { amount: '1234.56', currency: 'EUR' },
      date: '2024-12-31',
      note: 'say "hi"; ok',
    });
    expect(r.rows[1]!.values).toMatchObject({ amount: { amount: '1000.5', currency: 'EUR' }, note: 'multi\nline' });
    // "Total" has every required value, so it is kept unless the label column is configured
    expect(r.rows[2]!.values.customer).toBe('Total');
    const r2 = await collectImport(memoryFile('items.csv', Buffer.from(csv)), {
      columns: csvCols,
      subtotal: { fields: ['customer'] },
    });
    expect(r2.summary).toMatchObject({ imported: 2, skippedSubtotal: 1 });
  });

  it('decodes windows-1252 when asked and refuses binary content', async () => {
    const latin = Buffer.from([...Buffer.from('customer,amount\n'), 0xc9, ...Buffer.from('lise,"3,50"\n')]);
    const r = await collectImport(memoryFile('l.csv', latin), {
      columns: [csvCols[0]!, { ...csvCols[1]!, locale: 'fr' }],
      encoding: 'windows-1252',
    });
    expect(r.rows[0]!.values.customer).toBe('Élise');
    await expect(collectImport(memoryFile('l.csv', latin), { columns: csvCols })).rejects.toMatchObject({
      code: 'EXCEL_FILE_CORRUPT',
      message: expect.stringMatching(/windows-1252/),
    });
  });
});

describe('importSheet header rows', () => {
  it('detects the header below a title block and skips the header repeated inside the data', async () => {
    const buf = await xlsxBuffer([
      ['Extraction Blédina', null, '07/12/2026'],
      ['Société 1000', 'Avoirs ouverts'],
      header,
      ['0000123', 'F-1', '10,00', 'EUR', '31.12.2024', 'non', 3],
      header,
      ['77', 'F-2', '20,00', 'EUR', '31.12.2024', 'non', 4],
    ]);
    const r = await collectImport(memoryFile('blédina.xlsx', buf), { columns });
    expect(r.summary).toMatchObject({ headerRow: 3, imported: 2, rejected: 0, skippedHeader: 1 });
    expect(r.rows.map((x) => x.row)).toEqual([4, 6]);
  });
});
