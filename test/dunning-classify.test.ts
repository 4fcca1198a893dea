// Customer-level dunning classification over the ledger, on the real Postgres: a French ledger (holidays, a Saturday
// due date, a balance 0.01 under a threshold, a paid item, credit notes, a payment on account, a disputed invoice,
// excluded and paused customers, a Bavarian customer, two currencies) classified as of Monday 11 May 2026 and
// checked customer by customer against levels computed here in plain JS; L441-10 penalties; the ECB rates API.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLedgerItemsStore, type LedgerRowInput } from '@ledgerflow/db';
import { classifyDunning, type DunningClassification } from '@ledgerflow/engine';
import type { DecisionTableConfig } from '@ledgerflow/flow-model';
import { createHarness, type Agent, type Harness } from './helpers/api-harness.ts';
import { resetEcbRates } from './helpers/ecb-rates-reset.ts';

const AS_OF = '2026-05-11';
// Public holidays around the fixture's due dates, written out here rather than read from date-holidays.
const HOLIDAYS: Record<string, string[]> = {
  FR: ['2026-04-06', '2026-05-01', '2026-05-08', '2026-05-14', '2026-05-25'],
  'DE-BY': ['2026-04-03', '2026-04-06', '2026-05-01', '2026-05-14', '2026-05-25'],
};

type Customer = { segment: string; calendar?: string; excluded?: boolean; pausedUntil?: string };
type Item = {
  doc: string;
  type?: string;
  due: string;
  cur?: string;
  amount: string;
  open?: string;
  disputed?: boolean;
};
const CUSTOMERS: Record<string, Customer & { items: Item[] }> = {
  // 99.99 overdue 40 days: 0.01 under the 100.00 of level 1; its neighbour has exactly 100.00.
  'A-THRESH': { segment: 'sme', items: [{ doc: 'A1', due: '2026-04-01', amount: '99.99' }] },
  'A-EXACT': { segment: 'sme', items: [{ doc: 'A2', due: '2026-04-01', amount: '100.00' }] },
  // 600.00 overdue 21 days less a 150.00 credit note: 450.00, under level 2's 500.00.
  'B-CREDIT': {
    segment: 'sme',
    items: [
      { doc: 'B1', due: '2026-04-20', amount: '600.00' },
      { doc: 'B2', type: 'credit_note', due: '2026-04-25', amount: '-150.00' },
    ],
  },
  // The paid invoice (due 1 March) neither ages the customer nor adds to the balance.
  'C-PAID': {
    segment: 'sme',
    items: [
      { doc: 'C1', due: '2026-03-02', amount: '2000.00', open: '0' },
      { doc: 'C2', due: '2026-04-28', amount: '120.00' },
    ],
  },
  // The disputed invoice is left out; 200.00 due on 1 May (holiday, Friday) is due Monday 4 May: 7 days.
  'D-DISPUTE': {
    segment: 'sme',
    items: [
      { doc: 'D1', due: '2026-02-02', amount: '5000.00', disputed: true },
      { doc: 'D2', due: '2026-05-01', amount: '200.00' },
    ],
  },
  // Due Saturday 9 May and Friday 8 May (holiday): both due Monday 11 May, so not overdue yet.
  'E-SATURDAY': {
    segment: 'sme',
    items: [
      { doc: 'E1', due: '2026-05-09', amount: '800.00' },
      { doc: 'E2', due: '2026-05-08', amount: '300.00' },
    ],
  },
  // Bavaria works on 8 May: 3 days late there.
  'F-BAVARIA': {
    segment: 'sme',
    calendar: 'DE-BY',
    items: [
      { doc: 'F1', due: '2026-05-08', amount: '800.00' },
      { doc: 'F2', due: '2026-05-01', amount: '50.00' },
    ],
  },
  'G-EXCLUDED': { segment: 'sme', excluded: true, items: [{ doc: 'G1', due: '2026-01-15', amount: '9000.00' }] },
  'H-PAUSED': {
    segment: 'sme',
    pausedUntil: '2026-05-20',
    items: [{ doc: 'H1', due: '2026-02-16', amount: '3000.00' }],
  },
  'H-RESUMED': {
    segment: 'sme',
    pausedUntil: '2026-05-10',
    items: [{ doc: 'H2', due: '2026-03-02', amount: '1500.00' }],
  },
  'K-KEY': { segment: 'key', items: [{ doc: 'K1', due: '2026-03-30', amount: '900.00' }] },
  'K-KEY2': { segment: 'key', items: [{ doc: 'K2', due: '2026-04-30', amount: '300.00' }] },
  // 1200.00 overdue 56 days less a 300.00 payment on account: 900.00.
  'P-PAYMENT': {
    segment: 'sme',
    items: [
      { doc: 'P1', due: '2026-03-16', amount: '1200.00' },
      { doc: 'P2', type: 'payment', due: '2026-04-10', amount: '-300.00' },
    ],
  },
  // Per currency: 149.99 USD is under USD's 150.00, 100.00 EUR reaches EUR's 100.00.
  'U-MULTI': {
    segment: 'sme',
    items: [
      { doc: 'U1', due: '2026-04-20', cur: 'USD', amount: '149.99' },
      { doc: 'U2', due: '2026-04-20', amount: '100.00' },
    ],
  },
  'N-NOTDUE': { segment: 'sme', items: [{ doc: 'N1', due: '2026-06-30', amount: '500.00' }] },
};

