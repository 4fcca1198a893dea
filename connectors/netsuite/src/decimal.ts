import { sumDecimals } from '@ledgerflow/flow-model';

/** Exact sum keeping the larger scale ("1.10" + "2.20" = "3.30"). */
export const addDecimals = (a: string, b: string): string => sumDecimals([a, b]);

const DEC = /^-?\d*\.?\d+$/;

export function toDecimal(v: unknown): string {
  const s = String(v ?? '0').trim();
  if (!DEC.test(s)) throw new TypeError(`not a decimal: ${s}`);
  return s.startsWith('.') ? `0${s}` : s.startsWith('-.') ? `-0${s.slice(1)}` : s;
}

export function negate(s: string): string {
  return s.startsWith('-') ? s.slice(1) : /^0*\.?0*$/.test(s) ? s : `-${s}`;
}
