// Builds small workbooks in memory for the tests: real .xlsx bytes, written by exceljs.
import ExcelJS from 'exceljs';
import type { ResolvedFile } from './file-input.ts';
import { Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import unzipper from 'unzipper';

export async function xlsxBuffer(
  rows: unknown[][],
  opts: { sheetName?: string; extraSheetFirst?: boolean; dateCells?: Array<[number, number]> } = {},
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  if (opts.extraSheetFirst) wb.addWorksheet('Notes').addRow(['ignore me']);
  const ws = wb.addWorksheet(opts.sheetName ?? 'Items');
  for (const r of rows) ws.addRow(r as ExcelJS.CellValue[]);
  for (const [r, c] of opts.dateCells ?? []) ws.getRow(r).getCell(c).numFmt = 'dd/mm/yyyy';
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export function memoryFile(name: string, buffer: Buffer): ResolvedFile {
  return { name, format: name.endsWith('.csv') ? 'csv' : 'xlsx', buffer, open: () => Readable.from([buffer]) };
}

/**
 * The same workbook with its zip entries in another order (stored, uncompressed): `first` lists the
 * parts to put ahead, in that order; the rest follow as they were. Any order is a valid .xlsx.
 */
export async function reorderZip(xlsx: Buffer, first: string[]): Promise<Buffer> {
  const dir = await unzipper.Open.buffer(xlsx);
  const parts = await Promise.all(
    dir.files.filter((f) => f.type === 'File').map(async (f) => ({ name: f.path, data: await f.buffer() })),
  );
  parts.sort((a, b) => rank(a.name) - rank(b.name));
  function rank(name: string): number {
    const i = first.indexOf(name);
    return i === -1 ? first.length : i;
  }
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name);
    const crc = crc32(p.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(p.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(p.data.length, 20);
    central.writeUInt32LE(p.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    centrals.push(central, name);
    offset += local.length + name.length + p.data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