// First hit, exact boundaries.
const LEVELS: DecisionTableConfig = {
  hitPolicy: 'first',
  columns: [
    { fact: 'segment', operator: 'textEquals' },
    { fact: 'currency', operator: 'textEquals' },
    { fact: 'daysOverdue', operator: 'greaterThanInclusive' },
    { fact: 'overdueBalance', operator: 'amountGte' },
  ],
  rows: [
    { cells: [null, null, 30, '1000.00'], outcome: 'level3' },
    { cells: [null, null, 15, '500.00'], outcome: 'level2' },
    { cells: ['key', null, 1, '1000.00'], outcome: 'level1' },
    { cells: ['key', null, null, null], outcome: 'none' },
    { cells: [null, 'EUR', 1, '100.00'], outcome: 'level1' },
    { cells: [null, 'USD', 1, '150.00'], outcome: 'level1' },
  ],
  defaultOutcome: 'none',
};

// ---- The expected classification, in plain JS over the fixture (cents as BigInt, days by UTC calendar) ----
const DAY_MS = 86_400_000;
const dayOf = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / DAY_MS;
const isoOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const cents = (s: string) => BigInt(s.replace('.', '')) * (s.includes('.') ? 1n : 100n);
const money = (c: bigint) =>
  `${c < 0n ? '-' : ''}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, '0')}`;

function effectiveDue(due: string, calendar: string, shift: boolean): number {
  let d = dayOf(due);
  if (!shift) return d;
  const closed = (x: number) =>
    [0, 6].includes(new Date(x * DAY_MS).getUTCDay()) || HOLIDAYS[calendar]!.includes(isoOf(x));
  while (closed(d)) d++;
  return d;
}

function expectedLevel(segment: string, currency: string, days: number, balance: bigint): number | null {
  if (days >= 30 && balance >= 100000n) return 3;
  if (days >= 15 && balance >= 50000n) return 2;
  if (segment === 'key') return days >= 1 && balance >= 100000n ? 1 : null;
  if (currency === 'EUR' && days >= 1 && balance >= 10000n) return 1;
  if (currency === 'USD' && days >= 1 && balance >= 15000n) return 1;
  return null;
}

