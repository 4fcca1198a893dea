// Receivables KPIs from the ledger's history (issue #14, part 5): aging, DSO, best possible DSO, ADD and CEI per
// currency, as of a day and for a month, checked to the cent against arithmetic done by hand below. The ledger is
// filled through the ingest store with four imports, so every figure depends on which state was true when:
//   S0 full         2026-09-30T16:00Z  (30 Sep 18:00 in Paris)
//   I1 incremental  2026-10-12T08:00Z  E6 appears (it is paid before S1: a sale of October, never ending AR)
//   S1 full         2026-10-31T12:00Z  E1 and U1 partly paid, E6 settled, October's invoices and credit notes
//   S2 full         2026-10-31T23:30Z  (1 Nov 00:30 in Paris: November's, though still 31 Oct in UTC)
//                                      E2 and U3 paid (settled), E9 new
// The company's timezone is Europe/Paris (company_settings' default). Each run uses its own company code, so other
// files' ledger rows never count.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedgerItemsStore, type LedgerRowInput } from '@ledgerflow/db';
import { createHarness, type Agent, type Harness } from './helpers/api-harness.ts';

let h: Harness;
let collector: Agent;
const company = `kpi-${randomUUID().slice(0, 8)}`;
const q = (path: string, params: Record<string, string | number>) =>
  `${path}?${new URLSearchParams({ company, ...Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)])) })}`;

type Item = [doc: string, type: string, documentDate: string, dueDate: string, amount: string, currency: string];
const ITEMS: Record<string, Item> = {
  E1: ['E1', 'invoice', '2026-08-10', '2026-09-09', '1000.00', 'EUR'],
  E2: ['E2', 'invoice', '2026-09-20', '2026-10-20', '2500.00', 'EUR'],
  E3: ['E3', 'invoice', '2026-10-05', '2026-11-04', '1200.50', 'EUR'],
  E4: ['E4', 'invoice', '2026-10-15', '2026-10-25', '800.25', 'EUR'],
  E5: ['E5', 'credit_note', '2026-10-20', '2026-10-20', '-300.10', 'EUR'],
  E6: ['E6', 'invoice', '2026-10-02', '2026-10-12', '450.00', 'EUR'],
  E7: ['E7', 'invoice', '2026-06-01', '2026-07-01', '600.00', 'EUR'],
  E8: ['E8', 'invoice', '2026-07-15', '2026-08-14', '350.00', 'EUR'],
  E9: ['E9', 'invoice', '2026-11-01', '2026-12-01', '999.99', 'EUR'],
  U1: ['U1', 'invoice', '2026-09-25', '2026-10-25', '5000.00', 'USD'],
  U2: ['U2', 'invoice', '2026-10-10', '2026-11-09', '1234.50', 'USD'],
  U3: ['U3', 'invoice', '2026-10-20', '2026-10-30', '2865.50', 'USD'],
  U4: ['U4', 'credit_note', '2026-10-28', '2026-10-28', '-1000.00', 'USD'],
};
/** An item open for `open` (its full amount unless partly paid); EUR items are a domestic customer's, USD an export one's. */
function row(key: string, open?: string): LedgerRowInput {
  const [document, itemType, documentDate, dueDate, amount, currency] = ITEMS[key]!;
  const export_ = currency === 'USD';
  return {
    customerId: export_ ? 'US-1' : 'FR-1',
    document,
    itemType,
    documentDate,
    dueDate,
    currency,
    amount,
    openAmount: open ?? amount,
    customer: { name: export_ ? 'Acme Inc.' : 'Dupont SA', segment: export_ ? 'export' : 'domestic' },
  };
}
const SNAPSHOTS: Array<{ at: string; mode: 'full' | 'incremental'; rows: LedgerRowInput[] }> = [
  { at: '2026-09-30T16:00:00Z', mode: 'full', rows: [row('E1'), row('E2'), row('E7'), row('E8'), row('U1')] },
  { at: '2026-10-12T08:00:00Z', mode: 'incremental', rows: [row('E6')] },
  {
    at: '2026-10-31T12:00:00Z',
    mode: 'full',
    rows: [
      ...[row('E1', '400.00'), row('E2'), row('E3'), row('E4'), row('E5'), row('E7'), row('E8')],
      ...[row('U1', '4555.25'), row('U2'), row('U3'), row('U4')],
    ],
  },
  {
    at: '2026-10-31T23:30:00Z',
    mode: 'full',
    rows: [
      ...[row('E1', '400.00'), row('E3'), row('E4'), row('E5'), row('E7'), row('E8'), row('E9')],
      ...[row('U1', '4555.25'), row('U2'), row('U4')],
    ],
  },
];

