import { Type, type Static } from '@sinclair/typebox';
import {
  AGING_BUCKET_IDS,
  CurrencyCode,
  DecimalString,
  Money,
  agingBucketOf,
  currencyDigits,
  negateDecimal,
  signOfDecimal,
  sumDecimals,
  type AgingBucketId,
} from '@ledgerflow/flow-model';

const IsoDate = Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'YYYY-MM-DD' });

export const OpenItemSchema = Type.Object({
  documentNumber: Type.String({ minLength: 1 }),
  type: Type.Union([Type.Literal('invoice'), Type.Literal('creditMemo')]),
  documentDate: IsoDate,
  dueDate: IsoDate,
  amount: Type.String({
    ...DecimalString,
    description: 'Exact decimal; credit memos count as negative whatever their sign',
  }),
  currency: CurrencyCode,
});

/** Late-payment penalties of an overdue invoice (French B2B, Code de commerce L441-10): flat part and interest. */
export const PenaltyLineSchema = Type.Object({
  documentNumber: Type.String({ minLength: 1 }),
  days: Type.Integer({ minimum: 0 }),
  flat: Money,
  interest: Money,
});

export const StatementInputSchema = Type.Object({
  customer: Type.Object({
    name: Type.String({ minLength: 1 }),
    number: Type.String({ minLength: 1 }),
    address: Type.Optional(Type.Array(Type.String(), { description: 'Address lines' })),
    language: Type.Union([Type.Literal('fr'), Type.Literal('en')], { default: 'en' }),
  }),
  company: Type.Optional(Type.Object({ name: Type.String(), address: Type.Optional(Type.Array(Type.String())) })),
  statementDate: Type.Optional(IsoDate),
  timezone: Type.String({ default: 'UTC', description: 'IANA zone: gives "today" when statementDate is absent' }),
  openItems: Type.Array(OpenItemSchema, { maxItems: 20_000 }),
  penalties: Type.Optional(Type.Array(PenaltyLineSchema, { maxItems: 20_000 })),
});

export type OpenItem = Static<typeof OpenItemSchema>;
export type PenaltyLine = Static<typeof PenaltyLineSchema>;
export type StatementInput = Static<typeof StatementInputSchema>;

/** The statement's aging columns: flow-model's one aging vocabulary. */
export const BUCKETS = AGING_BUCKET_IDS;
export type Bucket = AgingBucketId;

export interface StatementLine extends OpenItem {
  /** signed: credit memos negative */
  signedAmount: string;
  daysOverdue: number;
  bucket: Bucket;
}

export interface CurrencySummary {
  currency: string;
  total: string;
  aging: Record<Bucket, string>;
}

export interface StatementModel {
  statementDate: string;
  lines: StatementLine[];
  byCurrency: CurrencySummary[];
  penalties: PenaltyLine[];
  /** Penalty totals per currency (the flat part is in euros, interest in each invoice's currency). */
  penaltyTotals: Array<{ currency: string; total: string }>;
}

const DAY = 86_400_000;

/** Calendar-day difference between two ISO dates, independent of any time zone. */
export function daysBetween(fromIso: string, toIso: string): number {
  return Math.round((Date.parse(`${toIso}T00:00:00Z`) - Date.parse(`${fromIso}T00:00:00Z`)) / DAY);
}

/** Today's date in the customer's time zone (a statement run at 23:30 UTC is already tomorrow in Paris). */
export function todayIn(timezone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(now);
}

export const bucketOf = agingBucketOf;

export function buildStatement(input: StatementInput, now: Date = new Date()): StatementModel {
  const statementDate = input.statementDate ?? todayIn(input.timezone, now);
  const lines: StatementLine[] = input.openItems
    .map((it) => {
      const signedAmount =
        it.type === 'creditMemo' && signOfDecimal(it.amount) > 0 ? negateDecimal(it.amount) : it.amount;
      const daysOverdue = daysBetween(it.dueDate, statementDate);
      return { ...it, signedAmount, daysOverdue, bucket: bucketOf(daysOverdue) };
    })
    .sort(
      (a, b) =>
        a.currency.localeCompare(b.currency) ||
        a.dueDate.localeCompare(b.dueDate) ||
        a.documentNumber.localeCompare(b.documentNumber),
    );
  const currencies = [...new Set(lines.map((l) => l.currency))].sort();
  const byCurrency = currencies.map((currency) => {
    const mine = lines.filter((l) => l.currency === currency);
    // Sums show at least the currency's minor units (JPY 0, EUR 2, KWD 3) and every digit their lines have.
    const minor = currencyDigits(currency);
    const aging = Object.fromEntries(
      BUCKETS.map((b) => [
        b,
        sumDecimals(
          mine.filter((l) => l.bucket === b).map((l) => l.signedAmount),
          minor,
        ),
      ]),
    ) as Record<Bucket, string>;
    return {
      currency,
      total: sumDecimals(
        mine.map((l) => l.signedAmount),
        minor,
      ),
      aging,
    };
  });
  const penalties = input.penalties ?? [];
  const penaltyCurrencies = [...new Set(penalties.flatMap((p) => [p.flat.currency, p.interest.currency]))].sort();
  const penaltyTotals = penaltyCurrencies.map((currency) => ({
    currency,
    total: sumDecimals(
      penalties.flatMap((p) => [p.flat, p.interest].filter((a) => a.currency === currency).map((a) => a.amount)),
      currencyDigits(currency),
    ),
  }));
  return { statementDate, lines, byCurrency, penalties, penaltyTotals };
}