function expected(shift: boolean) {
  const asOf = dayOf(AS_OF);
  const rows = new Map<string, { level: number | null; days: number; balance: string }>();
  const skipped = new Map<string, string>();
  for (const [id, c] of Object.entries(CUSTOMERS)) {
    const open = c.items.filter((i) => cents(i.open ?? i.amount) !== 0n && !i.disputed);
    for (const cur of new Set(open.map((i) => i.cur ?? 'EUR'))) {
      if (c.excluded) skipped.set(`${id}/${cur}`, 'excluded');
      else if (c.pausedUntil && c.pausedUntil >= AS_OF) skipped.set(`${id}/${cur}`, 'paused');
      if (skipped.has(`${id}/${cur}`)) continue;
      let balance = 0n;
      let oldest: number | undefined;
      for (const i of open.filter((x) => (x.cur ?? 'EUR') === cur)) {
        const amount = cents(i.open ?? i.amount);
        if ((i.type ?? 'invoice') !== 'invoice') balance += amount;
        else {
          const eff = effectiveDue(i.due, c.calendar ?? 'FR', shift);
          if (eff < asOf) {
            balance += amount;
            oldest = Math.min(oldest ?? eff, eff);
          }
        }
      }
      const days = oldest === undefined ? 0 : asOf - oldest;
      rows.set(`${id}/${cur}`, { level: expectedLevel(c.segment, cur, days, balance), days, balance: money(balance) });
    }
  }
  return { rows, skipped };
}

let h: Harness;
let admin: Agent;
let collector: Agent;
const company = `c1-${randomUUID().slice(0, 8)}`;
const classify = (shiftHolidays: boolean) =>
  classifyDunning(h.orm.em.fork(), {
    asOf: AS_OF,
    timezone: 'Europe/Paris',
    shiftHolidays,
    defaultCalendar: 'FR',
    levels: LEVELS,
    company,
  });
const actual = (r: DunningClassification) => ({
  rows: new Map(
    r.customers.map((c) => [
      `${c.customerId}/${c.currency}`,
      { level: c.level, days: c.daysOverdue, balance: c.overdueBalance },
    ]),
  ),
  skipped: new Map(r.skipped.map((s) => [`${s.customerId}/${s.currency}`, s.reason])),
});

beforeAll(async () => {
  h = await createHarness();
  // Penalties below are computed with the published rates, whatever another file added.
  await resetEcbRates(h.orm);
  admin = await h.login(['admin']);
  collector = await h.login(['collector']);
  const rows: LedgerRowInput[] = Object.entries(CUSTOMERS).flatMap(([id, c]) =>
    c.items.map((i) => ({
      customerId: id,
      document: i.doc,
      itemType: i.type ?? 'invoice',
      documentDate: '2026-01-10',
      dueDate: i.due,
      currency: i.cur ?? 'EUR',
      amount: i.amount,
      openAmount: i.open ?? i.amount,
      disputed: i.disputed ?? false,
      customer: {
        segment: c.segment,
        calendar: c.calendar ?? 'FR',
        excluded: c.excluded ?? false,
        pausedUntil: c.pausedUntil ?? null,
      },
    })),
  );
  async function* stream() {
    yield* rows;
  }
  const result = await createLedgerItemsStore(h.orm.em.fork()).ingest({
    source: 'sap-c1',
    company,
    mode: 'full',
    asOf: new Date('2026-05-11T05:00:00Z'),
    rows: stream(),
  });
  expect(result, JSON.stringify(result.errors)).toMatchObject({ status: 'done', errorCount: 0 });
});
afterAll(async () => h?.close());