beforeAll(async () => {
  h = await createHarness();
  collector = await h.login(['collector']);
  const items = createLedgerItemsStore(h.orm.em.fork());
  for (const s of SNAPSHOTS) {
    const result = await items.ingest({
      source: 'kpi-test',
      company,
      mode: s.mode,
      asOf: new Date(s.at),
      rows: s.rows,
    });
    expect(result.errors).toEqual([]);
  }
});
afterAll(async () => h?.close());

const aging = (amounts: string[], counts: number[]) =>
  ['current', '1-30', '31-60', '61-90', '>90'].map((bucket, i) => ({ bucket, amount: amounts[i], count: counts[i] }));

// October 2026 as of 31 October: 31 days. Beginning = end of 30 Sep (S0), ending = end of 31 Oct in Paris (S1; S2 is
// already 1 November there).
const OCTOBER = {
  // Beginning: E1 1000.00 + E2 2500.00 + E7 600.00 + E8 350.00 = 4450.00.
  // Ending: E1 400.00 + E2 2500.00 + E3 1200.50 + E4 800.25 + E5 −300.10 + E7 600.00 + E8 350.00 = 5550.65 (E6 settled).
  // Current (due on or after 31 Oct): E3 1200.50; overdue 5550.65 − 1200.50 = 4350.15.
  // Sales (dated in October): E3 1200.50 + E4 800.25 + E5 −300.10 + E6 450.00 = 2150.65.
  // DSO = 5550.65 × 31 / 2150.65 = 172 070.15 / 2150.65 = 80.00844… → 80.01
  // Best = 1200.50 × 31 / 2150.65 = 37 215.50 / 2150.65 = 17.30430… → 17.30
  // ADD = 80.01 − 17.30 = 62.71 (the unrounded 4350.15 × 31 / 2150.65 = 62.70413… would show 62.70)
  // CEI = (4450.00 + 2150.65 − 5550.65) / (4450.00 + 2150.65 − 1200.50) × 100 = 1050.00 / 5400.15 × 100 = 19.44390… → 19.44
  // Aging at 31 Oct: not due E3 1200.50 (1); 1–30 E2 (11 d) 2500.00 + E4 (6 d) 800.25 + E5 (11 d) −300.10 = 3000.15 (3);
  //   31–60 E1 (52 d) 400.00; 61–90 E8 (78 d) 350.00; >90 E7 (122 d) 600.00.
  EUR: {
    currency: 'EUR',
    beginning: '4450.00',
    ending: '5550.65',
    current: '1200.50',
    overdue: '4350.15',
    sales: '2150.65',
    dso: '80.01',
    bestDso: '17.30',
    add: '62.71',
    cei: '19.44',
    aging: aging(['1200.50', '3000.15', '400.00', '350.00', '600.00'], [1, 3, 1, 1, 1]),
  },
  // Beginning: U1 5000.00. Ending: U1 4555.25 + U2 1234.50 + U3 2865.50 + U4 −1000.00 = 7655.25. Current: U2 1234.50.
  // Sales: U2 1234.50 + U3 2865.50 + U4 −1000.00 = 3100.00, so each ratio × 31 / 3100 is the amount / 100:
  // DSO = 76.5525 → 76.55; Best = 12.345 → 12.35 (half-up; half-even would give 12.34); ADD = 76.55 − 12.35 = 64.20
  // CEI = (5000.00 + 3100.00 − 7655.25) / (5000.00 + 3100.00 − 1234.50) × 100 = 444.75 / 6865.50 × 100 = 6.47804… → 6.48
  // Aging: not due U2 1234.50; 1–30 U1 (6 d) 4555.25 + U3 (1 d) 2865.50 + U4 (3 d) −1000.00 = 6420.75 (3).
  USD: {
    currency: 'USD',
    beginning: '5000.00',
    ending: '7655.25',
    current: '1234.50',
    overdue: '6420.75',
    sales: '3100.00',
    dso: '76.55',
    bestDso: '12.35',
    add: '64.20',
    cei: '6.48',
    aging: aging(['1234.50', '6420.75', '0.00', '0.00', '0.00'], [1, 3, 0, 0, 0]),
  },
};

