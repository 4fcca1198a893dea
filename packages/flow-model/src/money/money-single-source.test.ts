// Money lives in one module (packages/flow-model/src/money). This test fails when a decimal-shaped regex or a
// second Money schema appears anywhere else in the source tree, so a new copy cannot creep back in unnoticed.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
const SCANNED = ['packages', 'connectors', 'designer', 'test', 'bench'];
const MONEY_MODULE = 'packages/flow-model/src/money/';

/**
 * "digits, a literal dot, digits" written as a regex or a pattern string: \d+(\.\d+)?, \d*\.?\d, [0-9]+\.[0-9],
 * \\d{1,16}(\\.\\d{1,4})? ... A literal dot is `\.` in a regex and `\\.` in a string.
 */
const DECIMAL_SHAPE = /(?:\\{1,2}d|\[0-9\])[^\n]{0,16}?\\{1,2}\.[^\n]{0,6}?(?:\\{1,2}d|\[0-9\])/;
/** An object schema with an amount and a currency on one line: a Money declaration. */
const MONEY_SHAPE = /Type\.Object\(\{[^\n]*\bamount:[^\n]*\bcurrency:|Type\.Object\(\{[^\n]*\bcurrency:[^\n]*\bamount:/;

/** Decimal-shaped regexes that are not money, each with why it stays; matched by file and a piece of the line. */
const ALLOWED: Array<{ file: string; line: string; why: string }> = [
  {
    file: 'packages/flow-model/src/schema/calendar.schema.ts',
    line: "pattern: '^P(?!$)",
    why: 'ISO 8601 duration (fractional seconds), not money',
  },
  {
    file: 'packages/flow-model/src/calendar/wait-until.ts',
    line: '/^P(?!$)(?:(',
    why: 'ISO 8601 duration parser',
  },
  {
    file: 'packages/flow-model/src/calendar/zoned-time.ts',
    line: 'const LOCAL_DATETIME = ',
    why: 'date-time fractional seconds',
  },
  {
    file: 'packages/flow-model/src/calendar/zoned-time.ts',
    line: 'const ZONED = ',
    why: 'date-time fractional seconds',
  },
  {
    file: 'packages/engine/src/workflows/node-executors.ts',
    line: '/^PT(?:(\\d+)H)?',
    why: 'ISO 8601 duration (engine)',
  },
  {
    file: 'packages/api/src/schemas/validators.schema.ts',
    line: "'^(?!0000)",
    why: 'RFC 3339 date-time fractional seconds',
  },
  { file: 'packages/connector-sdk/src/formats.ts', line: '(Z|[+-]', why: 'date-time format check' },
  { file: 'connectors/sap/src/credit-memo-request.ts', line: 'const ISO_RE = ', why: 'ISO date-time' },
  { file: 'connectors/excel/src/xlsx-reader.ts', line: '.xml$/', why: 'sheet file name "sheet12.xml"' },
  {
    file: 'connectors/excel/src/cell-convert.ts',
    line: '/^\\d{5}(\\.\\d+)?$/',
    why: 'Excel date serial (days with a time fraction), not money',
  },
  {
    file: 'connectors/excel/src/locale-parse.ts',
    line: 'const m = /^(-?)(\\d+)(?:\\.(\\d+))?$/.exec(decimal);',
    why: 'spreadsheet text parser ("1.234,56", "(1,234.56)"): splits its own normalised output; to move into the money module',
  },
  {
    file: 'connectors/sap/test/sap-filter-dialect.ts',
    line: 'const dec = /^(-?\\d+(?:\\.\\d+)?)[mM]',
    why: "test fake of SAP's $filter lexer: must not share our parser",
  },
  {
    file: 'connectors/netsuite/test/netsuite-test-server.ts',
    line: "'creditlimit' in patch",
    why: "test fake of NetSuite's field validation: must not share our parser",
  },
  {
    file: 'test/tasks-flow.ts',
    line: "approvedAmount: { type: 'string', pattern:",
    why: 'fixture: a user-authored form schema as a flow would carry it',
  },
];
const ALLOWED_MONEY: Array<{ file: string; line: string; why: string }> = [
  {
    file: 'packages/api/src/routes/runs.routes.ts',
    line: 'totals: Type.Array(Type.Object({ currency: Type.Union(',
    why: 'a total whose runs had no currency: nullable, so not Money',
  },
];

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(path.join(ROOT, dir), { withFileTypes: true })) {
    if (e.name === 'node_modules' || e.name === 'dist' || e.name.startsWith('.')) continue;
    const rel = `${dir}/${e.name}`;
    if (e.isDirectory()) sourceFiles(rel, out);
    else if (/\.(ts|tsx)$/.test(e.name)) out.push(rel);
  }
  return out;
}

export function findCopies(files: Array<{ file: string; text: string }>): {
  decimals: string[];
  moneySchemas: string[];
} {
  const decimals: string[] = [];
  const moneySchemas: string[] = [];
  for (const { file, text } of files) {
    if (file.startsWith(MONEY_MODULE)) continue;
    text.split('\n').forEach((line, i) => {
      const where = `${file}:${i + 1}: ${line.trim().slice(0, 140)}`;
      if (DECIMAL_SHAPE.test(line) && !ALLOWED.some((a) => a.file === file && line.includes(a.line)))
        decimals.push(where);
      if (MONEY_SHAPE.test(line) && !ALLOWED_MONEY.some((a) => a.file === file && line.includes(a.line)))
        moneySchemas.push(where);
    });
  }
  return { decimals, moneySchemas };
}

describe('money has one home', () => {
  const files = SCANNED.flatMap((d) => sourceFiles(d)).map((file) => ({
    file,
    text: readFileSync(path.join(ROOT, file), 'utf8'),
  }));

  it('no decimal regex outside packages/flow-model/src/money (use parseDecimal, isCanonicalDecimal, DECIMAL_PATTERN)', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(findCopies(files).decimals).toEqual([]);
  });

  it('the Money schema is declared once (import Money from @ledgerflow/flow-model)', () => {
    expect(findCopies(files).moneySchemas).toEqual([]);
  });

  it('catches the shapes the copies had', () => {
    const copies = [
      'const DEC = /^-?\\d*\\.?\\d+$/;',
      'const DECIMAL_RE = /^-?\\d+(\\.\\d+)?$/;',
      "amount: Type.String({ pattern: '^-?\\\\d+(\\\\.\\\\d+)?$' }),",
      'const m = /^(-?)(\\d+)(?:\\.(\\d+))?$/.exec(s);',
      'pattern="-?\\d+(\\.\\d{1,4})?"',
      'const x = /^[0-9]+\\.[0-9]{2}$/;',
    ];
    const found = findCopies(copies.map((text, i) => ({ file: `connectors/x/src/copy-${i}.ts`, text })));
    expect(found.decimals).toHaveLength(copies.length);
    expect(
      findCopies([
        {
          file: 'connectors/x/src/m.ts',
          text: 'const Money = Type.Object({ amount: Type.String(), currency: Type.String() });',
        },
      ]).moneySchemas,
    ).toHaveLength(1);
    expect(
      findCopies([
        { file: 'connectors/x/src/ok.ts', text: 'const ISO = /^\\d{4}-\\d{2}-\\d{2}$/; const id = /^\\d+$/;' },
      ]).decimals,
    ).toEqual([]);
  });
});