describe('dunning classification', () => {
  it('classifies every customer as computed independently, with due dates moved off weekends and holidays', async () => {
    const want = expected(true);
    const got = actual(await classify(true));
    expect(got.rows).toEqual(want.rows);
    expect(got.skipped).toEqual(want.skipped);
    // The fixture's edge cases, spelled out.
    expect(got.rows.get('A-THRESH/EUR')).toEqual({ level: null, days: 40, balance: '99.99' });
    expect(got.rows.get('A-EXACT/EUR')?.level).toBe(1);
    expect(got.rows.get('B-CREDIT/EUR')).toEqual({ level: 1, days: 21, balance: '450.00' });
    expect(got.rows.get('C-PAID/EUR')).toEqual({ level: 1, days: 13, balance: '120.00' });
    expect(got.rows.get('D-DISPUTE/EUR')).toEqual({ level: 1, days: 7, balance: '200.00' });
    expect(got.rows.get('E-SATURDAY/EUR')).toEqual({ level: null, days: 0, balance: '0.00' });
    expect(got.rows.get('F-BAVARIA/EUR')).toEqual({ level: 1, days: 7, balance: '850.00' });
    expect(got.rows.get('P-PAYMENT/EUR')).toEqual({ level: 2, days: 56, balance: '900.00' });
    expect(got.rows.get('U-MULTI/USD')?.level).toBeNull();
    expect(got.rows.get('U-MULTI/EUR')?.level).toBe(1);
    expect(got.skipped).toEqual(
      new Map([
        ['G-EXCLUDED/EUR', 'excluded'],
        ['H-PAUSED/EUR', 'paused'],
      ]),
    );
  });

  it('counts from the contractual due dates when holidays are not shifted', async () => {
    const want = expected(false);
    const got = actual(await classify(false));
    expect(got.rows).toEqual(want.rows);
    expect(got.rows.get('E-SATURDAY/EUR')).toEqual({ level: 1, days: 3, balance: '1100.00' });
    expect(got.rows.get('D-DISPUTE/EUR')?.days).toBe(10);
  });

  it('reports totals, the oldest document and L441-10 penalties on the overdue invoices', async () => {
    const r = await classify(true);
    const b = r.customers.find((c) => c.customerId === 'B-CREDIT')!;
    expect(b).toMatchObject({ totalOpen: '450.00', itemCount: 2, oldestDocument: 'B1', oldestDue: '2026-04-20' });
    // ECB on 1 January 2026: 2.15 (since 2025-06-11) + 10 = 12.15 %.
    // B1: 600.00 × 0.1215 × 21 / 365 = 1530.90 / 365 = 4.1942… → 4.19; the credit note bears none.
    expect(b.invoices).toEqual([
      expect.objectContaining({ document: 'B1', days: 21, penaltyFlat: '40.00', penaltyInterest: '4.19' }),
    ]);
    // D2 due 1 May (holiday) counts from Monday 4 May: 200.00 × 0.1215 × 7 / 365 = 170.10 / 365 = 0.4660… → 0.47.
    const d = r.customers.find((c) => c.customerId === 'D-DISPUTE')!;
    expect(d.invoices.map((i) => [i.document, i.effectiveDue, i.days, i.penaltyInterest])).toEqual([
      ['D2', '2026-05-04', 7, '0.47'],
    ]);
    // F: F2 due 1 May → 4 May, 7 days: 50.00 × 0.1215 × 7 / 365 = 0.1165… → 0.12;
    // F1 due 8 May, 3 days: 800.00 × 0.1215 × 3 / 365 = 0.7989… → 0.80. Totals 80.00 flat, 0.92 interest.
    const f = r.customers.find((c) => c.customerId === 'F-BAVARIA')!;
    expect(f.invoices.map((i) => [i.document, i.penaltyInterest])).toEqual([
      ['F2', '0.12'],
      ['F1', '0.80'],
    ]);
    expect([f.penaltyFlat, f.penaltyInterest]).toEqual(['80.00', '0.92']);
    // Not dunned: no invoices listed.
    expect(r.customers.find((c) => c.customerId === 'A-THRESH')!.invoices).toEqual([]);
  });
});

