// Customer-level dunning classification over the ledger: one set-based statement gives every customer's overdue
// figures per currency, a compiled decision table gives the level, and each dunned customer's overdue invoices get
// their L441-10 penalties. The dunning-run node calls this from an activity; keep the signature stable.
import {
  addDecimal,
  compiledDecisionTable,
  currencyDigits,
  formatDecimal,
  isKnownCalendar,
  latePenaltyCalculator,
  LedgerflowError,
  parseDateValue,
  parseDecimal,
  publicHolidays,
  type DecisionTableConfig,
  type EcbRate,
  type PenaltyPeriod,
} from '@ledgerflow/flow-model';
import {
  createCalendarHolidaysStore,
  createDunningClassificationStore,
  createEcbRatesStore,
  type ClassifyScope,
  type DunningClassRow,
  type EntityManager,
} from '@ledgerflow/db';

export interface ClassifyDunningOptions {
  /** An instant or a 'YYYY-MM-DD' day; classification uses its civil date in `timezone`. */
  asOf: string | Date;
  timezone: string;
  /** Move a due date on a weekend or holiday to the next working day of the customer's calendar. */
  shiftHolidays: boolean;
  /** date-holidays calendar ('FR', 'DE-BY') of customers without one or with an unknown one. */
  defaultCalendar: string;
  /**
   * The levels: a decision table over the facts daysOverdue (number), overdueBalance and totalOpen (Money),
   * currency, segment, country, itemCount and customerId. An outcome `level<N>` (level1, level2…) is level N;
   * any other outcome (the default, e.g. "none") means not dunned.
   */
  levels: DecisionTableConfig;
  company?: string | null;
  /** L441-10 penalties on the dunned customers' overdue invoices (on unless false). */
  penalties?: false | { contractRate?: string; margin?: string; flatAmount?: string };
}

export interface DunningInvoice {
  document: string;
  documentDate: string | null;
  dueDate: string | null;
  /** The due date after moving off a closed day (equal to dueDate when not moved). */
  effectiveDue: string;
  days: number;
  openAmount: string;
  /** EUR, per late invoice; "0.00" when penalties are off. */
  penaltyFlat: string;
  /** In the invoice currency. */
  penaltyInterest: string;
  periods: PenaltyPeriod[];
}

export interface DunningCustomer {
  company: string;
  customerId: string;
  currency: string;
  name: string | null;
  segment: string | null;
  language: string | null;
  email: string | null;
  country: string | null;
  daysOverdue: number;
  /** Overdue invoices net of unapplied credit notes and payments on account, same customer and currency. */
  overdueBalance: string;
  totalOpen: string;
  oldestDocument: string | null;
  oldestDue: string | null;
  itemCount: number;
  outcome: string;
  level: number | null;
  /** The overdue invoices with penalties: dunned customers only (empty when level is null). */
  invoices: DunningInvoice[];
  penaltyFlat: string;
  penaltyInterest: string;
}

export interface DunningSkipped {
  company: string;
  customerId: string;
  currency: string;
  reason: 'excluded' | 'paused';
  pausedUntil: string | null;
  pauseReason: string | null;
  overdueBalance: string;
  daysOverdue: number;
}

export interface DunningClassification {
  /** The civil date classified on, 'YYYY-MM-DD'. */
  asOf: string;
  customers: DunningCustomer[];
  skipped: DunningSkipped[];
}

// Outcomes are identifiers (they cannot start with a digit): 'level2' is level 2.
const LEVEL = /^level_?([1-9][0-9]*)$/;
const levelOf = (outcome: string): number | null => {
  const m = LEVEL.exec(outcome);
  return m ? Number(m[1]) : null;
};
const OLDEST_YEARS = 50;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function asOfDay(asOf: string | Date, timezone: string): { day: string; instant: Date } {
  const parsed = parseDateValue(asOf, timezone);
  if (!parsed)
    throw new LedgerflowError('VALIDATION_FAILED', `asOf must be a date or an instant, got '${String(asOf)}'`, {
      status: 400,
      details: { field: 'asOf' },
    });
  const l = parsed.local;
  return { day: `${pad(l.year, 4)}-${pad(l.month)}-${pad(l.day)}`, instant: parsed.instant };
}

/** Loads the calendars' missing years into calendar_holidays and returns the scope's calendar fields. */
async function calendarScope(
  em: EntityManager,
  opts: ClassifyDunningOptions,
  asOfYear: number,
): Promise<Pick<ClassifyScope, 'calendars' | 'calendarFrom' | 'calendarTo'>> {
  // Throws CALENDAR_UNKNOWN (400) for a default calendar the platform does not know.
  publicHolidays(opts.defaultCalendar, asOfYear);
  const store = createDunningClassificationStore(em);
  const company = opts.company ?? null;
  const named = await store.customerCalendars(company);
  const calendars = [...new Set([opts.defaultCalendar, ...named.filter(isKnownCalendar)])];
  if (!opts.shiftHolidays) return { calendars, calendarFrom: `${asOfYear}-01-01`, calendarTo: `${asOfYear}-01-01` };
  // Only due dates before the as-of day can be overdue, and moving a later one keeps it later: the range ends with
  // the as-of year. It starts with the oldest due date, bounded so a mistyped year cannot load centuries.
  const due = await store.dueYears(company);
  const from = Math.max(Math.min(due.from ?? asOfYear, asOfYear), asOfYear - OLDEST_YEARS);
  const to = asOfYear;
  const holidays = createCalendarHolidaysStore(em);
  // One more year: a late-December due date moves into January.
  const loaded = await holidays.loadedYears(calendars, from, to + 1);
  for (const calendar of calendars)
    for (let year = from; year <= to + 1; year++)
      if (!loaded.has(`${calendar}:${year}`))
        await holidays.saveYear(calendar, year, [...publicHolidays(calendar, year)]);
  return { calendars, calendarFrom: `${from}-01-01`, calendarTo: `${to}-12-31` };
}

