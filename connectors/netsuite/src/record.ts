import { Type } from '@sinclair/typebox';

/** REST record types we expose; the REST path uses NetSuite's lower-case type ids. */
export const RECORD_TYPES = { customer: 'customer', invoice: 'invoice', creditMemo: 'creditmemo' } as const;
export const RecordType = Type.Union([Type.Literal('customer'), Type.Literal('invoice'), Type.Literal('creditMemo')]);
export const RecordId = Type.String({
  pattern: '^\\d+$|^eid:[A-Za-z0-9_.-]+$',
  description: 'internal id, or eid:<externalId>',
});

export function recordPath(type: keyof typeof RECORD_TYPES, id: string): string {
  return `/services/rest/record/v1/${RECORD_TYPES[type]}/${encodeURIComponent(id).replace('%3A', ':')}`;
}