describe('ECB rates (admin)', () => {
  it('lists the seeded rates, adds one that penalties use, refuses duplicates and other roles, audits', async () => {
    expect((await collector.get('/api/admin/ecb-rates')).statusCode).toBe(403);
    expect((await collector.post('/api/admin/ecb-rates', { effectiveDate: '2026-01-01', rate: '3' })).statusCode).toBe(
      403,
    );
    expect((await h.app.inject({ method: 'GET', url: '/api/admin/ecb-rates' })).statusCode).toBe(401);
    const list = await admin.get('/api/admin/ecb-rates');
    expect(list.statusCode, list.body).toBe(200);
    const rates = (list.json() as { rates: Array<{ effectiveDate: string; rate: string }> }).rates;
    expect(rates).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ effectiveDate: '2025-06-11', rate: '2.15' }),
        expect.objectContaining({ effectiveDate: '2023-09-20', rate: '4.50' }),
        expect.objectContaining({ effectiveDate: '2022-07-27', rate: '0.50' }),
      ]),
    );

    const csv = await admin.get('/api/admin/ecb-rates/export?format=csv');
    expect(csv.statusCode, csv.body).toBe(200);
    expect(csv.body.split('\r\n').slice(0, 1)).toEqual(['\uFEFFeffectiveDate,ratePercent,createdAt,createdBy']);
    expect(csv.body).toContain('\r\n2025-06-11,2.15,');
    const xlsx = await admin.get('/api/admin/ecb-rates/export?format=xlsx');
    expect([xlsx.statusCode, xlsx.rawPayload.subarray(0, 2).toString()]).toEqual([200, 'PK']);
    expect((await collector.get('/api/admin/ecb-rates/export?format=csv')).statusCode).toBe(403);

    const bad = await admin.post('/api/admin/ecb-rates', { effectiveDate: '2026-01-01', rate: 'three' });
    expect(bad.statusCode).toBe(400);
    const added = await admin.post('/api/admin/ecb-rates', { effectiveDate: '2026-01-01', rate: '3' });
    try {
      expect(added.statusCode, added.body).toBe(201);
      expect(added.json()).toMatchObject({ effectiveDate: '2026-01-01', rate: '3.00', createdBy: admin.username });
      const again = await admin.post('/api/admin/ecb-rates', { effectiveDate: '2026-01-01', rate: '3.10' });
      expect(again.statusCode).toBe(409);
      expect(again.json()).toMatchObject({ code: 'ECB_RATE_EXISTS' });
      // The first semester of 2026 now runs at 3.00 + 10: D2 200.00 × 0.13 × 7 / 365 = 182 / 365 = 0.4986… → 0.50.
      const d = (await classify(true)).customers.find((c) => c.customerId === 'D-DISPUTE')!;
      expect(d.invoices[0]?.penaltyInterest).toBe('0.50');
      expect((await collector.req({ method: 'DELETE', url: '/api/admin/ecb-rates/2026-01-01' })).statusCode).toBe(403);
    } finally {
      const removed = await admin.req({ method: 'DELETE', url: '/api/admin/ecb-rates/2026-01-01' });
      expect(removed.statusCode, removed.body).toBe(200);
    }
    expect((await admin.req({ method: 'DELETE', url: '/api/admin/ecb-rates/2026-01-01' })).statusCode).toBe(404);

    const audit = async (action: string) =>
      (
        (await admin.get(`/api/admin/audit?action=${action}&limit=1`)).json() as {
          items: Array<{ actorUsername: string; targetId: string; before: unknown; after: unknown }>;
        }
      ).items[0];
    expect(await audit('ecb_rate.added')).toMatchObject({
      actorUsername: admin.username,
      targetId: '2026-01-01',
      after: { effectiveDate: '2026-01-01', rate: '3.00' },
    });
    expect(await audit('ecb_rate.deleted')).toMatchObject({
      actorUsername: admin.username,
      before: { effectiveDate: '2026-01-01', rate: '3.00' },
    });
  });
});
