// What one dunning letter says: the email template's data and the statement attached to it, built from the batch
// lines of one customer at one level and the customer's open items. Pure: the send activity does the I/O.
import {
  addDecimal,
  currencyDigits,
  formatDecimal,
  parseDecimal,
  signOfDecimal,
  sumDecimals,
} from '@ledgerflow/flow-model';
import type { DunningLineRow, DunningStatementItem } from '@ledgerflow/db';

/** The flat part of an L441-10 penalty is fixed in euros. */
const FLAT_CURRENCY = 'EUR';

/** fr for any French locale (fr, fr_FR, fr-BE), en for everything else: the letters exist in these two. */
export function letterLanguage(language: string | null): 'fr' | 'en' {
  return (language ?? '').toLowerCase().split(/[-_]/)[0] === 'fr' ? 'fr' : 'en';
}

/**
 * One letter per customer, level, currencies dunned and dunning cycle, whatever the retries, crashes and re-runs. The
 * currencies are in it so that a balance in another currency reaching a level the customer already got a letter for
 * (in the first currency) still gets its letter. The cycle stays last: the batch store matches sent letters on it.
 */
export function letterKey(
  company: string,
  customerId: string,
  level: number,
  currencies: readonly string[],
  cycle: string,
): string {
  return `dunning:${company}:${customerId}:L${level}:${[...new Set(currencies)].sort().join('+')}:${cycle}`;
}

export const effectiveLevel = (l: Pick<DunningLineRow, 'level' | 'level_override'>) => l.level_override ?? l.level;

const money = (amount: string, currency: string) => formatDecimal(parseDecimal(amount), currencyDigits(currency));

export interface LetterParts {
  data: Record<string, unknown>;
  statement: Record<string, unknown>;
  documents: string[];
}

export function buildLetter(
  lines: DunningLineRow[],
  openItems: DunningStatementItem[],
  opts: { companyName: string; asOf: string; timezone: string; level: number },
): LetterParts {
  const first = lines[0]!;
  const language = letterLanguage(first.language);
  const customer = { name: first.customer_name ?? first.customer_id, number: first.customer_id };
  const items = lines.flatMap((l) =>
    l.items.map((i) => ({
      documentNumber: i.document,
      dueDate: i.dueDate ?? '',
      days: i.days,
      amount: money(i.openAmount, l.currency),
      currency: l.currency,
      penaltyFlat: money(i.penaltyFlat, FLAT_CURRENCY),
      penaltyInterest: money(i.penaltyInterest, l.currency),
    })),
  );
  const currencies = lines.map((l) => {
    // What the customer owes in this currency: the overdue balance and the interest (the flat part is in euros).
    const totalDue = addDecimal(money(l.balance, l.currency), money(l.penalty_interest, l.currency));
    return {
      currency: l.currency,
      overdue: money(l.balance, l.currency),
      penaltyInterest: money(l.penalty_interest, l.currency),
      totalDue: money(totalDue, l.currency),
    };
  });
  const penaltyFlat = sumDecimals(
    lines.map((l) => money(l.penalty_flat, FLAT_CURRENCY)),
    currencyDigits(FLAT_CURRENCY),
  );
  const data = {
    customer,
    company: { name: opts.companyName },
    level: opts.level,
    asOf: opts.asOf,
    items,
    currencies,
    penaltyFlat: { amount: penaltyFlat, currency: FLAT_CURRENCY },
    hasPenalties: signOfDecimal(penaltyFlat) !== 0 || lines.some((l) => signOfDecimal(l.penalty_interest) !== 0),
  };
  const penaltiesByDocument = new Map(lines.flatMap((l) => l.items.map((i) => [i.document, { l, i }] as const)));
  const statement = {
    customer: { ...customer, language },
    company: { name: opts.companyName },
    statementDate: opts.asOf,
    timezone: opts.timezone,
    openItems: openItems.map((o) => ({
      documentNumber: o.document,
      type: o.item_type === 'invoice' ? 'invoice' : 'creditMemo',
      documentDate: o.document_date ?? o.due_date ?? opts.asOf,
      dueDate: o.due_date ?? o.document_date ?? opts.asOf,
      amount: money(o.open_amount, o.currency),
      currency: o.currency,
    })),
    penalties: [...penaltiesByDocument.values()].map(({ l, i }) => ({
      documentNumber: i.document,
      days: i.days,
      flat: { amount: money(i.penaltyFlat, FLAT_CURRENCY), currency: FLAT_CURRENCY },
      interest: { amount: money(i.penaltyInterest, l.currency), currency: l.currency },
    })),
  };
  return { data, statement, documents: [...penaltiesByDocument.keys()] };
}
