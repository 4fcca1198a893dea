// Turns feed records into ledger rows with a compiled mapping of plain field paths: no expression engine per row,
// so a million-row extract costs a few property reads per field.
import { isDecimal, normalizeDecimal } from '../money/decimal.ts';
import type { LedgerItemType, LedgerMapping } from '../schema/ledger-feed.schema.ts';

/** One open item as the ledger ingest takes it; amounts are exact decimal strings, signed as in the source. */
export type LedgerRowInput = {
  customerId: string;
  document: string;
  itemType: string;
  /** ISO date (YYYY-MM-DD); a date-time keeps its date part. */
  documentDate?: string | null;
  dueDate?: string | null;
  currency: string;
  amount: string;
  openAmount: string;
  disputed?: boolean | null;
  disputeStatus?: string | null;
  raw?: unknown;
  customer?: LedgerCustomerInput | null;
};
export type LedgerCustomerInput = {
  name?: string | null;
  segment?: string | null;
  language?: string | null;
  email?: string | null;
  country?: string | null;
  calendar?: string | null;
  excluded?: boolean | null;
  pausedUntil?: string | null;
  pauseReason?: string | null;
};

type Getter = (r: unknown) => unknown;

function getter(path: string | undefined): Getter | undefined {
  if (!path) return undefined;
  const parts = path.split('.');
  if (parts.length === 1) {
    const k = parts[0]!;
    return (r) => (r !== null && typeof r === 'object' ? (r as Record<string, unknown>)[k] : undefined);
  }
  return (r) => {
    let v: unknown = r;
    for (const k of parts) {
      if (v === null || typeof v !== 'object') return undefined;
      v = (v as Record<string, unknown>)[k];
    }
    return v;
  };
}

const isMoney = (v: unknown): v is { amount: unknown; currency?: unknown } =>
  v !== null && typeof v === 'object' && 'amount' in v;

function text(v: unknown): string | undefined {
  if (v === null || v === undefined || v === '') return undefined;
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean') return String(v);
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? undefined : v.toISOString();
  return undefined;
}

/** A decimal string as the source gave it; numbers only when exact (the ingest reports the rest as row errors). */
function amount(v: unknown): string {
  const a = isMoney(v) ? v.amount : v;
  if (typeof a === 'string') return a;
  if (typeof a === 'number' && isDecimal(a)) return normalizeDecimal(a);
  return a === null || a === undefined ? '' : String(a);
}

/** Dates: an ISO text stays (the ingest keeps its date part); a Date is read in UTC, as spreadsheets store them. */
function date(v: unknown): string | null {
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? 'invalid' : v.toISOString().slice(0, 10);
  return text(v) ?? null;
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', 'x', '1', 'oui', 'o', 'ja', 'j']);
function flag(v: unknown): boolean | null {
  if (v === null || v === undefined || v === '') return null;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return TRUE_WORDS.has(String(v).trim().toLowerCase());
}

/** A compiled mapping: record in, ledger row out (validation is the ingest's, which reports row and field). */
export function compileLedgerMapping(m: LedgerMapping): (record: unknown) => LedgerRowInput {
  const f = m.fields;
  const g = {
    customerId: getter(f.customerId)!,
    document: getter(f.document)!,
    itemType: getter(f.itemType),
    documentDate: getter(f.documentDate),
    dueDate: getter(f.dueDate),
    currency: getter(f.currency),
    amount: getter(f.amount)!,
    openAmount: getter(f.openAmount)!,
    disputed: getter(f.disputed),
    disputeStatus: getter(f.disputeStatus),
  };
  const customer: Array<[keyof LedgerCustomerInput, Getter]> = (
    [
      ['name', f.customerName],
      ['segment', f.segment],
      ['language', f.language],
      ['email', f.email],
      ['country', f.country],
      ['calendar', f.calendar],
      ['excluded', f.excluded],
      ['pausedUntil', f.pausedUntil],
      ['pauseReason', f.pauseReason],
    ] as const
  ).flatMap(([k, p]) => (p ? [[k, getter(p)!] as [keyof LedgerCustomerInput, Getter]] : []));
  const types = new Map<string, LedgerItemType>(Object.entries(m.itemTypes ?? {}));
  const keepRaw = m.keepRaw !== false;
  return (record) => {
    const amountValue = g.amount(record);
    const rawType = g.itemType ? text(g.itemType(record)) : undefined;
    const itemType =
      rawType === undefined
        ? m.defaultItemType
        : (types.get(rawType) ?? types.get(rawType.trim()) ?? m.defaultItemType);
    const currency =
      text(g.currency?.(record)) ??
      (isMoney(amountValue) ? text(amountValue.currency) : undefined) ??
      m.defaultCurrency ??
      '';
    const row: LedgerRowInput = {
      customerId: text(g.customerId(record)) ?? '',
      document: text(g.document(record)) ?? '',
      // An unmapped source type is passed as is, so the ingest's row error names the value.
      itemType: itemType ?? rawType ?? '',
      documentDate: g.documentDate ? date(g.documentDate(record)) : null,
      dueDate: g.dueDate ? date(g.dueDate(record)) : null,
      currency,
      amount: amount(amountValue),
      openAmount: amount(g.openAmount(record)),
      disputed: g.disputed ? flag(g.disputed(record)) : null,
      disputeStatus: g.disputeStatus ? (text(g.disputeStatus(record)) ?? null) : null,
      raw: keepRaw ? record : undefined,
    };
    if (customer.length) {
      const c: LedgerCustomerInput = {};
      let any = false;
      for (const [k, get] of customer) {
        const v = get(record);
        if (k === 'excluded') c.excluded = flag(v);
        else if (k === 'pausedUntil') c.pausedUntil = date(v);
        else c[k] = text(v) ?? null;
        any ||= c[k] !== null && c[k] !== undefined;
      }
      // A record whose customer columns are all empty leaves the customer as it is.
      if (any) row.customer = c;
    }
    return row;
  };
}
