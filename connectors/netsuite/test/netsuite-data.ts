/**
 * Receivables data in NetSuite's wire shapes, for the test server: SuiteQL transaction rows (dates in the
 * default M/D/YYYY account format, amounts as strings) and REST records (select fields as `{ id, refName }`,
 * checkbox custom fields as booleans, date custom fields as YYYY-MM-DD).
 */

const DAY = 86_400_000;

export const usDate = (iso: string): string => {
  const [y, m, d] = iso.split('-');
  return `${Number(m)}/${Number(d)}/${y}`;
};

export const addDays = (iso: string, days: number): string =>
  new Date(Date.parse(`${iso}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);

const LANGUAGES: Record<string, string> = {
  fr_FR: 'French (France)',
  en_US: 'English (U.S.)',
  en_GB: 'English (U.K.)',
  de_DE: 'German',
};
/** Internal ids of the values of the custom list behind custentity_lf_segment. */
const SEGMENTS: Record<string, string> = { VIP: '1', Standard: '2', 'At risk': '3' };

export interface CustomerSpec {
  id: string;
  name: string;
  email: string;
  /** NetSuite locale id of the customer's language, e.g. fr_FR. */
  language: string;
  /** custentity_lf_dunning_excluded */
  excluded?: boolean;
  /** custentity_lf_dunning_paused_until, YYYY-MM-DD */
  pausedUntil?: string;
  /** custentity_lf_segment, a custom list: its value's name, e.g. VIP, Standard, At risk. */
  segment?: string;
  /** custentity_lf_direct_debit: the customer pays by SEPA direct debit. */
  directDebit?: boolean;
  /** custentity_lf_sepa_mandate, the mandate's unique reference. */
  mandateReference?: string;
  /** custentity_lf_account_manager: the Ledgerflow user name of the customer's account manager. */
  accountManager?: string;
}

export interface TransactionSpec {
  id: string;
  customer: string;
  /** Days past the due date on `today`; negative means not due yet. */
  daysOverdue: number;
  remaining: string;
  total?: string;
  currency?: string;
  type?: 'CustInvc' | 'CustCred';
}

export interface Account {
  transactions: Array<Record<string, string | null>>;
  records: Record<string, Record<string, unknown>>;
}

/** Customers and their open items as the SuiteQL and record endpoints of one account would serve them on `today`. */
export function receivablesAccount(today: string, customers: CustomerSpec[], items: TransactionSpec[]): Account {
  const records: Account['records'] = {};
  for (const c of customers) {
    records[`customer/${c.id}`] = {
      id: c.id,
      entityId: `C${c.id}`,
      companyName: c.name,
      email: c.email,
      language: { id: c.language, refName: LANGUAGES[c.language] ?? c.language },
      custentity_lf_dunning_excluded: c.excluded ?? false,
      custentity_lf_dunning_paused_until: c.pausedUntil ?? null,
      // A list field reads as { id, refName } like any select field; a value added to the list later reads as id 99.
      custentity_lf_segment: c.segment ? { id: SEGMENTS[c.segment] ?? '99', refName: c.segment } : null,
      custentity_lf_direct_debit: c.directDebit ?? false,
      custentity_lf_sepa_mandate: c.mandateReference ?? null,
      custentity_lf_account_manager: c.accountManager ?? null,
    };
  }
  const transactions = items.map((t) => {
    const due = addDays(today, -t.daysOverdue);
    const type = t.type ?? 'CustInvc';
    const tranid = `${type === 'CustCred' ? 'CM' : 'INV'}${t.id}`;
    if (type === 'CustInvc') {
      records[`invoice/${t.id}`] = {
        id: t.id,
        tranId: tranid,
        entity: { id: t.customer },
        dueDate: due,
        total: t.total ?? t.remaining,
        amountRemaining: t.remaining,
        custbody_lf_dunning_level: null,
        custbody_lf_dunning_processed: false,
        custbody_lf_dunning_date: null,
      };
    }
    return {
      id: t.id,
      tranid,
      type,
      entity: t.customer,
      trandate: usDate(addDays(due, -30)),
      duedate: usDate(due),
      foreigntotal: t.total ?? t.remaining,
      foreignamountremaining: t.remaining,
      currency: t.currency ?? 'EUR',
    };
  });
  return { transactions, records };
}
