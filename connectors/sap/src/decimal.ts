import { sumDecimals } from '@ledgerflow/flow-model';

/** Exact sum keeping the larger scale ("1.10" + "2.20" = "3.30"), as SAP shows amounts. */
export const addDecimals = (a: string, b: string): string => sumDecimals([a, b]);
