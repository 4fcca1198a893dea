import { mkdtemp, mkdir, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { connectorTestKit } from '@ledgerflow/connector-sdk';
import { connector } from './index.ts';
import { xlsxBuffer } from './test-fixtures.ts';

let baseDir: string;
let kit: ReturnType<typeof connectorTestKit>;

beforeAll(async () => {
  const root = await mkdtemp(path.join(tmpdir(), 'lf-excel-'));
  baseDir = path.join(root, 'files');
  await mkdir(baseDir);
  await writeFile(path.join(root, 'secret.csv'), 'customer\nnope\n');
  await symlink(path.join(root, 'secret.csv'), path.join(baseDir, 'link.csv'));
  await writeFile(
    path.join(baseDir, 'items.xlsx'),
    await xlsxBuffer([
      ['Document number', 'Amount', 'Status'],
      ['0001', 10, 'Open'],
      ['2', 20, 'Open'],
      ['3', 30, 'Open'],
    ]),
  );
  await writeFile(path.join(baseDir, 'fake.xlsx'), 'customer;amount\n1;2\n');
  kit = connectorTestKit(connector, { connection: { config: { baseDir }, secrets: {} } });
});

async function readBack(b64: string) {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(b64, 'base64') as never);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
  return rows;
}

describe('excel connector', () => {
  it('imports from a path under baseDir', async () => {
    const out = (await kit.run('importSheet', {
      file: { path: 'items.xlsx' },
      columns: [
        { field: 'documentNumber', type: 'string', required: true, stripLeadingZeros: true },
        { field: 'amount', type: 'decimal' },
      ],
    })) as { rows: Array<{ values: Record<string, unknown> }> };
    expect(out.rows.map((r) => r.values)).toEqual([
      { documentNumber: '1', amount: '10' },
      { documentNumber: '2', amount: '20' },
      { documentNumber: '3', amount: '30' },
    ]);
  });

  it.each([['../secret.csv'], ['/etc/passwd'], ['link.csv']])('refuses %s outside baseDir', async (p) => {
    await expect(
      kit.run('importSheet', { file: { path: p }, columns: [{ field: 'customer', type: 'string' }] }),
    ).rejects.toMatchObject({
      code: 'EXCEL_PATH_NOT_ALLOWED',
      retryable: false,
      message: expect.stringContaining('outside the allowed directory'),
    });
  });

  it('explains a wrong extension and a renamed CSV', async () => {
    await expect(
      kit.run('importSheet', {
        file: { name: 'a.pdf', base64: 'JVBERi0=' },
        columns: [{ field: 'x', type: 'string' }],
      }),
    ).rejects.toMatchObject({
      code: 'EXCEL_UNSUPPORTED_FORMAT',
      message: expect.stringMatching(/\[record a\.pdf\]: unsupported file extension '\.pdf'/),
    });
    await expect(
      kit.run('importSheet', { file: { name: 'old.xls', base64: 'AAAA' }, columns: [{ field: 'x', type: 'string' }] }),
    ).rejects.toMatchObject({ message: expect.stringContaining('save the file as .xlsx') });
    await expect(
      kit.run('importSheet', { file: { path: 'fake.xlsx' }, columns: [{ field: 'x', type: 'string' }] }),
    ).rejects.toMatchObject({ code: 'EXCEL_FILE_CORRUPT', message: expect.stringContaining('fake.xlsx') });
  });

  it('proposes a mapping from the header row', async () => {
    const b64 = (await xlsxBuffer([[], ['N° client', 'Montant TTC', 'Divers']])).toString('base64');
    const out = await kit.run('proposeMapping', {
      file: { name: 'm.xlsx', base64: b64 },
      columns: [
        { field: 'customerNumber', type: 'string', aliases: ['n client'] },
        { field: 'amount', type: 'money', aliases: ['montant'] },
      ],
    });
    expect(out).toMatchObject({
      headerRow: 2,
      mapping: { 'N° client': 'customerNumber', 'Montant TTC': 'amount' },
      unmatchedHeaders: ['Divers'],
    });
  });

  it('exports rows, escaping formula-like text but keeping negative numbers', async () => {
    const out = (await kit.run('exportSheet', {
      filename: 'list.xlsx',
      columns: [
        { field: 'doc' },
        { field: 'note', type: 'string' },
        { field: 'amount', type: 'decimal' },
        { field: 'n' },
        { field: 'money', type: 'money' },
        { field: 'due', type: 'date' },
      ],
      rows: [
        {
          doc: '=HYPERLINK("http://evil","x")',
          note: '+1',
          amount: '-12.50',
          n: -3,
          money: { amount: '-1.10', currency: 'EUR' },
          due: '2025-01-31',
        },
        { doc: '@SUM(A1)', note: '-2', amount: '5', n: 4, money: null, due: null },
        { doc: '\tcmd', note: 'plain', amount: 'n/a', n: 0 },
      ],
    })) as { base64: string; rows: number };
    expect(out.rows).toBe(3);
    const rows = await readBack(out.base64);
    expect(rows[0]).toEqual(['doc', 'note', 'amount', 'n', 'money', 'due']);
    expect(rows[1]!.slice(0, 5)).toEqual(['\'=HYPERLINK("http://evil","x")', "'+1", -12.5, -3, -1.1]);
    expect((rows[1]![5] as Date).toISOString()).toBe('2025-01-31T00:00:00.000Z');
    expect(rows[2]!.slice(0, 4)).toEqual(["'@SUM(A1)", "'-2", 5, 4]);
    expect(rows[3]!.slice(0, 4)).toEqual(["'\tcmd", 'plain', 'n/a', 0]);
  });

  it('marks closed items, adding the status column when missing, and deletes rows', async () => {
    const src = (
      await xlsxBuffer([
        ['Doc', 'Amount'],
        ['A1', 1],
        ['A2', 2],
        ['A3', 3],
      ])
    ).toString('base64');
    const marked = (await kit.run('updateSheet', {
      file: { name: 'l.xlsx', base64: src },
      keyColumn: 'doc',
      keys: ['A2', 'ZZ'],
      mode: 'mark',
      statusColumn: 'Statut',
      statusValue: 'Soldé',
    })) as { base64: string; matched: number; notFound: string[] };
    expect(marked).toMatchObject({ matched: 1, updated: 1, notFound: ['ZZ'] });
    expect((await readBack(marked.base64)).map((r) => r[2] ?? null)).toEqual(['Statut', null, 'Soldé', null]);

    const out = (await kit.run('updateSheet', {
      file: { path: 'items.xlsx' },
      keyColumn: 'document number',
      keys: ['1', '3'],
      mode: 'delete',
      stripLeadingZeros: true,
      outputPath: 'items-open.xlsx',
    })) as { path: string; deleted: number };
    expect(out).toMatchObject({ path: 'items-open.xlsx', deleted: 2 });
    const again = (await kit.run('importSheet', {
      file: { path: 'items-open.xlsx' },
      columns: [
        { field: 'documentNumber', type: 'string' },
        { field: 'status', type: 'string' },
      ],
    })) as { rows: Array<{ values: Record<string, unknown> }> };
    expect(again.rows.map((r) => r.values)).toEqual([{ documentNumber: '2', status: 'Open' }]);
  });

  it('refuses to write outside baseDir and a missing key column names it', async () => {
    await expect(
      kit.run('exportSheet', { filename: 'a.xlsx', columns: [{ field: 'a' }], rows: [], outputPath: '../out.xlsx' }),
    ).rejects.toMatchObject({ code: 'EXCEL_PATH_NOT_ALLOWED' });
    await expect(
      kit.run('updateSheet', { file: { path: 'items.xlsx' }, keyColumn: 'Invoice', keys: ['1'] }),
    ).rejects.toMatchObject({ code: 'EXCEL_HEADER_MISSING', message: expect.stringContaining("column 'Invoice'") });
  });
});