/** Exact text at the currency's minor unit, keeping any further non-zero digits the ledger holds. */
function amountText(value: string, currency: string): string {
  return formatDecimal(parseDecimal(value), currencyDigits(currency));
}

function customerOf(r: DunningClassRow, outcome: string): DunningCustomer {
  return {
    company: r.company,
    customerId: r.customer_id,
    currency: r.currency,
    name: r.name,
    segment: r.segment,
    language: r.language,
    email: r.email,
    country: r.country,
    daysOverdue: r.days_overdue,
    overdueBalance: amountText(r.overdue_balance, r.currency),
    totalOpen: amountText(r.total_open, r.currency),
    oldestDocument: r.oldest_document,
    oldestDue: r.oldest_due,
    itemCount: r.item_count,
    outcome,
    level: levelOf(outcome),
    invoices: [],
    penaltyFlat: '0.00',
    penaltyInterest: formatDecimal({ units: 0n, scale: 0 }, currencyDigits(r.currency)),
  };
}

type PenaltyOf = ReturnType<typeof latePenaltyCalculator>;

/** The customer's overdue invoices, oldest first, each with its penalties, and the customer's totals. */
function addPenalties(customer: DunningCustomer, row: DunningClassRow, penaltyOf: PenaltyOf): void {
  const list = [...(row.invoices ?? [])].sort((a, b) =>
    a[3] < b[3] ? -1 : a[3] > b[3] ? 1 : a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0,
  );
  const zero = amountText('0', row.currency);
  let flatTotal = '0';
  let interestTotal = '0';
  for (const [document, documentDate, dueDate, effectiveDue, open] of list) {
    const openAmount = amountText(open, row.currency);
    const p = penaltyOf(openAmount, row.currency, effectiveDue);
    const flat = p?.flat.amount ?? '0.00';
    const interest = p?.interest.amount ?? zero;
    customer.invoices.push({
      document,
      documentDate,
      dueDate,
      effectiveDue,
      days: p?.daysLate ?? 0,
      openAmount,
      penaltyFlat: flat,
      penaltyInterest: interest,
      periods: p?.periods ?? [],
    });
    flatTotal = addDecimal(flatTotal, flat);
    interestTotal = addDecimal(interestTotal, interest);
  }
  customer.penaltyFlat = formatDecimal(parseDecimal(flatTotal), 2);
  customer.penaltyInterest = amountText(interestTotal, row.currency);
}

async function penaltyCalculator(
  em: EntityManager,
  asOf: string,
  penalties: Exclude<ClassifyDunningOptions['penalties'], false | undefined>,
): Promise<PenaltyOf> {
  const rates = await createEcbRatesStore(em).list();
  const ecbRates: EcbRate[] = rates.map((r) => ({ effectiveDate: r.effective_date, rate: r.rate }));
  return latePenaltyCalculator({ asOf, ecbRates, ...penalties });
}

/**
 * Classifies every customer of the ledger (or of one company) as of a day. Excluded and paused customers are
 * reported in `skipped` and get no level; every other customer with open undisputed items is in `customers`.
 */
export async function classifyDunning(em: EntityManager, opts: ClassifyDunningOptions): Promise<DunningClassification> {
  const { day, instant } = asOfDay(opts.asOf, opts.timezone);
  const table = compiledDecisionTable(opts.levels, opts.timezone);
  const scope: ClassifyScope = {
    asOf: day,
    company: opts.company ?? null,
    shiftHolidays: opts.shiftHolidays,
    defaultCalendar: opts.defaultCalendar,
    ...(await calendarScope(em, opts, Number(day.slice(0, 4)))),
  };
  const withPenalties = opts.penalties !== false;
  const [rows, penaltyOf] = await Promise.all([
    createDunningClassificationStore(em).classify(scope, { withInvoices: withPenalties }),
    withPenalties ? penaltyCalculator(em, day, opts.penalties || {}) : null,
  ]);
  const customers: DunningCustomer[] = [];
  const skipped: DunningSkipped[] = [];
  for (const r of rows) {
    if (r.skipped) {
      skipped.push({
        company: r.company,
        customerId: r.customer_id,
        currency: r.currency,
        reason: r.skipped,
        pausedUntil: r.paused_until,
        pauseReason: r.pause_reason,
        overdueBalance: amountText(r.overdue_balance, r.currency),
        daysOverdue: r.days_overdue,
      });
      continue;
    }
    const facts = {
      daysOverdue: r.days_overdue,
      overdueBalance: { amount: r.overdue_balance, currency: r.currency },
      totalOpen: { amount: r.total_open, currency: r.currency },
      currency: r.currency,
      segment: r.segment ?? '',
      country: r.country ?? '',
      itemCount: r.item_count,
      customerId: r.customer_id,
    };
    const customer = customerOf(r, table.match(facts, instant).outcome);
    if (penaltyOf && customer.level !== null) addPenalties(customer, r, penaltyOf);
    customers.push(customer);
  }
  return { asOf: day, customers, skipped };
}