// November 2026 as of 15 November: 15 days. Beginning = end of 31 Oct (S1, as October's ending), ending = S2.
const NOVEMBER = {
  // Ending: E1 400.00 + E3 1200.50 + E4 800.25 + E5 −300.10 + E7 600.00 + E8 350.00 + E9 999.99 = 4050.64 (E2 settled).
  // Current (due on or after 15 Nov): E9 999.99. Sales: E9 999.99.
  // DSO = 4050.64 × 15 / 999.99 = 60 759.60 / 999.99 = 60.76021… → 60.76; Best = 999.99 × 15 / 999.99 = 15.00; ADD 45.76
  // CEI = (5550.65 + 999.99 − 4050.64) / (5550.65 + 999.99 − 999.99) × 100 = 2500.00 / 5550.65 × 100 = 45.03977… → 45.04
  // Aging at 15 Nov: not due E9; 1–30 E3 (11 d) 1200.50 + E4 (21 d) 800.25 + E5 (26 d) −300.10 = 1700.65 (3);
  //   31–60 none; 61–90 E1 (67 d) 400.00; >90 E7 (137 d) 600.00 + E8 (93 d) 350.00 = 950.00 (2).
  EUR: {
    currency: 'EUR',
    beginning: '5550.65',
    ending: '4050.64',
    current: '999.99',
    overdue: '3050.65',
    sales: '999.99',
    dso: '60.76',
    bestDso: '15.00',
    add: '45.76',
    cei: '45.04',
    aging: aging(['999.99', '1700.65', '0.00', '400.00', '950.00'], [1, 3, 0, 1, 2]),
  },
  // Ending: U1 4555.25 + U2 1234.50 + U4 −1000.00 = 4789.75 (U3 settled); nothing due after 15 Nov; no sales, so no DSO.
  // CEI = (7655.25 + 0 − 4789.75) / (7655.25 + 0 − 0) × 100 = 2865.50 / 7655.25 × 100 = 37.43183… → 37.43
  // Aging: 1–30 U1 (21 d) 4555.25 + U2 (6 d) 1234.50 + U4 (18 d) −1000.00 = 4789.75 (3).
  USD: {
    currency: 'USD',
    beginning: '7655.25',
    ending: '4789.75',
    current: '0.00',
    overdue: '4789.75',
    sales: '0.00',
    dso: null,
    bestDso: null,
    add: null,
    cei: '37.43',
    aging: aging(['0.00', '4789.75', '0.00', '0.00', '0.00'], [0, 3, 0, 0, 0]),
  },
};

// September 2026, the trend's first month: nothing before S0, so beginning 0 and CEI undefined (0 / 0).
const SEPTEMBER = {
  // Ending (S0) 4450.00; current: E2 (due 20 Oct) 2500.00; sales: E2 2500.00 (the only item dated in September).
  // DSO = 4450.00 × 30 / 2500.00 = 53.40; Best = 2500.00 × 30 / 2500.00 = 30.00; ADD 23.40.
  // Aging at 30 Sep: not due E2 2500.00; 1–30 E1 (21 d) 1000.00; 31–60 E8 (47 d) 350.00; >90 E7 (due 1 Jul: 91 d)
  //   600.00; overdue 1000.00 + 350.00 + 600.00 = 1950.00.
  EUR: {
    currency: 'EUR',
    beginning: '0.00',
    ending: '4450.00',
    current: '2500.00',
    overdue: '1950.00',
    sales: '2500.00',
    dso: '53.40',
    bestDso: '30.00',
    add: '23.40',
    cei: null,
    aging: aging(['2500.00', '1000.00', '350.00', '0.00', '600.00'], [1, 1, 1, 0, 1]),
  },
  // U1 5000.00 dated 25 Sep, due 25 Oct: DSO = Best = 5000.00 × 30 / 5000.00 = 30.00, ADD 0.00.
  USD: {
    currency: 'USD',
    beginning: '0.00',
    ending: '5000.00',
    current: '5000.00',
    overdue: '0.00',
    sales: '5000.00',
    dso: '30.00',
    bestDso: '30.00',
    add: '0.00',
    cei: null,
    aging: aging(['5000.00', '0.00', '0.00', '0.00', '0.00'], [1, 0, 0, 0, 0]),
  },
};

