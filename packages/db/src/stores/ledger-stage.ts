import {
  LEDGER_ITEM_TYPE_VALUES,
  decimalPattern,
  isCurrencyCode,
  isDecimal,
  normalizeDecimal,
} from '@ledgerflow/flow-model';
import type { LedgerRowInput } from '@ledgerflow/flow-model';

export type { LedgerRowInput, LedgerCustomerInput } from '@ledgerflow/flow-model';

/** A row the ingest left out: its 1-based number in the input and the field at fault. */
export type LedgerRowError = { row: number; field: string; message: string };

export const LEDGER_ITEM_TYPES = LEDGER_ITEM_TYPE_VALUES;
const ITEM_TYPES = new Set<string>(LEDGER_ITEM_TYPES);
// numeric(20, 4): what the ledger columns hold; anything wider would fail the whole COPY, so it is a row error.
const COLUMN_DECIMAL = new RegExp(decimalPattern({ integerDigits: 16, scale: 4 }));
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/;

/** The staging table's columns, in COPY order. Temp tables are never WAL-logged, and this one dies with the commit. */
export const STAGE_DDL = `create temp table ledger_stage (
  rn integer not null, customer_id text not null, document text not null, item_type text not null,
  document_date date, due_date date, currency text not null, amount numeric(20, 4) not null,
  open_amount numeric(20, 4) not null, disputed boolean not null, dispute_status text, raw jsonb,
  c_has boolean not null, c_name text, c_segment text, c_language text, c_email text, c_country text, c_calendar text,
  c_excluded boolean, c_paused_until date, c_pause_reason text
) on commit drop`;
export const STAGE_COPY = 'copy ledger_stage from stdin';

/** The digest of the tracked columns of a staged row (alias `s`); `raw` is left out so extraction noise is no change. */
export const stageHashSql = (s: string) =>
  `md5(concat_ws('|', ${s}.customer_id, ${s}.item_type, coalesce(${s}.document_date::text, ''),
    coalesce(${s}.due_date::text, ''), ${s}.currency, ${s}.amount::text, ${s}.open_amount::text, ${s}.disputed::text,
    coalesce(${s}.dispute_status, '')))`;

function decimal(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  if (COLUMN_DECIMAL.test(v)) return v;
  if (!isDecimal(v)) return undefined;
  const n = normalizeDecimal(v);
  return COLUMN_DECIMAL.test(n) ? n : undefined;
}

function isoDate(v: unknown): string | null | undefined {
  if (v === undefined || v === null || v === '') return null;
  if (typeof v !== 'string') return undefined;
  const m = ISO_DATE.exec(v);
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d ? v.slice(0, 10) : undefined;
}

const ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r', '\0': '' };
// COPY text format: backslash, tab and line ends are escaped, NUL cannot be stored at all.
function text(v: string | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  return /[\\\t\n\r\0]/.test(v) ? v.replace(/[\\\t\n\r\0]/g, (c) => ESCAPES[c] ?? '') : v;
}
const bool = (v: boolean | null | undefined) => (v === null || v === undefined ? '\\N' : v ? 't' : 'f');
const optText = (v: unknown) => (typeof v === 'string' && v !== '' ? v : null);

function json(v: unknown): string {
  if (v === undefined || v === null) return '\\N';
  // jsonb refuses \u0000 in strings; the raw record is kept for reading, so the character is dropped.
  const s = JSON.stringify(v);
  return text(s.includes('\\u0000') ? s.replaceAll('\\u0000', '') : s);
}

/**
 * Validates one input row and encodes it as a COPY text line, or names the first field at fault. Validation happens
 * here because one bad value in a COPY fails the whole statement.
 */
export function encodeStageRow(r: LedgerRowInput, rn: number): string | LedgerRowError {
  const err = (field: string, message: string): LedgerRowError => ({ row: rn, field, message });
  if (typeof r !== 'object' || r === null) return err('row', 'not an object');
  if (typeof r.customerId !== 'string' || r.customerId.trim() === '') return err('customerId', 'missing');
  if (typeof r.document !== 'string' || r.document.trim() === '') return err('document', 'missing');
  if (!ITEM_TYPES.has(r.itemType))
    return err('itemType', `'${String(r.itemType).slice(0, 40)}' is not one of ${LEDGER_ITEM_TYPES.join(', ')}`);
  if (!isCurrencyCode(r.currency))
    return err('currency', `'${String(r.currency ?? '').slice(0, 20)}' is not an ISO 4217 currency code`);
  const amount = decimal(r.amount);
  if (amount === undefined)
    return err('amount', `'${String(r.amount ?? '').slice(0, 40)}' is not a decimal of at most 16.4 digits`);
  const open = decimal(r.openAmount);
  if (open === undefined)
    return err('openAmount', `'${String(r.openAmount ?? '').slice(0, 40)}' is not a decimal of at most 16.4 digits`);
  const documentDate = isoDate(r.documentDate);
  if (documentDate === undefined) return err('documentDate', `'${String(r.documentDate).slice(0, 40)}' is not a date`);
  const dueDate = isoDate(r.dueDate);
  if (dueDate === undefined) return err('dueDate', `'${String(r.dueDate).slice(0, 40)}' is not a date`);
  const c = r.customer;
  let customer = '\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N\t\\N';
  if (c) {
    const paused = isoDate(c.pausedUntil);
    if (paused === undefined)
      return err('customer.pausedUntil', `'${String(c.pausedUntil).slice(0, 40)}' is not a date`);
    customer = [
      text(optText(c.name)),
      text(optText(c.segment)),
      text(optText(c.language)),
      text(optText(c.email)),
      text(optText(c.country)),
      text(optText(c.calendar)),
      bool(typeof c.excluded === 'boolean' ? c.excluded : null),
      text(paused),
      text(optText(c.pauseReason)),
    ].join('\t');
  }
  return `${rn}\t${text(r.customerId.trim())}\t${text(r.document.trim())}\t${r.itemType}\t${documentDate ?? '\\N'}\t${
    dueDate ?? '\\N'
  }\t${r.currency}\t${amount}\t${open}\t${r.disputed === true ? 't' : 'f'}\t${text(optText(r.disputeStatus))}\t${json(
    r.raw,
  )}\t${c ? 't' : 'f'}\t${customer}\n`;
}
