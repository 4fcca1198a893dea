import { isCanonicalDecimal } from '@ledgerflow/flow-model';

/**
 * `$filter` literals and expressions for OData v2, typed so a value can never break out of its literal:
 * strings double their quotes, dates and decimals get SAP's typed-literal syntax.
 */
export type Literal = { readonly __literal: string };

const raw = (s: string): Literal => ({ __literal: s });

const GUID_RE = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;
const IDENT_RE = /^[A-Za-z_][A-Za-z0-9_/]*$/;

function toDate(v: string | Date): Date {
  const d = v instanceof Date ? v : new Date(v);
  if (Number.isNaN(d.getTime())) throw new TypeError(`not a date: ${String(v)}`);
  return d;
}

export const lit = {
  string: (v: string): Literal => raw(`'${v.replaceAll("'", "''")}'`),
  /** Edm.DateTime has no zone; SAP reads it as UTC. Milliseconds are dropped (SAP stores seconds). */
  datetime: (v: string | Date): Literal => raw(`datetime'${toDate(v).toISOString().slice(0, 19)}'`),
  datetimeoffset: (v: string | Date): Literal => raw(`datetimeoffset'${toDate(v).toISOString().slice(0, 19)}Z'`),
  /** Decimals come as strings so no float ever touches an amount. */
  decimal: (v: string): Literal => {
    if (!isCanonicalDecimal(v)) throw new TypeError(`not a decimal: ${v}`);
    return raw(`${v}M`);
  },
  guid: (v: string): Literal => {
    if (!GUID_RE.test(v)) throw new TypeError(`not a guid: ${v}`);
    return raw(`guid'${v.toLowerCase()}'`);
  },
  int: (v: number): Literal => {
    if (!Number.isSafeInteger(v)) throw new TypeError(`not an integer: ${v}`);
    return raw(String(v));
  },
  bool: (v: boolean): Literal => raw(v ? 'true' : 'false'),
};

export type Expr = { readonly __expr: string };
type Op = 'eq' | 'ne' | 'gt' | 'ge' | 'lt' | 'le';

function prop(name: string): string {
  if (!IDENT_RE.test(name)) throw new TypeError(`not a property name: ${name}`);
  return name;
}

export function cmp(property: string, op: Op, value: Literal): Expr {
  return { __expr: `${prop(property)} ${op} ${value.__literal}` };
}

export function and(...parts: Array<Expr | undefined | false>): Expr | undefined {
  const p = parts.filter((x): x is Expr => !!x);
  if (p.length === 0) return undefined;
  if (p.length === 1) return p[0];
  return { __expr: p.map((x) => `(${x.__expr})`).join(' and ') };
}

export function or(...parts: Array<Expr | undefined | false>): Expr | undefined {
  const p = parts.filter((x): x is Expr => !!x);
  if (p.length === 0) return undefined;
  if (p.length === 1) return p[0];
  return { __expr: p.map((x) => `(${x.__expr})`).join(' or ') };
}

export function filterText(e: Expr | undefined): string | undefined {
  return e?.__expr;
}

/** Entity key predicate, e.g. `(CompanyCode='1010',FiscalYear='2024')`; a single key is written bare. */
export function keyPredicate(keys: Record<string, Literal>): string {
  const entries = Object.entries(keys);
  // Encoded because keys may hold '/', '#' or spaces; encodeURIComponent leaves the quotes alone.
  if (entries.length === 1) return `(${encodeURIComponent(entries[0]![1].__literal)})`;
  return `(${entries.map(([k, v]) => `${prop(k)}=${encodeURIComponent(v.__literal)}`).join(',')})`;
}

/** Query strings: OData wants `%20` not `+`, and `$` kept readable. */
export function queryString(params: Record<string, string | undefined>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(params)) if (v !== undefined) parts.push(`${k}=${encodeURIComponent(v)}`);
  return parts.join('&');
}
