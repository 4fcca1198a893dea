// Import throughput of the Excel connector against a raw exceljs streaming pass over the same
// 100k-row file. Each side runs in its own child process so peak RSS is measured separately.
// Usage: node bench/excel-import/excel-import.bench.ts [rows]
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { createWriteStream } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ExcelJS, type ExcelRow } from '../../connectors/excel/src/exceljs-lib.ts';
import { importSheet, resolveFile, type ColumnSpec } from '../../connectors/excel/src/index.ts';

const self = fileURLToPath(import.meta.url);

const columns: ColumnSpec[] = [
  { field: 'customer', type: 'string', required: true, aliases: ['N° client'], stripLeadingZeros: true },
  { field: 'document', type: 'string', required: true, aliases: ['Pièce'] },
  { field: 'documentDate', type: 'date', aliases: ['Date pièce'] },
  { field: 'dueDate', type: 'date', required: true, aliases: ['Échéance'] },
  { field: 'amount', type: 'money', required: true, aliases: ['Montant'], currencyField: 'currency', currency: 'EUR' },
  { field: 'currency', type: 'string', aliases: ['Devise'] },
  { field: 'disputed', type: 'boolean', aliases: ['Litige'] },
];

async function generate(file: string, rows: number): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({
    stream: createWriteStream(file),
    useStyles: true,
    useSharedStrings: false,
  });
  const ws = wb.addWorksheet('Open items');
  ws.addRow(['N° client', 'Pièce', 'Date pièce', 'Échéance', 'Montant', 'Devise', 'Litige', 'Commentaire']).commit();
  const base = Date.UTC(2024, 0, 1);
  for (let i = 0; i < rows; i++) {
    const due = new Date(base + (i % 400) * 86_400_000);
    // Half the amounts are text in French format, half native numbers, as real exports mix both.
    const amount =
      i % 2
        ? `${(i % 9000) + 1} ${String(i % 1000).padStart(3, '0')},${String(i % 100).padStart(2, '0')}`
        : ((i % 100_000) / 100) * (i % 7 ? 1 : -1);
    const r = ws.addRow([
      String(i % 5000).padStart(7, '0'),
      `INV-${i}`,
      `${String((i % 28) + 1).padStart(2, '0')}.03.2024`,
      due,
      amount,
      i % 5 ? 'EUR' : 'USD',
      i % 11 ? 'non' : 'oui',
      i % 3 ? '' : 'note',
    ]);
    r.getCell(4).numFmt = 'dd/mm/yyyy';
    r.commit();
  }
  ws.commit();
  await wb.commit();
}

async function child(mode: string, file: string): Promise<void> {
  const t0 = performance.now();
  let rows = 0;
  let rejected = 0;
  if (mode === 'importer') {
    const run = importSheet(await resolveFile({ path: path.basename(file) }, path.dirname(file), 'bench'), { columns });
    for await (const ev of run) {
      if (ev.kind === 'row') rows++;
      else rejected++;
    }
  } else {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
      sharedStrings: 'cache',
      styles: 'cache',
      hyperlinks: 'ignore',
      worksheets: 'emit',
      entries: 'ignore',
    });
    for await (const ws of reader as unknown as AsyncIterable<AsyncIterable<ExcelRow>>) {
      for await (const r of ws) if ((r.values as unknown[]).length) rows++;
    }
    rows--; // header
  }
  const ms = performance.now() - t0;
  process.stdout.write(
    JSON.stringify({ mode, rows, rejected, ms, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + '\n',
  );
}

async function main(): Promise<void> {
  const [, , flag, mode, childFile] = process.argv;
  if (flag === '--child' && mode && childFile) return child(mode, childFile);
  const rows = Number(flag ?? 100_000);
  const dir = await mkdtemp(path.join(tmpdir(), 'lf-excel-bench-'));
  const file = path.join(dir, 'open-items.xlsx');
  try {
    let t = performance.now();
    await generate(file, rows);
    console.log(
      `generated ${rows} rows, ${((await stat(file)).size / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s`,
    );
    const run = (mode: string) =>
      JSON.parse(execFileSync(process.execPath, [self, '--child', mode, file], { encoding: 'utf8' })) as {
        rows: number;
        rejected: number;
        ms: number;
        peakRssMb: number;
      };
    t = performance.now();
    const raw = run('raw');
    const imp = run('importer');
    const rate = (r: { rows: number; rejected: number; ms: number }) => ((r.rows + r.rejected) / r.ms) * 1000;
    console.log(
      `raw exceljs reader : ${raw.rows} rows, ${Math.round(rate(raw))} rows/s, peak RSS ${raw.peakRssMb.toFixed(0)} MB`,
    );
    console.log(
      `connector importer : ${imp.rows} rows (+${imp.rejected} rejected), ${Math.round(rate(imp))} rows/s, peak RSS ${imp.peakRssMb.toFixed(0)} MB`,
    );
    if (imp.rows + imp.rejected !== rows)
      throw new Error(`importer saw ${imp.rows + imp.rejected} rows, expected ${rows}`);
    console.log(`excel_ratio=${(rate(imp) / rate(raw)).toFixed(3)}`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
