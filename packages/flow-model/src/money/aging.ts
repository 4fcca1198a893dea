import type { MoneyLocale } from './format-money.ts';

/**
 * The one aging vocabulary of open receivables: days past the due date, bucketed. The ids are stable wire values
 * (API responses, connector outputs, rule facts, statement PDFs); labels are for people.
 */
export const AGING_BUCKETS = [
  { id: 'current', fromDays: -Infinity, toDays: 0, label: { en: 'Not due', fr: 'Non échu' } },
  { id: '1-30', fromDays: 1, toDays: 30, label: { en: '1–30 days', fr: '1–30 j' } },
  { id: '31-60', fromDays: 31, toDays: 60, label: { en: '31–60 days', fr: '31–60 j' } },
  { id: '61-90', fromDays: 61, toDays: 90, label: { en: '61–90 days', fr: '61–90 j' } },
  { id: '>90', fromDays: 91, toDays: Infinity, label: { en: '> 90 days', fr: '> 90 j' } },
] as const;

export type AgingBucketId = (typeof AGING_BUCKETS)[number]['id'];
export const AGING_BUCKET_IDS: readonly AgingBucketId[] = AGING_BUCKETS.map((b) => b.id);

/** Bucket of an item `daysOverdue` days past due (0 or less: not due yet). */
export function agingBucketOf(daysOverdue: number): AgingBucketId {
  for (const b of AGING_BUCKETS) if (daysOverdue <= b.toDays) return b.id;
  return '>90';
}

export function agingBucketLabel(id: string, locale: MoneyLocale | string = 'en'): string {
  const b = AGING_BUCKETS.find((x) => x.id === id);
  if (!b) return id;
  return locale.toLowerCase().startsWith('fr') ? b.label.fr : b.label.en;
}

/** A zero per bucket, to fill in before summing (every bucket shows, even when empty). */
export function emptyAging<T>(zero: T): Record<AgingBucketId, T> {
  return Object.fromEntries(AGING_BUCKET_IDS.map((id) => [id, zero])) as Record<AgingBucketId, T>;
}