describe('ledger KPIs', () => {
  it('computes October from the states true at the end of each day in Paris (S2 is November there)', async () => {
    const res = await collector.get(q('/api/ledger/kpis', { asOf: '2026-10-31', period: '2026-10' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({
      asOf: '2026-10-31',
      period: '2026-10',
      start: '2026-10-01',
      end: '2026-10-31',
      days: 31,
      timezone: 'Europe/Paris',
      currencies: [OCTOBER.EUR, OCTOBER.USD],
    });
  });

  it('computes November to date: the invoices paid between the snapshots are collections, a month without sales has no DSO', async () => {
    // The period defaults to the month of asOf.
    const res = await collector.get(q('/api/ledger/kpis', { asOf: '2026-11-15' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ period: '2026-11', start: '2026-11-01', end: '2026-11-15', days: 15 });
    expect(res.json().currencies).toEqual([NOVEMBER.EUR, NOVEMBER.USD]);
  });

  it('gives the monthly trend, one row per month and currency, the last month running to asOf', async () => {
    const res = await collector.get(q('/api/ledger/kpis/trend', { months: 3, asOf: '2026-11-15' }));
    expect(res.statusCode, res.body).toBe(200);
    const month = (period: string, start: string, end: string, days: number) => ({ period, start, end, days });
    expect(res.json()).toEqual({
      asOf: '2026-11-15',
      timezone: 'Europe/Paris',
      rows: [
        { ...month('2026-09', '2026-09-01', '2026-09-30', 30), ...SEPTEMBER.EUR },
        { ...month('2026-09', '2026-09-01', '2026-09-30', 30), ...SEPTEMBER.USD },
        { ...month('2026-10', '2026-10-01', '2026-10-31', 31), ...OCTOBER.EUR },
        { ...month('2026-10', '2026-10-01', '2026-10-31', 31), ...OCTOBER.USD },
        { ...month('2026-11', '2026-11-01', '2026-11-15', 15), ...NOVEMBER.EUR },
        { ...month('2026-11', '2026-11-01', '2026-11-15', 15), ...NOVEMBER.USD },
      ],
    });
  });

  it('exports the trend as CSV with every figure exact', async () => {
    const res = await collector.get(
      q('/api/ledger/kpis/trend/export', { months: 1, asOf: '2026-10-31', format: 'csv' }),
    );
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    const lines = res.body.trim().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toBe(
      '2026-10,2026-10-01,2026-10-31,31,EUR,4450.00,5550.65,1200.50,4350.15,2150.65,80.01,17.30,62.71,19.44,' +
        '1200.50,3000.15,400.00,350.00,600.00,1,3,1,1,1',
    );
    const xlsx = await collector.get(q('/api/ledger/kpis/trend/export', { months: 1, format: 'xlsx' }));
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('narrows to a segment of customers', async () => {
    const res = await collector.get(q('/api/ledger/kpis', { asOf: '2026-10-31', segment: 'export' }));
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().currencies).toEqual([OCTOBER.USD]);
  });

  it('refuses a period after the as-of day and a day that does not exist, with a code', async () => {
    const after = await collector.get(q('/api/ledger/kpis', { asOf: '2026-10-31', period: '2026-11' }));
    expect(after.statusCode).toBe(400);
    expect(after.json()).toMatchObject({ code: 'PERIOD_AFTER_AS_OF' });
    const bad = await collector.get(q('/api/ledger/kpis', { asOf: '2026-02-30' }));
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
  });

  it('lets collectors, managers and process owners read the KPIs, and no one else', async () => {
    for (const role of ['manager', 'process_owner'] as const) {
      const agent = await h.login([role]);
      expect((await agent.get(q('/api/ledger/kpis', { asOf: '2026-10-31' }))).statusCode).toBe(200);
    }
    for (const role of ['approver', 'integrator'] as const) {
      const agent = await h.login([role]);
      const res = await agent.get(q('/api/ledger/kpis/trend', { asOf: '2026-10-31' }));
      expect(res.statusCode).toBe(403);
    }
  });
});
